import { MigrationInterface, QueryRunner } from 'typeorm';

const inList = (values: readonly string[]) => values.map((v) => `'${v}'`).join(',');
const REQUEST_STATUSES = ['OPEN', 'RESPONDED', 'CLOSED'];
const OUTCOMES = [
  'DISCLOSED',
  'PARTIALLY_DISCLOSED',
  'NOT_HELD',
  'EXEMPT',
  'COST_LIMIT',
  'NEITHER_CONFIRM_NOR_DENY',
];
const EXEMPTIONS = ['S40_2', 'S31_1_A', 'S31_1_B', 'S30_1', 'S21', 'S12'];
const EXTRACT_TYPES = [
  'CONVICTIONS',
  'PENDING_CHARGES',
  'HIGH_RISK_DECLARATIONS',
  'DECLARATION_NATURE',
  'CONDUCT_OUTCOMES',
  'BARRED_LIST_REFERRALS',
  'BIOMETRIC_COVERAGE',
];
const EXTRACT_STATUSES = ['QUEUED', 'RUNNING', 'READY', 'FAILED'];

/**
 * FOI request register and anonymised extracts. Extract rows hold only published values (years,
 * public labels, counts, suppression markers); nothing here references a person.
 */
export class Foi1763769900000 implements MigrationInterface {
  name = 'Foi1763769900000';

  public async up(q: QueryRunner): Promise<void> {
    // The reference number runs on across years and is never reset (DOMAIN.md §5).
    await q.query(`CREATE SEQUENCE foi_request_reference_seq AS bigint START 1 NO CYCLE`);
    await q.query(`
      CREATE TABLE foi_request (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        reference varchar(24) NOT NULL,
        reference_seq bigint NOT NULL,
        received_on date NOT NULL,
        due_on date NOT NULL,
        holiday_table_version varchar(20) NOT NULL,
        subject varchar(500) NOT NULL,
        status varchar(20) NOT NULL CHECK (status IN (${inList(REQUEST_STATUSES)})),
        responded_on date NULL,
        created_by uuid NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT uq_foi_request_reference UNIQUE (reference),
        CONSTRAINT uq_foi_request_reference_seq UNIQUE (reference_seq)
      )`);
    await q.query(`CREATE INDEX ix_foi_request_status_due ON foi_request (status, due_on)`);
    await q.query(`
      CREATE TABLE foi_question (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        request_id uuid NOT NULL REFERENCES foi_request(id) ON DELETE CASCADE,
        position integer NOT NULL CHECK (position >= 1),
        text varchar(4000) NOT NULL,
        outcome varchar(30) NULL CHECK (outcome IN (${inList(OUTCOMES)})),
        exemptions text[] NOT NULL DEFAULT '{}'
          CHECK (exemptions <@ ARRAY[${inList(EXEMPTIONS)}]::text[]),
        extract_ids uuid[] NOT NULL DEFAULT '{}',
        answer varchar(20000) NULL,
        CONSTRAINT uq_foi_question_position UNIQUE (request_id, position)
      )`);
    await q.query(`
      CREATE TABLE foi_extract (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        type varchar(30) NOT NULL CHECK (type IN (${inList(EXTRACT_TYPES)})),
        period_from integer NOT NULL,
        period_to integer NOT NULL,
        options jsonb NOT NULL DEFAULT '{}',
        request_id uuid NULL REFERENCES foi_request(id),
        status varchar(10) NOT NULL CHECK (status IN (${inList(EXTRACT_STATUSES)})),
        progress integer NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
        columns jsonb NULL,
        row_count integer NULL,
        report jsonb NULL,
        suppressed_keys jsonb NULL,
        k_levels jsonb NULL,
        checksum char(64) NULL,
        error_code varchar(60) NULL,
        created_by uuid NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz NULL,
        released_at timestamptz NULL,
        released_by uuid NULL,
        CHECK (period_from <= period_to),
        CHECK (released_at IS NULL OR (status = 'READY' AND request_id IS NOT NULL AND checksum IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX ix_foi_extract_request ON foi_extract (request_id)`);
    await q.query(
      `CREATE INDEX ix_foi_extract_released ON foi_extract (type, period_from, period_to)
         WHERE released_at IS NOT NULL`,
    );
    // Published rows, one per line of the table, read back in batches for streamed downloads.
    await q.query(`
      CREATE TABLE foi_extract_row (
        extract_id uuid NOT NULL REFERENCES foi_extract(id) ON DELETE CASCADE,
        seq integer NOT NULL,
        cells jsonb NOT NULL,
        PRIMARY KEY (extract_id, seq)
      )`);

    // A released extract is what was sent to a requester: its figures may never change.
    await q.query(`
      CREATE FUNCTION foi_extract_released_is_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          IF OLD.released_at IS NOT NULL THEN
            RAISE EXCEPTION 'foi_extract % is released and cannot be deleted', OLD.id
              USING ERRCODE = 'insufficient_privilege';
          END IF;
          RETURN OLD;
        END IF;
        IF OLD.released_at IS NOT NULL AND (
             NEW.released_at IS DISTINCT FROM OLD.released_at
          OR NEW.type IS DISTINCT FROM OLD.type
          OR NEW.period_from IS DISTINCT FROM OLD.period_from
          OR NEW.period_to IS DISTINCT FROM OLD.period_to
          OR NEW.options IS DISTINCT FROM OLD.options
          OR NEW.request_id IS DISTINCT FROM OLD.request_id
          OR NEW.status IS DISTINCT FROM OLD.status
          OR NEW.columns IS DISTINCT FROM OLD.columns
          OR NEW.row_count IS DISTINCT FROM OLD.row_count
          OR NEW.report IS DISTINCT FROM OLD.report
          OR NEW.suppressed_keys IS DISTINCT FROM OLD.suppressed_keys
          OR NEW.k_levels IS DISTINCT FROM OLD.k_levels
          OR NEW.checksum IS DISTINCT FROM OLD.checksum) THEN
          RAISE EXCEPTION 'foi_extract % is released and frozen', OLD.id
            USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER foi_extract_frozen BEFORE UPDATE OR DELETE ON foi_extract
      FOR EACH ROW EXECUTE FUNCTION foi_extract_released_is_frozen()`);
    await q.query(`
      CREATE FUNCTION foi_extract_row_released_is_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        target uuid := CASE WHEN TG_OP = 'DELETE' THEN OLD.extract_id ELSE NEW.extract_id END;
      BEGIN
        IF EXISTS (SELECT 1 FROM foi_extract WHERE id = target AND released_at IS NOT NULL) THEN
          RAISE EXCEPTION 'rows of released foi_extract % are frozen', target
            USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END $$`);
    await q.query(`
      CREATE TRIGGER foi_extract_row_frozen BEFORE INSERT OR UPDATE OR DELETE ON foi_extract_row
      FOR EACH ROW EXECUTE FUNCTION foi_extract_row_released_is_frozen()`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE foi_extract_row`);
    await q.query(`DROP FUNCTION foi_extract_row_released_is_frozen()`);
    await q.query(`DROP TABLE foi_extract`);
    await q.query(`DROP FUNCTION foi_extract_released_is_frozen()`);
    await q.query(`DROP TABLE foi_question`);
    await q.query(`DROP TABLE foi_request`);
    await q.query(`DROP SEQUENCE foi_request_reference_seq`);
  }
}
