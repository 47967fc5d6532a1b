import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { ROLES, Role } from '../src/auth/roles';
import { bearer, createUser, startApp, TestApp, TestUser } from './helpers/app';
import { ROUTE_MATRIX } from './route-matrix';

/**
 * Property-based fuzzing of every POST and PATCH body and of query strings, for the routes in
 * the matrix: whatever arrives, the answer is a 4xx with a stable code, never a 5xx; nothing is
 * written; the service stays healthy.
 */
const NASTY_STRINGS = [
  "'; DROP TABLE person; --",
  '<script>alert(1)</script>',
  '\u0000\u0001\u001f',
  '\u202e\u200b\ufeff',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🚓',
  '../../etc/passwd',
  '%00',
  '${7*7}{{7*7}}',
  'x'.repeat(70_000),
  '2024-02-30',
  '-1',
  'NaN',
  '1e309',
];

const nastyValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom(...NASTY_STRINGS),
    fc.string(),
    fc.string({ unit: 'binary', maxLength: 50 }),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(fc.string({ maxLength: 10 }), tie('value'), { maxKeys: 5 }),
  ),
})).value;

/** Bodies: random objects, objects with dangerous keys, deep nesting, huge arrays, non-objects. */
const body: fc.Arbitrary<unknown> = fc.oneof(
  fc.dictionary(fc.string({ maxLength: 20 }), nastyValue, { maxKeys: 8 }),
  fc.record(
    { __proto__: nastyValue, constructor: nastyValue, prototype: nastyValue },
    { requiredKeys: [] },
  ),
  fc.integer({ min: 20, max: 200 }).map((depth) => {
    let v: unknown = 'leaf';
    for (let i = 0; i < depth; i++) v = { a: v };
    return v;
  }),
  fc
    .integer({ min: 1000, max: 20000 })
    .map((n) => ({ associates: Array.from({ length: n }, () => ({})) })),
  fc.array(nastyValue, { maxLength: 5 }),
  nastyValue,
);

const query: fc.Arbitrary<Record<string, string>> = fc.dictionary(
  fc.constantFrom(
    'limit',
    'cursor',
    'status',
    'risk',
    'from',
    'to',
    'on',
    'personType',
    'format',
    'x',
  ),
  fc.oneof(
    fc.constantFrom(...NASTY_STRINGS.slice(0, 8)),
    fc.string({ maxLength: 30 }),
    fc.integer().map(String),
  ),
  { maxKeys: 4 },
);

async function rowCounts(t: TestApp): Promise<Record<string, number>> {
  const tables = await t.ds.query<Array<{ table_name: string }>>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
       AND table_name NOT IN ('audit_event', 'audit_seal', 'job_outbox', 'scheduled_run', 'schema_migrations')`,
  );
  const out: Record<string, number> = {};
  for (const { table_name } of tables) {
    const [{ n }] = await t.ds.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM "${table_name}"`,
    );
    out[table_name] = n;
  }
  return out;
}

