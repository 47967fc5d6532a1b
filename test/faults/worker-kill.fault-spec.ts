import {
  login,
  postJson,
  report,
  startService,
  throwawayServers,
  waitFor,
  withClient,
} from './harness';

describe('fault: a worker killed in the middle of an extract', () => {
  const servers = throwawayServers({ redis: true });
  const { procs } = servers;

  it('retries the job on another worker and completes it exactly once', async () => {
    const base = {
      DATABASE_URL: servers.pg.url,
      REDIS_URL: servers.redis.url,
      QUEUE_LOCK_MS: '3000',
    };
    const api = await startService({ ...base, DEMO_SEED: 'true', PROCESS_JOBS: 'false' });
    procs.push(api);
    // The first worker stalls at the extract's first progress report, so it dies mid-job.
    const doomed = await startService(
      { ...base, FAULT_PAUSE_AT_PROGRESS_MS: '120000' },
      { worker: true },
    );
    procs.push(doomed);

    const foi = await login(api.url, 'foi1');
    const created = await postJson(`${api.url}/api/v1/foi/extracts`, foi, {
      type: 'BIOMETRIC_COVERAGE',
      from: 2018,
      to: 2025,
    });
    expect(created.status).toBe(202);
    const id = created.body.id as string;

    const status = () =>
      withClient(servers.pg.url, async (c) => {
        const r = await c.query<{ status: string; row_count: number | null }>(
          'SELECT status, row_count FROM foi_extract WHERE id = $1',
          [id],
        );
        return r.rows[0];
      });
    await waitFor(async () => (await status()).status === 'RUNNING', 60000);
    await doomed.kill('SIGKILL');
    const midway = await status();

    const rescuer = await startService(base, { worker: true });
    procs.push(rescuer);
    await waitFor(async () => (await status()).status === 'READY', 90000);

    const facts = await withClient(servers.pg.url, async (c) => {
      const done = await c.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM audit_event WHERE action = 'FOI.EXTRACT_COMPLETED' AND entity_id = $1`,
        [id],
      );
      const rows = await c.query<{ n: number }>(
        // Published rows stored (a stored row stands for run_length equal rows).
        `SELECT coalesce(sum(run_length), 0)::int AS n FROM foi_extract_row WHERE extract_id = $1`,
        [id],
      );
      const outbox = await c.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM job_outbox WHERE name = 'foi.extract' AND completed_at IS NOT NULL`,
      );
      return {
        completions: done.rows[0].n,
        rows: rows.rows[0].n,
        outboxCompleted: outbox.rows[0].n,
      };
    });
    // The API process (PROCESS_JOBS=false) leaves sealing the audit chain to the workers: every
    // event it wrote (logins, the request) is chained by the surviving worker's next passes.
    const unsealed = () =>
      withClient(servers.pg.url, async (c) => {
        const r = await c.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM audit_event e
            WHERE NOT EXISTS (SELECT 1 FROM audit_seal s WHERE s.event_seq = e.seq)`,
        );
        return r.rows[0].n;
      });
    await waitFor(async () => (await unsealed()) === 0, 30000);
    const final = await status();
    report('worker killed mid-extract', {
      statusWhenKilled: midway.status === 'RUNNING' ? 1 : 0,
      completions: facts.completions,
      rows: facts.rows,
      rowCount: final.row_count ?? -1,
      lost: final.status === 'READY' ? 0 : 1,
      unsealedAuditEvents: await unsealed(),
    });
    expect(midway.status).toBe('RUNNING');
    expect(facts.completions).toBe(1);
    expect(facts.outboxCompleted).toBe(1);
    expect(facts.rows).toBe(final.row_count);
    expect(facts.rows).toBeGreaterThan(0);
  });
});
