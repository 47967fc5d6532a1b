import { randomUUID } from 'node:crypto';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { isSafeCell } from '../src/foi/domain';
import { PersonStatusChange } from '../src/people/person-status-change.entity';
import { Person } from '../src/people/person.entity';
import {
  bearer,
  createPerson,
  createUser,
  eventually,
  startApp,
  TestApp,
  TestUser,
} from './helpers/app';

/** Values that must never appear in any FOI output. */
const SECRET_NAME = 'Zebedee Quartermain';
const SECRET_DESCRIPTION = 'Stole a bicycle from outside Quartermain Lodge';
const SECRET_SURNAME = 'Fennimore-Blythe';
const SECRET_DOB = '1979-02-28';

type Cell = string | number;
interface JsonExtract {
  columns: string[];
  rows: Cell[][];
  report: { rules: Array<{ rule: string; exemption: string | null }>; withheld: string[] };
}

describe('FOI: request register and anonymised extracts', () => {
  let t: TestApp;
  let foi: TestUser;
  let psd: TestUser;
  let admin: TestUser;
  const staffNumbers: string[] = [];
  // An extra holiday no other spec counts across; removed afterwards (other specs share the
  // database and read the plain table).
  const EXTRA_HOLIDAY = '2017-10-11';

  async function person(over: Partial<Person>, statuses: Array<[string, string]> = []) {
    const p = await createPerson(t, {
      surname: SECRET_SURNAME,
      dateOfBirth: SECRET_DOB,
      joinedOn: '2015-01-05',
      ...over,
    });
    staffNumbers.push(p.staffNumber);
    for (const [status, effectiveFrom] of statuses) {
      await t.ds
        .getRepository(PersonStatusChange)
        .save({ personId: p.id, status: status as PersonStatusChange['status'], effectiveFrom });
      await t.ds.getRepository(Person).update(p.id, {
        currentStatus: status as Person['currentStatus'],
      });
    }
    return p;
  }

  let caseNo = 0;
  async function criminalCase(
    personId: string,
    c: {
      category: string;
      offenceDate: string;
      stages: Array<[string, string]>;
      convictedOn?: string;
      chargedOn?: string;
    },
  ) {
    caseNo += 1;
    const last = c.stages[c.stages.length - 1];
    const [row] = await t.ds.query<Array<{ id: string }>>(
      `INSERT INTO criminal_case (reference, person_id, offence_category, offence_description,
         offence_date, current_stage, pending, concluded, charged_on, convicted_on, last_stage_on)
       VALUES ($1, $2, $3, $4, $5, $6, $7, false, $8, $9, $10) RETURNING id`,
      [
        `FOI-CC-${caseNo}`,
        personId,
        c.category,
        SECRET_DESCRIPTION,
        c.offenceDate,
        last[0],
        ['CHARGED', 'SUMMONSED', 'AWAITING_TRIAL'].includes(last[0]),
        c.chargedOn ?? null,
        c.convictedOn ?? null,
        last[1],
      ],
    );
    for (const [i, [stage, on]] of c.stages.entries()) {
      await t.ds.query(
        `INSERT INTO criminal_case_stage (case_id, seq, stage, stage_on) VALUES ($1, $2, $3, $4)`,
        [row.id, i + 1, stage, on],
      );
    }
  }

  let declarationNo = 0;
  async function declaration(
    receivedOn: string,
    risk: 'LOW' | 'MEDIUM' | 'HIGH',
    associates: Array<{ relationship: string; reasons: string[] }>,
  ) {
    declarationNo += 1;
    const id = randomUUID();
    await t.ds.query(
      `INSERT INTO declaration (id, reference, seq, root_id, declarant_person_id,
         declarant_user_id, status, became_aware_on, received_on, risk_level, outcome)
       VALUES ($1, $2, $3, $1, $4, $5, 'ASSESSED', $6, $6, $7, 'ADVICE_GIVEN')`,
      [id, `FOI-D-${declarationNo}`, declarationNo, psd.personId, psd.id, receivedOn, risk],
    );
    for (const [i, a] of associates.entries()) {
      await t.ds.query(
        `INSERT INTO declaration_associate (declaration_id, position, full_name, has_date_of_birth,
           date_of_birth, circumstances, relationship, reasons, is_current, key_id)
         VALUES ($1, $2, $3, true, $4, $5, $6, $7, true, 't1')`,
        [id, i + 1, SECRET_NAME, SECRET_DOB, SECRET_DESCRIPTION, a.relationship, a.reasons],
      );
    }
    await t.ds.query(
      `INSERT INTO declaration_assessment (declaration_id, assessor_user_id, risk_level, outcome,
         rationale, from_status, to_status)
       VALUES ($1, $2, $3, 'ADVICE_GIVEN', $4, 'UNDER_ASSESSMENT', 'ASSESSED')`,
      [id, psd.id, risk, SECRET_DESCRIPTION],
    );
  }

  let conductNo = 0;
  async function conductCase(personId: string, personType: string, outcome: string, on: string) {
    conductNo += 1;
    const [row] = await t.ds.query<Array<{ id: string }>>(
      `INSERT INTO conduct_case (reference, person_id, came_to_attention_on, origin, status,
         outcome, outcome_on, person_type_at_open, state)
       VALUES ($1, $2, $3, 'INTERNAL_REPORT', 'OUTCOME_DECIDED', $4, $5, $6, '{}') RETURNING id`,
      [`FOI-CON-${conductNo}`, personId, '2021-06-01', outcome, on, personType],
    );
    return row.id;
  }

  interface ExtractStatus {
    id: string;
    status: string;
    progress: number;
    checksum: string;
    releasedAt: string | null;
  }

  async function extract(body: Record<string, unknown>): Promise<ExtractStatus> {
    const res = await t.http.post('/api/v1/foi/extracts').set(bearer(foi)).send(body);
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ id: expect.any(String), status: 'QUEUED' });
    return eventually(async () => {
      const got = await t.http.get(`/api/v1/foi/extracts/${res.body.id}`).set(bearer(foi));
      expect(got.status).toBe(200);
      const body = got.body as ExtractStatus;
      return ['READY', 'FAILED'].includes(body.status) ? body : undefined;
    });
  }

  /** Downloads in all three formats, checks they agree, and returns the JSON form. */
  async function downloadAll(id: string): Promise<JsonExtract> {
    const json = await t.http
      .get(`/api/v1/foi/extracts/${id}/download`)
      .query({ format: 'json' })
      .set(bearer(foi));
    expect(json.status).toBe(200);
    expect(json.headers['content-type']).toMatch(/application\/json/);
    const data = JSON.parse(json.text) as JsonExtract;

    const csv = await t.http
      .get(`/api/v1/foi/extracts/${id}/download`)
      .query({ format: 'csv' })
      .set(bearer(foi));
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const csvRows: string[][] = parseCsv(csv.text);
    expect(csvRows[0]).toEqual(data.columns);
    expect(csvRows.slice(1)).toEqual(data.rows.map((r) => r.map(String)));

    const xlsx = await t.http
      .get(`/api/v1/foi/extracts/${id}/download`)
      .query({ format: 'xlsx' })
      .set(bearer(foi))
      .responseType('blob');
    expect(xlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as Parameters<typeof workbook.xlsx.load>[0]);
    const sheet = workbook.getWorksheet('Data')!;
    const sheetRows: Cell[][] = [];
    sheet.eachRow((row) => sheetRows.push((row.values as Cell[]).slice(1)));
    expect(sheetRows[0]).toEqual(data.columns);
    expect(sheetRows.slice(1)).toEqual(data.rows);
    const report = workbook.getWorksheet('Report')!;
    expect(report.getRow(1).values).toEqual([
      undefined,
      'Rule',
      'Description',
      'Affected',
      'Exemption',
      'Reason',
    ]);
    expect(report.rowCount).toBeGreaterThan(data.report.rules.length);

    for (const text of [json.text, csv.text]) {
      for (const secret of [
        SECRET_NAME,
        SECRET_DESCRIPTION,
        SECRET_SURNAME,
        SECRET_DOB,
        'Quartermain',
      ]) {
        expect(text).not.toContain(secret);
      }
      for (const staffNumber of staffNumbers) expect(text).not.toContain(staffNumber);
      // Every date-like value is a four-digit year.
      expect(text).not.toMatch(/\d{4}-\d{2}/);
    }
    for (const row of data.rows) {
      expect(row).toHaveLength(data.columns.length);
      for (const cell of row) expect(isSafeCell(cell)).toBe(true);
    }
    return data;
  }

  function groupSizes(rows: Cell[][]): number[] {
    const sizes = new Map<string, number>();
    for (const row of rows)
      sizes.set(JSON.stringify(row), (sizes.get(JSON.stringify(row)) ?? 0) + 1);
    return [...sizes.values()];
  }

  beforeAll(async () => {
    t = await startApp();
    // This spec counts the whole register, so it starts from an empty one.
    await t.ds.query(`TRUNCATE person, foi_request, foi_extract CASCADE`);
    const staff = { personType: 'POLICE_STAFF' as const, rank: null };
    foi = await createUser(t, ['FOI'], staff);
    psd = await createUser(t, ['PSD'], staff);
    admin = await createUser(t, ['ADMIN'], staff);

    // Biometric elimination records of police officers.
    for (let i = 0; i < 12; i++) {
      await person({ fingerprintsHeldOn: '2015-02-01', dnaHeldOn: '2015-02-01' });
    }
    for (let i = 0; i < 6; i++) await person({ fingerprintsHeldOn: '2015-02-01' });
    for (let i = 0; i < 2; i++) await person({});
    await person({ fingerprintsHeldOn: '2015-02-01', dnaHeldOn: '2015-02-01' }, [
      ['RESIGNED', '2023-06-30'],
    ]);

    // Convictions and charges, against special constables and PCSOs (not in the head count).
    const special = { personType: 'SPECIAL_CONSTABLE' as const, rank: 'CONSTABLE' as const };
    for (let i = 0; i < 4; i++) {
      const p = await person(special);
      await criminalCase(p.id, {
        category: 'THEFT',
        offenceDate: '2020-07-14',
        chargedOn: '2020-09-01',
        convictedOn: '2021-03-02',
        stages: [
          ['CHARGED', '2020-09-01'],
          ['CONVICTED', '2021-03-02'],
        ],
      });
    }
    const pcso = await person({ personType: 'PCSO', rank: null }, [['DISMISSED', '2022-12-01']]);
    await criminalCase(pcso.id, {
      category: 'SEXUAL_OFFENCES',
      offenceDate: '2021-11-20',
      chargedOn: '2022-01-10',
      convictedOn: '2022-06-01',
      stages: [
        ['CHARGED', '2022-01-10'],
        ['CONVICTED', '2022-06-01'],
      ],
    });
    for (let i = 0; i < 3; i++) {
      const p = await person(special);
      await criminalCase(p.id, {
        category: 'FRAUD',
        offenceDate: '2022-04-04',
        chargedOn: '2023-05-02',
        stages: [['CHARGED', '2023-05-02']],
      });
    }

    // Declarations: six high-risk in 2021, one in 2020, one low-risk.
    for (let i = 0; i < 3; i++) {
      await declaration('2021-02-01', 'HIGH', [
        { relationship: 'PARTNER', reasons: ['CRIMINAL_CONVICTION'] },
      ]);
    }
    for (let i = 0; i < 2; i++) {
      await declaration('2021-05-01', 'HIGH', [
        { relationship: 'SIBLING', reasons: ['ADVERSE_INTELLIGENCE'] },
        { relationship: 'SIBLING_PARTNER', reasons: ['ADVERSE_INTELLIGENCE'] },
      ]);
    }
    await declaration('2021-08-01', 'HIGH', [
      { relationship: 'FRIEND', reasons: ['ADVERSE_INTELLIGENCE'] },
    ]);
    await declaration('2020-03-01', 'HIGH', [
      { relationship: 'SPOUSE_CIVIL_PARTNER', reasons: ['CRIMINAL_CONVICTION'] },
    ]);
    await declaration('2021-03-01', 'LOW', [
      { relationship: 'PARTNER', reasons: ['CRIMINAL_CONVICTION'] },
    ]);

    // Conduct outcomes and a barred-list referral.
    const officer = await person({});
    for (let i = 0; i < 5; i++) {
      await conductCase(officer.id, 'POLICE_OFFICER', 'WRITTEN_WARNING', '2022-03-01');
    }
    const dismissed = await conductCase(
      officer.id,
      'POLICE_OFFICER',
      'DISMISSAL_WITHOUT_NOTICE',
      '2022-09-01',
    );
    await t.ds.query(
      `INSERT INTO list_report (person_id, conduct_case_id, list, reason, trigger_on, due_on,
         sent_on, status)
       VALUES ($1, $2, 'BARRED', 'DISMISSED', '2022-09-01', '2022-09-08', '2022-09-05', 'REPORTED')`,
      [officer.id, dismissed],
    );
  });
  afterAll(async () => {
    // Rows inserted straight into other features' tables are not for their specs to read.
    await t.ds.query(`TRUNCATE person, foi_request, foi_extract CASCADE`);
    await t.ds.query(`DELETE FROM extra_holiday WHERE date = $1`, [EXTRA_HOLIDAY]);
    await t.close();
  });

  describe('request register', () => {
    it('allocates 01.FOI.YY.NNNNNN references from a sequence that runs on', async () => {
      const body = {
        receivedOn: '2025-01-06',
        subject: 'Numbers',
        questions: [{ text: 'How many?' }],
      };
      const a = await t.http.post('/api/v1/foi/requests').set(bearer(foi)).send(body);
      const b = await t.http.post('/api/v1/foi/requests').set(bearer(foi)).send(body);
      expect(a.status).toBe(201);
      const yy = String(new Date().getUTCFullYear()).slice(2);
      expect(a.body.reference).toMatch(new RegExp(`^01\\.FOI\\.${yy}\\.\\d{6}$`));
      const n = (r: string) => Number(r.split('.')[3]);
      expect(n(b.body.reference)).toBe(n(a.body.reference) + 1);
      expect(a.body).toMatchObject({
        status: 'OPEN',
        receivedOn: '2025-01-06',
        questions: [{ text: 'How many?', outcome: null, exemptions: [], extractIds: [] }],
      });
      const list = await t.http.get('/api/v1/foi/requests').query({ limit: 1 }).set(bearer(foi));
      expect(list.status).toBe(200);
      expect(list.body.items[0].id).toBe(b.body.id);
      const next = await t.http
        .get('/api/v1/foi/requests')
        .query({ limit: 1, cursor: list.body.nextCursor })
        .set(bearer(foi));
      expect(next.body.items[0].id).toBe(a.body.id);
    });

    it('sets the due date 20 working days on, skipping Easter and the May bank holiday', async () => {
      const res = await t.http
        .post('/api/v1/foi/requests')
        .set(bearer(foi))
        .send({ receivedOn: '2025-04-14', subject: 'Due date', questions: [{ text: 'Q' }] });
      expect(res.status).toBe(201);
      // Weekdays alone would give 12 May; Good Friday, Easter Monday and 5 May push it on.
      expect(res.body.dueOn).toBe('2025-05-15');
      const moved = await t.http
        .patch(`/api/v1/foi/requests/${res.body.id}`)
        .set(bearer(foi))
        .send({ receivedOn: '2025-06-02' });
      expect(moved.body.dueOn).toBe('2025-06-30');
    });

    it('re-dates open requests, and only those, when an administrator adds a holiday', async () => {
      // Monday 2 October 2017 + 20 working days = Monday 30 October (no bank holiday between).
      const create = async (subject: string, dueOn = '2017-10-30') => {
        const res = await t.http
          .post('/api/v1/foi/requests')
          .set(bearer(foi))
          .send({ receivedOn: '2017-10-02', subject, questions: [{ text: 'Q' }] });
        expect({ status: res.status, dueOn: res.body.dueOn }).toEqual({ status: 201, dueOn });
        return res.body as { id: string; questions: Array<{ id: string }> };
      };
      const open = await create('Still open');
      const responded = await create('Answered');
      const closed = await create('Withdrawn');
      const patch = async (id: string, body: Record<string, unknown>) => {
        const res = await t.http.patch(`/api/v1/foi/requests/${id}`).set(bearer(foi)).send(body);
        expect({ status: res.status, body: res.body }).toMatchObject({ status: 200 });
      };
      await patch(responded.id, {
        questions: [{ id: responded.questions[0].id, outcome: 'NOT_HELD' }],
        status: 'RESPONDED',
      });
      await patch(closed.id, { status: 'CLOSED' });
      const versionOf = async (id: string) =>
        (
          await t.ds.query<Array<{ v: string }>>(
            `SELECT holiday_table_version AS v FROM foi_request WHERE id = $1`,
            [id],
          )
        )[0].v;
      const before = await versionOf(open.id);

      const added = await t.http
        .post('/api/v1/calendar/holidays')
        .set(bearer(admin))
        .send({ date: EXTRA_HOLIDAY, title: 'Proclaimed holiday (FOI test)' });
      expect(added.status).toBe(201);

      const dueOn = async (id: string) => {
        const res = await t.http.get(`/api/v1/foi/requests/${id}`).set(bearer(foi));
        expect(res.status).toBe(200);
        return { status: res.body.status as string, dueOn: res.body.dueOn as string };
      };
      expect(await dueOn(open.id)).toEqual({ status: 'OPEN', dueOn: '2017-10-31' });
      expect(await dueOn(responded.id)).toEqual({ status: 'RESPONDED', dueOn: '2017-10-30' });
      expect(await dueOn(closed.id)).toEqual({ status: 'CLOSED', dueOn: '2017-10-30' });
      // The stored calendar version moves on with the date; the answered ones keep theirs.
      const calendar = await t.http.get('/api/v1/calendar/holidays').set(bearer(foi));
      expect(await versionOf(open.id)).toBe(calendar.body.version);
      expect(await versionOf(open.id)).not.toBe(before);
      expect(await versionOf(responded.id)).toBe(before);
      // A request logged now counts the new holiday as well.
      const later = await create('Logged after the holiday was added', '2017-10-31');
      expect(await versionOf(later.id)).toBe(calendar.body.version);
    });

    it('names each invalid field', async () => {
      const res = await t.http
        .post('/api/v1/foi/requests')
        .set(bearer(foi))
        .send({ receivedOn: '2025-02-30', subject: '', questions: [{ text: 7 }], extra: 1 });
      expect(res.status).toBe(400);
      const fields = (res.body.details as Array<{ field: string }>).map((d) => d.field);
      expect(fields).toEqual(
        expect.arrayContaining(['receivedOn', 'subject', 'questions[0].text', 'extra']),
      );
      const created = await t.http
        .post('/api/v1/foi/requests')
        .set(bearer(foi))
        .send({ receivedOn: '2025-02-03', subject: 'S', questions: [{ text: 'Q' }] });
      const bad = await t.http
        .patch(`/api/v1/foi/requests/${created.body.id}`)
        .set(bearer(foi))
        .send({
          questions: [
            { id: created.body.questions[0].id, outcome: 'EXEMPT', exemptions: [] },
            { id: randomUUID(), outcome: 'DISCLOSED' },
          ],
        });
      expect(bad.status).toBe(400);
      expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual([
        'questions[0].exemptions',
        'questions[1].id',
      ]);
      const early = await t.http
        .patch(`/api/v1/foi/requests/${created.body.id}`)
        .set(bearer(foi))
        .send({ status: 'RESPONDED' });
      expect(early.status).toBe(409);
      expect(early.body.code).toBe('FOI.NOT_READY_TO_RESPOND');
    });
  });

  describe('extracts', () => {
    it('validates type, period and options with field names', async () => {
      const res = await t.http
        .post('/api/v1/foi/extracts')
        .set(bearer(foi))
        .send({ type: 'EVERYTHING', from: 'last year', to: 2020 });
      expect(res.status).toBe(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toEqual(
        expect.arrayContaining(['type', 'from']),
      );
      const backwards = await t.http
        .post('/api/v1/foi/extracts')
        .set(bearer(foi))
        .send({ type: 'CONVICTIONS', from: 2024, to: '2018-03-03' });
      expect(backwards.status).toBe(400);
      expect(backwards.body.details).toEqual([expect.objectContaining({ field: 'to' })]);
      const wrongOption = await t.http
        .post('/api/v1/foi/extracts')
        .set(bearer(foi))
        .send({ type: 'CONVICTIONS', from: 2018, to: 2024, options: { riskLevels: ['HIGH'] } });
      expect(wrongOption.status).toBe(400);
      expect(wrongOption.body.details[0].field).toBe('options.riskLevels');
      const ancient = await t.http
        .post('/api/v1/foi/extracts')
        .set(bearer(foi))
        .send({ type: 'CONVICTIONS', from: 1066, to: 2024 });
      expect(ancient.status).toBe(400);
      expect(ancient.body.details[0].field).toBe('from');
    });

    it('BIOMETRIC_COVERAGE: per year end, small numbers suppressed, nothing identifying', async () => {
      const status = await extract({ type: 'BIOMETRIC_COVERAGE', from: 2022, to: '2023-12-31' });
      expect(status).toMatchObject({ status: 'READY', progress: 100, releasedAt: null });
      expect(status.checksum).toMatch(/^[0-9a-f]{64}$/);
      const data = await downloadAll(status.id);
      expect(data.columns).toEqual([
        'Year end',
        'Serving officers',
        'With fingerprints held',
        'With DNA profile held',
        'With neither held',
      ]);
      expect(data.rows.map((r) => r[0])).toEqual(['2022', '2023']);
      for (const row of data.rows) expect(row[4]).toBe('<5');
      // 22 serving at the end of 2022 (one resigns in 2023), 21 at the end of 2023, unless hidden.
      expect([22, '*']).toContain(data.rows[0][1]);
      expect([21, '*']).toContain(data.rows[1][1]);
      const rules = data.report.rules.map((r) => r.rule);
      expect(rules).toEqual(
        expect.arrayContaining(['SMALL_NUMBERS_SUPPRESSED', 'IDENTIFIERS_REMOVED']),
      );
      expect(data.report.rules.find((r) => r.rule === 'SMALL_NUMBERS_SUPPRESSED')!.exemption).toBe(
        'S40_2',
      );
    });

    it('CONVICTIONS and PENDING_CHARGES are year-level, k-anonymous row tables', async () => {
      const convictions = await extract({ type: 'CONVICTIONS', from: 2018, to: 2024 });
      expect(convictions.status).toBe('READY');
      const data = await downloadAll(convictions.id);
      expect(data.columns).toEqual([
        'Year of conviction',
        'Person type',
        'Offence category',
        'Status at time of offence',
        'Status now',
      ]);
      expect(data.rows).toContainEqual([
        '2021',
        'Special constable',
        'Theft',
        'Serving',
        'Serving',
      ]);
      for (const size of groupSizes(data.rows)) expect(size).toBeGreaterThanOrEqual(3);
      // The lone PCSO conviction cannot be published in a group of one.
      expect(JSON.stringify(data.rows)).not.toContain('Sexual offences');
      expect(data.report.rules.map((r) => r.rule)).toContain('K_ANONYMITY_SUPPRESSION');

      const pending = await extract({ type: 'PENDING_CHARGES', from: 2021, to: 2023 });
      const pendingData = await downloadAll(pending.id);
      expect(pendingData.columns[0]).toBe('Year of alleged offence');
      expect(pendingData.rows).toEqual(
        Array(3).fill(['2022', 'Special constable', 'Fraud', 'Serving', 'Serving']),
      );
      // Three equal published rows are stored once, as a run of three, and expanded on the way
      // out (the downloads above, in all three formats).
      const stored = await t.ds.query<Array<{ runs: number; rows: number }>>(
        `SELECT count(*)::int AS runs, sum(run_length)::int AS rows
           FROM foi_extract_row WHERE extract_id = $1`,
        [pending.id],
      );
      expect(stored).toEqual([{ runs: 1, rows: 3 }]);
    });

    it('HIGH_RISK_DECLARATIONS and DECLARATION_NATURE carry no personal data and no dates', async () => {
      const counts = await extract({ type: 'HIGH_RISK_DECLARATIONS', from: 2020, to: 2021 });
      const countData = await downloadAll(counts.id);
      expect(countData.rows).toEqual([
        ['2020', '<5'],
        ['2021', 6],
        ['Total', '*'],
      ]);
      const nature = await extract({ type: 'DECLARATION_NATURE', from: 2020, to: 2021 });
      const natureData = await downloadAll(nature.id);
      expect(natureData.columns).toEqual(['Nature of association', 'Reason for declaring']);
      for (const row of natureData.rows)
        for (const cell of row) expect(String(cell)).not.toMatch(/\d/);
      for (const size of groupSizes(natureData.rows)) expect(size).toBeGreaterThanOrEqual(3);
      expect(natureData.rows).toContainEqual(['Partner', 'criminal convictions']);
      expect(natureData.report.rules.map((r) => r.rule)).toContain('DATES_REMOVED');
    });

    it('CONDUCT_OUTCOMES and BARRED_LIST_REFERRALS are suppressed count tables', async () => {
      const conduct = await extract({
        type: 'CONDUCT_OUTCOMES',
        from: 2022,
        to: 2022,
        options: { byPersonType: true },
      });
      const data = await downloadAll(conduct.id);
      expect(data.columns.slice(0, 2)).toEqual(['Year', 'Person type']);
      const officers = data.rows.find((r) => r[1] === 'Police officer')!;
      expect(officers[data.columns.indexOf('Dismissal without notice')]).toBe('<5');
      // The single dismissal is protected by hiding its row and column totals, not the warnings.
      expect(officers[data.columns.indexOf('Written warning')]).toBe(5);
      expect(officers[officers.length - 1]).toBe('*');
      expect(data.rows[data.rows.length - 1].slice(0, 2)).toEqual(['Total', 'Total']);

      const barred = await extract({ type: 'BARRED_LIST_REFERRALS', from: 2022, to: 2022 });
      const barredData = await downloadAll(barred.id);
      const referred = barredData.rows.find((r) => r[1] === 'Police officer')!;
      expect(referred[barredData.columns.indexOf('Status when referred: Serving')]).toBe('<5');
      for (const row of barredData.rows) {
        for (const cell of row) if (typeof cell === 'number') expect(cell).toBe(0);
      }
    });

    it('releases frozen figures; a re-run matches, and what was suppressed stays suppressed', async () => {
      const request = await t.http
        .post('/api/v1/foi/requests')
        .set(bearer(foi))
        .send({
          receivedOn: '2025-03-03',
          subject: 'High-risk associations 2020 and 2021',
          questions: [
            { text: 'How many high-risk declarable association reports were received?' },
            { text: 'Describe the nature of each association.' },
            { text: 'Give the name of each associate.' },
          ],
        });
      const first = await extract({
        type: 'HIGH_RISK_DECLARATIONS',
        from: 2020,
        to: 2021,
        requestId: request.body.id,
      });
      const notYet = await t.http
        .get(`/api/v1/foi/requests/${request.body.id}/response`)
        .set(bearer(foi));
      expect(notYet.status).toBe(200);

      const released = await t.http
        .post(`/api/v1/foi/extracts/${first.id}/release`)
        .set(bearer(foi))
        .send({});
      expect(released.status).toBe(200);
      expect(released.body.releasedAt).toEqual(expect.any(String));
      expect(released.body.checksum).toBe(first.checksum);
      const twice = await t.http
        .post(`/api/v1/foi/extracts/${first.id}/release`)
        .set(bearer(foi))
        .send({});
      expect(twice.status).toBe(409);
      await expect(
        t.ds.query(`UPDATE foi_extract SET row_count = 0 WHERE id = $1`, [first.id]),
      ).rejects.toThrow(/frozen/);

      // Same register, same figures, same checksum.
      const again = await extract({ type: 'HIGH_RISK_DECLARATIONS', from: 2020, to: 2021 });
      expect(again.checksum).toBe(first.checksum);

      // Five more in 2020: no longer small, but it was withheld in the release, so it stays so.
      for (let i = 0; i < 5; i++) {
        await declaration('2020-10-01', 'HIGH', [
          { relationship: 'FRIEND', reasons: ['CRIMINAL_CONVICTION'] },
        ]);
      }
      const later = await extract({ type: 'HIGH_RISK_DECLARATIONS', from: 2020, to: 2021 });
      const laterData = await downloadAll(later.id);
      expect(laterData.rows).toEqual([
        ['2020', '*'],
        ['2021', 6],
        ['Total', '*'],
      ]);
      expect(laterData.report.rules.map((r) => r.rule)).toContain('CARRIED_FORWARD_SUPPRESSION');
      const frozen = await downloadAll(first.id);
      expect(frozen.rows).toEqual([
        ['2020', '<5'],
        ['2021', 6],
        ['Total', '*'],
      ]);

      // The nature table for the same request, released too.
      const nature = await extract({
        type: 'DECLARATION_NATURE',
        from: 2020,
        to: 2021,
        requestId: request.body.id,
      });
      await t.http.post(`/api/v1/foi/extracts/${nature.id}/release`).set(bearer(foi)).send({});

      const [q1, q2, q3] = request.body.questions;
      const answered = await t.http
        .patch(`/api/v1/foi/requests/${request.body.id}`)
        .set(bearer(foi))
        .send({
          questions: [
            {
              id: q1.id,
              outcome: 'PARTIALLY_DISCLOSED',
              exemptions: ['S40_2'],
              extractIds: [first.id],
              answer: 'The figures are in the table below.',
            },
            {
              id: q2.id,
              outcome: 'PARTIALLY_DISCLOSED',
              exemptions: ['S40_2', 'S31_1_A'],
              extractIds: [nature.id],
            },
            { id: q3.id, outcome: 'EXEMPT', exemptions: ['S40_2'] },
          ],
          status: 'RESPONDED',
        });
      expect(answered.status).toBe(200);
      expect(answered.body.status).toBe('RESPONDED');
      expect(answered.body.questions[0]).toMatchObject({
        outcome: 'PARTIALLY_DISCLOSED',
        exemptions: ['S40_2'],
        extractIds: [first.id],
      });

      const letter = await t.http
        .get(`/api/v1/foi/requests/${request.body.id}/response`)
        .set(bearer(foi));
      expect(letter.status).toBe(200);
      expect(letter.headers['content-type']).toMatch(/text\/plain/);
      const text = letter.text;
      expect(text).toContain(
        `Freedom of Information request reference no: ${request.body.reference}`,
      );
      expect(text).toContain('1. How many high-risk declarable association reports were received?');
      expect(text).toContain('refusal notice under section 17');
      expect(text).toContain('Section 40(2) – Personal information');
      expect(text).toContain('Section 31(1)(a) – Law enforcement');
      expect(text).toContain('| 2020 | <5 |');
      expect(text).toContain('| Partner | criminal convictions |');
      // Its table shows each published row, runs of equal rows expanded (the extract is stored
      // as runs), as the download does.
      const natureRows = (await downloadAll(nature.id)).rows;
      expect(natureRows.length).toBeLessThanOrEqual(100); // the letter's table limit
      const partnerRows = natureRows.filter(
        (r) => r[0] === 'Partner' && r[1] === 'criminal convictions',
      ).length;
      expect(partnerRows).toBeGreaterThanOrEqual(3);
      expect(
        text.split('\n').filter((l) => l.includes('| Partner | criminal convictions |')),
      ).toHaveLength(partnerRows);
      expect(text).toContain('The following information has not been provided:');
      expect(text).toContain(first.checksum);
      expect(text).toContain('Your right to complain');
      expect(text).not.toContain(SECRET_NAME);
      expect(text).not.toContain('DRAFT');

      const html = await t.http
        .get(`/api/v1/foi/requests/${request.body.id}/response`)
        .set(bearer(foi))
        .set('Accept', 'text/html');
      expect(html.headers['content-type']).toMatch(/text\/html/);
      expect(html.text).toContain('<td>&lt;5</td>');
      expect(html.text).toContain(
        `<h1>Freedom of Information request reference no: ${request.body.reference}</h1>`,
      );
      const forced = await t.http
        .get(`/api/v1/foi/requests/${request.body.id}/response`)
        .query({ format: 'text' })
        .set(bearer(foi))
        .set('Accept', 'text/html');
      expect(forced.headers['content-type']).toMatch(/text\/plain/);

      const audit = await t.ds.query<Array<{ action: string; details: unknown }>>(
        `SELECT action, details FROM audit_event WHERE entity_id = ANY($1) ORDER BY seq`,
        [[first.id, request.body.id]],
      );
      const actions = audit.map((a) => a.action);
      expect(actions).toEqual(
        expect.arrayContaining([
          'FOI.REQUEST_CREATE',
          'FOI.EXTRACT_REQUESTED',
          'FOI.EXTRACT_COMPLETED',
          'FOI.EXTRACT_READ',
          'FOI.EXTRACT_DOWNLOAD',
          'FOI.EXTRACT_RELEASE',
          'FOI.REQUEST_UPDATE',
          'FOI.RESPONSE_DRAFTED',
        ]),
      );
      expect(JSON.stringify(audit)).not.toContain('high-risk declarable');
    });

    it('answers 404 for an unknown extract and 409 while it is not ready to download', async () => {
      const missing = await t.http.get(`/api/v1/foi/extracts/${randomUUID()}`).set(bearer(foi));
      expect(missing.status).toBe(404);
      const [row] = await t.ds.query<Array<{ id: string }>>(
        `INSERT INTO foi_extract (type, period_from, period_to, status) VALUES ('CONVICTIONS', 2020, 2020, 'FAILED') RETURNING id`,
      );
      const res = await t.http.get(`/api/v1/foi/extracts/${row.id}/download`).set(bearer(foi));
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('FOI.EXTRACT_NOT_READY');
    });

    it('lets no stored value off the allow-list out, in the download or the response letter', async () => {
      // A stored row that no extract job could have written (an exact date): as if the table
      // had been edited by hand. Both ways out refuse it, and neither error repeats the value.
      const exactDate = '2020-03-04';
      const request = await t.http
        .post('/api/v1/foi/requests')
        .set(bearer(foi))
        .send({
          receivedOn: '2025-04-01',
          subject: 'High-risk associations 2020',
          questions: [{ text: 'How many were received?' }],
        });
      expect(request.status).toBe(201);
      const [row] = await t.ds.query<Array<{ id: string }>>(
        `INSERT INTO foi_extract (type, period_from, period_to, request_id, status, columns,
           row_count, report, checksum)
         VALUES ('HIGH_RISK_DECLARATIONS', 2020, 2020, $1, 'READY', '["Year", "Count"]', 1,
           '{"rules": [], "withheld": []}', repeat('0', 64)) RETURNING id`,
        [request.body.id],
      );
      await t.ds.query(
        `INSERT INTO foi_extract_row (extract_id, seq, cells, run_length) VALUES ($1, 0, $2, 1)`,
        [row.id, JSON.stringify([exactDate, 6])],
      );
      for (const format of ['json', 'csv', 'xlsx']) {
        const download = await t.http
          .get(`/api/v1/foi/extracts/${row.id}/download`)
          .query({ format })
          .set(bearer(foi));
        expect(download.status).toBe(500);
        expect(download.body.code).toBe('FOI.UNSAFE_OUTPUT_VALUE');
        expect(JSON.stringify(download.body)).not.toContain(exactDate);
      }
      // Nothing was downloaded, so no download is on the record.
      const recorded = await t.ds.query<unknown[]>(
        `SELECT 1 FROM audit_event WHERE action = 'FOI.EXTRACT_DOWNLOAD' AND entity_id = $1`,
        [row.id],
      );
      expect(recorded).toEqual([]);
      const answered = await t.http
        .patch(`/api/v1/foi/requests/${request.body.id}`)
        .set(bearer(foi))
        .send({
          questions: [
            { id: request.body.questions[0].id, outcome: 'DISCLOSED', extractIds: [row.id] },
          ],
        });
      expect(answered.status).toBe(200);
      const letter = await t.http
        .get(`/api/v1/foi/requests/${request.body.id}/response`)
        .set(bearer(foi));
      expect(letter.status).toBe(500);
      expect(letter.body.code).toBe('FOI.UNSAFE_OUTPUT_VALUE');
      expect(letter.text).not.toContain(exactDate);
    });
  });
});
