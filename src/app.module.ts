import { DynamicModule, MiddlewareConsumer, Module, NestModule, Type } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AlertsModule } from './alerts/alerts.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { JwtAuthGuard, RolesGuard } from './auth/auth.guards';
import { CalendarModule } from './calendar/calendar.module';
import { CasesModule } from './cases/cases.module';
import { HttpExceptionFilter } from './common/http-exception.filter';
import { RequestContextMiddleware } from './common/request-context.middleware';
import { AppConfig } from './config/app-config';
import { AppConfigModule } from './config/config.module';
import { buildDataSourceOptions } from './database/database-options';
import { DeclarationsModule } from './declarations/declarations.module';
import { DemoModule } from './demo/demo.module';
import { FoiModule } from './foi/foi.module';
import { HealthModule } from './health/health.module';
import { JobsModule } from './jobs/jobs.module';
import { FieldRotationModule } from './crypto/field-rotation.service';
import { PeopleModule } from './people/people.module';
import { UsersModule } from './users/users.module';

/** Feature modules, in one list so the API and the worker load the same handlers. */
export const FEATURE_MODULES = [
  AlertsModule,
  AuthModule,
  UsersModule,
  PeopleModule,
  CalendarModule,
  CasesModule,
  DeclarationsModule,
  FoiModule,
  AuditModule,
  HealthModule,
  DemoModule,
  FieldRotationModule,
];

@Module({})
export class AppModule implements NestModule {
  static forRoot(
    config: AppConfig,
    databaseUrl: string,
    extraControllers: Type[] = [],
  ): DynamicModule {
    return {
      module: AppModule,
      controllers: extraControllers,
      imports: [
        AppConfigModule.forRoot(config),
        TypeOrmModule.forRoot({
          ...buildDataSourceOptions(databaseUrl, config.database.poolMax, !config.database.url),
          // The pool reconnects by itself; do not retry forever at boot.
          retryAttempts: 3,
          retryDelay: 1000,
        }),
        JobsModule,
        ...FEATURE_MODULES,
      ],
      providers: [
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_GUARD, useClass: RolesGuard },
        { provide: APP_FILTER, useClass: HttpExceptionFilter },
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestContextMiddleware).forRoutes('{*path}');
  }
}
