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

  'POST /api/v1/declarations': { allow: 'any', probe: 400, body: {} },
  'GET /api/v1/declarations/mine': { allow: 'any', probe: 200 },
  'GET /api/v1/declarations/:id': { allow: 'any', probe: 404 },
  'PATCH /api/v1/declarations/:id': {
    allow: 'any',
    probe: 404,
    body: { becameAwareOn: '2020-01-01' },
  },
  'POST /api/v1/declarations/:id/withdraw': { allow: 'any', probe: 404 },
  'POST /api/v1/declarations/:id/associates/:associateId/ended': {
    allow: 'any',
    probe: 404,
    body: { endedOn: '2020-01-01' },
  },
  'POST /api/v1/declarations/:id/info-requests/:requestId/answer': {
    allow: 'any',
    probe: 404,
    body: { answer: 'probe' },
  },
  'POST /api/v1/declarations/:id/assessments': { allow: ['VETTING'], probe: 400, body: {} },
  'POST /api/v1/declarations/:id/info-requests': {
    allow: ['VETTING'],
    probe: 404,
    body: { question: 'probe' },
  },
  'GET /api/v1/declarations/:id/links': { allow: ['VETTING'], probe: 404 },
  'GET /api/v1/vetting/queue': { allow: ['VETTING'], probe: 200 },
  'GET /api/v1/vetting/stats': {
    allow: ['VETTING'],
    probe: 200,
    query: { from: '2020-01-01', to: '2020-12-31' },
  },

  'GET /api/v1/audit': { allow: ['AUDITOR'], probe: 200 },
  'GET /api/v1/audit/verify': { allow: ['AUDITOR'], probe: 200 },

  'GET /api/v1/alerts': { allow: ['PSD', 'VETTING'], probe: 200 },

  'GET /api/v1/calendar/holidays': { allow: 'any', probe: 200 },
  'POST /api/v1/calendar/holidays': { allow: ['ADMIN'], probe: 400, body: {} },

  'POST /api/v1/criminal-cases': { allow: ['PSD'], probe: 400, body: {} },
  'GET /api/v1/criminal-cases': { allow: ['PSD'], probe: 200 },
  'GET /api/v1/criminal-cases/:id': { allow: ['PSD'], probe: 404 },
  'POST /api/v1/criminal-cases/:id/stages': {
    allow: ['PSD'],
    probe: 404,
    body: { stage: 'ARRESTED', on: '2025-01-06' },
  },
  'POST /api/v1/conduct-cases': { allow: ['PSD'], probe: 400, body: {} },
  'GET /api/v1/conduct-cases': { allow: ['PSD'], probe: 200 },
  'GET /api/v1/conduct-cases/:id': { allow: ['PSD'], probe: 404 },
  'POST /api/v1/conduct-cases/:id/events': {
    allow: ['PSD'],
    probe: 404,
    body: { type: 'SEVERITY_ASSESSED', on: '2025-01-06', severity: 'MISCONDUCT' },
  },
  'GET /api/v1/list-reports': { allow: ['PSD'], probe: 200 },
  'POST /api/v1/list-reports/:id/sent': { allow: ['PSD'], probe: 404, body: {} },

  'POST /api/v1/foi/requests': { allow: ['FOI'], probe: 400, body: {} },
  'GET /api/v1/foi/requests': { allow: ['FOI'], probe: 200 },
  'GET /api/v1/foi/requests/:id': { allow: ['FOI'], probe: 404 },
  'PATCH /api/v1/foi/requests/:id': { allow: ['FOI'], probe: 404, body: {} },
  'GET /api/v1/foi/requests/:id/response': { allow: ['FOI'], probe: 404 },
  'POST /api/v1/foi/extracts': { allow: ['FOI'], probe: 400, body: {} },
  'GET /api/v1/foi/extracts/:id': { allow: ['FOI'], probe: 404 },
  'GET /api/v1/foi/extracts/:id/download': { allow: ['FOI'], probe: 404 },
  'POST /api/v1/foi/extracts/:id/release': { allow: ['FOI'], probe: 404, body: {} },
};
