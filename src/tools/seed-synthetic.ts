/* eslint-disable no-console -- a command-line tool talks to its terminal */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import * as bcrypt from 'bcryptjs';
import { Client } from 'pg';
import { summariseCriminalCase } from '../cases/domain/criminal-case';
import { loadConfig } from '../config/app-config';
import { createFieldCipher } from '../crypto/crypto.module';
import { prepareDatabase } from '../database/database-runtime';
import { BCRYPT_ROUNDS } from '../users/users.service';
import { BulkLoader } from './synthetic/bulk';
import { generateCases, iso, toDay } from './synthetic/cases';
import { loadDeclarations, stamp } from './synthetic/declarations';
import { OFFENCE_DESCRIPTIONS, WITHDRAWN_REASONS } from './synthetic/names';
import { Prng } from './synthetic/prng';
import {
  currentStatus,
  generateWorkforce,
  leftOn,
  SYNTHETIC_STAFF_NUMBER_PREFIX,
  SynPerson,
} from './synthetic/workforce';

/**
 * `npm run seed:synthetic -- --people 46000 --from 2015 --to 2026 [--scale N] [--seed S]`
 *
 * Fills the register (DATABASE_URL, or the embedded database in DATA_DIR; migrations are applied
 * first) with a plausible synthetic force: the workforce and its status histories, accounts,
 * declarations with assessments and linked associates, criminal and conduct cases, barred and
 * advisory list reports and biometric elimination records. Rates are in the generator modules,
 * with their sources. Deterministic for a given seed and as-of date (ciphertexts differ, as each
 * encryption uses a fresh IV, but every plaintext, id and date is the same).
 *
 * This is a bulk load, not use of the service: it writes no audit events (the audit trail
 * records what people did, and nobody did this), and it never touches audit_event, so the hash
 * chain stays intact and verifiable. Run it on a database meant for testing or benchmarks.
 */
export interface SeedOptions {
  people: number;
  from: number;
  to: number;
  scale: number;
  seed: string;
  asOf: string;
  batch: number;
  password: string;
}

const USAGE =
  'Usage: npm run seed:synthetic -- [--people 46000] [--from 2015] [--to 2026] [--scale 1] ' +
  '[--seed psr] [--as-of YYYY-MM-DD] [--batch 5000] [--password <login password>]';

export function parseArgs(argv: string[]): SeedOptions {
  const today = new Date().toISOString().slice(0, 10);
  const o: SeedOptions = {
    people: 46000,
    from: 2015,
    to: 2026,
    scale: 1,
    seed: 'psr',
    asOf: '',
    batch: 5000,
    password: process.env.SEED_PASSWORD ?? 'synthetic-password',
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (flag === '--help' || flag === '-h') {
      console.log(USAGE);
      process.exit(0);
    }
    if (value === undefined) throw new Error(`${flag} needs a value\n${USAGE}`);
    i++;
    const num = () => {
      const n = Number(value);
      if (!Number.isFinite(n) || n <= 0) throw new Error(`${flag} must be a positive number`);
      return n;
    };
    if (flag === '--people') o.people = Math.round(num());
    else if (flag === '--from') o.from = Math.round(num());
    else if (flag === '--to') o.to = Math.round(num());
    else if (flag === '--scale') o.scale = num();
    else if (flag === '--seed') o.seed = value;
    else if (flag === '--as-of') o.asOf = value;
    else if (flag === '--batch') o.batch = Math.round(num());
    else if (flag === '--password') o.password = value;
    else throw new Error(`Unknown option ${flag}\n${USAGE}`);
  }
  if (o.to < o.from) throw new Error('--to must not be before --from');
  const end = `${o.to}-12-31`;
  o.asOf ||= end < today ? end : today;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(o.asOf)) throw new Error('--as-of must be YYYY-MM-DD');
  if (o.people < 100) throw new Error('--people must be at least 100');
  return o;
}

