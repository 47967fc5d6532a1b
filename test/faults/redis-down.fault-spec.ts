import {
  declarationBody,
  login,
  postJson,
  report,
  ServiceProcess,
  startService,
  throwawayServers,
  waitFor,
  withClient,
} from './harness';

describe('fault: Redis down while work that implies jobs is submitted', () => {
  const servers = throwawayServers({ redis: true });
  let svc: ServiceProcess;
  beforeAll(async () => {
    svc = await startService({
      DATABASE_URL: servers.pg.url,
      REDIS_URL: servers.redis.url,
      DEMO_SEED: 'true',
    });
    servers.procs.push(svc);
  });

  it('accepts every submission and runs each implied job once Redis returns', async () => {
    const admin = await login(svc.url, 'admin1');
    await servers.redis.stop();
    const health = await fetch(`${svc.url}/api/health`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ database: 'up', queue: 'down' });

    // Declarations need no queue: each must still be accepted while Redis is away.
    const officer = await login(svc.url, 'officer1');
    let declared = 0;
    for (let i = 0; i < 10; i++) {
      const r = await postJson(`${svc.url}/api/v1/declarations`, officer, declarationBody(i));
      expect(r.status).toBe(201);
      declared++;
    }

    const accepted: string[] = [];
    for (let i = 0; i < 10; i++) {
      const csv = `staffNumber,forenames,surname,dateOfBirth,gender,personType,grade,unit\nB${process.pid}x${i},Queue,Test,1991-01-01,MALE,POLICE_STAFF,Band A,HQ\n`;
      const r = await fetch(`${svc.url}/api/v1/people/import`, {
        method: 'POST',
        headers: { 'content-type': 'text/csv', authorization: `Bearer ${admin}` },
        body: csv,
      });
      expect(r.status).toBe(202);
      accepted.push(((await r.json()) as { id: string }).id);
    }
    const waiting = await withClient(servers.pg.url, async (c) => {
      const r = await c.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM job_outbox WHERE dispatched_at IS NULL`,
      );
      return r.rows[0].n;
    });
    expect(waiting).toBeGreaterThanOrEqual(accepted.length);

    await servers.redis.start();
    await waitFor(async () => {
      const r = await withClient(servers.pg.url, (c) =>
        c.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM people_import WHERE id = ANY($1) AND status = 'COMPLETED'`,
          [accepted],
        ),
      );
      return r.rows[0].n === accepted.length;
    }, 60000);
    const { people, runs } = await withClient(servers.pg.url, async (c) => {
      const p = await c.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM person WHERE staff_number LIKE $1`,
        [`B${process.pid}x%`],
      );
      const j = await c.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM job_outbox WHERE completed_at IS NOT NULL AND name = 'people.import'`,
      );
      return { people: p.rows[0].n, runs: j.rows[0].n };
    });
    report('Redis down', {
      declarationsAccepted: declared,
      importsAccepted: accepted.length,
      completed: runs,
      imported: people,
      lost: accepted.length - people,
    });
    expect(people).toBe(accepted.length);
    expect(runs).toBe(accepted.length);
  });
});
