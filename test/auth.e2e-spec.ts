import { createHmac } from 'node:crypto';
import Redis from 'ioredis';
import { bearer, createUser, login, PASSWORD, startApp, TestApp, unique } from './helpers/app';

function b64url(o: object): string {
  return Buffer.from(JSON.stringify(o)).toString('base64url');
}

describe('auth', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(() => t.close());

  it('logs in with the right password and returns a token, its lifetime and the user', async () => {
    const u = await createUser(t, ['PSD']);
    const res = await t.http
      .post('/api/v1/auth/login')
      .send({ username: u.username, password: PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      expiresIn: 900,
      user: { id: u.id, username: u.username, roles: ['OFFICER', 'PSD'], personId: u.personId },
    });
    const me = await t.http
      .get('/api/v1/auth/me')
      .set('Authorization', `Bearer ${res.body.accessToken}`);
    expect(me.status).toBe(200);
    expect(me.body).toEqual({
      id: u.id,
      username: u.username,
      roles: ['OFFICER', 'PSD'],
      personId: u.personId,
    });
  });

  it('refuses a wrong password or unknown user with the same 401', async () => {
    const u = await createUser(t, []);
    const wrong = await t.http
      .post('/api/v1/auth/login')
      .send({ username: u.username, password: 'nope-nope' });
    const unknown = await t.http
      .post('/api/v1/auth/login')
      .send({ username: 'nobody-here', password: 'nope' });
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('AUTH.INVALID_CREDENTIALS');
    }
  });

  it('refuses a malformed login body with 400 and the field named', async () => {
    const res = await t.http
      .post('/api/v1/auth/login')
      .send({ username: 12, password: 'x', extra: true });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    const fields = (res.body.details as Array<{ field: string }>).map((d) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['username', 'extra']));
  });

  it('locks the account after repeated failures, even for the right password', async () => {
    const u = await createUser(t, []);
    for (let i = 0; i < 5; i++) {
      const r = await t.http
        .post('/api/v1/auth/login')
        .send({ username: u.username, password: 'bad-password' });
      expect(r.status).toBe(401);
    }
    const locked = await t.http
      .post('/api/v1/auth/login')
      .send({ username: u.username, password: PASSWORD });
    expect(locked.status).toBe(423);
    expect(locked.body.code).toBe('AUTH.ACCOUNT_LOCKED');
    const events = await t.ds.query(
      `SELECT action FROM audit_event WHERE entity_id = $1 AND action LIKE 'AUTH.%' ORDER BY seq`,
      [u.id],
    );
    expect(events.map((e: { action: string }) => e.action)).toContain('AUTH.ACCOUNT_LOCKED');
  });

  it('an admin unlocks the account by resetting the password', async () => {
    const admin = await createUser(t, ['ADMIN']);
    const u = await createUser(t, []);
    for (let i = 0; i < 5; i++) {
      await t.http
        .post('/api/v1/auth/login')
        .send({ username: u.username, password: 'bad-password' });
    }
    const patch = await t.http
      .patch(`/api/v1/users/${u.id}`)
      .set(bearer(admin))
      .send({ password: 'a-brand-new-password' });
    expect(patch.status).toBe(200);
    expect(patch.body.lockedUntil).toBeNull();
    await expect(login(t, u.username, 'a-brand-new-password')).resolves.toEqual(expect.any(String));
  });

  describe('tokens', () => {
    it('refuses a missing, malformed, wrongly signed, unsigned or edited token', async () => {
      const u = await createUser(t, []);
      const [h, p] = u.token.split('.');
      const payload = JSON.parse(Buffer.from(p, 'base64url').toString());
      const forged = b64url({ ...payload, roles: ['ADMIN'], sub: payload.sub });
      const wrongKey = createHmac('sha256', 'not-the-secret')
        .update(`${h}.${p}`)
        .digest('base64url');
      const tokens = [
        'garbage',
        `${h}.${p}.${wrongKey}`,
        `${b64url({ alg: 'none', typ: 'JWT' })}.${p}.`,
        `${h}.${forged}.${u.token.split('.')[2]}`,
      ];
      expect((await t.http.get('/api/v1/auth/me')).status).toBe(401);
      for (const token of tokens) {
        const res = await t.http.get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`);
        expect(res.status).toBe(401);
        expect(res.body.code).toBe('AUTH.UNAUTHENTICATED');
      }
    });

    it('refuses an expired token', async () => {
      const u = await createUser(t, []);
      const payload = JSON.parse(Buffer.from(u.token.split('.')[1], 'base64url').toString());
      const h = b64url({ alg: 'HS256', typ: 'JWT' });
      const p = b64url({ ...payload, iat: 1_600_000_000, exp: 1_600_000_900 });
      const sig = createHmac('sha256', process.env.JWT_SECRET!)
        .update(`${h}.${p}`)
        .digest('base64url');
      const res = await t.http
        .get('/api/v1/auth/me')
        .set('Authorization', `Bearer ${h}.${p}.${sig}`);
      expect(res.status).toBe(401);
    });

    it("stops a disabled user's token at once, and a role change ends old sessions", async () => {
      const admin = await createUser(t, ['ADMIN']);
      const u = await createUser(t, []);
      expect((await t.http.get('/api/v1/auth/me').set(bearer(u))).status).toBe(200);
      await t.http
        .patch(`/api/v1/users/${u.id}`)
        .set(bearer(admin))
        .send({ disabled: true })
        .expect(200);
      expect((await t.http.get('/api/v1/auth/me').set(bearer(u))).status).toBe(401);
      const relogin = await t.http
        .post('/api/v1/auth/login')
        .send({ username: u.username, password: PASSWORD });
      expect(relogin.status).toBe(401);
    });
  });

  describe('accounts', () => {
    it('an admin creates accounts, always with the OFFICER base role, and lists them', async () => {
      const admin = await createUser(t, ['ADMIN']);
      const username = `new-${Date.now()}`;
      const res = await t.http
        .post('/api/v1/users')
        .set(bearer(admin))
        .send({ username, password: 'long-enough-password', roles: ['VETTING'] });
      expect(res.status).toBe(201);
      expect(res.body.roles).toEqual(['OFFICER', 'VETTING']);
      expect(res.body).not.toHaveProperty('passwordHash');
      const dup = await t.http
        .post('/api/v1/users')
        .set(bearer(admin))
        .send({ username, password: 'long-enough-password', roles: [] });
      expect(dup.status).toBe(409);
      expect(dup.body.code).toBe('USER.USERNAME_TAKEN');
      const list = await t.http.get('/api/v1/users').query({ limit: 200 }).set(bearer(admin));
      expect(list.status).toBe(200);
      expect(list.body.items.map((x: { username: string }) => x.username)).toContain(username);
    });

    it('an admin cannot grant roles to themselves', async () => {
      const admin = await createUser(t, ['ADMIN']);
      const res = await t.http
        .patch(`/api/v1/users/${admin.id}`)
        .set(bearer(admin))
        .send({ roles: ['ADMIN', 'VETTING'] });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('USER.SELF_GRANT');
    });

    it('refuses an unknown role', async () => {
      const admin = await createUser(t, ['ADMIN']);
      const res = await t.http
        .post('/api/v1/users')
        .set(bearer(admin))
        .send({ username: 'someone-new', password: 'long-enough-password', roles: ['SUPERUSER'] });
      expect(res.status).toBe(400);
      expect(res.body.details[0].field).toBe('roles');
    });
  });
});

// Its own app with strict limits; one application at a time per process.
describe('auth: throttling', () => {
  let strict: TestApp;
  beforeAll(async () => {
    strict = await startApp({ LOGIN_THROTTLE_PER_IP: '4', LOGIN_THROTTLE_PER_USER: '3' });
  });
  afterAll(() => strict.close());

  it('throttles one address trying many accounts', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const r = await strict.http
        .post('/api/v1/auth/login')
        .set('X-Forwarded-For', '203.0.113.7')
        .send({ username: `spray${i}`, password: 'x' });
      statuses.push(r.status);
      if (r.status === 429) expect(r.body.code).toBe('AUTH.TOO_MANY_ATTEMPTS');
    }
    expect(statuses.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(statuses.slice(4)).toEqual([429, 429]);
  });

  it('throttles one account tried from many addresses', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await strict.http
        .post('/api/v1/auth/login')
        .set('X-Forwarded-For', `198.51.100.${i + 1}`)
        .send({ username: 'target-user', password: 'x' });
      statuses.push(r.status);
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });
});

/** Connections to REDIS_URL that carry `name` (CLIENT SETNAME). */
async function redisClientsNamed(name: string): Promise<number> {
  const redis = new Redis(process.env.REDIS_URL!);
  try {
    const list = (await redis.client('LIST')) as string;
    return list.split('\n').filter((line) => line.includes(` name=${name} `)).length;
  } finally {
    redis.disconnect();
  }
}

// Two API processes, one after the other (one application at a time per test process), with the
// same Redis: the second continues the first's count. Without REDIS_URL each process counts
// alone (the account lockout in the database is then the cross-process guard).
describe('auth: throttling across API processes', () => {
  it("counts one account's attempts in Redis when REDIS_URL is set, per process without it", async () => {
    const env = { LOGIN_THROTTLE_PER_IP: '1000', LOGIN_THROTTLE_PER_USER: '3' };
    const username = unique('spread');
    const attempt = (t: TestApp, i: number) =>
      t.http
        .post('/api/v1/auth/login')
        .set('X-Forwarded-For', `198.51.100.${50 + i}`)
        .send({ username, password: 'x' })
        .then((r) => r.status);
    const statuses: number[] = [];
    const first = await startApp(env);
    try {
      // The throttle's Redis connection opens on the first login, not at start (a worker,
      // which serves none, never opens it).
      const throttleClients = () =>
        redisClientsNamed(`${first.started.config.redis.prefix}:login-throttle`);
      if (process.env.REDIS_URL) expect(await throttleClients()).toBe(0);
      for (let i = 0; i < 3; i++) statuses.push(await attempt(first, i));
      if (process.env.REDIS_URL) expect(await throttleClients()).toBe(1);
    } finally {
      await first.close();
    }
    const second = await startApp(env);
    try {
      for (let i = 3; i < 5; i++) statuses.push(await attempt(second, i));
    } finally {
      await second.close();
    }
    expect(statuses).toEqual(
      process.env.REDIS_URL ? [401, 401, 401, 429, 429] : [401, 401, 401, 401, 401],
    );
  });
});
