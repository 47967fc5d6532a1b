import { MigrationInterface, QueryRunner } from 'typeorm';

const inList = (values: readonly string[]) => values.map((v) => `'${v}'`).join(',');

// Copied from src/cases/domain/vocabulary.ts: a migration is a fixed record of the schema.
const PERSON_TYPES = [
  'POLICE_OFFICER',
  'SPECIAL_CONSTABLE',
  'PCSO',
  'POLICE_STAFF',
  'VOLUNTEER',
  'CONTRACTOR',
];
const STAGES = [
  'REPORTED',
  'ARRESTED',
  'RELEASED_UNDER_INVESTIGATION',
  'CHARGED',
  'SUMMONSED',
  'AWAITING_TRIAL',
  'CONVICTED',
  'ACQUITTED',
  'DISCONTINUED',
  'NO_FURTHER_ACTION',
  'SENTENCED',
  'APPEAL_PENDING',
  'CONVICTION_QUASHED',
];
const OFFENCE_CATEGORIES = [
  'VIOLENCE_AGAINST_THE_PERSON',
  'SEXUAL_OFFENCES',
  'ROBBERY',
  'THEFT',
  'BURGLARY',
  'FRAUD',
  'CRIMINAL_DAMAGE',
  'DRUG_OFFENCES',
  'POSSESSION_OF_WEAPONS',
  'PUBLIC_ORDER',
  'MISCONDUCT_IN_PUBLIC_OFFICE',
  'COMPUTER_MISUSE_DATA_PROTECTION',
  'COMMUNICATIONS_OFFENCES',
  'HARASSMENT_STALKING',
  'DRIVING_OFFENCES',
  'OTHER',
];
const ORIGINS = [
  'PUBLIC_COMPLAINT',
  'INTERNAL_REPORT',
  'CRIMINAL_INVESTIGATION',
  'DECLARATION_REFERRAL',
  'WHISTLEBLOWER',
  'OTHER',
];
const SEVERITIES = [
  'NO_MISCONDUCT',
  'PRACTICE_REQUIRING_IMPROVEMENT',
  'MISCONDUCT',
  'GROSS_MISCONDUCT',
];
const FORMS = ['MISCONDUCT_MEETING', 'MISCONDUCT_HEARING', 'ACCELERATED_HEARING'];
const FINDINGS = ['NOT_PROVEN', 'PRACTICE_REQUIRING_IMPROVEMENT', 'MISCONDUCT', 'GROSS_MISCONDUCT'];
const OUTCOMES = [
  'NO_CASE_TO_ANSWER',
  'NOT_PROVEN',
  'REFLECTIVE_PRACTICE',
  'WRITTEN_WARNING',
  'FINAL_WRITTEN_WARNING',
  'REDUCTION_IN_RANK',
  'DISMISSAL_WITHOUT_NOTICE',
  'WOULD_HAVE_BEEN_DISMISSED',
];
const CONDUCT_STATUSES = [
  'OPEN',
  'SEVERITY_ASSESSED',
  'UNDER_INVESTIGATION',
  'CASE_TO_ANSWER',
  'NO_CASE_TO_ANSWER',
  'REFERRED',
  'OUTCOME_DECIDED',
  'APPEAL_PENDING',
  'CLOSED',
  'WITHDRAWN',
];
const EVENT_TYPES = [
  'SEVERITY_ASSESSED',
  'INVESTIGATION_STARTED',
  'CASE_TO_ANSWER_DECIDED',
  'REFERRED',
  'OUTCOME',
  'APPEAL_LODGED',
  'APPEAL_DECIDED',
  'WITHDRAWN',
];
const LIST_STATUSES = ['PENDING', 'REPORTED', 'ON_LIST', 'REMOVED', 'CONVERTED_TO_BARRED'];
const LIST_REASONS = [
  'DISMISSED',
  'WOULD_HAVE_BEEN_DISMISSED',
  'RESIGNED_WHILE_ALLEGATION_LIVE',
  'RETIRED_WHILE_ALLEGATION_LIVE',
];

/**
 * Criminal and conduct cases, barred/advisory list reports, and extra non-working days for the
 * working-day calendar. Free text (offence description, stage details) is stored encrypted by the
 * application. Runs after 1763769700000-Declarations (conduct_case.declaration_id refers to it).
 */
