import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit chain is sealed after commit instead of inside every transaction. Writers used to
 * take one lock and hold it through their commit, so every audited write in the force queued
 * behind the previous one's disk flush. Now an event is a plain insert (its seq from a
 * sequence, its transaction id recorded), and a sealer appends hash-chain links for events
 * whose transactions have finished, in a separate append-only table. Existing links move over
 * unchanged, so a chain verified before this migration verifies after it.
 */
export class AuditSeal1763770100000 implements MigrationInterface {
  name = 'AuditSeal1763770100000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SEQUENCE audit_event_seq OWNED BY audit_event.seq`);
    await q.query(
      `SELECT setval('audit_event_seq', COALESCE((SELECT max(seq) FROM audit_event), 0) + 1, false)`,
    );
    await q.query(
      `ALTER TABLE audit_event ALTER COLUMN seq SET DEFAULT nextval('audit_event_seq')`,
    );
    await q.query(
      `ALTER TABLE audit_event ADD COLUMN xid bigint NULL DEFAULT (pg_current_xact_id()::text)::bigint`,
    );
    await q.query(`CREATE INDEX ix_audit_event_xid ON audit_event (xid)`);
    await q.query(`ALTER TABLE audit_event ALTER COLUMN prev_hash DROP NOT NULL`);
    await q.query(`ALTER TABLE audit_event ALTER COLUMN hash DROP NOT NULL`);
    await q.query(`
      CREATE TABLE audit_seal (
        chain_pos bigint PRIMARY KEY,
        event_seq bigint NOT NULL UNIQUE REFERENCES audit_event(seq),
        prev_hash char(64) NOT NULL,
        hash char(64) NOT NULL,
        sealed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      INSERT INTO audit_seal (chain_pos, event_seq, prev_hash, hash)
      SELECT seq, seq, prev_hash, hash FROM audit_event WHERE hash IS NOT NULL ORDER BY seq`);
    await q.query(`
      CREATE TRIGGER audit_seal_no_update_delete BEFORE UPDATE OR DELETE ON audit_seal
      FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()`);
    await q.query(`
      CREATE TRIGGER audit_seal_no_truncate BEFORE TRUNCATE ON audit_seal
      FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_seal`);
    await q.query(`ALTER TABLE audit_event DROP COLUMN xid`);
    await q.query(`ALTER TABLE audit_event ALTER COLUMN seq DROP DEFAULT`);
    await q.query(`DROP SEQUENCE audit_event_seq`);
  }
}
