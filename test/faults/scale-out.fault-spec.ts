import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  declarationBody,
  login,
  personBody,
  postJson,
  report,
  startService,
  throwawayServers,
  waitFor,
  withClient,
} from './harness';

describe('fault: scale-out, two API processes and a worker started together', () => {
  const servers = throwawayServers({ redis: true });
  const { procs } = servers;

  it('runs migrations and the demo seed once, takes writes on both, and runs the daily job once', async () => {
    const env = { DATABASE_URL: servers.pg.url, REDIS_URL: servers.redis.url, DEMO_SEED: 'true' };
    procs.push(
      ...(await Promise.all([
        startService(env),
        startService(env),
        startService({ ...env, DEMO_SEED: 'false' }, { worker: true }),
      ])),
    );
    const [a, b] = procs;
    const migrationFiles = fs
      .readdirSync(path.resolve(__dirname, '..', '..', 'migrations'))
      .filter((f) => f.endsWith('.ts'));

    const tokenA = await login(a.url, 'admin1');
    const tokenB = await login(b.url, 'admin1');
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        postJson(
          `${(i % 2 ? a : b).url}/api/v1/people`,
          i % 2 ? tokenA : tokenB,
          personBody(`S${process.pid}x${i}`),
        ),
      ),
    );
    const created = results.filter((r) => r.status === 201).length;

    // Declarations submitted to both processes at once: unique, sequential references.
    const officerA = await login(a.url, 'officer1');
    const officerB = await login(b.url, 'officer2');
    const declared = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        postJson(
          `${(i % 2 ? a : b).url}/api/v1/declarations`,
          i % 2 ? officerA : officerB,
          declarationBody(i),
        ),
      ),
    );
    const references = declared
      .filter((r) => r.status === 201)
      .map((r) => String(r.body.reference));
    const numbers = references.map((r) => Number(r.split('-').pop())).sort((x, y) => x - y);

    // Every process schedules the daily tasks at start; the database lets one run per day.
    await waitFor(async () => {
      const r = await withClient(servers.pg.url, (c) =>
        c.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM scheduled_run WHERE finished_at IS NOT NULL`,
        ),
      );
      return r.rows[0].n > 0;
    }, 30000);
    await new Promise((r) => setTimeout(r, 3000));

    const facts = await withClient(servers.pg.url, async (c) => {
      const migrations = await c.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM schema_migrations`,
      );
      const seeded = await c.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM audit_event WHERE action = 'DEMO.SEEDED'`,
      );
      const users = await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM app_user`);
      const daily = await c.query<{ job: string; n: number }>(
        `SELECT job, count(*)::int AS n FROM scheduled_run GROUP BY job, run_on`,
      );
      const people = await c.query<{ n: number }>(
        `SELECT count(DISTINCT staff_number)::int AS n FROM person WHERE staff_number LIKE $1`,
        [`S${process.pid}x%`],
      );
      return {
        migrations: migrations.rows[0].n,
        seeded: seeded.rows[0].n,
        users: users.rows[0].n,
        dailyRunsPerDay: Math.max(...daily.rows.map((r) => r.n)),
        people: people.rows[0].n,
      };
    });
    report('scale-out', {
      processes: procs.length,
      created,
      declarations: references.length,
      uniqueReferences: new Set(references).size,
      referenceSpan: numbers.length ? numbers[numbers.length - 1] - numbers[0] + 1 : 0,
      ...facts,
      migrationFiles: migrationFiles.length,
    });
    expect(references).toHaveLength(30);
    expect(new Set(references).size).toBe(30);
    // Sequential: no gaps when every submission succeeded.
    expect(numbers[numbers.length - 1] - numbers[0] + 1).toBe(30);
    expect(facts.migrations).toBe(migrationFiles.length);
    expect(facts.seeded).toBe(1);
    expect(facts.users).toBe(7);
    expect(created).toBe(40);
    expect(facts.people).toBe(40);
    expect(facts.dailyRunsPerDay).toBe(1);
  });
});
