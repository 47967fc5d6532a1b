import { MigrationInterface, QueryRunner } from 'typeorm';

// Copied from src/declarations/domain/lifecycle.ts (AWAITING_ASSESSMENT_STATUSES): a migration
// is a frozen record of the schema at the time.
const QUEUE_STATUSES = `'SUBMITTED','UNDER_ASSESSMENT','REVIEW_DUE'`;

/**
 * The vetting queue is ordered "priority desc, then age". The old index kept that order with a
 * mixed-direction key (priority DESC, submitted_at, id), which a row comparison cannot bound:
 * the cursor of a deep page was a filter over every earlier row. Keying the index on
 * ((-priority), submitted_at, id), all ascending, gives the same order as one comparable tuple,
 * so the cursor `((-priority), submitted_at, id) > (...)` is an index condition and a page
 * starts where the previous one ended, however deep. Same name, so plans still read
 * "ix_declaration_queue".
 *
 * The queue's two filters get the same key behind an equality column, so a filtered page is
 * bounded too (`status = $s AND (...) > (...)` in one index condition) instead of filtering the
 * rows of other statuses or risk levels that follow the cursor. Rows not yet assessed have no
 * risk level and stay out of the risk index.
 */
export class QueueKeyset1763770000000 implements MigrationInterface {
  name = 'QueueKeyset1763770000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_declaration_queue`);
    await q.query(`
      CREATE INDEX ix_declaration_queue ON declaration ((-priority), submitted_at, id)
      WHERE status IN (${QUEUE_STATUSES})`);
    await q.query(`
      CREATE INDEX ix_declaration_queue_status ON declaration (status, (-priority), submitted_at, id)
      WHERE status IN (${QUEUE_STATUSES})`);
    await q.query(`
      CREATE INDEX ix_declaration_queue_risk
      ON declaration (risk_level, (-priority), submitted_at, id)
      WHERE status IN (${QUEUE_STATUSES}) AND risk_level IS NOT NULL`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_declaration_queue_risk`);
    await q.query(`DROP INDEX ix_declaration_queue_status`);
    await q.query(`DROP INDEX ix_declaration_queue`);
    await q.query(`
      CREATE INDEX ix_declaration_queue ON declaration (priority DESC, submitted_at, id)
      WHERE status IN (${QUEUE_STATUSES})`);
  }
}
