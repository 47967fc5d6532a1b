import { Client } from 'pg';
import { createApp, Started } from '../../src/bootstrap';
import { AuditService } from '../../src/audit/audit.service';
import { INestApplication } from '@nestjs/common';
import { report, startPostgres, ThrowawayPostgres } from './harness';

/**
 * The audit sealer under concurrency, on a real PostgreSQL server: an event written by a
 * transaction that commits after later events were sealed is still chained, exactly once.
 */
describe('fault: audit sealing waits for open writers, and seals every event once', () => {
  let pg: ThrowawayPostgres;
  let started: Started<INestApplication>;
  beforeAll(async () => {
    pg = await startPostgres();
    started = await createApp({
      PATH: process.env.PATH,
      DATABASE_URL: pg.url,
      JWT_SECRET: 'fault-suite-secret-that-is-long-enough-0123456789',
      FIELD_ENCRYPTION_KEYS: `f1:${Buffer.alloc(32, 7).toString('base64')}`,
      BLIND_INDEX_KEY: 'fault-suite-blind-index-key-long-enough-0123456789',
      LOG_LEVEL: 'error',
      RUN_SCHEDULER: 'false',
    });
  });
  afterAll(async () => {
    await started?.close();
    pg?.destroy();
  });

  it('does not chain around a slow transaction, and verifies', async () => {
    const audit = started.app.get(AuditService);
    const slow = new Client({ connectionString: pg.url });
    await slow.connect();
    try {
      await slow.query('BEGIN');
      // The slow writer follows the application's protocol: shared lock, then insert.
      await slow.query('SELECT pg_advisory_xact_lock_shared(727002)');
      await slow.query(
        `INSERT INTO audit_event (id, occurred_at, action, entity_type) VALUES (gen_random_uuid(), now(), 'TEST.SLOW', 'test')`,
      );
      const [{ seq: slowSeq }] = (
        await slow.query<{ seq: string }>(`SELECT max(seq) AS seq FROM audit_event`)
      ).rows;

      // Fast writers are not held up by the open transaction (shared locks do not conflict).
      for (let i = 0; i < 20; i++) {
        await audit.recordStandalone({
          action: 'TEST.FAST',
          entityType: 'test',
          entityId: String(i),
          actor: null,
        });
      }
      // A sealing pass waits for the slow transaction instead of chaining around it.
      let sealerDone = false;
      const sealing = audit.seal().then((n) => {
        sealerDone = true;
        return n;
      });
      await new Promise((r) => setTimeout(r, 500));
      const waitedForSlow = !sealerDone;
      await slow.query('COMMIT');
      const sealedWhileOpen = await sealing;
      const other = new Client({ connectionString: pg.url });
      await other.connect();
      const slowSealed = (
        await other.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM audit_seal WHERE event_seq = $1`,
          [slowSeq],
        )
      ).rows[0].n;
      await other.end();
      const sealedAfter = await audit.seal();
      const check = await audit.verify();
      const counts = new Client({ connectionString: pg.url });
      await counts.connect();
      const events = (
        await counts.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_event`)
      ).rows[0].n;
      const seals = (await counts.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_seal`))
        .rows[0].n;
      await counts.end();
      report('audit sealing with a slow writer', {
        events,
        seals,
        waitedForSlowWriter: waitedForSlow ? 1 : 0,
        unsealed: events - seals,
      });
      expect(waitedForSlow).toBe(true);
      expect(slowSealed).toBe(1);
      // This pass or the service's own background pass chained them; nothing was left over.
      expect(sealedWhileOpen + sealedAfter).toBeLessThanOrEqual(21);
      expect(sealedAfter).toBe(0);
      expect(seals).toBe(events);
      expect(check.ok).toBe(true);
    } finally {
      await slow.end();
    }
  });
});
