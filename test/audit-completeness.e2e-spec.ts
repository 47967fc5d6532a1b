import { bearer, createPerson, createUser, startApp, TestApp, TestUser } from './helpers/app';

/**
 * Each route that reads or changes personal data, called once, leaves exactly the expected
 * audit event(s), attributed to the caller, and no personal data in their details; background
 * work the call starts (a job) adds exactly its own events, attributed to no one; the chain still
 * verifies.
 */
type Who = 'admin' | 'psd' | 'vetting' | 'auditor' | 'foi' | 'officer' | 'officer2';
type Users = Record<Who, TestUser>;
/** Ids a scenario's setup hands to its call. */
type Ctx = Record<string, string>;

interface Scenario {
  route: string;
  /** The caller: every event the request writes is attributed to them. */
  as: Who;
  /** The actions the request writes, in order. */
  expect: string[];
  /** The actions background jobs started by the call write afterwards (no actor), in order. */
  background?: string[];
  /** Runs before the audit trail is marked, so its own events are not counted. */
  setup?(t: TestApp, u: Users): Promise<Ctx>;
  call(t: TestApp, me: TestUser, ctx: Ctx): PromiseLike<{ status: number }>;
}

/**
 * Personal data and free text the scenarios send: none may reach any audit event's details.
 * Letters only and unusual, so a hit is a leak and not a coincidence.
 */
const SECRET = {
  personForenames: 'Ottoline',
  personSurname: 'Quarrington',
  personDob: '1983-03-03',
  importForenames: 'Perpetua',
  importSurname: 'Wolstenholme',
  importDob: '1969-09-19',
  subjectSurname: 'Brackenbury',
  associateName: 'Thaddeus Vexmoor',
  associateAlias: 'Taddy Vexmoor',
  associateDob: '1977-07-17',
  circumstances: 'Met at the Pellingford rowing club',
  rationale: 'Rationale mentioning Glenmarrow haulage',
  question: 'How often do you visit Ardnacraig',
  answer: 'Twice a year at Ardnacraig',
  offenceDescription: 'Assault outside the Fenwickham arms',
  stageDetails: 'Arrested at Lowther Quay',
  withdrawalReason: 'Complainant Hesketh withdrew',
  foiSubject: 'Subject about Marchbanks',
  foiQuestion: 'Question about Marchbanks',
  foiAnswer: 'Answer about Marchbanks',
} as const;

/** A weekday in no other spec's period; removed afterwards (specs share the database). */
const HOLIDAY = '2012-05-16';

const person = (n: string) => ({
  staffNumber: n,
  forenames: SECRET.personForenames,
  surname: SECRET.personSurname,
  dateOfBirth: SECRET.personDob,
  gender: 'FEMALE',
  personType: 'POLICE_STAFF',
  grade: 'Band C',
  unit: 'HQ',
});

const associate = (over: Record<string, unknown> = {}) => ({
  fullName: SECRET.associateName,
  aliases: [SECRET.associateAlias],
  dateOfBirth: SECRET.associateDob,
  relationship: 'FRIEND',
  reasons: ['CRIMINAL_CONVICTION'],
  current: true,
  contactFrequency: 'MONTHLY',
  circumstances: SECRET.circumstances,
  ...over,
});

const declarationBody = { becameAwareOn: '2026-10-01', associates: [associate()] };

