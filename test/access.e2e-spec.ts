import { Controller, Get, INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ROLES, Role } from '../src/auth/roles';
import { bearer, createUser, startApp, TestApp, TestUser } from './helpers/app';
import { ROUTE_MATRIX } from './route-matrix';

/** The routes the application actually serves, read from Express's router. */
function servedRoutes(app: INestApplication): string[] {
  const express = app.getHttpAdapter().getInstance() as {
    router: { stack: Array<{ route?: { path: string; methods: Record<string, boolean> } }> };
  };
  const out = new Set<string>();
  for (const layer of express.router.stack) {
    if (!layer.route) continue;
    // Nest mounts middleware as an all-methods route on the prefix: not an endpoint.
    if (Object.keys(layer.route.methods).length > 10) continue;
    for (const [method, on] of Object.entries(layer.route.methods)) {
      if (on && method !== '_all') out.add(`${method.toUpperCase()} ${layer.route.path}`);
    }
  }
  // Swagger UI and its JSON are documentation, served publicly by design.
  return [...out].filter((r) => !r.includes('/api/docs')).sort();
}

describe('access: role × route matrix', () => {
  let t: TestApp;
  const users = new Map<Role, TestUser>();

  beforeAll(async () => {
    t = await startApp();
    for (const role of ROLES) users.set(role, await createUser(t, [role]));
  });
  afterAll(() => t.close());

  it('every served route is in the matrix, and the matrix has no stale routes', () => {
    const served = servedRoutes(t.app);
    expect(served.filter((r) => !(r in ROUTE_MATRIX))).toEqual([]);
    expect(Object.keys(ROUTE_MATRIX).filter((r) => !served.includes(r))).toEqual([]);
  });

  const cells: Array<[string, Role | 'anonymous']> = [];
  for (const route of Object.keys(ROUTE_MATRIX)) {
    cells.push([route, 'anonymous']);
    for (const role of ROLES) cells.push([route, role]);
  }

  it.each(cells)('%s as %s', async (route, who) => {
    const rule = ROUTE_MATRIX[route];
    const [method, pattern] = route.split(' ');
    const path = pattern.replace(/:[A-Za-z]+/g, () => randomUUID());
    let req = t.http[method.toLowerCase() as 'get'](path);
    if (who !== 'anonymous') req = req.set(bearer(users.get(who)!));
    if (rule.query) req = req.query(rule.query);
    if (rule.body !== undefined) {
      req = rule.contentType
        ? req.set('Content-Type', rule.contentType).send(rule.body as string)
        : req.send(rule.body as object);
    }
    const res = await req;
    let expected: number;
    if (rule.allow === 'public') expected = rule.probe;
    else if (who === 'anonymous') expected = 401;
    else if (rule.allow === 'any' || rule.allow.includes(who)) expected = rule.probe;
    else expected = 403;
    expect({ route, who, status: res.status }).toEqual({ route, who, status: expected });
    if (expected >= 400) expect(typeof (res.body as { code?: unknown }).code).toBe('string');
  });
});

@Controller('v1/test-undeclared')
class UndeclaredController {
  @Get()
  open(): string {
    return 'should never be served';
  }
}

describe('access: deny by default', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp({}, [UndeclaredController]);
  });
  afterAll(() => t.close());

  it('refuses a route that declares no roles, even to an administrator', async () => {
    const admin = await createUser(t, ['ADMIN', 'AUDITOR', 'PSD', 'VETTING', 'FOI']);
    const res = await t.http.get('/api/v1/test-undeclared').set(bearer(admin));
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('AUTH.NO_ROLE_DECLARED');
    const anon = await t.http.get('/api/v1/test-undeclared');
    expect(anon.status).toBe(401);
  });
});
