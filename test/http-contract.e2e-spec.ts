import { randomUUID } from 'node:crypto';
import { bearer, createUser, startApp, TestApp, TestUser } from './helpers/app';
import { ROUTE_MATRIX } from './route-matrix';

describe('HTTP contract: errors, limits, health and docs', () => {
  let t: TestApp;
  let admin: TestUser;
  beforeAll(async () => {
    t = await startApp();
    admin = await createUser(t, ['ADMIN', 'PSD']);
  });
  afterAll(() => t.close());

  it('rejects unknown fields with 400 VALIDATION_FAILED naming the field', async () => {
    const res = await t.http
      .patch(`/api/v1/users/${admin.id}`)
      .set(bearer(admin))
      .send({ isRoot: true });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    expect(res.body.details).toEqual([expect.objectContaining({ field: 'isRoot' })]);
  });

  it('rejects wrong types', async () => {
    const res = await t.http
      .patch(`/api/v1/users/${randomUUID()}`)
      .set(bearer(admin))
      .send({ disabled: 'yes' });
    expect(res.status).toBe(400);
    expect(res.body.details[0].field).toBe('disabled');
  });

  it('rejects an id that is not a UUID with 400 INVALID_ID', async () => {
    const res = await t.http.get('/api/v1/people/not-a-uuid').set(bearer(admin));
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('INVALID_ID');
    expect(res.body.details).toEqual([expect.objectContaining({ field: 'id' })]);
    // The parameter at fault is named, whichever it is.
    const nested = await t.http
      .post(`/api/v1/declarations/${randomUUID()}/associates/not-a-uuid/ended`)
      .set(bearer(admin))
      .send({ endedOn: '2024-01-01' });
    expect(nested.status).toBe(400);
    expect(nested.body.details).toEqual([expect.objectContaining({ field: 'associateId' })]);
  });

  it('rejects malformed JSON and bodies over 1 MiB', async () => {
    const bad = await t.http
      .post('/api/v1/people')
      .set(bearer(admin))
      .set('Content-Type', 'application/json')
      .send('{"staffNumber":');
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('MALFORMED_JSON');
    const big = await t.http
      .post('/api/v1/people')
      .set(bearer(admin))
      .send({ surname: 'x'.repeat(1024 * 1024 + 10) });
    expect(big.status).toBe(413);
    expect(big.body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('an unknown route is a coded 404', async () => {
    const res = await t.http.get('/api/v1/nothing-here').set(bearer(admin));
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('NOT_FOUND');
  });

  it('reports health with the database and queue', async () => {
    const res = await t.http.get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', database: 'up', queue: 'up' });
  });

  it('sets security headers and a request id', async () => {
    const res = await t.http.get('/api/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['x-request-id']).toEqual(expect.any(String));
  });

  it('publishes an OpenAPI document describing every route with its roles', async () => {
    const res = await t.http.get('/api/docs-json');
    expect(res.status).toBe(200);
    const paths = res.body.paths as Record<string, Record<string, { 'x-roles'?: string[] }>>;
    for (const route of Object.keys(ROUTE_MATRIX)) {
      const [method, pattern] = route.split(' ');
      const openapiPath = pattern.replace(/:([A-Za-z]+)/g, '{$1}');
      const op = paths[openapiPath]?.[method.toLowerCase()];
      expect({ route, documented: !!op }).toEqual({ route, documented: true });
      const rule = ROUTE_MATRIX[route];
      const expected =
        rule.allow === 'public' ? ['public'] : rule.allow === 'any' ? ['*'] : rule.allow;
      expect({ route, roles: [...(op['x-roles'] ?? [])].sort() }).toEqual({
        route,
        roles: [...expected].sort(),
      });
    }
  });
});
