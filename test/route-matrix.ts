import { Role } from '../src/auth/roles';

/**
 * Who may call each route, and what an allowed caller gets for a harmless probe (ids are random
 * UUIDs, bodies as given). Every route the application serves must appear here: the access
 * spec reads the app's own route table and fails on any route missing from this list.
 */
export interface RouteRule {
  /** 'public', 'any' (any authenticated user) or the roles allowed. */
  allow: 'public' | 'any' | Role[];
  /** Status an allowed caller gets for the probe. */
  probe: number;
  body?: unknown;
  query?: Record<string, string>;
  /** Content type of the probe body when not JSON. */
  contentType?: string;
}

export const ROUTE_MATRIX: Record<string, RouteRule> = {
  'GET /api/health': { allow: 'public', probe: 200 },
  'POST /api/v1/auth/login': { allow: 'public', probe: 400, body: {} },
  'GET /api/v1/auth/me': { allow: 'any', probe: 200 },

  'POST /api/v1/users': { allow: ['ADMIN'], probe: 400, body: {} },
  'GET /api/v1/users': { allow: ['ADMIN'], probe: 200 },
  'PATCH /api/v1/users/:id': { allow: ['ADMIN'], probe: 404, body: { disabled: false } },

  'POST /api/v1/people': { allow: ['ADMIN'], probe: 400, body: {} },
  'GET /api/v1/people': { allow: ['PSD', 'VETTING'], probe: 200 },
  'POST /api/v1/people/import': { allow: ['ADMIN'], probe: 400, body: '', contentType: 'text/csv' },
  'GET /api/v1/people/import/:id': { allow: ['ADMIN'], probe: 404 },
  'GET /api/v1/people/:id': { allow: ['PSD', 'VETTING'], probe: 404 },
  'GET /api/v1/people/:id/status': {
    allow: ['PSD', 'VETTING'],
    probe: 404,
    query: { on: '2020-01-01' },
  },
  'POST /api/v1/people/:id/status-changes': { allow: ['PSD', 'ADMIN'], probe: 400, body: {} },

  'GET /api/v1/audit': { allow: ['AUDITOR'], probe: 200 },
  'GET /api/v1/audit/verify': { allow: ['AUDITOR'], probe: 200 },

  'GET /api/v1/alerts': { allow: ['PSD', 'VETTING'], probe: 200 },
};
