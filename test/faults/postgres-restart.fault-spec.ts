import {
  declarationBody,
  login,
  personBody,
  postJson,
  report,
  ServiceProcess,
  startService,
  throwawayServers,
  waitFor,
  withClient,
} from './harness';

describe('fault: PostgreSQL restarted under load', () => {
  const servers = throwawayServers();
  let svc: ServiceProcess;
  beforeAll(async () => {
    svc = await startService({ DATABASE_URL: servers.pg.url, DEMO_SEED: 'true', DB_POOL_MAX: '5' });
    servers.procs.push(svc);
  });

  /**
   * Four clients under load for 1.5 s, PostgreSQL stopped for 2.5 s and started again, the
   * service healthy again by itself (no restart), 1.5 s more; then the clients are stopped and
   * awaited.
   */
  async function throughOutage(client: (w: number) => Promise<void>, stop: () => void) {
    const load = Promise.all([0, 1, 2, 3].map(client));
    await new Promise((r) => setTimeout(r, 1500));
    servers.pg.stop('fast');
    await new Promise((r) => setTimeout(r, 2500));
    servers.pg.start();
    await waitFor(async () => (await fetch(`${svc.url}/api/health`)).status === 200, 30000);
    await new Promise((r) => setTimeout(r, 1500));
    stop();
    await load;
  }

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
    await throughOutage(worker, () => (stop = true));

    const after = await postJson(
      `${svc.url}/api/v1/people`,
      admin,
      personBody(`Rafter${process.pid}`),
    );
    expect(after.status).toBe(201);

    const present = await withClient(servers.pg.url, async (c) => {
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

  it('a declarant retrying with an Idempotency-Key through the outage ends with exactly one declaration per key', async () => {
    const officer = await login(svc.url, 'officer1');
    const started = new Date();
    const prefix = `fault-${process.pid}-`;
    const answered = new Map<string, Set<string>>();
    const statuses = new Map<string, number>();
    let noAnswer = 0;
    let replayed = 0;
    let stop = false;
    let n = 0;
    const count = (key: string) => statuses.set(key, (statuses.get(key) ?? 0) + 1);
    const client = async (w: number) => {
      while (!stop) {
        const i = n++;
        const key = `${prefix}${w}-${i}`;
        const body = declarationBody(i);
        // As a client that did not hear back would: the same key and body until acknowledged.
        // Every other key's first attempt gives up after a few milliseconds, often after the
        // service has written it: its retry must be told about that declaration, not make one.
        for (let attempt = 0, deadline = Date.now() + 30000; Date.now() < deadline; attempt++) {
          const timeout = attempt === 0 && n % 2 === 0 ? 2 + (n % 10) : 8000;
          let r: Awaited<ReturnType<typeof postJson>>;
          try {
            r = await postJson(`${svc.url}/api/v1/declarations`, officer, body, timeout, {
              'Idempotency-Key': key,
            });
          } catch {
            noAnswer++;
            await new Promise((res) => setTimeout(res, 50));
            continue;
          }
          count(`${r.status} ${typeof r.body.code === 'string' ? r.body.code : ''}`.trim());
          if (r.status === 201) {
            if (r.headers.get('idempotent-replayed') === 'true') replayed++;
            answered.set(key, (answered.get(key) ?? new Set()).add(String(r.body.id)));
            break;
          }
          if (r.status !== 503) break;
          await new Promise((res) => setTimeout(res, 50));
        }
      }
    };
    await throughOutage(client, () => (stop = true));

    const stored = await withClient(servers.pg.url, async (c) => {
      const res = await c.query<{ key: string | null; id: string }>(
        `SELECT i.key, d.id FROM declaration d
           JOIN app_user u ON u.id = d.declarant_user_id
           LEFT JOIN declaration_idempotency i ON i.declaration_id = d.id
          WHERE u.username = 'officer1' AND d.submitted_at >= $1`,
        [started],
      );
      return res.rows;
    });
    const byKey = new Map<string, string[]>();
    for (const r of stored) byKey.set(r.key ?? '', [...(byKey.get(r.key ?? '') ?? []), r.id]);
    const keys = [...answered.keys()];
    const duplicated = [...byKey.values()].filter((ids) => ids.length > 1).length;
    report('PostgreSQL restart, declarations retried with Idempotency-Key', {
      keys: keys.length,
      acknowledged: keys.length,
      present: keys.filter((k) => byKey.get(k)?.length === 1).length,
      replayed,
      noAnswer,
      unavailable503: statuses.get('503 DATABASE.UNAVAILABLE') ?? 0,
      duplicated,
    });
    expect(
      [...statuses.keys()].filter((k) => k !== '201' && k !== '503 DATABASE.UNAVAILABLE'),
    ).toEqual([]);
    expect(statuses.get('503 DATABASE.UNAVAILABLE') ?? 0).toBeGreaterThan(0);
    expect(noAnswer).toBeGreaterThan(0);
    expect(replayed).toBeGreaterThan(0);
    // Every key was acknowledged with one declaration, the same one each time it was answered,
    // and the register holds exactly that one: nothing lost, nothing made twice.
    expect(keys.length).toBeGreaterThan(0);
    for (const k of keys) {
      expect(answered.get(k)?.size).toBe(1);
      expect(byKey.get(k)).toEqual([...(answered.get(k) ?? [])]);
    }
    expect(byKey.has('')).toBe(false);
    expect(stored).toHaveLength(keys.length);
  });
});
