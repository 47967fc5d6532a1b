import {
  login,
  personBody,
  postJson,
  report,
  ServiceProcess,
  startPostgres,
  startService,
  ThrowawayPostgres,
  waitFor,
  withClient,
} from './harness';

describe('fault: PostgreSQL restarted under load', () => {
  let pg: ThrowawayPostgres;
  let svc: ServiceProcess;
  beforeAll(async () => {
    pg = await startPostgres();
    svc = await startService({ DATABASE_URL: pg.url, DEMO_SEED: 'true', DB_POOL_MAX: '5' });
  });
  afterAll(async () => {
    await svc?.kill('SIGKILL');
    pg?.destroy();
  });

  it('fails fast with 503 during the outage, reconnects by itself and loses no acknowledged write', async () => {
    const admin = await login(svc.url, 'admin1');
    const acknowledged: string[] = [];
    const statuses = new Map<string, number>();
    let hung = 0;
    let stop = false;
    let n = 0;
    const worker = async (w: number) => {
      while (!stop) {
        const staffNumber = `R${w}x${n++}`;
        try {
          const r = await postJson(
            `${svc.url}/api/v1/people`,
            admin,
            personBody(staffNumber),
            8000,
          );
          const code = typeof r.body.code === 'string' ? r.body.code : '';
          const key = `${r.status} ${code}`.trim();
          statuses.set(key, (statuses.get(key) ?? 0) + 1);
          if (r.status === 201) acknowledged.push(staffNumber);
          if (r.status === 503) await new Promise((res) => setTimeout(res, 50));
        } catch {
          hung++;
        }
      }
    };
    const load = Promise.all([0, 1, 2, 3].map(worker));
    await new Promise((r) => setTimeout(r, 1500));
    pg.stop('fast');
    await new Promise((r) => setTimeout(r, 2500));
    pg.start();
    // The service must come back without a restart.
    await waitFor(async () => (await fetch(`${svc.url}/api/health`)).status === 200, 30000);
    await new Promise((r) => setTimeout(r, 1500));
    stop = true;
    await load;

    const after = await postJson(
      `${svc.url}/api/v1/people`,
      admin,
      personBody(`Rafter${process.pid}`),
    );
    expect(after.status).toBe(201);

    const present = await withClient(pg.url, async (c) => {
      const res = await c.query<{ staff_number: string }>(
        'SELECT staff_number FROM person WHERE staff_number = ANY($1)',
        [acknowledged],
      );
      return res.rowCount ?? 0;
    });
    const unavailable = statuses.get('503 DATABASE.UNAVAILABLE') ?? 0;
    report('PostgreSQL restart', {
      acknowledged: acknowledged.length,
      present,
      lost: acknowledged.length - present,
      unavailable503: unavailable,
      hung,
    });
    const unexpected = svc
      .output()
      .split('\n')
      .filter((l) => /Unhandled|ERROR/.test(l))
      .slice(0, 5);
    if (unexpected.length)
      process.stdout.write(`[fault] service errors:\n${unexpected.join('\n')}\n`);
    // Every answer was either a success or a clear, coded 503.
    expect(
      [...statuses.keys()].filter((k) => k !== '201' && k !== '503 DATABASE.UNAVAILABLE'),
    ).toEqual([]);
    expect(unavailable).toBeGreaterThan(0);
    expect(hung).toBe(0);
    expect(present).toBe(acknowledged.length);
  });
});
