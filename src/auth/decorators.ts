import {
  applyDecorators,
  createParamDecorator,
  ExecutionContext,
  SetMetadata,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtension,
  ApiForbiddenResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { Actor } from '../common/request-context';
import { ANY_ROLE, Role } from './roles';

export const IS_PUBLIC_KEY = 'psr:isPublic';
export const ROLES_KEY = 'psr:roles';

/** No authentication: health and login only. */
export const Public = () =>
  applyDecorators(SetMetadata(IS_PUBLIC_KEY, true), ApiExtension('x-roles', ['public']));

/**
 * Who may call the route. A route without it is refused to everyone (deny by default), so
 * forgetting it fails closed. Also documents the roles in the OpenAPI description.
 */
export const Roles = (...roles: Array<Role | typeof ANY_ROLE>) =>
  applyDecorators(
    SetMetadata(ROLES_KEY, roles),
    ApiBearerAuth(),
    ApiExtension('x-roles', roles),
    ApiUnauthorizedResponse({
      description: 'Missing, expired or invalid token (AUTH.UNAUTHENTICATED)',
    }),
    ApiForbiddenResponse({ description: `Allowed roles: ${roles.join(', ')} (AUTH.FORBIDDEN)` }),
  );

/** Any authenticated user. */
export const AnyRole = () => Roles(ANY_ROLE);

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const req = ctx.switchToHttp().getRequest<Request & { user: Actor }>();
  return req.user;
});
