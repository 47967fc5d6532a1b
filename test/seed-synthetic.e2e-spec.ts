import { Client } from 'pg';
import request from 'supertest';
import { createApp } from '../src/bootstrap';
import { SeedOptions, seedSynthetic, SYNTHETIC_ACCOUNTS } from '../src/tools/seed-synthetic';
import { STAFF_PER_DECLARATION_YEAR } from '../src/tools/synthetic/declarations';
import { eventually } from './helpers/app';
import { envFor, ScratchDatabase, startScratchDatabase } from './helpers/scratch-database';

/**
 * `npm run seed:synthetic`, run twice with the same seed into two new scratch databases of its
 * own (never the suite's shared one: the seeded register would change what other specs count;
 * embedded under npm test, on the server under test:services), migrations applied by the seeder.
 * The two
 * registers must agree on every plaintext value, id and date; the service then runs on one of
 * them and its named accounts work through the API.
 */

/**
 * What must come out the same for the same seed: every column the seeder writes except
 * ciphertexts (a fresh IV each time) and bcrypt hashes (a fresh salt); not the columns the
 * database fills at load time.
 */
const DETERMINISTIC: Record<string, string> = {
  person:
    'id, staff_number, forenames, surname, date_of_birth, gender, person_type, rank, grade, unit, vetting_level, vetting_expires_on, joined_on, left_on, fingerprints_held_on, dna_held_on, current_status',
  person_status_change: 'person_id, status, effective_from, recorded_at',
  app_user: 'id, username, roles, person_id, disabled',
  declaration: '*',
  declaration_associate:
    'id, declaration_id, position, has_date_of_birth, relationship, reasons, is_current, ended_on, contact_frequency',
  associate_identity: 'declaration_id, associate_id, kind, source, hash',
  declaration_assessment:
    'id, declaration_id, assessor_user_id, risk_level, outcome, conditions, review_on, assessed_at',
  criminal_case:
    'id, reference, person_id, offence_category, offence_date, current_stage, charged_on, convicted_on',
  criminal_case_stage: 'case_id, seq, stage, stage_on',
  conduct_case: 'id, reference, person_id, came_to_attention_on, status, outcome, outcome_on',
  conduct_case_event: 'case_id, seq, type, event_on',
  list_report: 'id, person_id, conduct_case_id, list, reason, trigger_on, due_on, sent_on, status',
};

const OPTIONS: SeedOptions = {
  people: 1500,
  from: 2022,
  to: 2026,
  scale: 2,
  seed: 'e2e',
  asOf: '2026-06-30',
  batch: 400,
  password: 'synthetic-e2e-password',
};

/** Per table: row count and a digest of its deterministic columns in a stable order. */
async function fingerprint(db: ScratchDatabase): Promise<Record<string, string>> {
  const client = new Client({ connectionString: db.url });
  await client.connect();
  try {
    const out: Record<string, string> = {};
    for (const [table, columns] of Object.entries(DETERMINISTIC)) {
      const { rows } = await client.query<{ n: number; digest: string | null }>(
        `SELECT count(*)::int AS n, md5(string_agg(r::text, E'\\n' ORDER BY r::text)) AS digest
           FROM (SELECT ${columns} FROM ${table}) AS r`,
      );
      out[table] = `${rows[0].n} ${rows[0].digest}`;
    }
    return out;
  } finally {
    await client.end();
  }
}

