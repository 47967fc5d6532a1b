import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * audit_event.prev_hash and audit_event.hash held the chain links before AuditSeal moved them,
 * unchanged, to audit_seal; since then nothing writes or reads them (new events leave them
 * null). An auditor reading audit_event should not find two empty columns that look like the
 * chain, so they go. The chain itself is untouched: every link is in audit_seal. `down` brings
 * the columns back empty and nullable, as they were for every event written since AuditSeal.
 */
export class AuditEventLegacyHashDropped1763770600000 implements MigrationInterface {
  name = 'AuditEventLegacyHashDropped1763770600000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_event DROP COLUMN prev_hash, DROP COLUMN hash`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE audit_event ADD COLUMN prev_hash char(64) NULL, ADD COLUMN hash char(64) NULL`,
    );
  }
}
