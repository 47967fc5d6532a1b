import { ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { Request } from 'express';
import { ValidationError } from '../common/domain-error';
import { toErrorDetails } from '../common/validation';
import { UnauthenticatedError } from './auth.guards';
import { LoginDto } from './dto/login.dto';

/**
 * passport-local behind a body check: guards run before pipes, so the login body is validated
 * here to give the same 400 VALIDATION_FAILED as every other route.
 */
@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {
  override canActivate(context: ExecutionContext) {
    const body: unknown = context.switchToHttp().getRequest<Request>().body;
    const dto = plainToInstance(LoginDto, body ?? {});
    const errors = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true });
    if (typeof body !== 'object' || body === null || Array.isArray(body) || errors.length) {
      throw new ValidationError(
        'VALIDATION_FAILED',
        'The request body is not valid',
        toErrorDetails(errors),
      );
    }
    return super.canActivate(context);
  }

  override handleRequest<TUser>(err: unknown, user: TUser | false): TUser {
    if (err instanceof Error) throw err;
    if (err) throw new Error('Authentication failed');
    if (!user)
      throw new UnauthenticatedError('AUTH.INVALID_CREDENTIALS', 'Wrong username or password');
    return user;
  }
}
