import { AsyncLocalStorage } from 'node:async_hooks';

export interface Actor {
  id: string;
  username: string;
  roles: string[];
  personId: string | null;
}

export interface RequestContext {
  requestId: string;
  ip: string | null;
  actor: Actor | null;
}

/**
 * Who is calling and from where, for the audit trail, without threading it through every
 * method. Set by a middleware; the auth guard fills in the actor.
 */
export const requestContext = new AsyncLocalStorage<RequestContext>();

export function currentContext(): RequestContext | undefined {
  return requestContext.getStore();
}
