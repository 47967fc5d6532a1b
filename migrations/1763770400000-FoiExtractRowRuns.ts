import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * foi_extract_row.run_length: a stored row stands for `run_length` consecutive published rows,
 * all with its cells, starting at position `seq`. A k-anonymised row-level extract publishes each
 * generalised group as that many identical rows, and writing, triggering on and reading back
 * each copy was most of the extract's time after its query (140,076 published rows for twelve
 * years of the benchmark's declarations). Existing rows keep their meaning (a run of one).
 */
export class FoiExtractRowRuns1763770400000 implements MigrationInterface {
  name = 'FoiExtractRowRuns1763770400000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE foi_extract_row
        ADD COLUMN run_length integer NOT NULL DEFAULT 1
        CONSTRAINT foi_extract_row_run_length_positive CHECK (run_length >= 1)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    // Back to one stored row per published row. Released extracts' rows are frozen by a trigger,
    // and this rewrites their storage without changing a published row, so the trigger is off
    // for the rewrite (inside the migration's transaction).
    await q.query(`ALTER TABLE foi_extract_row DISABLE TRIGGER foi_extract_row_frozen`);
    await q.query(`
      INSERT INTO foi_extract_row (extract_id, seq, cells, run_length)
      SELECT r.extract_id, r.seq + g.i, r.cells, 1
        FROM foi_extract_row r CROSS JOIN LATERAL generate_series(1, r.run_length - 1) AS g(i)
       WHERE r.run_length > 1`);
    await q.query(`UPDATE foi_extract_row SET run_length = 1 WHERE run_length > 1`);
    await q.query(`ALTER TABLE foi_extract_row ENABLE TRIGGER foi_extract_row_frozen`);
    await q.query(`ALTER TABLE foi_extract_row DROP COLUMN run_length`);
  }
}