/** Named accounts with a known password, for trying the service and for the benchmarks. */
export const SYNTHETIC_ACCOUNTS = [
  'synthetic.officer',
  'synthetic.vetting',
  'synthetic.psd',
  'synthetic.foi',
  'synthetic.auditor',
  'synthetic.admin',
] as const;

function assignRoles(rng: Prng, people: SynPerson[]): { vetting: string[]; psd: string[] } {
  const longServing = people.filter(
    (p) => p.type === 'POLICE_STAFF' && currentStatus(p) === 'SERVING',
  );
  const take = (n: number, unit: string, role: string): SynPerson[] => {
    const out: SynPerson[] = [];
    while (out.length < n && longServing.length > 0) {
      const i = rng.int(longServing.length);
      const p = longServing.splice(i, 1)[0];
      p.unit = unit;
      p.roles = ['OFFICER', role];
      out.push(p);
    }
    return out;
  };
  const scale = Math.max(1, people.length / 80000);
  const vetting = take(Math.round(40 * scale), 'Vetting Unit', 'VETTING');
  const psd = take(Math.round(30 * scale), 'Professional Standards', 'PSD');
  const foi = take(1, 'Information Rights', 'FOI');
  const auditor = take(1, 'Information Assurance', 'AUDITOR');
  const admin = take(1, 'Digital Data and Technology', 'ADMIN');
  const officer = people.find(
    (p) => p.type === 'POLICE_OFFICER' && p.rank === 'CONSTABLE' && currentStatus(p) === 'SERVING',
  );
  if (!officer || !vetting[0] || !psd[0] || !foi[0] || !auditor[0] || !admin[0]) {
    throw new Error('The workforce is too small to staff the named accounts');
  }
  [officer, vetting[0], psd[0], foi[0], auditor[0], admin[0]].forEach((p, i) => {
    p.username = SYNTHETIC_ACCOUNTS[i];
  });
  return { vetting: vetting.map((p) => p.userId), psd: psd.map((p) => p.userId) };
}

