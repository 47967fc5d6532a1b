import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { ThrottlerModule } from '@nestjs/throttler';
import type { Request } from 'express';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { jwtKey } from './jwt-key';
import { LoginThrottleStorage, LoginThrottleStorageModule } from './login-throttle-storage';
import { LoginThrottlerGuard } from './login-throttler.guard';
import { JwtStrategy, LocalStrategy } from './strategies';

const usernameOf = (req: Record<string, unknown>): string => {
  const body = (req as unknown as Request).body as { username?: unknown } | undefined;
  return typeof body?.username === 'string' ? body.username.toLowerCase().slice(0, 64) : '-';
};

@Module({
  imports: [
    PassportModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        secret: jwtKey(config.auth.jwtSecret),
        signOptions: { expiresIn: config.auth.jwtTtlSeconds, algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
    ThrottlerModule.forRootAsync({
      imports: [LoginThrottleStorageModule],
      inject: [APP_CONFIG, LoginThrottleStorage],
      useFactory: (config: AppConfig, storage: LoginThrottleStorage) => ({
        storage,
        throttlers: [
          { name: 'per-address', ttl: 60_000, limit: config.auth.throttlePerIp },
          {
            name: 'per-user',
            ttl: 60_000,
            limit: config.auth.throttlePerUser,
            getTracker: (req) => usernameOf(req),
          },
        ],
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [AuthService, LocalStrategy, JwtStrategy, LoginThrottlerGuard],
  exports: [AuthService],
})
export class AuthModule {}