describe('synthetic register (npm run seed:synthetic)', () => {
  const servers: ScratchDatabase[] = [];
  let first: ScratchDatabase;
  let loaded: Record<string, number>;
  const printed: string[] = [];

  beforeAll(async () => {
    first = await startScratchDatabase();
    servers.push(first);
    ({ rows: loaded } = await seedSynthetic(OPTIONS, envFor(first), (l) => printed.push(l)));
  }, 120000);

  afterAll(async () => {
    for (const db of servers) await db.stop();
  });

  it('loads every table of the register', () => {
    for (const table of Object.keys(DETERMINISTIC)) expect(loaded[table]).toBeGreaterThan(0);
    expect(loaded.person).toBeGreaterThanOrEqual(OPTIONS.people);
    expect(printed.join('\n')).toMatch(/Done in [\d.]+ s/);
  });

  it('has the rates of a force: one declaration per 30 people in service a year (times --scale), 5–15% assessed high risk', async () => {
    const client = new Client({ connectionString: first.url });
    await client.connect();
    try {
      const {
        rows: [r],
      } = await client.query<{
        person_years: number;
        declarations: number;
        high: number;
        assessed: number;
      }>(
        `SELECT (SELECT sum(greatest(0, least(coalesce(left_on, $2::date + 1), $2::date + 1)
                                        - greatest(joined_on + 14, $1::date)))::float / 365
                   FROM person) AS person_years,
                (SELECT count(DISTINCT root_id)::int FROM declaration) AS declarations,
                (SELECT count(*) FILTER (WHERE risk_level = 'HIGH')::int FROM declaration_assessment) AS high,
                (SELECT count(*)::int FROM declaration_assessment) AS assessed`,
        [`${OPTIONS.from}-01-01`, OPTIONS.asOf],
      );
      // About 500 expected: a Poisson spread of 4–5%, so ±15% fails only a wrong rate.
      const expected = (r.person_years / STAFF_PER_DECLARATION_YEAR) * OPTIONS.scale;
      expect(r.declarations / expected).toBeGreaterThan(0.85);
      expect(r.declarations / expected).toBeLessThan(1.15);
      expect(r.high / r.assessed).toBeGreaterThanOrEqual(0.05);
      expect(r.high / r.assessed).toBeLessThanOrEqual(0.15);
    } finally {
      await client.end();
    }
  });

  it('writes the same register again for the same seed', async () => {
    const second = await startScratchDatabase();
    servers.push(second);
    await seedSynthetic(OPTIONS, envFor(second), () => undefined);
    const [a, b] = [await fingerprint(first), await fingerprint(second)];
    expect(Object.keys(a)).toHaveLength(Object.keys(DETERMINISTIC).length);
    expect(b).toEqual(a);
  }, 120000);

  it('refuses to seed a database that already holds a synthetic register', async () => {
    await expect(seedSynthetic(OPTIONS, envFor(first), () => undefined)).rejects.toThrow(
      /already holds \d+ synthetic people/,
    );
  }, 60000);

  it('serves the seeded register: the named accounts log in and use it through the API', async () => {
    const started = await createApp(envFor(first));
    try {
      const http = request(started.app.getHttpServer());
      const tokens: Record<string, string> = {};
      for (const username of SYNTHETIC_ACCOUNTS) {
        const res = await http
          .post('/api/v1/auth/login')
          .send({ username, password: OPTIONS.password });
        expect(res.status).toBe(200);
        tokens[username] = res.body.accessToken as string;
      }
      const as = (username: string) => ({ Authorization: `Bearer ${tokens[username]}` });

      const queue = await http.get('/api/v1/vetting/queue').set(as('synthetic.vetting'));
      expect(queue.status).toBe(200);
      expect(queue.body.items.length).toBeGreaterThan(0);
      const top = queue.body.items[0] as { id: string };
      const full = await http.get(`/api/v1/declarations/${top.id}`).set(as('synthetic.vetting'));
      expect(full.status).toBe(200);
      // Associates were encrypted by the seeder with the service's keys: they read back.
      expect(full.body.associates[0].fullName).toMatch(/^[\p{L}' -]+ [\p{L}'-]+$/u);

      const cases = await http.get('/api/v1/criminal-cases').set(as('synthetic.psd'));
      expect(cases.status).toBe(200);

      const extract = await http
        .post('/api/v1/foi/extracts')
        .set(as('synthetic.foi'))
        .send({ type: 'DECLARATION_NATURE', from: 2022, to: 2026 });
      expect(extract.status).toBe(202);
      const done = await eventually(async () => {
        const got = await http
          .get(`/api/v1/foi/extracts/${extract.body.id}`)
          .set(as('synthetic.foi'));
        return ['READY', 'FAILED'].includes(got.body.status) ? got.body : undefined;
      });
      expect(done.status).toBe('READY');

      // The seeder writes no audit events; what the calls above wrote chains and verifies.
      const verified = await http.get('/api/v1/audit/verify').set(as('synthetic.auditor'));
      expect(verified.status).toBe(200);
      expect(verified.body).toMatchObject({ ok: true });
    } finally {
      await started.close();
    }
  }, 120000);
});