function ok<T extends { status: number; body: unknown }>(res: T, status: number): T['body'] {
  if (res.status !== status) {
    throw new Error(`setup: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
  }
  return res.body;
}

// ------------------------------------------------------------------ setup helpers

async function declare(t: TestApp, declarant: TestUser): Promise<string> {
  const res = await t.http
    .post('/api/v1/declarations')
    .set(bearer(declarant))
    .send(declarationBody);
  return (ok(res, 201) as { id: string }).id;
}

async function assess(t: TestApp, vetting: TestUser, id: string): Promise<void> {
  const res = await t.http
    .post(`/api/v1/declarations/${id}/assessments`)
    .set(bearer(vetting))
    .send({ riskLevel: 'LOW', outcome: 'ADVICE_GIVEN', rationale: SECRET.rationale });
  ok(res, 201);
}

async function caseSubject(t: TestApp): Promise<string> {
  return (await createPerson(t, { surname: SECRET.subjectSurname, dateOfBirth: SECRET.personDob }))
    .id;
}

async function criminalCase(t: TestApp, psd: TestUser): Promise<string> {
  const res = await t.http
    .post('/api/v1/criminal-cases')
    .set(bearer(psd))
    .send({
      personId: await caseSubject(t),
      offenceCategory: 'VIOLENCE_AGAINST_THE_PERSON',
      offenceDescription: SECRET.offenceDescription,
      offenceDate: '2026-06-14',
    });
  return (ok(res, 201) as { id: string }).id;
}

async function conductCase(
  t: TestApp,
  psd: TestUser,
  events: object[] = [],
  personId?: string,
): Promise<{ id: string; personId: string }> {
  const subject = personId ?? (await caseSubject(t));
  const res = await t.http
    .post('/api/v1/conduct-cases')
    .set(bearer(psd))
    .send({ personId: subject, cameToAttentionOn: '2026-06-15', origin: 'INTERNAL_REPORT' });
  const id = (ok(res, 201) as { id: string }).id;
  for (const e of events) {
    ok(await t.http.post(`/api/v1/conduct-cases/${id}/events`).set(bearer(psd)).send(e), 201);
  }
  return { id, personId: subject };
}

const SEVERITY = { type: 'SEVERITY_ASSESSED', on: '2026-06-20', severity: 'GROSS_MISCONDUCT' };

/** A conduct case whose subject resigned with the allegation live: an advisory report. */
async function listReport(t: TestApp, psd: TestUser): Promise<string> {
  const c = await conductCase(t, psd, [SEVERITY]);
  ok(
    await t.http
      .post(`/api/v1/people/${c.personId}/status-changes`)
      .set(bearer(psd))
      .send({ status: 'RESIGNED', effectiveFrom: '2026-07-06' }),
    201,
  );
  const res = await t.http
    .get('/api/v1/list-reports')
    .query({ conductCaseId: c.id })
    .set(bearer(psd));
  return (ok(res, 200) as { items: Array<{ id: string }> }).items[0].id;
}

async function foiRequest(t: TestApp, foi: TestUser): Promise<{ id: string; questionId: string }> {
  const res = await t.http
    .post('/api/v1/foi/requests')
    .set(bearer(foi))
    .send({
      receivedOn: '2026-11-02',
      subject: SECRET.foiSubject,
      questions: [{ text: SECRET.foiQuestion }],
    });
  const body = ok(res, 201) as { id: string; questions: Array<{ id: string }> };
  return { id: body.id, questionId: body.questions[0].id };
}

/** A built extract of a period no other spec reads (its release carries forward into those). */
async function foiExtract(t: TestApp, foi: TestUser, requestId?: string): Promise<string> {
  const res = await t.http
    .post('/api/v1/foi/extracts')
    .set(bearer(foi))
    .send({ type: 'CONVICTIONS', from: 1990, to: 1990, ...(requestId ? { requestId } : {}) });
  const id = (ok(res, 202) as { id: string }).id;
  await t.jobs.drain();
  const status = ok(await t.http.get(`/api/v1/foi/extracts/${id}`).set(bearer(foi)), 200) as {
    status: string;
  };
  if (status.status !== 'READY') throw new Error(`setup: extract is ${status.status}`);
  return id;
}

// ------------------------------------------------------------------ scenarios

const FOUNDATION: Scenario[] = [
  {
    route: 'POST /api/v1/people',
    as: 'admin',
    expect: ['PERSON.CREATE'],
    call: (t, me) =>
      t.http
        .post('/api/v1/people')
        .set(bearer(me))
        .send(person(`AC${Date.now()}`)),
  },
  {
    route: 'GET /api/v1/people',
    as: 'psd',
    expect: ['PERSON.LIST'],
    call: (t, me) => t.http.get('/api/v1/people').query({ limit: 5 }).set(bearer(me)),
  },
  {
    route: 'GET /api/v1/people/:id',
    as: 'vetting',
    expect: ['PERSON.READ'],
    setup: async (t) => ({ id: await caseSubject(t) }),
    call: (t, me, ctx) => t.http.get(`/api/v1/people/${ctx.id}`).set(bearer(me)),
  },
  {
    route: 'GET /api/v1/people/:id/status',
    as: 'psd',
    expect: ['PERSON.STATUS_READ'],
    setup: async (t) => ({ id: await caseSubject(t) }),
    call: (t, me, ctx) =>
      t.http.get(`/api/v1/people/${ctx.id}/status`).query({ on: '2020-01-01' }).set(bearer(me)),
  },
  {
    route: 'POST /api/v1/people/:id/status-changes',
    as: 'psd',
    expect: ['PERSON.STATUS_CHANGE'],
    setup: async (t) => ({ id: await caseSubject(t) }),
    call: (t, me, ctx) =>
      t.http
        .post(`/api/v1/people/${ctx.id}/status-changes`)
        .set(bearer(me))
        .send({ status: 'SUSPENDED', effectiveFrom: '2024-01-01' }),
  },
  {
    route: 'POST /api/v1/people/:id/status-changes (leaving with a live allegation)',
    as: 'psd',
    // The conduct cases' listener creates the advisory report inside the same transaction.
    expect: ['LIST_REPORT.TRIGGERED', 'PERSON.STATUS_CHANGE'],
    setup: async (t, u) => ({ id: (await conductCase(t, u.psd, [SEVERITY])).personId }),
    call: (t, me, ctx) =>
      t.http
        .post(`/api/v1/people/${ctx.id}/status-changes`)
        .set(bearer(me))
        .send({ status: 'RESIGNED', effectiveFrom: '2026-07-06' }),
  },
  {
    route: 'POST /api/v1/people/import',
    as: 'admin',
    expect: ['PERSON.IMPORT_STARTED'],
    background: ['PERSON.IMPORT_COMPLETED'],
    call: (t, me) =>
      t.http
        .post('/api/v1/people/import')
        .set(bearer(me))
        .set('Content-Type', 'text/csv')
        .send(
          'staffNumber,forenames,surname,dateOfBirth,gender,personType,rank,grade,unit,vettingLevel,joinedOn\n' +
            `AI${Date.now()},${SECRET.importForenames},${SECRET.importSurname},${SECRET.importDob},` +
            'FEMALE,POLICE_STAFF,,Band C,HQ,,2015-05-05\n',
        ),
  },
  {
    route: 'POST /api/v1/users',
    as: 'admin',
    expect: ['USER.CREATE'],
    call: (t, me) =>
      t.http
        .post('/api/v1/users')
        .set(bearer(me))
        .send({ username: `audit-${Date.now()}`, password: 'long-enough-password', roles: [] }),
  },
  {
    route: 'GET /api/v1/users',
    as: 'admin',
    expect: ['USER.LIST'],
    call: (t, me) => t.http.get('/api/v1/users').query({ limit: 5 }).set(bearer(me)),
  },
  {
    route: 'PATCH /api/v1/users/:id',
    as: 'admin',
    expect: ['USER.UPDATE'],
    // Its own account: a change of roles ends the sessions of the account changed.
    setup: async (t) => ({ id: (await createUser(t, ['PSD'])).id }),
    call: (t, me, ctx) =>
      t.http
        .patch(`/api/v1/users/${ctx.id}`)
        .set(bearer(me))
        .send({ roles: ['PSD'] }),
  },
  {
    route: 'POST /api/v1/auth/login',
    as: 'vetting',
    expect: ['AUTH.LOGIN'],
    call: (t, me) =>
      t.http
        .post('/api/v1/auth/login')
        .send({ username: me.username, password: 'correct-horse-battery' }),
  },
];

const DECLARATIONS: Scenario[] = [
  {
    route: 'POST /api/v1/declarations',
    as: 'officer',
    expect: ['DECLARATION.CREATE'],
    call: (t, me) => t.http.post('/api/v1/declarations').set(bearer(me)).send(declarationBody),
  },
  {
    route: 'GET /api/v1/declarations/mine',
    as: 'officer',
    expect: ['DECLARATION.LIST_MINE'],
    setup: async (t, u) => ({ id: await declare(t, u.officer) }),
    call: (t, me) => t.http.get('/api/v1/declarations/mine').set(bearer(me)),
  },
  {
    route: 'GET /api/v1/declarations/:id (declarant view)',
    as: 'officer',
    expect: ['DECLARATION.READ'],
    setup: async (t, u) => ({ id: await declare(t, u.officer) }),
    call: (t, me, ctx) => t.http.get(`/api/v1/declarations/${ctx.id}`).set(bearer(me)),
  },
  {
    route: 'GET /api/v1/declarations/:id (vetting view)',
    as: 'vetting',
    expect: ['DECLARATION.READ'],
    setup: async (t, u) => ({ id: await declare(t, u.officer) }),
    call: (t, me, ctx) => t.http.get(`/api/v1/declarations/${ctx.id}`).set(bearer(me)),
  },
  {
    route: 'PATCH /api/v1/declarations/:id (before assessment: in place)',
    as: 'officer',
    expect: ['DECLARATION.AMEND'],
    setup: async (t, u) => ({ id: await declare(t, u.officer) }),
    call: (t, me, ctx) =>
      t.http
        .patch(`/api/v1/declarations/${ctx.id}`)
        .set(bearer(me))
        .send({ becameAwareOn: '2026-10-02' }),
  },
  {
    route: 'PATCH /api/v1/declarations/:id (after assessment: a new version)',
    as: 'officer',
    expect: ['DECLARATION.AMEND'],
    setup: async (t, u) => {
      const id = await declare(t, u.officer);
      await assess(t, u.vetting, id);
      return { id };
    },
    call: (t, me, ctx) =>
      t.http
        .patch(`/api/v1/declarations/${ctx.id}`)
        .set(bearer(me))
        .send({ associates: [associate({ circumstances: `${SECRET.circumstances} again` })] }),
  },
  {
    route: 'POST /api/v1/declarations/:id/withdraw',
    as: 'officer',
    expect: ['DECLARATION.WITHDRAW'],
    setup: async (t, u) => ({ id: await declare(t, u.officer) }),
    call: (t, me, ctx) => t.http.post(`/api/v1/declarations/${ctx.id}/withdraw`).set(bearer(me)),
  },
  {
    route: 'POST /api/v1/declarations/:id/associates/:associateId/ended',
    as: 'officer',
    expect: ['DECLARATION.ASSOCIATION_ENDED'],
    setup: async (t, u) => {
      const id = await declare(t, u.officer);
      const view = ok(
        await t.http.get(`/api/v1/declarations/${id}`).set(bearer(u.officer)),
        200,
      ) as { associates: Array<{ id: string }> };
      return { id, associateId: view.associates[0].id };
    },
    call: (t, me, ctx) =>
      t.http
        .post(`/api/v1/declarations/${ctx.id}/associates/${ctx.associateId}/ended`)
        .set(bearer(me))
        .send({ endedOn: '2026-11-01' }),
  },
  {
    route: 'POST /api/v1/declarations/:id/info-requests',
    as: 'vetting',
    expect: ['DECLARATION.INFO_REQUEST'],
    setup: async (t, u) => ({ id: await declare(t, u.officer) }),
    call: (t, me, ctx) =>
      t.http
        .post(`/api/v1/declarations/${ctx.id}/info-requests`)
        .set(bearer(me))
        .send({ question: SECRET.question }),
  },
  {
    route: 'POST /api/v1/declarations/:id/info-requests/:requestId/answer',
    as: 'officer',
    expect: ['DECLARATION.INFO_ANSWER'],
    setup: async (t, u) => {
      const id = await declare(t, u.officer);
      const asked = ok(
        await t.http
          .post(`/api/v1/declarations/${id}/info-requests`)
          .set(bearer(u.vetting))
          .send({ question: SECRET.question }),
        201,
      ) as { id: string };
      return { id, requestId: asked.id };
    },
    call: (t, me, ctx) =>
      t.http
        .post(`/api/v1/declarations/${ctx.id}/info-requests/${ctx.requestId}/answer`)
        .set(bearer(me))
        .send({ answer: SECRET.answer }),
  },
  {
    route: 'POST /api/v1/declarations/:id/assessments',
    as: 'vetting',
    expect: ['DECLARATION.ASSESS'],
    setup: async (t, u) => ({ id: await declare(t, u.officer) }),
    call: (t, me, ctx) =>
      t.http
        .post(`/api/v1/declarations/${ctx.id}/assessments`)
        .set(bearer(me))
        .send({
          riskLevel: 'HIGH',
          outcome: 'RISK_MANAGEMENT_PLAN',
          conditions: ['NO_DISCUSSION_OF_WORK', 'REPORT_CHANGES'],
          rationale: SECRET.rationale,
        }),
  },
  {
    route: 'POST /api/v1/declarations/:id/assessments (REFER_PSD opens a conduct case)',
    as: 'vetting',
    // The referral's case is opened inside the assessment's transaction, before its event.
    expect: ['CONDUCT_CASE.CREATE', 'DECLARATION.ASSESS'],
    setup: async (t, u) => ({ id: await declare(t, u.officer2) }),
    call: (t, me, ctx) =>
      t.http.post(`/api/v1/declarations/${ctx.id}/assessments`).set(bearer(me)).send({
        riskLevel: 'HIGH',
        outcome: 'REFER_PSD',
        rationale: SECRET.rationale,
        reviewOn: '2027-06-30',
      }),
  },
  {
    route: 'GET /api/v1/declarations/:id/links',
    as: 'vetting',
    expect: ['DECLARATION.LINKS_READ'],
    setup: async (t, u) => {
      // Two declarants naming the same associate: a link.
      await declare(t, u.officer2);
      return { id: await declare(t, u.officer) };
    },
    call: (t, me, ctx) => t.http.get(`/api/v1/declarations/${ctx.id}/links`).set(bearer(me)),
  },
  {
    route: 'GET /api/v1/vetting/queue',
    as: 'vetting',
    expect: ['DECLARATION.QUEUE_READ'],
    call: (t, me) => t.http.get('/api/v1/vetting/queue').query({ limit: 5 }).set(bearer(me)),
  },
  {
    route: 'GET /api/v1/vetting/stats',
    as: 'vetting',
    expect: ['DECLARATION.STATS_READ'],
    call: (t, me) =>
      t.http
        .get('/api/v1/vetting/stats')
        .query({ from: '2026-01-01', to: '2026-12-31' })
        .set(bearer(me)),
  },
];

const CASES: Scenario[] = [
  {
    route: 'POST /api/v1/criminal-cases',
    as: 'psd',
    expect: ['CRIMINAL_CASE.CREATE'],
    setup: async (t) => ({ personId: await caseSubject(t) }),
    call: (t, me, ctx) =>
      t.http.post('/api/v1/criminal-cases').set(bearer(me)).send({
        personId: ctx.personId,
        offenceCategory: 'VIOLENCE_AGAINST_THE_PERSON',
        offenceDescription: SECRET.offenceDescription,
        offenceDate: '2026-06-14',
      }),
  },
  {
    route: 'GET /api/v1/criminal-cases',
    as: 'psd',
    expect: ['CRIMINAL_CASE.LIST'],
    setup: async (t, u) => ({ id: await criminalCase(t, u.psd) }),
    call: (t, me) => t.http.get('/api/v1/criminal-cases').query({ limit: 5 }).set(bearer(me)),
  },
  {
    route: 'GET /api/v1/criminal-cases/:id',
    as: 'psd',
    expect: ['CRIMINAL_CASE.READ'],
    setup: async (t, u) => ({ id: await criminalCase(t, u.psd) }),
    call: (t, me, ctx) => t.http.get(`/api/v1/criminal-cases/${ctx.id}`).set(bearer(me)),
  },
  {
    route: 'POST /api/v1/criminal-cases/:id/stages',
    as: 'psd',
    expect: ['CRIMINAL_CASE.STAGE_ADDED'],
    setup: async (t, u) => ({ id: await criminalCase(t, u.psd) }),
    call: (t, me, ctx) =>
      t.http
        .post(`/api/v1/criminal-cases/${ctx.id}/stages`)
        .set(bearer(me))
        .send({ stage: 'ARRESTED', on: '2026-06-15', details: SECRET.stageDetails }),
  },
  {
    route: 'POST /api/v1/conduct-cases',
    as: 'psd',
    expect: ['CONDUCT_CASE.CREATE'],
    setup: async (t) => ({ personId: await caseSubject(t) }),
    call: (t, me, ctx) =>
      t.http.post('/api/v1/conduct-cases').set(bearer(me)).send({
        personId: ctx.personId,
        cameToAttentionOn: '2026-06-15',
        origin: 'PUBLIC_COMPLAINT',
      }),
  },
  {
    route: 'GET /api/v1/conduct-cases',
    as: 'psd',
    expect: ['CONDUCT_CASE.LIST'],
    setup: async (t, u) => ({ id: (await conductCase(t, u.psd)).id }),
    call: (t, me) => t.http.get('/api/v1/conduct-cases').query({ limit: 5 }).set(bearer(me)),
  },
  {
    route: 'GET /api/v1/conduct-cases/:id',
    as: 'psd',
    expect: ['CONDUCT_CASE.READ'],
    setup: async (t, u) => ({ id: (await conductCase(t, u.psd)).id }),
    call: (t, me, ctx) => t.http.get(`/api/v1/conduct-cases/${ctx.id}`).set(bearer(me)),
  },
  {
    route: 'POST /api/v1/conduct-cases/:id/events',
    as: 'psd',
    expect: ['CONDUCT_CASE.EVENT'],
    setup: async (t, u) => ({ id: (await conductCase(t, u.psd)).id }),
    call: (t, me, ctx) =>
      t.http.post(`/api/v1/conduct-cases/${ctx.id}/events`).set(bearer(me)).send(SEVERITY),
  },
  {
    route: 'POST /api/v1/conduct-cases/:id/events (WITHDRAWN, with a reason)',
    as: 'psd',
    expect: ['CONDUCT_CASE.EVENT'],
    setup: async (t, u) => ({ id: (await conductCase(t, u.psd, [SEVERITY])).id }),
    call: (t, me, ctx) =>
      t.http
        .post(`/api/v1/conduct-cases/${ctx.id}/events`)
        .set(bearer(me))
        .send({ type: 'WITHDRAWN', on: '2026-07-01', reason: SECRET.withdrawalReason }),
  },
  {
    route: 'POST /api/v1/conduct-cases/:id/events (dismissal: a barred-list report)',
    as: 'psd',
    // The report is created in the same transaction and named in this one event.
    expect: ['CONDUCT_CASE.EVENT'],
    setup: async (t, u) => {
      const c = await conductCase(t, u.psd, [
        SEVERITY,
        { type: 'INVESTIGATION_STARTED', on: '2026-06-25', form: 'LOCAL' },
        {
          type: 'CASE_TO_ANSWER_DECIDED',
          on: '2026-07-10',
          decision: 'CASE_TO_ANSWER_GROSS_MISCONDUCT',
        },
        { type: 'REFERRED', on: '2026-07-15', form: 'MISCONDUCT_HEARING' },
      ]);
      return { id: c.id };
    },
    call: (t, me, ctx) =>
      t.http
        .post(`/api/v1/conduct-cases/${ctx.id}/events`)
        .set(bearer(me))
        .send({ type: 'OUTCOME', on: '2026-08-03', outcome: 'DISMISSAL_WITHOUT_NOTICE' }),
  },
  {
    route: 'GET /api/v1/list-reports',
    as: 'psd',
    expect: ['LIST_REPORT.LIST'],
    setup: async (t, u) => ({ id: await listReport(t, u.psd) }),
    call: (t, me) => t.http.get('/api/v1/list-reports').query({ limit: 5 }).set(bearer(me)),
  },
  {
    route: 'POST /api/v1/list-reports/:id/sent',
    as: 'psd',
    expect: ['LIST_REPORT.SENT'],
    setup: async (t, u) => ({ id: await listReport(t, u.psd) }),
    call: (t, me, ctx) =>
      t.http
        .post(`/api/v1/list-reports/${ctx.id}/sent`)
        .set(bearer(me))
        .send({ sentOn: '2026-07-07' }),
  },
];

const CALENDAR_AND_ALERTS: Scenario[] = [
  {
    // Re-dates open list reports and FOI requests in its transaction: one event covers it.
    route: 'POST /api/v1/calendar/holidays',
    as: 'admin',
    expect: ['CALENDAR.HOLIDAY_ADDED'],
    call: (t, me) =>
      t.http
        .post('/api/v1/calendar/holidays')
        .set(bearer(me))
        .send({ date: HOLIDAY, title: 'Audit completeness holiday' }),
  },
  {
    // Bank holidays only: no personal data, so nothing to audit.
    route: 'GET /api/v1/calendar/holidays',
    as: 'officer',
    expect: [],
    call: (t, me) => t.http.get('/api/v1/calendar/holidays').set(bearer(me)),
  },
  {
    route: 'GET /api/v1/alerts (VETTING)',
    as: 'vetting',
    expect: ['DECLARATION.ALERTS_READ'],
    call: (t, me) => t.http.get('/api/v1/alerts').set(bearer(me)),
  },
  {
    route: 'GET /api/v1/alerts (PSD)',
    as: 'psd',
    expect: ['CONDUCT_CASE.ALERTS_READ'],
    setup: async (t, u) => ({ id: await listReport(t, u.psd) }),
    call: (t, me) => t.http.get('/api/v1/alerts').set(bearer(me)),
  },
];

const FOI: Scenario[] = [
  {
    route: 'POST /api/v1/foi/requests',
    as: 'foi',
    expect: ['FOI.REQUEST_CREATE'],
    call: (t, me) =>
      t.http
        .post('/api/v1/foi/requests')
        .set(bearer(me))
        .send({
          receivedOn: '2026-11-02',
          subject: SECRET.foiSubject,
          questions: [{ text: SECRET.foiQuestion }],
        }),
  },
  {
    route: 'GET /api/v1/foi/requests',
    as: 'foi',
    expect: ['FOI.REQUEST_LIST'],
    setup: async (t, u) => ({ id: (await foiRequest(t, u.foi)).id }),
    call: (t, me) => t.http.get('/api/v1/foi/requests').query({ limit: 5 }).set(bearer(me)),
  },
  {
    route: 'GET /api/v1/foi/requests/:id',
    as: 'foi',
    expect: ['FOI.REQUEST_READ'],
    setup: async (t, u) => ({ id: (await foiRequest(t, u.foi)).id }),
    call: (t, me, ctx) => t.http.get(`/api/v1/foi/requests/${ctx.id}`).set(bearer(me)),
  },
  {
    route: 'PATCH /api/v1/foi/requests/:id',
    as: 'foi',
    expect: ['FOI.REQUEST_UPDATE'],
    setup: async (t, u) => foiRequest(t, u.foi),
    call: (t, me, ctx) =>
      t.http
        .patch(`/api/v1/foi/requests/${ctx.id}`)
        .set(bearer(me))
        .send({
          subject: `${SECRET.foiSubject} (revised)`,
          questions: [{ id: ctx.questionId, outcome: 'NOT_HELD', answer: SECRET.foiAnswer }],
        }),
  },
  {
    route: 'GET /api/v1/foi/requests/:id/response',
    as: 'foi',
    expect: ['FOI.RESPONSE_DRAFTED'],
    setup: async (t, u) => ({ id: (await foiRequest(t, u.foi)).id }),
    call: (t, me, ctx) => t.http.get(`/api/v1/foi/requests/${ctx.id}/response`).set(bearer(me)),
  },
  {
    route: 'POST /api/v1/foi/extracts',
    as: 'foi',
    expect: ['FOI.EXTRACT_REQUESTED'],
    background: ['FOI.EXTRACT_COMPLETED'],
    call: (t, me) =>
      t.http
        .post('/api/v1/foi/extracts')
        .set(bearer(me))
        .send({ type: 'CONVICTIONS', from: 1990, to: 1990 }),
  },
  {
    route: 'GET /api/v1/foi/extracts/:id',
    as: 'foi',
    expect: ['FOI.EXTRACT_READ'],
    setup: async (t, u) => ({ id: await foiExtract(t, u.foi) }),
    call: (t, me, ctx) => t.http.get(`/api/v1/foi/extracts/${ctx.id}`).set(bearer(me)),
  },
  {
    route: 'GET /api/v1/foi/extracts/:id/download',
    as: 'foi',
    expect: ['FOI.EXTRACT_DOWNLOAD'],
    setup: async (t, u) => ({ id: await foiExtract(t, u.foi) }),
    call: (t, me, ctx) =>
      t.http
        .get(`/api/v1/foi/extracts/${ctx.id}/download`)
        .query({ format: 'csv' })
        .set(bearer(me)),
  },
  {
    route: 'POST /api/v1/foi/extracts/:id/release',
    as: 'foi',
    expect: ['FOI.EXTRACT_RELEASE'],
    setup: async (t, u) => {
      const request = await foiRequest(t, u.foi);
      return { id: await foiExtract(t, u.foi, request.id) };
    },
    call: (t, me, ctx) =>
      t.http.post(`/api/v1/foi/extracts/${ctx.id}/release`).set(bearer(me)).send({}),
  },
];

const SCENARIOS: Scenario[] = [
  ...FOUNDATION,
  ...DECLARATIONS,
  ...CASES,
  ...CALENDAR_AND_ALERTS,
  ...FOI,
];

describe('audit completeness', () => {
  let t: TestApp;
  const u = {} as Users;
  beforeAll(async () => {
    t = await startApp();
    u.admin = await createUser(t, ['ADMIN']);
    u.psd = await createUser(t, ['PSD']);
    u.vetting = await createUser(t, ['VETTING']);
    u.auditor = await createUser(t, ['AUDITOR']);
    u.foi = await createUser(t, ['FOI']);
    u.officer = await createUser(t, ['OFFICER']);
    u.officer2 = await createUser(t, ['OFFICER']);
  });
  afterAll(async () => {
    await t.ds.query(`DELETE FROM extra_holiday WHERE date = $1`, [HOLIDAY]);
    await t.close();
  });

  it('has one scenario per route and variant', () => {
    const routes = SCENARIOS.map((s) => s.route);
    expect(new Set(routes).size).toBe(routes.length);
  });

  it.each(SCENARIOS.map((s) => [s.route, s] as const))('%s', async (_route, scenario) => {
    const ctx = scenario.setup ? await scenario.setup(t, u) : {};
    // Whatever the setup started finishes before the trail is marked.
    await t.jobs.drain();
    const [{ seq }] = await t.ds.query<Array<{ seq: string | null }>>(
      `SELECT max(seq) AS seq FROM audit_event`,
    );
    const me = u[scenario.as];
    const res = await scenario.call(t, me, ctx);
    expect(res.status).toBeLessThan(300);
    await t.jobs.drain();
    const events = await t.ds.query<Array<{ action: string; actor_id: string | null }>>(
      `SELECT action, actor_id FROM audit_event WHERE seq > $1 ORDER BY seq`,
      [seq ?? 0],
    );
    expect(events.map((e) => [e.action, e.actor_id])).toEqual([
      ...scenario.expect.map((action) => [action, me.id]),
      ...(scenario.background ?? []).map((action) => [action, null]),
    ]);
  });

  it('no audit event anywhere carries the names, dates of birth or free text sent', async () => {
    const leaked = await t.ds.query<Array<{ secret: string; action: string }>>(
      `SELECT s.secret, e.action
         FROM unnest($1::text[]) AS s (secret)
         JOIN audit_event e ON strpos(lower(e.details::text), lower(s.secret)) > 0
        ORDER BY e.seq`,
      [Object.values(SECRET)],
    );
    expect(leaked).toEqual([]);
  });

  it('the chain verifies after all of them', async () => {
    const res = await t.http.get('/api/v1/audit/verify').set(bearer(u.auditor));
    expect(res.body.ok).toBe(true);
  });
});
