import { MigrationInterface, QueryRunner } from 'typeorm';

const inList = (values: readonly string[]) => values.map((v) => `'${v}'`).join(',');
// Copied from src/declarations/domain/vocabulary.ts: a migration is a frozen record of the
// schema at the time, so it must not change when the vocabulary module does.
const STATUSES = [
  'SUBMITTED',
  'UNDER_ASSESSMENT',
  'INFO_REQUESTED',
  'ASSESSED',
  'MONITORING',
  'REVIEW_DUE',
  'CLOSED',
  'WITHDRAWN',
  'SUPERSEDED',
];
const QUEUE_STATUSES = ['SUBMITTED', 'UNDER_ASSESSMENT', 'REVIEW_DUE'];
const RISK_LEVELS = ['LOW', 'MEDIUM', 'HIGH'];
const OUTCOMES = [
  'NO_FURTHER_ACTION',
  'ADVICE_GIVEN',
  'RISK_MANAGEMENT_PLAN',
  'INSTRUCTION_TO_CEASE',
  'RESTRICTED_DUTIES',
  'VETTING_REVIEW',
  'REFER_COUNTER_CORRUPTION',
  'REFER_PSD',
];
const CONDITIONS = [
  'NO_DISCUSSION_OF_WORK',
  'NO_SYSTEM_CHECKS_ON_ASSOCIATE',
  'REPORT_CHANGES',
  'RESTRICT_POSTING',
  'RESTRICT_SYSTEM_ACCESS',
];
const RELATIONSHIPS = [
  'SPOUSE_CIVIL_PARTNER',
  'PARTNER',
  'EX_PARTNER',
  'PARENT',
  'CHILD',
  'SIBLING',
  'SIBLING_PARTNER',
  'IN_LAW',
  'OTHER_FAMILY',
  'CO_RESIDENT',
  'FRIEND',
  'ACQUAINTANCE',
  'NEIGHBOUR',
  'BUSINESS_ASSOCIATE',
  'FORMER_COLLEAGUE',
  'ONLINE_CONTACT',
  'ORGANISATION',
];
const REASONS = [
  'CRIMINAL_CONVICTION',
  'UNDER_INVESTIGATION_OR_AWAITING_TRIAL',
  'ADVERSE_INTELLIGENCE',
  'DISMISSED_FROM_POLICING',
  'ORGANISED_CRIME_LINKS',
  'EXTREMIST_GROUP',
  'PRIVATE_INVESTIGATOR',
  'JOURNALIST',
  'HIERARCHICAL_CONFIDENTIAL_ORGANISATION',
  'BUSINESS_CONFLICT',
  'OTHER',
];
const FREQUENCIES = ['DAILY', 'WEEKLY', 'MONTHLY', 'OCCASIONALLY', 'RARELY', 'NONE'];

/**
 * Notifiable associations. Personal data of associates (names, aliases, dates of birth,
 * circumstances), assessors' rationale and information-request text are AES-256-GCM tokens
 * made by the application (`v1.<keyId>...`); matching uses keyed hashes in associate_identity.
 */
export class Declarations1763769700000 implements MigrationInterface {
  name = 'Declarations1763769700000';