export class Cases1763769800000 implements MigrationInterface {
  name = 'Cases1763769800000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE extra_holiday (
        date date PRIMARY KEY,
        title varchar(100) NOT NULL,
        added_by uuid NULL,
        added_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`CREATE SEQUENCE criminal_case_ref_seq`);
    await q.query(`
      CREATE TABLE criminal_case (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        reference varchar(20) NOT NULL UNIQUE,
        person_id uuid NOT NULL REFERENCES person(id),
        offence_category varchar(40) NOT NULL CHECK (offence_category IN (${inList(OFFENCE_CATEGORIES)})),
        offence_description text NOT NULL,
        offence_date date NOT NULL,
        indictable_only boolean NOT NULL DEFAULT false,
        current_stage varchar(40) NULL CHECK (current_stage IN (${inList(STAGES)})),
        pending boolean NOT NULL DEFAULT false,
        concluded boolean NOT NULL DEFAULT false,
        charged_on date NULL,
        convicted_on date NULL,
        sentenced_on date NULL,
        last_stage_on date NULL,
        created_by uuid NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    await q.query(`CREATE INDEX ix_criminal_case_person ON criminal_case (person_id)`);
    await q.query(`CREATE INDEX ix_criminal_case_offence_date ON criminal_case (offence_date)`);
    await q.query(`
      CREATE TABLE criminal_case_stage (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES criminal_case(id) ON DELETE CASCADE,
        seq integer NOT NULL,
        stage varchar(40) NOT NULL CHECK (stage IN (${inList(STAGES)})),
        stage_on date NOT NULL,
        details text NULL,
        recorded_by uuid NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_criminal_case_stage_seq UNIQUE (case_id, seq)
      )`);

    await q.query(`CREATE SEQUENCE conduct_case_ref_seq`);
    await q.query(`
      CREATE TABLE conduct_case (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        reference varchar(20) NOT NULL UNIQUE,
        person_id uuid NOT NULL REFERENCES person(id),
        came_to_attention_on date NOT NULL,
        origin varchar(30) NOT NULL CHECK (origin IN (${inList(ORIGINS)})),
        criminal_case_id uuid NULL REFERENCES criminal_case(id),
        declaration_id uuid NULL REFERENCES declaration(id),
        status varchar(30) NOT NULL CHECK (status IN (${inList(CONDUCT_STATUSES)})),
        severity varchar(40) NULL CHECK (severity IN (${inList(SEVERITIES)})),
        proceedings_form varchar(30) NULL CHECK (proceedings_form IN (${inList(FORMS)})),
        finding varchar(40) NULL CHECK (finding IN (${inList(FINDINGS)})),
        forum_outcome varchar(40) NULL CHECK (forum_outcome IN (${inList(OUTCOMES)})),
        outcome varchar(40) NULL CHECK (outcome IN (${inList(OUTCOMES)})),
        outcome_on date NULL,
        severity_assessed_on date NULL,
        investigation_started_on date NULL,
        investigation_ended_on date NULL,
        allegation_closed_on date NULL,
        last_event_on date NULL,
        person_type_at_open varchar(30) NOT NULL CHECK (person_type_at_open IN (${inList(PERSON_TYPES)})),
        state jsonb NOT NULL,
        created_by uuid NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    await q.query(`CREATE INDEX ix_conduct_case_person ON conduct_case (person_id)`);
    await q.query(
      `CREATE INDEX ix_conduct_case_criminal ON conduct_case (criminal_case_id) WHERE criminal_case_id IS NOT NULL`,
    );
    // At most one case per declaration: a re-delivered referral must not open a second.
    await q.query(
      `CREATE UNIQUE INDEX uq_conduct_case_declaration ON conduct_case (declaration_id) WHERE declaration_id IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE conduct_case_event (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES conduct_case(id) ON DELETE CASCADE,
        seq integer NOT NULL,
        type varchar(30) NOT NULL CHECK (type IN (${inList(EVENT_TYPES)})),
        event_on date NOT NULL,
        payload jsonb NOT NULL DEFAULT '{}',
        recorded_by uuid NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_conduct_case_event_seq UNIQUE (case_id, seq)
      )`);

    await q.query(`
      CREATE TABLE list_report (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL REFERENCES person(id),
        conduct_case_id uuid NOT NULL REFERENCES conduct_case(id),
        list varchar(10) NOT NULL CHECK (list IN ('BARRED','ADVISORY')),
        reason varchar(40) NOT NULL CHECK (reason IN (${inList(LIST_REASONS)})),
        trigger_on date NOT NULL,
        due_on date NOT NULL,
        sent_on date NULL,
        status varchar(30) NOT NULL CHECK (status IN (${inList(LIST_STATUSES)})),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT uq_list_report_case_list UNIQUE (conduct_case_id, list),
        CONSTRAINT ck_list_report_sent CHECK ((status = 'PENDING') = (sent_on IS NULL))
      )`);
    await q.query(`CREATE INDEX ix_list_report_person ON list_report (person_id)`);
    await q.query(
      `CREATE INDEX ix_list_report_unsent ON list_report (due_on) WHERE sent_on IS NULL`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE list_report`);
    await q.query(`DROP TABLE conduct_case_event`);
    await q.query(`DROP TABLE conduct_case`);
    await q.query(`DROP SEQUENCE conduct_case_ref_seq`);
    await q.query(`DROP TABLE criminal_case_stage`);
    await q.query(`DROP TABLE criminal_case`);
    await q.query(`DROP SEQUENCE criminal_case_ref_seq`);
    await q.query(`DROP TABLE extra_holiday`);
  }
}
