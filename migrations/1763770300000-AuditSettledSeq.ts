import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * audit_settled_seq(lock): the highest audit seq whose writer has finished. It takes the audit
 * write lock exclusively (writers hold it shared from before they draw a seq until they end), so
 * it returns once every writer in flight has committed or rolled back, then reads how far the
 * sequence has gone. Its statement is its own transaction, so the lock is held for that wait
 * and no longer: the sealer no longer keeps writers waiting while it reads and hashes.
 */
export class AuditSettledSeq1763770300000 implements MigrationInterface {
  name = 'AuditSettledSeq1763770300000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION audit_settled_seq(lock_key bigint) RETURNS bigint
      LANGUAGE plpgsql VOLATILE AS $fn$
      BEGIN
        PERFORM pg_advisory_xact_lock(lock_key);
        RETURN (SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM audit_event_seq);
      END
      $fn$`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION audit_settled_seq(bigint)`);
  }
}