  public async up(q: QueryRunner): Promise<void> {
    // References come from a sequence: sequential across processes, never handed out twice
    // (a rolled-back submission leaves a gap rather than a reused number).
    await q.query(`CREATE SEQUENCE declaration_reference_seq AS bigint START 1`);
    await q.query(`
      CREATE TABLE declaration (
        id uuid PRIMARY KEY,
        reference varchar(24) NOT NULL,
        seq bigint NOT NULL,
        root_id uuid NOT NULL,
        previous_version_id uuid NULL REFERENCES declaration(id),
        version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
        declarant_person_id uuid NOT NULL REFERENCES person(id),
        declarant_user_id uuid NOT NULL REFERENCES app_user(id),
        status varchar(20) NOT NULL CHECK (status IN (${inList(STATUSES)})),
        became_aware_on date NOT NULL,
        received_on date NOT NULL,
        submitted_at timestamptz NOT NULL DEFAULT now(),
        priority integer NOT NULL DEFAULT 0 CHECK (priority BETWEEN 0 AND 1000),
        risk_level varchar(10) NULL CHECK (risk_level IN (${inList(RISK_LEVELS)})),
        outcome varchar(30) NULL CHECK (outcome IN (${inList(OUTCOMES)})),
        conditions text[] NOT NULL DEFAULT '{}'
          CHECK (conditions <@ ARRAY[${inList(CONDITIONS)}]::text[]),
        review_on date NULL,
        assessed_at timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_declaration_reference_version UNIQUE (reference, version)
      )`);
    // The vetting queue: an index scan in queue order, keyset-paginated, over live rows only.
    await q.query(`
      CREATE INDEX ix_declaration_queue ON declaration (priority DESC, submitted_at, id)
      WHERE status IN (${inList(QUEUE_STATUSES)})`);
    await q.query(
      `CREATE INDEX ix_declaration_declarant ON declaration (declarant_person_id, seq DESC)`,
    );
    await q.query(`CREATE INDEX ix_declaration_status_review ON declaration (status, review_on)`);
    await q.query(`CREATE INDEX ix_declaration_received ON declaration (received_on)`);
    await q.query(`CREATE INDEX ix_declaration_root ON declaration (root_id, version)`);
    // One live (not superseded) version per declaration.
    await q.query(
      `CREATE UNIQUE INDEX uq_declaration_live_version ON declaration (root_id) WHERE status <> 'SUPERSEDED'`,
    );

    await q.query(`
      CREATE TABLE declaration_associate (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        declaration_id uuid NOT NULL REFERENCES declaration(id) ON DELETE CASCADE,
        position integer NOT NULL,
        full_name text NOT NULL,
        aliases text NULL,
        date_of_birth text NULL,
        has_date_of_birth boolean NOT NULL,
        circumstances text NULL,
        relationship varchar(30) NOT NULL CHECK (relationship IN (${inList(RELATIONSHIPS)})),
        reasons text[] NOT NULL CHECK (cardinality(reasons) > 0 AND reasons <@ ARRAY[${inList(REASONS)}]::text[]),
        is_current boolean NOT NULL,
        ended_on date NULL,
        contact_frequency varchar(20) NULL CHECK (contact_frequency IN (${inList(FREQUENCIES)})),
        key_id varchar(32) NOT NULL,
        CONSTRAINT ck_declaration_associate_ended CHECK (is_current OR ended_on IS NOT NULL)
      )`);
    await q.query(
      `CREATE INDEX ix_declaration_associate_declaration ON declaration_associate (declaration_id, position)`,
    );
    await q.query(`CREATE INDEX ix_declaration_associate_key ON declaration_associate (key_id)`);

    await q.query(`
      CREATE TABLE associate_identity (
        id bigserial PRIMARY KEY,
        declaration_id uuid NOT NULL REFERENCES declaration(id) ON DELETE CASCADE,
        associate_id uuid NOT NULL REFERENCES declaration_associate(id) ON DELETE CASCADE,
        kind varchar(10) NOT NULL CHECK (kind IN ('NAME_DOB','NAME_ONLY')),
        source varchar(10) NOT NULL CHECK (source IN ('NAME','ALIAS')),
        hash char(64) NOT NULL
      )`);
    await q.query(`CREATE INDEX ix_associate_identity_hash ON associate_identity (hash)`);
    await q.query(
      `CREATE INDEX ix_associate_identity_declaration ON associate_identity (declaration_id)`,
    );

    await q.query(`
      CREATE TABLE declaration_assessment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        declaration_id uuid NOT NULL REFERENCES declaration(id) ON DELETE CASCADE,
        assessor_user_id uuid NOT NULL REFERENCES app_user(id),
        risk_level varchar(10) NOT NULL CHECK (risk_level IN (${inList(RISK_LEVELS)})),
        outcome varchar(30) NOT NULL CHECK (outcome IN (${inList(OUTCOMES)})),
        conditions text[] NOT NULL DEFAULT '{}'
          CHECK (conditions <@ ARRAY[${inList(CONDITIONS)}]::text[]),
        rationale text NOT NULL,
        review_on date NULL,
        from_status varchar(20) NOT NULL,
        to_status varchar(20) NOT NULL,
        assessed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX ix_declaration_assessment_declaration ON declaration_assessment (declaration_id, assessed_at)`,
    );

    await q.query(`
      CREATE TABLE declaration_info_request (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        declaration_id uuid NOT NULL REFERENCES declaration(id) ON DELETE CASCADE,
        question text NOT NULL,
        asked_by uuid NOT NULL REFERENCES app_user(id),
        asked_at timestamptz NOT NULL DEFAULT now(),
        answer text NULL,
        answered_by uuid NULL REFERENCES app_user(id),
        answered_at timestamptz NULL
      )`);
    await q.query(
      `CREATE INDEX ix_declaration_info_request_declaration ON declaration_info_request (declaration_id, asked_at)`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE declaration_info_request`);
    await q.query(`DROP TABLE declaration_assessment`);
    await q.query(`DROP TABLE associate_identity`);
    await q.query(`DROP TABLE declaration_associate`);
    await q.query(`DROP TABLE declaration`);
    await q.query(`DROP SEQUENCE declaration_reference_seq`);
  }
}