describe('fuzzing: bad input never causes a 5xx or a write', () => {
  let t: TestApp;
  const users = new Map<Role, TestUser>();
  beforeAll(async () => {
    t = await startApp();
    for (const role of ROLES) users.set(role, await createUser(t, [role]));
  });
  afterAll(() => t.close());

  const writeRoutes = Object.entries(ROUTE_MATRIX).filter(
    ([route, rule]) =>
      /^(POST|PATCH) /.test(route) &&
      rule.allow !== 'public' &&
      route !== 'POST /api/v1/auth/login',
  );

  function callerFor(route: string): TestUser {
    const rule = ROUTE_MATRIX[route];
    const role: Role = rule.allow === 'any' || rule.allow === 'public' ? 'OFFICER' : rule.allow[0];
    return users.get(role)!;
  }

  it.each(writeRoutes.map(([r]) => r))(
    '%s: random bodies get a coded 4xx and write nothing',
    async (route) => {
      const before = await rowCounts(t);
      const [method, pattern] = route.split(' ');
      const caller = callerFor(route);
      await fc.assert(
        fc.asyncProperty(body, async (b) => {
          const path = pattern.replace(/:[A-Za-z]+/g, () => randomUUID());
          const res = await t.http[method.toLowerCase() as 'post'](path)
            .set(bearer(caller))
            .set('Content-Type', 'application/json')
            .send(JSON.stringify(b));
          expect(res.status).toBeGreaterThanOrEqual(400);
          expect(res.status).toBeLessThan(500);
          expect(typeof res.body.code).toBe('string');
        }),
        { numRuns: 120, seed: 20261122 },
      );
      expect(await rowCounts(t)).toEqual(before);
    },
  );

  const readRoutes = Object.keys(ROUTE_MATRIX).filter(
    (r) => r.startsWith('GET ') && !r.includes('/docs'),
  );

  it.each(readRoutes)('%s: random query strings never cause a 5xx', async (route) => {
    const [, pattern] = route.split(' ');
    const caller = callerFor(route);
    await fc.assert(
      fc.asyncProperty(query, async (q) => {
        const path = pattern.replace(/:[A-Za-z]+/g, () => randomUUID());
        const res = await t.http.get(path).query(q).set(bearer(caller));
        expect(res.status).toBeLessThan(500);
        if (res.status >= 400) expect(typeof res.body.code).toBe('string');
      }),
      { numRuns: 40, seed: 20261122 },
    );
  });

  it('a path id that is not a UUID is a 400, whatever it holds', async () => {
    const routes = Object.keys(ROUTE_MATRIX).filter((r) => r.includes(':'));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        fc.constantFrom(...NASTY_STRINGS.slice(0, 8), '1', 'abc'),
        async (route, bad) => {
          const [method, pattern] = route.split(' ');
          const path = pattern.replace(/:[A-Za-z]+/g, encodeURIComponent(bad));
          const res = await t.http[method.toLowerCase() as 'get'](path)
            .set(bearer(callerFor(route)))
            .send({});
          expect({ route, status: res.status }).toEqual({ route, status: 400 });
        },
      ),
      { numRuns: 60, seed: 7 },
    );
  });

  it('raw prototype-pollution payloads are refused and pollute nothing', async () => {
    const payloads = [
      '{"__proto__":{"roles":["ADMIN"],"isAdmin":true}}',
      '{"constructor":{"prototype":{"polluted":true}}}',
      '{"associates":[{"__proto__":{"relationship":"PARTNER"}}]}',
      '{"a":' + '['.repeat(500) + ']'.repeat(500) + '}',
    ];
    for (const [route] of writeRoutes) {
      const [method, pattern] = route.split(' ');
      for (const raw of payloads) {
        const path = pattern.replace(/:[A-Za-z]+/g, () => randomUUID());
        const res = await t.http[method.toLowerCase() as 'post'](path)
          .set(bearer(callerFor(route)))
          .set('Content-Type', 'application/json')
          .send(raw);
        expect({ route, status: res.status < 500 && res.status >= 400 }).toEqual({
          route,
          status: true,
        });
      }
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  it('POST /api/v1/declarations: any Idempotency-Key is accepted, refused as reused, or a 400 naming the header; never a 5xx', async () => {
    // What an HTTP client can send in a header value: visible ASCII, space, tab and Latin-1.
    const headerChar = fc
      .oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0x80, max: 0xff }))
      .map((c) => String.fromCharCode(c));
    const key = fc.oneof(
      fc.string({ unit: headerChar, maxLength: 300 }),
      fc.string({ unit: fc.constantFrom('a', '-', '\t', ' ', 'é', '~'), maxLength: 12 }),
      fc.uuid().map((u) => `retry-${u}`),
      fc.string({ unit: fc.constant('k'), minLength: 250, maxLength: 260 }),
    );
    const officer = users.get('OFFICER')!;
    const used = new Set<string>();
    await fc.assert(
      fc.asyncProperty(key, async (k) => {
        const res = await t.http
          .post('/api/v1/declarations')
          .set(bearer(officer))
          .set('Idempotency-Key', k)
          .send({
            becameAwareOn: '2026-01-10',
            associates: [
              {
                fullName: `Fuzz Associate ${randomUUID()}`,
                relationship: 'FRIEND',
                reasons: ['OTHER'],
                current: true,
              },
            ],
          });
        // A server reads a header value without its surrounding spaces and tabs.
        const sent = k.replace(/^[ \t]+|[ \t]+$/g, '');
        if (/^[\x21-\x7e]{8,255}$/.test(sent)) {
          // A key seen before named another body (each associate's name is new): refused.
          const reused = used.has(sent);
          used.add(sent);
          expect({ k, status: res.status, code: res.body.code as unknown }).toEqual(
            reused
              ? { k, status: 409, code: 'DECLARATION.IDEMPOTENCY_KEY_REUSED' }
              : { k, status: 201, code: undefined },
          );
        } else {
          expect({ k, status: res.status }).toEqual({ k, status: 400 });
          expect(res.body.code).toBe('VALIDATION_FAILED');
          expect(res.body.details).toEqual([
            { field: 'Idempotency-Key', message: expect.any(String) },
          ]);
        }
      }),
      { numRuns: 150, seed: 20261130 },
    );
  });

  it('the service is still healthy afterwards', async () => {
    const res = await t.http.get('/api/health');
    expect(res.status).toBe(200);
  });
});
