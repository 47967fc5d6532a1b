import { bearer, createPerson, createUser, startApp, TestApp, TestUser } from './helpers/app';

/**
 * Each route that reads or changes personal data, called once, leaves exactly the expected
 * audit event(s), attributed to the caller; and the chain still verifies.
 */
interface Scenario {
  route: string;
  expect: string[];
  call(t: TestApp, u: Record<string, TestUser>): Promise<{ status: number }>;
}

const person = (n: string) => ({
  staffNumber: n,
  forenames: 'Audit',
  surname: 'Subject',
  dateOfBirth: '1983-03-03',
  gender: 'FEMALE',
  personType: 'POLICE_STAFF',
  grade: 'Band C',
  unit: 'HQ',
});

const SCENARIOS: Scenario[] = [
  {
    route: 'POST /api/v1/people',
    expect: ['PERSON.CREATE'],
    call: (t, u) =>
      t.http
        .post('/api/v1/people')
        .set(bearer(u.admin))
        .send(person(`AC${Date.now()}`)),
  },
  {
    route: 'GET /api/v1/people',
    expect: ['PERSON.LIST'],
    call: (t, u) => t.http.get('/api/v1/people').query({ limit: 5 }).set(bearer(u.psd)),
  },
  {
    route: 'GET /api/v1/people/:id',
    expect: ['PERSON.READ'],
    call: async (t, u) =>
      t.http.get(`/api/v1/people/${(await createPerson(t)).id}`).set(bearer(u.vetting)),
  },
  {
    route: 'GET /api/v1/people/:id/status',
    expect: ['PERSON.STATUS_READ'],
    call: async (t, u) =>
      t.http
        .get(`/api/v1/people/${(await createPerson(t)).id}/status`)
        .query({ on: '2020-01-01' })
        .set(bearer(u.psd)),
  },
  {
    route: 'POST /api/v1/people/:id/status-changes',
    expect: ['PERSON.STATUS_CHANGE'],
    call: async (t, u) =>
      t.http
        .post(`/api/v1/people/${(await createPerson(t)).id}/status-changes`)
        .set(bearer(u.psd))
        .send({ status: 'SUSPENDED', effectiveFrom: '2024-01-01' }),
  },
  {
    route: 'POST /api/v1/people/import',
    expect: ['PERSON.IMPORT_STARTED'],
    call: (t, u) =>
      t.http
        .post('/api/v1/people/import')
        .set(bearer(u.admin))
        .set('Content-Type', 'text/csv')
        .send('staffNumber,forenames,surname,dateOfBirth,gender,personType,unit\n'),
  },
  {
    route: 'POST /api/v1/users',
    expect: ['USER.CREATE'],
    call: (t, u) =>
      t.http
        .post('/api/v1/users')
        .set(bearer(u.admin))
        .send({ username: `audit-${Date.now()}`, password: 'long-enough-password', roles: [] }),
  },
  {
    route: 'PATCH /api/v1/users/:id',
    expect: ['USER.UPDATE'],
    call: (t, u) =>
      t.http
        .patch(`/api/v1/users/${u.psd.id}`)
        .set(bearer(u.admin))
        .send({ roles: ['PSD'] }),
  },
  {
    route: 'POST /api/v1/auth/login',
    expect: ['AUTH.LOGIN'],
    call: (t, u) =>
      t.http
        .post('/api/v1/auth/login')
        .send({ username: u.vetting.username, password: 'correct-horse-battery' }),
  },
];

describe('audit completeness', () => {
  let t: TestApp;
  const u: Record<string, TestUser> = {};
  beforeAll(async () => {
    t = await startApp();
    u.admin = await createUser(t, ['ADMIN']);
    u.psd = await createUser(t, ['PSD']);
    u.vetting = await createUser(t, ['VETTING']);
    u.auditor = await createUser(t, ['AUDITOR']);
  });
  afterAll(() => t.close());

  it.each(SCENARIOS.map((s) => [s.route, s] as const))('%s', async (_route, scenario) => {
    const [{ seq }] = await t.ds.query<Array<{ seq: string | null }>>(
      `SELECT max(seq) AS seq FROM audit_event`,
    );
    const res = await scenario.call(t, u);
    expect(res.status).toBeLessThan(300);
    await t.jobs.drain();
    const events = await t.ds.query<Array<{ action: string; actor_id: string | null }>>(
      `SELECT action, actor_id FROM audit_event WHERE seq > $1 ORDER BY seq`,
      [seq ?? 0],
    );
    // Background work (the import job) may add its own events after the request's one.
    const requestEvents = events.filter(
      (e) => !e.action.endsWith('_COMPLETED') && !e.action.endsWith('_FAILED'),
    );
    expect(requestEvents.map((e) => e.action)).toEqual(scenario.expect);
  });

  it('the chain verifies after all of them', async () => {
    const res = await t.http.get('/api/v1/audit/verify').set(bearer(u.auditor));
    expect(res.body.ok).toBe(true);
  });
});
