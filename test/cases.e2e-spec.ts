import { CASES_DAILY_TASK } from '../src/cases/cases-alerts.service';
import { JobRegistry } from '../src/jobs/job-registry';
import {
  bearer,
  createPerson,
  createUser,
  startApp,
  TestApp,
  TestUser,
  unique,
} from './helpers/app';

type Body = Record<string, unknown>;

describe('criminal and conduct cases, list reports', () => {
  let t: TestApp;
  let psd: TestUser;
  let psd2: TestUser;
  let auditor: TestUser;

  beforeAll(async () => {
    t = await startApp();
    psd = await createUser(t, ['PSD']);
    psd2 = await createUser(t, ['PSD']);
    auditor = await createUser(t, ['AUDITOR']);
  });
  afterAll(() => t.close());

  const officer = (over: Body = {}) =>
    createPerson(t, { personType: 'POLICE_OFFICER', rank: 'CONSTABLE', ...over });

  async function criminalCase(personId: string, over: Body = {}) {
    const res = await t.http
      .post('/api/v1/criminal-cases')
      .set(bearer(psd))
      .send({
        personId,
        offenceCategory: 'VIOLENCE_AGAINST_THE_PERSON',
        offenceDescription: 'Private account of the assault',
        offenceDate: '2025-06-14',
        ...over,
      });
    expect(res.status).toBe(201);
    return res.body as Body & { id: string };
  }

  async function stage(id: string, s: string, on: string, expected = 201) {
    const res = await t.http
      .post(`/api/v1/criminal-cases/${id}/stages`)
      .set(bearer(psd))
      .send({ stage: s, on });
    expect({ stage: s, status: res.status, code: res.body.code }).toMatchObject({
      stage: s,
      status: expected,
    });
    return res.body as Body;
  }

  async function conductCase(personId: string, over: Body = {}) {
    const res = await t.http
      .post('/api/v1/conduct-cases')
      .set(bearer(psd))
      .send({ personId, cameToAttentionOn: '2025-06-15', origin: 'INTERNAL_REPORT', ...over });
    expect(res.status).toBe(201);
    return res.body as Body & { id: string };
  }

  const event = (id: string, body: Body) =>
    t.http.post(`/api/v1/conduct-cases/${id}/events`).set(bearer(psd)).send(body);

  /** Records events that must succeed; returns the case after the last. */
  async function steps(id: string, events: Body[]): Promise<Body> {
    let body: Body = {};
    for (const e of events) {
      const res = await event(id, e);
      expect({ e, status: res.status, code: res.body.code }).toEqual({
        e,
        status: 201,
        code: undefined,
      });
      body = res.body as Body;
    }
    return body;
  }

  async function refused(id: string, e: Body, status: number, code: string) {
    const res = await event(id, e);
    expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
  }

  const reportsOf = async (caseId: string) =>
    (
      await t.http
        .get('/api/v1/list-reports')
        .query({ conductCaseId: caseId })
        .set(bearer(psd))
        .expect(200)
    ).body.items as Array<Body & { id: string; list: string }>;

  it('arrest → charge (paused) → conviction → accelerated hearing → dismissal → barred report due across Christmas', async () => {
    const p = await officer();
    const cc = await criminalCase(p.id, { indictableOnly: true });
    expect(cc.reference).toMatch(/^CC-\d{4}-\d{6}$/);
    expect(cc).toMatchObject({ pending: false, currentStage: null, indictableOnly: true });
    await stage(cc.id, 'ARRESTED', '2025-06-15');
    const charged = await stage(cc.id, 'CHARGED', '2025-06-16');
    expect(charged).toMatchObject({
      pending: true,
      currentStage: 'CHARGED',
      chargedOn: '2025-06-16',
    });

    const mc = await conductCase(p.id, {
      origin: 'CRIMINAL_INVESTIGATION',
      criminalCaseId: cc.id,
    });
    expect(mc.reference).toMatch(/^MC-\d{4}-\d{6}$/);
    expect(mc).toMatchObject({ status: 'PAUSED_SUB_JUDICE', stage: 'OPEN', pausedSubJudice: true });

    // The investigation may continue while sub judice; proceedings may not.
    const investigating = await steps(mc.id, [
      { type: 'SEVERITY_ASSESSED', on: '2025-06-20', severity: 'GROSS_MISCONDUCT' },
      { type: 'INVESTIGATION_STARTED', on: '2025-06-25', form: 'LOCAL' },
    ]);
    expect(investigating).toMatchObject({
      status: 'PAUSED_SUB_JUDICE',
      stage: 'UNDER_INVESTIGATION',
    });
    await refused(
      mc.id,
      { type: 'REFERRED', on: '2025-07-01', form: 'ACCELERATED_HEARING' },
      409,
      'CONDUCT_CASE.PAUSED_SUB_JUDICE',
    );

    const convicted = await stage(cc.id, 'CONVICTED', '2025-12-01');
    expect(convicted).toMatchObject({ pending: false, convictedOn: '2025-12-01' });
    const resumed = await t.http.get(`/api/v1/conduct-cases/${mc.id}`).set(bearer(psd));
    expect(resumed.body).toMatchObject({ status: 'UNDER_INVESTIGATION', pausedSubJudice: false });
    const alerts = await t.http.get('/api/v1/alerts').set(bearer(psd)).expect(200);
    expect(alerts.body.items).toContainEqual(
      expect.objectContaining({ kind: 'CONDUCT_CASE.PAUSE_LIFTED', entityId: mc.id }),
    );

    const dismissed = await steps(mc.id, [
      { type: 'REFERRED', on: '2025-12-05', form: 'ACCELERATED_HEARING' },
      // Monday 22 December 2025: the five working days skip Christmas, Boxing Day and a weekend.
      { type: 'OUTCOME', on: '2025-12-22', outcome: 'DISMISSAL_WITHOUT_NOTICE' },
    ]);
    expect(dismissed).toMatchObject({
      status: 'OUTCOME_DECIDED',
      outcome: 'DISMISSAL_WITHOUT_NOTICE',
      outcomeOn: '2025-12-22',
      finding: 'GROSS_MISCONDUCT',
      allegationLive: false,
    });
    const reports = await reportsOf(mc.id);
    expect(reports).toEqual([
      expect.objectContaining({
        personId: p.id,
        conductCaseId: mc.id,
        conductCaseReference: mc.reference,
        list: 'BARRED',
        reason: 'DISMISSED',
        triggerOn: '2025-12-22',
        dueOn: '2025-12-31',
        sentOn: null,
        status: 'PENDING',
        overdue: true,
      }),
    ]);
    const overdue = await t.http.get('/api/v1/alerts').set(bearer(psd)).expect(200);
    expect(overdue.body.items).toContainEqual(
      expect.objectContaining({
        kind: 'LIST_REPORT.OVERDUE',
        severity: 'OVERDUE',
        entityId: reports[0].id,
        dueOn: '2025-12-31',
      }),
    );

    // The daily statutory-clock task finds it too (run directly, not on its schedule).
    const [, daily] = t.app
      .get(JobRegistry)
      .dailyTasks()
      .find(([name]) => name === CASES_DAILY_TASK)!;
    const result = (await daily('2026-01-05')) as Record<string, number>;
    expect(result.listReportsOverdue).toBeGreaterThanOrEqual(1);

    const sent = await t.http
      .post(`/api/v1/list-reports/${reports[0].id}/sent`)
      .set(bearer(psd))
      .send({ sentOn: '2025-12-30' });
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({ status: 'REPORTED', sentOn: '2025-12-30', overdue: false });
    const again = await t.http
      .post(`/api/v1/list-reports/${reports[0].id}/sent`)
      .set(bearer(psd))
      .send({});
    expect({ status: again.status, code: again.body.code }).toEqual({
      status: 409,
      code: 'LIST_REPORT.INVALID_STATUS_TRANSITION',
    });

    // A further matter after the indictable-only conviction cannot be assessed below gross.
    const later = await conductCase(p.id, {
      cameToAttentionOn: '2025-12-02',
      criminalCaseId: cc.id,
    });
    await refused(
      later.id,
      { type: 'SEVERITY_ASSESSED', on: '2025-12-03', severity: 'MISCONDUCT' },
      409,
      'CONDUCT_CASE.INDICTABLE_ONLY_CONVICTION_IS_GROSS',
    );
  });

  it('resignation mid-investigation → advisory report → hearing in absence → would have been dismissed → converted to barred', async () => {
    const p = await officer();
    const mc = await conductCase(p.id, {
      cameToAttentionOn: '2025-02-03',
      origin: 'PUBLIC_COMPLAINT',
    });
    await steps(mc.id, [
      { type: 'SEVERITY_ASSESSED', on: '2025-02-10', severity: 'GROSS_MISCONDUCT' },
      { type: 'INVESTIGATION_STARTED', on: '2025-02-12', form: 'DIRECTED' },
    ]);
    expect(await reportsOf(mc.id)).toEqual([]);

    const resigned = await t.http
      .post(`/api/v1/people/${p.id}/status-changes`)
      .set(bearer(psd))
      .send({ status: 'RESIGNED', effectiveFrom: '2025-03-14' });
    expect(resigned.status).toBe(201);
    const [advisory] = await reportsOf(mc.id);
    expect(advisory).toMatchObject({
      list: 'ADVISORY',
      reason: 'RESIGNED_WHILE_ALLEGATION_LIVE',
      triggerOn: '2025-03-14',
      // St Patrick's Day (Northern Ireland, Monday 17 March) is non-working too.
      dueOn: '2025-03-24',
      status: 'PENDING',
    });
    await t.http
      .post(`/api/v1/list-reports/${advisory.id}/sent`)
      .set(bearer(psd))
      .send({ sentOn: '2025-03-18' })
      .expect(200);

    const got = await t.http.get(`/api/v1/conduct-cases/${mc.id}`).set(bearer(psd));
    expect(got.body).toMatchObject({
      status: 'UNDER_INVESTIGATION',
      statusAtOffence: 'SERVING',
      statusNow: 'RESIGNED',
      allegationLive: true,
    });

    await steps(mc.id, [
      {
        type: 'CASE_TO_ANSWER_DECIDED',
        on: '2025-05-01',
        decision: 'CASE_TO_ANSWER_GROSS_MISCONDUCT',
      },
      { type: 'REFERRED', on: '2025-05-10', form: 'MISCONDUCT_HEARING' },
    ]);
    await refused(
      mc.id,
      { type: 'OUTCOME', on: '2025-06-02', outcome: 'DISMISSAL_WITHOUT_NOTICE' },
      409,
      'CONDUCT_CASE.FORMER_OFFICER_CANNOT_BE_DISMISSED',
    );
    const decided = await steps(mc.id, [
      { type: 'OUTCOME', on: '2025-06-02', outcome: 'WOULD_HAVE_BEEN_DISMISSED' },
    ]);
    expect(decided).toMatchObject({ outcome: 'WOULD_HAVE_BEEN_DISMISSED' });
    const byList = Object.fromEntries(
      ((decided.listReports as Body[]) ?? []).map((r) => [r.list as string, r]),
    );
    expect(byList.ADVISORY).toMatchObject({ status: 'CONVERTED_TO_BARRED', sentOn: '2025-03-18' });
    expect(byList.BARRED).toMatchObject({
      reason: 'WOULD_HAVE_BEEN_DISMISSED',
      triggerOn: '2025-06-02',
      dueOn: '2025-06-09',
      status: 'PENDING',
    });
  });

  it('an advisory report sent after the case ended is settled as it is sent', async () => {
    const p = await officer();
    const mc = await conductCase(p.id, { cameToAttentionOn: '2025-01-06' });
    await steps(mc.id, [
      { type: 'SEVERITY_ASSESSED', on: '2025-01-07', severity: 'GROSS_MISCONDUCT' },
    ]);
    await t.http
      .post(`/api/v1/people/${p.id}/status-changes`)
      .set(bearer(psd))
      .send({ status: 'RETIRED', effectiveFrom: '2025-01-31' })
      .expect(201);
    await steps(mc.id, [{ type: 'WITHDRAWN', on: '2025-02-10', reason: 'Complainant withdrew' }]);
    const [advisory] = await reportsOf(mc.id);
    expect(advisory).toMatchObject({ reason: 'RETIRED_WHILE_ALLEGATION_LIVE', status: 'PENDING' });
    const sent = await t.http
      .post(`/api/v1/list-reports/${advisory.id}/sent`)
      .set(bearer(psd))
      .send({ sentOn: '2025-02-05' });
    expect(sent.body).toMatchObject({ status: 'REMOVED', sentOn: '2025-02-05' });
    const got = await t.http.get(`/api/v1/conduct-cases/${mc.id}`).set(bearer(psd));
    expect(got.body.status).toBe('WITHDRAWN');
    expect(got.body.events.at(-1)).toMatchObject({
      type: 'WITHDRAWN',
      fields: { reason: 'Complainant withdrew' },
    });
  });

  it('a PCSO dismissed under staff procedures goes to the barred list (due across Easter)', async () => {
    const p = await createPerson(t, { personType: 'PCSO', rank: null, grade: 'PCSO' });
    const mc = await conductCase(p.id, { cameToAttentionOn: '2025-01-13' });
    expect(mc.procedure).toBe('STAFF_MISCONDUCT_PROCEDURE');
    const done = await steps(mc.id, [
      { type: 'SEVERITY_ASSESSED', on: '2025-01-14', severity: 'GROSS_MISCONDUCT' },
      { type: 'INVESTIGATION_STARTED', on: '2025-01-15', form: 'LOCAL' },
      {
        type: 'CASE_TO_ANSWER_DECIDED',
        on: '2025-03-03',
        decision: 'CASE_TO_ANSWER_GROSS_MISCONDUCT',
      },
      { type: 'REFERRED', on: '2025-03-10', form: 'MISCONDUCT_HEARING' },
      // Wednesday 16 April 2025: Good Friday and Easter Monday fall in the five working days.
      { type: 'OUTCOME', on: '2025-04-16', outcome: 'DISMISSAL_WITHOUT_NOTICE' },
    ]);
    expect(done.listReports).toEqual([
      expect.objectContaining({
        list: 'BARRED',
        reason: 'DISMISSED',
        triggerOn: '2025-04-16',
        dueOn: '2025-04-25',
      }),
    ]);
    await refused(
      mc.id,
      { type: 'APPEAL_LODGED', on: '2025-04-20', forum: 'POLICE_APPEALS_TRIBUNAL' },
      409,
      'CONDUCT_CASE.APPEAL_FORUM_NOT_AVAILABLE',
    );
  });

  it('refuses illegal steps and outcomes with their codes', async () => {
    const p = await officer();
    // Misconduct (not gross) found at a gross hearing: no reduction in rank without a live FWW.
    const a = await conductCase(p.id, { cameToAttentionOn: '2025-01-06' });
    await steps(a.id, [
      { type: 'SEVERITY_ASSESSED', on: '2025-01-07', severity: 'GROSS_MISCONDUCT' },
      { type: 'INVESTIGATION_STARTED', on: '2025-01-08', form: 'LOCAL' },
      {
        type: 'CASE_TO_ANSWER_DECIDED',
        on: '2025-02-03',
        decision: 'CASE_TO_ANSWER_GROSS_MISCONDUCT',
      },
      { type: 'REFERRED', on: '2025-02-04', form: 'MISCONDUCT_HEARING' },
    ]);
    await refused(
      a.id,
      { type: 'OUTCOME', on: '2025-03-03', outcome: 'REDUCTION_IN_RANK', finding: 'MISCONDUCT' },
      409,
      'CONDUCT_CASE.SANCTION_REQUIRES_LIVE_FINAL_WARNING',
    );
    await refused(
      a.id,
      { type: 'OUTCOME', on: '2025-03-03', outcome: 'WOULD_HAVE_BEEN_DISMISSED' },
      409,
      'CONDUCT_CASE.WOULD_HAVE_BEEN_DISMISSED_ONLY_FOR_FORMER',
    );
    await steps(a.id, [
      {
        type: 'OUTCOME',
        on: '2025-03-03',
        outcome: 'FINAL_WRITTEN_WARNING',
        finding: 'MISCONDUCT',
      },
    ]);

    // With that final written warning live at the next severity assessment, the sanction is open
    // (and misconduct goes to a hearing, not a meeting).
    const b = await conductCase(p.id, { cameToAttentionOn: '2025-04-01' });
    await steps(b.id, [
      { type: 'SEVERITY_ASSESSED', on: '2025-04-02', severity: 'MISCONDUCT' },
      { type: 'INVESTIGATION_STARTED', on: '2025-04-03', form: 'LOCAL' },
      { type: 'CASE_TO_ANSWER_DECIDED', on: '2025-05-01', decision: 'CASE_TO_ANSWER_MISCONDUCT' },
    ]);
    await refused(
      b.id,
      { type: 'REFERRED', on: '2025-05-02', form: 'MISCONDUCT_MEETING' },
      409,
      'CONDUCT_CASE.PROCEEDINGS_FORM_NOT_AVAILABLE',
    );
    const reduced = await steps(b.id, [
      { type: 'REFERRED', on: '2025-05-02', form: 'MISCONDUCT_HEARING' },
      { type: 'OUTCOME', on: '2025-06-02', outcome: 'REDUCTION_IN_RANK', finding: 'MISCONDUCT' },
    ]);
    expect(reduced).toMatchObject({ outcome: 'REDUCTION_IN_RANK', listReports: [] });

    // A former officer faces gross-misconduct proceedings only.
    const q = await officer();
    const c = await conductCase(q.id, { cameToAttentionOn: '2025-01-06' });
    await steps(c.id, [
      { type: 'SEVERITY_ASSESSED', on: '2025-01-07', severity: 'MISCONDUCT' },
      { type: 'INVESTIGATION_STARTED', on: '2025-01-08', form: 'LOCAL' },
    ]);
    await t.http
      .post(`/api/v1/people/${q.id}/status-changes`)
      .set(bearer(psd))
      .send({ status: 'RETIRED', effectiveFrom: '2025-01-20' })
      .expect(201);
    await steps(c.id, [
      { type: 'CASE_TO_ANSWER_DECIDED', on: '2025-02-03', decision: 'CASE_TO_ANSWER_MISCONDUCT' },
    ]);
    await refused(
      c.id,
      { type: 'REFERRED', on: '2025-02-04', form: 'MISCONDUCT_MEETING' },
      409,
      'CONDUCT_CASE.FORMER_OFFICER_GROSS_MISCONDUCT_ONLY',
    );

    // Out of order, and malformed for its type.
    await refused(
      c.id,
      { type: 'APPEAL_DECIDED', on: '2025-02-05', result: 'DISMISSED' },
      409,
      'CONDUCT_CASE.INVALID_TRANSITION',
    );
    const missing = await event(c.id, { type: 'OUTCOME', on: '2025-02-05' });
    expect(missing.status).toBe(400);
    expect(missing.body.details).toContainEqual(expect.objectContaining({ field: 'outcome' }));
    const foreign = await event(c.id, {
      type: 'INVESTIGATION_STARTED',
      on: '2025-02-05',
      form: 'MISCONDUCT_HEARING',
    });
    expect(foreign.status).toBe(400);
    const unknown = await event(c.id, { type: 'WITHDRAWN', on: '2025-02-05', reason: 'x', x: 1 });
    expect(unknown.status).toBe(400);

    // Criminal stages out of order or before the offence.
    const cc = await criminalCase(q.id, { offenceDate: '2025-03-01' });
    await stage(cc.id, 'CONVICTED', '2025-03-02', 409);
    const early = await t.http
      .post(`/api/v1/criminal-cases/${cc.id}/stages`)
      .set(bearer(psd))
      .send({ stage: 'ARRESTED', on: '2025-02-01' });
    expect(early.body.code).toBe('CRIMINAL_CASE.STAGE_DATE_BEFORE_OFFENCE');
    // A criminal case about someone else cannot be linked.
    const other = await t.http.post('/api/v1/conduct-cases').set(bearer(psd)).send({
      personId: p.id,
      cameToAttentionOn: '2025-03-01',
      origin: 'OTHER',
      criminalCaseId: cc.id,
    });
    expect(other.body.code).toBe('CONDUCT_CASE.CRIMINAL_CASE_OTHER_PERSON');
  });

  it('answers the status at the offence date and now from the people register', async () => {
    const p = await officer({ joinedOn: '2012-01-01' });
    for (const [status, effectiveFrom] of [
      ['SUSPENDED', '2024-01-01'],
      ['RETIRED', '2025-01-01'],
    ]) {
      await t.http
        .post(`/api/v1/people/${p.id}/status-changes`)
        .set(bearer(psd))
        .send({ status, effectiveFrom })
        .expect(201);
    }
    const cc = await criminalCase(p.id, { offenceDate: '2024-06-01', offenceCategory: 'FRAUD' });
    expect(cc).toMatchObject({ statusAtOffence: 'SUSPENDED', statusNow: 'RETIRED' });
    const before = await criminalCase(p.id, { offenceDate: '2011-06-01' });
    expect(before.statusAtOffence).toBeNull();
    const list = await t.http
      .get('/api/v1/criminal-cases')
      .query({ personId: p.id })
      .set(bearer(psd))
      .expect(200);
    expect(list.body.items).toHaveLength(2);
    expect(list.body.items[0]).not.toHaveProperty('offenceDescription');
    expect(list.body.items.map((i: Body) => i.statusNow)).toEqual(['RETIRED', 'RETIRED']);
  });

  it('refuses a case about oneself, and keeps the description out of the audit trail', async () => {
    const own: Array<[string, Body]> = [
      [
        '/api/v1/criminal-cases',
        { offenceCategory: 'THEFT', offenceDescription: 'x', offenceDate: '2025-01-01' },
      ],
      ['/api/v1/conduct-cases', { cameToAttentionOn: '2025-01-01', origin: 'OTHER' }],
    ];
    for (const [path, body] of own) {
      const res = await t.http
        .post(path)
        .set(bearer(psd))
        .send({ personId: psd.personId, ...body });
      expect({ path, status: res.status, code: res.body.code }).toEqual({
        path,
        status: 403,
        code: 'CASE.SELF',
      });
    }
    // A colleague records a case about psd: psd can neither read it nor see it listed.
    const secret = 'Confidential narrative 7f3a';
    const created = await t.http.post('/api/v1/criminal-cases').set(bearer(psd2)).send({
      personId: psd.personId,
      offenceCategory: 'FRAUD',
      offenceDescription: secret,
      offenceDate: '2025-02-01',
    });
    expect(created.status).toBe(201);
    expect(created.body.offenceDescription).toBe(secret);
    const read = await t.http.get(`/api/v1/criminal-cases/${created.body.id}`).set(bearer(psd));
    expect({ status: read.status, code: read.body.code }).toEqual({
      status: 403,
      code: 'CASE.SELF',
    });
    const listed = await t.http
      .get('/api/v1/criminal-cases')
      .query({ personId: psd.personId })
      .set(bearer(psd));
    expect(listed.body.items).toEqual([]);
    const mc = await t.http
      .post('/api/v1/conduct-cases')
      .set(bearer(psd2))
      .send({ personId: psd.personId, cameToAttentionOn: '2025-02-02', origin: 'OTHER' });
    const ev = await event(mc.body.id, {
      type: 'SEVERITY_ASSESSED',
      on: '2025-02-03',
      severity: 'MISCONDUCT',
    });
    expect(ev.body.code).toBe('CASE.SELF');

    const missing = await t.http
      .get('/api/v1/conduct-cases/00000000-0000-4000-8000-000000000000')
      .set(bearer(psd));
    expect({ status: missing.status, code: missing.body.code }).toEqual({
      status: 404,
      code: 'CONDUCT_CASE.NOT_FOUND',
    });
    const nobody = await t.http.post('/api/v1/criminal-cases').set(bearer(psd)).send({
      personId: '00000000-0000-4000-8000-000000000000',
      offenceCategory: 'FRAUD',
      offenceDescription: 'x',
      offenceDate: '2025-02-01',
    });
    expect({ status: nobody.status, code: nobody.body.code }).toEqual({
      status: 404,
      code: 'PERSON.NOT_FOUND',
    });

    // Stored encrypted; audited by id and type only.
    const [row] = await t.ds.query<Array<{ offence_description: string }>>(
      `SELECT offence_description FROM criminal_case WHERE id = $1`,
      [created.body.id],
    );
    expect(row.offence_description).not.toContain(secret);
    await t.http.get(`/api/v1/criminal-cases/${created.body.id}`).set(bearer(psd2)).expect(200);
    const audit = await t.http
      .get('/api/v1/audit')
      .query({ entityId: created.body.id })
      .set(bearer(auditor))
      .expect(200);
    const actions = audit.body.items.map((e: Body) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['CRIMINAL_CASE.CREATE', 'CRIMINAL_CASE.READ']));
    expect(JSON.stringify(audit.body)).not.toContain(secret);
  });

  it('lists and reads a case whose stored state is unreadable, from its columns; refuses events on it', async () => {
    const p = await officer();
    const broken = ['{}', '[]', '"OPEN"', 'null', '{"status":"BOGUS"}'];
    const ids: string[] = [];
    for (const state of broken) {
      // 'MC-X-…' sorts before 'MC-2026-…', so these head the first page of the list.
      const [row] = await t.ds.query<Array<{ id: string }>>(
        `INSERT INTO conduct_case (reference, person_id, came_to_attention_on, origin, status,
           severity, severity_assessed_on, investigation_started_on, last_event_on,
           person_type_at_open, state)
         VALUES ($1, $2, '2025-03-03', 'INTERNAL_REPORT', 'UNDER_INVESTIGATION', 'MISCONDUCT',
           '2025-03-04', '2025-03-05', '2025-03-05', 'POLICE_OFFICER', $3::jsonb)
         RETURNING id`,
        [`MC-X-${unique().slice(-12)}`, p.id, state],
      );
      ids.push(row.id);
    }
    try {
      const expected = {
        personId: p.id,
        status: 'UNDER_INVESTIGATION',
        stage: 'UNDER_INVESTIGATION',
        severity: 'MISCONDUCT',
        severityAssessedOn: '2025-03-04',
        investigationStartedOn: '2025-03-05',
        outcome: null,
        allegationLive: true,
        allowedEvents: [],
      };
      const list = await t.http.get('/api/v1/conduct-cases').set(bearer(psd));
      expect(list.status).toBe(200);
      const listed = (list.body.items as Array<Body & { id: string }>).filter((i) =>
        ids.includes(i.id),
      );
      expect(listed).toHaveLength(broken.length);
      for (const item of listed) expect(item).toMatchObject(expected);
      const own = await t.http
        .get('/api/v1/conduct-cases')
        .query({ personId: p.id })
        .set(bearer(psd))
        .expect(200);
      expect(own.body.items).toHaveLength(broken.length);

      const read = await t.http.get(`/api/v1/conduct-cases/${ids[0]}`).set(bearer(psd));
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({ ...expected, events: [], listReports: [] });
      await refused(
        ids[0],
        { type: 'SEVERITY_ASSESSED', on: '2025-03-10', severity: 'GROSS_MISCONDUCT' },
        409,
        'CONDUCT_CASE.STATE_UNREADABLE',
      );
    } finally {
      await t.ds.query(`DELETE FROM conduct_case WHERE id = ANY($1::uuid[])`, [ids]);
    }
  });
});
