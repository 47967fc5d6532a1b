import { MigrationInterface, QueryRunner } from 'typeorm';

const inList = (values: readonly string[]) => values.map((v) => `'${v}'`).join(',');
const GENDERS = ['FEMALE', 'MALE', 'OTHER', 'NOT_RECORDED'];
const PERSON_TYPES = [
  'POLICE_OFFICER',
  'SPECIAL_CONSTABLE',
  'PCSO',
  'POLICE_STAFF',
  'VOLUNTEER',
  'CONTRACTOR',
];
const STATUSES = [
  'SERVING',
  'RESTRICTED_DUTIES',
  'SUSPENDED',
  'RESIGNED',
  'RETIRED',
  'DISMISSED',
  'DECEASED',
];
const VETTING = ['RV', 'MV', 'NPPV1', 'NPPV2', 'NPPV3', 'SC', 'DV'];
const RANKS = [
  'CONSTABLE',
  'SERGEANT',
  'INSPECTOR',
  'CHIEF_INSPECTOR',
  'SUPERINTENDENT',
  'CHIEF_SUPERINTENDENT',
  'COMMANDER',
  'DEPUTY_ASSISTANT_COMMISSIONER',
  'ASSISTANT_COMMISSIONER',
  'DEPUTY_COMMISSIONER',
  'COMMISSIONER',
];
const ROLES = ['OFFICER', 'VETTING', 'PSD', 'FOI', 'AUDITOR', 'ADMIN'];

/** Accounts, the people register, the audit trail, the job outbox and people imports. */
export class Foundation1763769600000 implements MigrationInterface {
  name = 'Foundation1763769600000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE person (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        staff_number varchar(20) NOT NULL,
        forenames varchar(100) NOT NULL,
        surname varchar(100) NOT NULL,
        date_of_birth date NOT NULL,
        gender varchar(20) NOT NULL CHECK (gender IN (${inList(GENDERS)})),
        person_type varchar(30) NOT NULL CHECK (person_type IN (${inList(PERSON_TYPES)})),
        rank varchar(40) NULL CHECK (rank IN (${inList(RANKS)})),
        grade varchar(60) NULL,
        unit varchar(100) NOT NULL,
        vetting_level varchar(10) NULL CHECK (vetting_level IN (${inList(VETTING)})),
        vetting_expires_on date NULL,
        joined_on date NULL,
        left_on date NULL,
        fingerprints_held_on date NULL,
        dna_held_on date NULL,
        current_status varchar(30) NOT NULL CHECK (current_status IN (${inList(STATUSES)})),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT uq_person_staff_number UNIQUE (staff_number)
      )`);
    await q.query(`CREATE INDEX ix_person_surname ON person (surname, forenames)`);
    await q.query(`CREATE INDEX ix_person_type_status ON person (person_type, current_status)`);
    await q.query(`
      CREATE TABLE person_status_change (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL REFERENCES person(id) ON DELETE CASCADE,
        status varchar(30) NOT NULL CHECK (status IN (${inList(STATUSES)})),
        effective_from date NOT NULL,
        recorded_by uuid NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_person_status_change_day UNIQUE (person_id, effective_from)
      )`);
    await q.query(`
      CREATE TABLE app_user (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username varchar(64) NOT NULL,
        password_hash varchar(100) NOT NULL,
        roles text[] NOT NULL DEFAULT '{}' CHECK (roles <@ ARRAY[${inList(ROLES)}]::text[]),
        person_id uuid NULL REFERENCES person(id),
        disabled boolean NOT NULL DEFAULT false,
        failed_logins integer NOT NULL DEFAULT 0,
        locked_until timestamptz NULL,
        token_version integer NOT NULL DEFAULT 0,
        last_login_at timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_app_user_username ON app_user (username)`);
    await q.query(
      `CREATE UNIQUE INDEX uq_app_user_person ON app_user (person_id) WHERE person_id IS NOT NULL`,
    );

    await q.query(`
      CREATE TABLE audit_event (
        seq bigint PRIMARY KEY,
        id uuid NOT NULL UNIQUE,
        occurred_at timestamptz NOT NULL,
        actor_id uuid NULL,
        actor_username varchar(64) NULL,
        actor_roles text[] NOT NULL DEFAULT '{}',
        action varchar(60) NOT NULL,
        entity_type varchar(40) NOT NULL,
        entity_id varchar(64) NULL,
        ip varchar(64) NULL,
        request_id varchar(64) NULL,
        details jsonb NOT NULL DEFAULT '{}',
        prev_hash char(64) NOT NULL,
        hash char(64) NOT NULL
      )`);
    await q.query(`CREATE INDEX ix_audit_entity ON audit_event (entity_type, entity_id, seq)`);
    await q.query(`CREATE INDEX ix_audit_actor ON audit_event (actor_id, seq)`);
    await q.query(`CREATE INDEX ix_audit_occurred ON audit_event (occurred_at)`);
    await q.query(`
      CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_event_no_update_delete BEFORE UPDATE OR DELETE ON audit_event
      FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()`);
    await q.query(`
      CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
      FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()`);

    // Transactional outbox: a job is written in the same transaction as the change that implies
    // it, then relayed to Bull (or run in process); nothing is lost while Redis is away.
    await q.query(`
      CREATE TABLE job_outbox (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        queue varchar(40) NOT NULL,
        name varchar(60) NOT NULL,
        payload jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        available_at timestamptz NOT NULL DEFAULT now(),
        attempts integer NOT NULL DEFAULT 0,
        dispatched_at timestamptz NULL,
        completed_at timestamptz NULL,
        failed_at timestamptz NULL,
        last_error varchar(500) NULL
      )`);
    await q.query(
      `CREATE INDEX ix_job_outbox_pending ON job_outbox (available_at) WHERE dispatched_at IS NULL`,
    );

    await q.query(`
      CREATE TABLE people_import (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        status varchar(20) NOT NULL CHECK (status IN ('QUEUED','RUNNING','COMPLETED','FAILED')),
        created_by uuid NULL,
        csv text NOT NULL,
        total_rows integer NULL,
        imported_rows integer NOT NULL DEFAULT 0,
        errors jsonb NOT NULL DEFAULT '[]',
        created_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz NULL
      )`);

    // Runs of scheduled jobs: one row per job per day makes the daily job run once however many
    // processes schedule it.
    await q.query(`
      CREATE TABLE scheduled_run (
        job varchar(60) NOT NULL,
        run_on date NOT NULL,
        started_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz NULL,
        result jsonb NULL,
        PRIMARY KEY (job, run_on)
      )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE scheduled_run`);
    await q.query(`DROP TABLE people_import`);
    await q.query(`DROP TABLE job_outbox`);
    await q.query(`DROP TABLE audit_event`);
    await q.query(`DROP FUNCTION audit_event_append_only()`);
    await q.query(`DROP TABLE app_user`);
    await q.query(`DROP TABLE person_status_change`);
    await q.query(`DROP TABLE person`);
  }
}
