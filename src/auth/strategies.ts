import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy as JwtStrategyBase } from 'passport-jwt';
import { Strategy as LocalStrategyBase } from 'passport-local';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Actor } from '../common/request-context';
import { AuthService, JwtPayload } from './auth.service';
import { jwtKey } from './jwt-key';

@Injectable()
export class LocalStrategy extends PassportStrategy(LocalStrategyBase, 'local') {
  constructor(private readonly auth: AuthService) {
    super({ usernameField: 'username', passwordField: 'password' });
  }

  validate(username: string, password: string): Promise<Actor> {
    return this.auth.validateCredentials(username, password);
  }
}

@Injectable()
export class JwtStrategy extends PassportStrategy(JwtStrategyBase, 'jwt') {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly auth: AuthService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A KeyObject made once: given a string, jsonwebtoken tries to parse it as a PEM public key
      // on every verification before treating it as a secret (a measurable share of each request).
      secretOrKey: jwtKey(config.auth.jwtSecret) as unknown as Buffer,
      algorithms: ['HS256'],
      ignoreExpiration: false,
    });
  }

  async validate(payload: JwtPayload): Promise<Actor | false> {
    return (await this.auth.actorForToken(payload)) ?? false;
  }
}