function registerTables(loader: BulkLoader): void {
  const c = (name: string, type: string, cast?: string) => ({ name, type, cast });
  loader.table('person', [
    c('id', 'uuid'),
    c('staff_number', 'text'),
    c('forenames', 'text'),
    c('surname', 'text'),
    c('date_of_birth', 'date'),
    c('gender', 'text'),
    c('person_type', 'text'),
    c('rank', 'text'),
    c('grade', 'text'),
    c('unit', 'text'),
    c('vetting_level', 'text'),
    c('vetting_expires_on', 'date'),
    c('joined_on', 'date'),
    c('left_on', 'date'),
    c('fingerprints_held_on', 'date'),
    c('dna_held_on', 'date'),
    c('current_status', 'text'),
  ]);
  loader.table('person_status_change', [
    c('person_id', 'uuid'),
    c('status', 'text'),
    c('effective_from', 'date'),
    c('recorded_at', 'timestamptz'),
  ]);
  loader.table('app_user', [
    c('id', 'uuid'),
    c('username', 'text'),
    c('password_hash', 'text'),
    c('roles', 'text', 'text[]'),
    c('person_id', 'uuid'),
    c('disabled', 'bool'),
  ]);
  loader.table('declaration', [
    c('id', 'uuid'),
    c('reference', 'text'),
    c('seq', 'int8'),
    c('root_id', 'uuid'),
    c('previous_version_id', 'uuid'),
    c('version', 'int4'),
    c('declarant_person_id', 'uuid'),
    c('declarant_user_id', 'uuid'),
    c('status', 'text'),
    c('became_aware_on', 'date'),
    c('received_on', 'date'),
    c('submitted_at', 'timestamptz'),
    c('priority', 'int4'),
    c('risk_level', 'text'),
    c('outcome', 'text'),
    c('conditions', 'text', 'text[]'),
    c('review_on', 'date'),
    c('assessed_at', 'timestamptz'),
    c('created_at', 'timestamptz'),
    c('updated_at', 'timestamptz'),
  ]);
  loader.table('declaration_associate', [
    c('id', 'uuid'),
    c('declaration_id', 'uuid'),
    c('position', 'int4'),
    c('full_name', 'text'),
    c('aliases', 'text'),
    c('date_of_birth', 'text'),
    c('has_date_of_birth', 'bool'),
    c('circumstances', 'text'),
    c('relationship', 'text'),
    c('reasons', 'text', 'text[]'),
    c('is_current', 'bool'),
    c('ended_on', 'date'),
    c('contact_frequency', 'text'),
    c('key_id', 'text'),
  ]);
  loader.table('associate_identity', [
    c('declaration_id', 'uuid'),
    c('associate_id', 'uuid'),
    c('kind', 'text'),
    c('source', 'text'),
    c('hash', 'text'),
  ]);
  loader.table('declaration_assessment', [
    c('id', 'uuid'),
    c('declaration_id', 'uuid'),
    c('assessor_user_id', 'uuid'),
    c('risk_level', 'text'),
    c('outcome', 'text'),
    c('conditions', 'text', 'text[]'),
    c('rationale', 'text'),
    c('review_on', 'date'),
    c('from_status', 'text'),
    c('to_status', 'text'),
    c('assessed_at', 'timestamptz'),
  ]);
  loader.table('declaration_info_request', [
    c('id', 'uuid'),
    c('declaration_id', 'uuid'),
    c('question', 'text'),
    c('asked_by', 'uuid'),
    c('asked_at', 'timestamptz'),
    c('answer', 'text'),
    c('answered_by', 'uuid'),
    c('answered_at', 'timestamptz'),
  ]);
  loader.table('criminal_case', [
    c('id', 'uuid'),
    c('reference', 'text'),
    c('person_id', 'uuid'),
    c('offence_category', 'text'),
    c('offence_description', 'text'),
    c('offence_date', 'date'),
    c('indictable_only', 'bool'),
    c('current_stage', 'text'),
    c('pending', 'bool'),
    c('concluded', 'bool'),
    c('charged_on', 'date'),
    c('convicted_on', 'date'),
    c('sentenced_on', 'date'),
    c('last_stage_on', 'date'),
    c('created_by', 'uuid'),
    c('created_at', 'timestamptz'),
    c('updated_at', 'timestamptz'),
    c('version', 'int4'),
  ]);
  loader.table('criminal_case_stage', [
    c('case_id', 'uuid'),
    c('seq', 'int4'),
    c('stage', 'text'),
    c('stage_on', 'date'),
    c('recorded_by', 'uuid'),
    c('recorded_at', 'timestamptz'),
  ]);
  loader.table('conduct_case', [
    c('id', 'uuid'),
    c('reference', 'text'),
    c('person_id', 'uuid'),
    c('came_to_attention_on', 'date'),
    c('origin', 'text'),
    c('criminal_case_id', 'uuid'),
    c('status', 'text'),
    c('severity', 'text'),
    c('proceedings_form', 'text'),
    c('finding', 'text'),
    c('forum_outcome', 'text'),
    c('outcome', 'text'),
    c('outcome_on', 'date'),
    c('severity_assessed_on', 'date'),
    c('investigation_started_on', 'date'),
    c('investigation_ended_on', 'date'),
    c('allegation_closed_on', 'date'),
    c('last_event_on', 'date'),
    c('person_type_at_open', 'text'),
    c('state', 'text', 'jsonb'),
    c('created_by', 'uuid'),
    c('created_at', 'timestamptz'),
    c('updated_at', 'timestamptz'),
    c('version', 'int4'),
  ]);
  loader.table('conduct_case_event', [
    c('case_id', 'uuid'),
    c('seq', 'int4'),
    c('type', 'text'),
    c('event_on', 'date'),
    c('payload', 'text', 'jsonb'),
    c('recorded_by', 'uuid'),
    c('recorded_at', 'timestamptz'),
  ]);
  loader.table('list_report', [
    c('id', 'uuid'),
    c('person_id', 'uuid'),
    c('conduct_case_id', 'uuid'),
    c('list', 'text'),
    c('reason', 'text'),
    c('trigger_on', 'date'),
    c('due_on', 'date'),
    c('sent_on', 'date'),
    c('status', 'text'),
  ]);
}

