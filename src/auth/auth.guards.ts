import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { Request } from 'express';
import { ForbiddenError, DomainError } from '../common/domain-error';
import { isDatabaseUnavailable } from '../database/errors';
import { Actor, currentContext } from '../common/request-context';
import { IS_PUBLIC_KEY, ROLES_KEY } from './decorators';
import { ANY_ROLE } from './roles';

export class UnauthenticatedError extends DomainError {
  readonly status = 401;
}

/** Authenticates every route with a bearer token unless it is marked @Public(). */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;
    return super.canActivate(context);
  }

  override handleRequest<TUser = Actor>(err: unknown, user: TUser | false): TUser {
    // An outage while loading the account is a 503, not a reason to call the token bad.
    if (isDatabaseUnavailable(err)) throw err as Error;
    if (err || !user) {
      throw new UnauthenticatedError('AUTH.UNAUTHENTICATED', 'A valid bearer token is required');
    }
    const ctx = currentContext();
    if (ctx) ctx.actor = user as unknown as Actor;
    return user;
  }
}

/** Deny by default: a route that declares no roles is refused, even to an admin. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, targets)) return true;
    const roles = this.reflector.getAllAndOverride<string[] | undefined>(ROLES_KEY, targets);
    const user = context.switchToHttp().getRequest<Request & { user?: Actor }>().user;
    if (!roles || roles.length === 0 || !user) {
      throw new ForbiddenError('AUTH.NO_ROLE_DECLARED', 'This route is not open to any role');
    }
    if (roles.includes(ANY_ROLE) || roles.some((r) => user.roles.includes(r))) return true;
    throw new ForbiddenError('AUTH.FORBIDDEN', 'Your roles do not allow this');
  }
}
