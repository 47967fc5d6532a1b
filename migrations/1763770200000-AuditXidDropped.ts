import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * audit_event.xid (added by AuditSeal for an intermediate sealing design) is read by nothing:
 * the sealer orders by seq under its lock. Its default and its index cost every audited write,
 * the commonest write in the register, so both go. Its values were informational only.
 */
export class AuditXidDropped1763770200000 implements MigrationInterface {
  name = 'AuditXidDropped1763770200000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_audit_event_xid`);
    await q.query(`ALTER TABLE audit_event DROP COLUMN xid`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE audit_event ADD COLUMN xid bigint NULL DEFAULT (pg_current_xact_id()::text)::bigint`,
    );
    await q.query(`CREATE INDEX ix_audit_event_xid ON audit_event (xid)`);
  }
}