/**
 * Seeds the database `env` configures (DATABASE_URL, or the embedded one in DATA_DIR), writing
 * its progress and the loaded shape through `log`; returns the rows loaded per table.
 */
export async function seedSynthetic(
  opts: SeedOptions,
  env: NodeJS.ProcessEnv = process.env,
  log: (line: string) => void = console.log,
): Promise<{ rows: Record<string, number> }> {
  const started = Date.now();
  const config = loadConfig(env);
  const cipher = createFieldCipher(config);
  const runtime = await prepareDatabase(config);
  const client = new Client({ connectionString: runtime.url, application_name: 'psr-seed' });
  await client.connect();
  try {
    const [{ n }] = (
      await client.query<{ n: string }>(
        `SELECT count(*)::text AS n FROM person WHERE staff_number LIKE $1`,
        [`${SYNTHETIC_STAFF_NUMBER_PREFIX}%`],
      )
    ).rows;
    if (Number(n) > 0) {
      throw new Error(
        `This database already holds ${n} synthetic people; seed an empty database instead`,
      );
    }
    const fromDay = toDay(`${opts.from}-01-01`);
    const asOfDay = toDay(opts.asOf);
    const rng = new Prng(opts.seed);
    log(
      `Seeding ${config.database.url ? 'the PostgreSQL server' : `the embedded database in ${config.database.dataDir}`}: ` +
        `headcount ${opts.people}, ${opts.from}–${opts.asOf}, declarations ×${opts.scale}, seed "${opts.seed}"`,
    );

    const people = generateWorkforce(rng.fork('workforce'), {
      people: opts.people,
      fromDay,
      asOfDay,
    });
    const { vetting, psd } = assignRoles(rng.fork('roles'), people);
    const cases = generateCases(rng.fork('cases'), people, { fromDay, asOfDay });

    const knownHash = bcrypt.hashSync(opts.password, BCRYPT_ROUNDS);
    // Everyone else gets a hash of a random password nobody knows (an admin can reset it).
    const lockedHash = bcrypt.hashSync(randomBytes(24).toString('base64'), BCRYPT_ROUNDS);
    const loader = new BulkLoader(client, opts.batch);
    registerTables(loader);

    await client.query('BEGIN');
    await client.query('SET LOCAL synchronous_commit = off');
    const prng = rng.fork('rows');
    for (const p of people) {
      const left = leftOn(p);
      await loader.add('person', [
        p.id,
        p.staffNumber,
        p.forenames,
        p.surname,
        iso(p.dob),
        p.gender,
        p.type,
        p.rank,
        p.grade,
        p.unit,
        p.vetting,
        iso(p.vettingExpires),
        iso(p.joined),
        left === null ? null : iso(left),
        p.fingerprints === null ? null : iso(p.fingerprints),
        p.dna === null ? null : iso(p.dna),
        currentStatus(p),
      ]);
      for (const h of p.history) {
        await loader.add('person_status_change', [p.id, h.status, iso(h.day), stamp(h.day, prng)]);
      }
      const named = !p.username.startsWith(SYNTHETIC_STAFF_NUMBER_PREFIX.toLowerCase());
      await loader.add('app_user', [
        p.userId,
        p.username,
        named ? knownHash : lockedHash,
        `{${p.roles.join(',')}}`,
        p.id,
        left !== null && !named,
      ]);
    }
    await loader.drain();

    const [{ base }] = (
      await client.query<{ base: string }>(
        `SELECT nextval('declaration_reference_seq')::text AS base`,
      )
    ).rows;
    const decl = await loadDeclarations(
      rng.fork('declarations'),
      people,
      { seed: opts.seed, fromDay, asOfDay, scale: opts.scale },
      loader,
      cipher,
      vetting,
      Number(base),
    );
    await loader.drain();
    await client.query(`SELECT setval('declaration_reference_seq', $1)`, [decl.lastSeq]);

    // ---- cases
    const descriptions = OFFENCE_DESCRIPTIONS.map((t) => cipher.encrypt(t));
    const reasons = WITHDRAWN_REASONS.map((t) => cipher.encrypt(t));
    const refBase = async (sequence: string, count: number) => {
      const [{ first }] = (
        await client.query<{ first: string }>(`SELECT nextval('${sequence}')::text AS first`)
      ).rows;
      if (count > 1) {
        await client.query(`SELECT setval('${sequence}', $1)`, [Number(first) + count - 1]);
      }
      return Number(first);
    };
    const ref = (prefix: string, day: number, n: number) =>
      `${prefix}-${iso(day).slice(0, 4)}-${String(n).padStart(6, '0')}`;
    const ccBase = await refBase('criminal_case_ref_seq', cases.criminal.length);
    for (const [i, c] of cases.criminal.entries()) {
      const s = summariseCriminalCase(c.stages, iso(c.offenceDay));
      const first = toDay(c.stages[0].on);
      const last = c.stages[c.stages.length - 1].on;
      const by = prng.pick(psd);
      await loader.add('criminal_case', [
        c.id,
        ref('CC', first, ccBase + i),
        c.person.id,
        c.category,
        descriptions[c.descriptionIdx],
        iso(c.offenceDay),
        c.indictableOnly,
        s.currentStage,
        s.pending,
        s.concluded,
        s.chargedOn,
        s.convictedOn,
        s.sentencedOn,
        last,
        by,
        stamp(first, prng),
        stamp(toDay(last), prng),
        c.stages.length + 1,
      ]);
      for (const [seq, st] of c.stages.entries()) {
        await loader.add('criminal_case_stage', [
          c.id,
          seq + 1,
          st.stage,
          st.on,
          by,
          stamp(toDay(st.on), prng),
        ]);
      }
    }
    const mcBase = await refBase('conduct_case_ref_seq', cases.conduct.length);
    for (const [i, c] of cases.conduct.entries()) {
      const s = { ...c.state, withdrawnReason: null };
      const by = prng.pick(psd);
      const lastDay = toDay(s.lastEventOn ?? s.cameToAttentionOn);
      await loader.add('conduct_case', [
        c.id,
        ref('MC', c.cameToAttention, mcBase + i),
        c.person.id,
        s.cameToAttentionOn,
        c.origin,
        c.criminal?.id ?? null,
        s.status,
        s.severity,
        s.proceedingsForm,
        s.finding,
        s.outcome,
        s.finalOutcome,
        s.finalOutcomeOn,
        s.severityAssessedOn,
        s.investigationStartedOn,
        s.investigationEndedOn,
        s.allegationClosedOn,
        s.lastEventOn,
        c.person.type,
        JSON.stringify(s),
        by,
        stamp(c.cameToAttention, prng),
        stamp(lastDay, prng),
        c.events.length + 1,
      ]);
      for (const [seq, e] of c.events.entries()) {
        const payload: Record<string, string> = {};
        for (const [k, v] of Object.entries(e as unknown as Record<string, string>)) {
          if (k === 'type' || k === 'on') continue;
          payload[k] = k === 'reason' ? reasons[Number(v) % reasons.length] : v;
        }
        await loader.add('conduct_case_event', [
          c.id,
          seq + 1,
          e.type,
          e.on,
          JSON.stringify(payload),
          by,
          stamp(toDay(e.on), prng),
        ]);
      }
    }
    for (const r of cases.lists) {
      await loader.add('list_report', [
        r.id,
        r.person.id,
        r.conduct.id,
        r.list,
        r.reason,
        r.triggerOn,
        r.dueOn,
        r.sentOn,
        r.status,
      ]);
    }
    await loader.drain();
    await client.query('COMMIT');
    const loaded = Date.now();
    // VACUUM as well as ANALYZE: the database then starts as a live one stands once autovacuum
    // has passed (visibility map and hint bits set), not as a bulk load no query has touched,
    // whose first readers would pay to set the hint bits of millions of rows. Measurements on a
    // freshly seeded database (npm run bench) then see the register's steady state.
    await client.query('VACUUM (ANALYZE)');

    // ---- report
    const counts = loader.counts();
    const serving = people.filter((p) => leftOn(p) === null);
    const officers = people.filter((p) => p.type === 'POLICE_OFFICER');
    const servingOfficers = serving.filter((p) => p.type === 'POLICE_OFFICER');
    const convicted = new Set(
      cases.criminal
        .filter((c) => summariseCriminalCase(c.stages).convictedOn !== null)
        .map((c) => c.person.id),
    );
    const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)}%` : '-');
    log('\nRows loaded:');
    for (const [table, count] of Object.entries(counts)) {
      log(`  ${table.padEnd(26)} ${String(count).padStart(10)}`);
    }
    log('\nShape:');
    log(
      `  headcount on ${opts.asOf}: ${serving.length} (officers ${servingOfficers.length}, ` +
        `PCSOs ${serving.filter((p) => p.type === 'PCSO').length}, specials ${serving.filter((p) => p.type === 'SPECIAL_CONSTABLE').length}, ` +
        `staff ${serving.filter((p) => p.type === 'POLICE_STAFF').length}); leavers kept in the register: ${people.length - serving.length}`,
    );
    log(
      `  declarations ${decl.declarations} (${decl.versions} versions); assessments ${decl.assessed}, ` +
        `HIGH ${pct(decl.assessedHigh, decl.assessed)}; statuses ${JSON.stringify(decl.byStatus)}`,
    );
    log(
      `  associate identities encrypted: ${decl.identities} (shared pool ${decl.sharedIdentities}, named by several declarants)`,
    );
    // The reference figure (MPS, April 2023: 161 of ~34,000) counts serving officers; many
    // convicted officers are dismissed, so the register's leavers are counted apart.
    const withConviction = (group: readonly SynPerson[]) => {
      const n = group.filter((p) => convicted.has(p.id)).length;
      return `${n} of ${group.length} (1 in ${Math.round(group.length / Math.max(1, n))})`;
    };
    log(
      `  serving officers with a conviction: ${withConviction(servingOfficers)}; ` +
        `every officer in the register, leavers too: ${withConviction(officers)}`,
    );
    log(
      `  serving officers with fingerprints ${pct(servingOfficers.filter((p) => p.fingerprints !== null).length, servingOfficers.length)}, ` +
        `DNA ${pct(servingOfficers.filter((p) => p.dna !== null).length, servingOfficers.length)}`,
    );
    log(
      `  conduct cases ${cases.conduct.length} (events the domain refused and replaced by a withdrawal: ${cases.rejectedEvents}); ` +
        `list reports ${cases.lists.length} (barred ${cases.lists.filter((l) => l.list === 'BARRED').length}, advisory ${cases.lists.filter((l) => l.list === 'ADVISORY').length})`,
    );
    log(
      `  accounts with password: ${SYNTHETIC_ACCOUNTS.join(', ')} (SEED_PASSWORD or --password); no audit events written`,
    );
    log(
      `\nDone in ${((Date.now() - started) / 1000).toFixed(1)} s (load ${((loaded - started) / 1000).toFixed(1)} s, VACUUM (ANALYZE) ${((Date.now() - loaded) / 1000).toFixed(1)} s)`,
    );
    return { rows: counts };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    await client.end();
    if (runtime.embedded) await runtime.embedded.stop();
  }
}

if (require.main === module) {
  Promise.resolve()
    .then(() => seedSynthetic(parseArgs(process.argv.slice(2))))
    .catch((err: Error) => {
      console.error(err.message);
      process.exit(1);
    });
}
