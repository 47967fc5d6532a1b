import { addDays, todayIso } from '../src/calendar/domain/dates';
import {
  DeclarationsService,
  QUEUE_PRIORITIES_TASK,
} from '../src/declarations/declarations.service';
import { REVIEW_DUE_TASK, VettingService } from '../src/declarations/vetting.service';
import { FIRST_LINK_BONUS } from '../src/declarations/domain/priority';
import { bearer, createUser, dailyTaskNames, startApp, TestApp, TestUser } from './helpers/app';
import { QueueItem, QueuePage, tag } from './helpers/declarations';

function associate(over: Record<string, unknown> = {}) {
  return {
    fullName: `Sasha ${tag()}`,
    relationship: 'ACQUAINTANCE',
    reasons: ['OTHER'],
    current: true,
    ...over,
  };
}

describe('declarations: links, queue, reviews and figures for the vetting unit', () => {
  let t: TestApp;
  let vetting: TestUser;
  const today = todayIso();

  beforeAll(async () => {
    t = await startApp();
    vetting = await createUser(t, ['VETTING']);
  });
  afterAll(() => t.close());

  const declare = async (u: TestUser, associates: object[]) => {
    const res = await t.http
      .post('/api/v1/declarations')
      .set(bearer(u))
      .send({ becameAwareOn: addDays(today, -3), associates });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const full = async (id: string) =>
    (await t.http.get(`/api/v1/declarations/${id}`).set(bearer(vetting))).body;
  const links = async (id: string) => {
    const res = await t.http.get(`/api/v1/declarations/${id}/links`).set(bearer(vetting));
    expect(res.status).toBe(200);
    return res.body.items as Array<{
      linkedDeclarationId: string;
      associateId: string;
      match: { kind: string; viaAlias: boolean; description: string };
    }>;
  };
  const assess = async (id: string, body: object) => {
    const res = await t.http
      .post(`/api/v1/declarations/${id}/assessments`)
      .set(bearer(vetting))
      .send({ rationale: 'Assessed.', ...body });
    expect(res.status).toBe(201);
    return res.body;
  };
  const queuePages = async (query: Record<string, string>, limit: number) => {
    const pages: QueueItem[][] = [];
    let cursor: string | null = null;
    do {
      const res: { status: number; body: QueuePage } = await t.http
        .get('/api/v1/vetting/queue')
        .query({ ...query, limit: String(limit), ...(cursor ? { cursor } : {}) })
        .set(bearer(vetting));
      expect(res.status).toBe(200);
      pages.push(res.body.items);
      cursor = res.body.nextCursor;
    } while (cursor);
    return pages;
  };

  it('links associates named by different declarants, however the name is written', async () => {
    const surname = `Martínez${tag()}`;
    const plain = surname.normalize('NFD').replace(/\p{M}/gu, '').toUpperCase();
    const a = await createUser(t, ['OFFICER']);
    const b = await createUser(t, ['OFFICER']);
    const c = await createUser(t, ['OFFICER']);
    const d = await createUser(t, ['OFFICER']);
    const e = await createUser(t, ['OFFICER']);
    const dob = '1979-03-14';
    const idA = await declare(a, [
      associate({ fullName: `José ${surname}`, aliases: [`Joe ${surname}`], dateOfBirth: dob }),
    ]);
    const priorityBefore = (await full(idA)).priority as number;
    expect(await links(idA)).toEqual([]);

    // Case, accents, spacing and word order.
    const idB = await declare(b, [
      associate({ fullName: `  ${plain},   jose `, dateOfBirth: dob }),
    ]);
    // Through an alias.
    const idC = await declare(c, [associate({ fullName: `joe ${surname}`, dateOfBirth: dob })]);
    // Same name, another date of birth: another person.
    const idD = await declare(d, [
      associate({ fullName: `José ${surname}`, dateOfBirth: '1980-03-14' }),
    ]);
    // No date of birth: a weaker, name-only link.
    const idE = await declare(e, [associate({ fullName: `Jose ${surname}` })]);
    // The same declarant naming him again is not a link.
    const idA2 = await declare(a, [associate({ fullName: `José ${surname}`, dateOfBirth: dob })]);

    const fromA = await links(idA);
    const byDeclaration = Object.fromEntries(
      fromA.map((l) => [l.linkedDeclarationId, l.match.description]),
    );
    expect(byDeclaration).toEqual({
      [idB]: 'name and date of birth',
      [idC]: 'alias and date of birth',
      [idE]: 'name only',
    });
    expect(Object.keys(byDeclaration)).not.toContain(idD);
    expect(Object.keys(byDeclaration)).not.toContain(idA2);
    expect((await links(idB)).map((l) => l.linkedDeclarationId).sort()).toEqual(
      [idA, idA2, idE].sort(),
    );
    expect(await links(idD)).toEqual([expect.objectContaining({ linkedDeclarationId: idE })]);

    // Links feed the priority, of the new declaration and of the ones it links to.
    const priorityAfter = (await full(idA)).priority as number;
    expect(priorityAfter).toBeGreaterThanOrEqual(priorityBefore + FIRST_LINK_BONUS);
    const lone = await declare(await createUser(t, ['OFFICER']), [associate()]);
    expect((await full(idB)).priority).toBeGreaterThan((await full(lone)).priority);

    // The declarant never sees links.
    const own = await t.http.get(`/api/v1/declarations/${idB}`).set(bearer(b));
    expect(JSON.stringify(own.body)).not.toContain(idA);

    // A withdrawn declaration stops counting.
    const withdrawn = await t.http.post(`/api/v1/declarations/${idC}/withdraw`).set(bearer(c));
    expect(withdrawn.status).toBe(200);
    expect((await links(idA)).map((l) => l.linkedDeclarationId)).not.toContain(idC);

    const events = await t.ds.query<Array<{ details: { linkedDeclarationIds: string[] } }>>(
      `SELECT details FROM audit_event WHERE action = 'DECLARATION.LINKS_READ' AND entity_id = $1 ORDER BY seq`,
      [idA],
    );
    expect(events.length).toBeGreaterThanOrEqual(3);
    expect(events[1].details.linkedDeclarationIds.sort()).toEqual([idB, idC, idE].sort());
  });

  it('orders the queue by priority then age, pages it with a cursor, and filters it', async () => {
    const officer = await createUser(t, ['OFFICER'], { vettingLevel: 'SC' });
    const low = await declare(officer, [associate({ reasons: ['OTHER'] })]);
    const high = await declare(officer, [
      associate({ reasons: ['ORGANISED_CRIME_LINKS'], relationship: 'CO_RESIDENT' }),
    ]);
    const lowTwin = await declare(officer, [associate({ reasons: ['OTHER'] })]);

    const onePage = (await queuePages({}, 200)).flat();
    const paged = await queuePages({}, 2);
    expect(paged.length).toBeGreaterThan(1);
    expect(paged.flat().map((i) => i.id)).toEqual(onePage.map((i) => i.id));
    for (let i = 1; i < onePage.length; i++) {
      const [p, q] = [onePage[i - 1], onePage[i]];
      expect(
        p.priority > q.priority || (p.priority === q.priority && p.submittedAt <= q.submittedAt),
      ).toBe(true);
    }
    const pos = (id: string) => onePage.findIndex((i) => i.id === id);
    expect(pos(high)).toBeGreaterThanOrEqual(0);
    expect(pos(high)).toBeLessThan(pos(low));
    expect(pos(low)).toBeLessThan(pos(lowTwin)); // same priority: older first
    for (const item of onePage) {
      expect(['SUBMITTED', 'UNDER_ASSESSMENT', 'REVIEW_DUE']).toContain(item.status);
    }

    await assess(high, { riskLevel: 'HIGH', outcome: 'INSTRUCTION_TO_CEASE' });
    const svc = t.app.get(VettingService);
    await svc.markReviewsDue(addDays(today, 366));
    const highs = (await queuePages({ risk: 'HIGH' }, 50)).flat();
    expect(highs.map((i) => i.id)).toContain(high);
    for (const item of highs) expect(item.riskLevel).toBe('HIGH');
    const reviewDue = (await queuePages({ status: 'REVIEW_DUE' }, 50)).flat();
    expect(reviewDue.map((i) => i.id)).toContain(high);
    for (const item of reviewDue) expect(item.status).toBe('REVIEW_DUE');

    const bad = await t.http
      .get('/api/v1/vetting/queue')
      .query({ status: 'LOST', risk: 'SEVERE', cursor: 'bm90LWEtY3Vyc29y', limit: '500' })
      .set(bearer(vetting));
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'limit',
      'risk',
      'status',
    ]);
    const badCursor = await t.http
      .get('/api/v1/vetting/queue')
      .query({ cursor: 'bm90LWEtY3Vyc29y' })
      .set(bearer(vetting));
    expect(badCursor.status).toBe(400);
    expect(badCursor.body.code).toBe('INVALID_CURSOR');
  });

  it('moves declarations whose review date has come to REVIEW_DUE, with an alert', async () => {
    const officer = await createUser(t, ['OFFICER']);
    const id = await declare(officer, [associate()]);
    const reviewOn = addDays(today, 30);
    const assessed = await assess(id, {
      riskLevel: 'MEDIUM',
      outcome: 'ADVICE_GIVEN',
      reviewOn,
    });
    expect(assessed).toMatchObject({ toStatus: 'MONITORING', reviewOn });
    const svc = t.app.get(VettingService);

    await svc.markReviewsDue(addDays(reviewOn, -1));
    expect((await full(id)).status).toBe('MONITORING');
    const moved = await svc.markReviewsDue(reviewOn);
    expect(moved.moved).toBeGreaterThanOrEqual(1);
    expect((await full(id)).status).toBe('REVIEW_DUE');
    const [event] = await t.ds.query<
      Array<{ actor_id: string | null; details: Record<string, unknown> }>
    >(
      `SELECT actor_id, details FROM audit_event
        WHERE action = 'DECLARATION.REVIEW_DUE' AND details->'ids' ? $1`,
      [id],
    );
    expect(event).toMatchObject({ actor_id: null, details: { today: reviewOn } });

    const alerts = await t.http.get('/api/v1/alerts').set(bearer(vetting));
    expect(alerts.status).toBe(200);
    expect(alerts.body.items).toContainEqual(
      expect.objectContaining({
        kind: 'DECLARATION.REVIEW_DUE',
        entityType: 'declaration',
        entityId: id,
        dueOn: reviewOn,
      }),
    );
    const psd = await createUser(t, ['PSD']);
    const psdAlerts = await t.http.get('/api/v1/alerts').set(bearer(psd));
    expect(psdAlerts.body.items.map((a: { kind: string }) => a.kind)).not.toContain(
      'DECLARATION.REVIEW_DUE',
    );

    // Re-assessed at review: monitored again.
    const review = await assess(id, { riskLevel: 'LOW', outcome: 'ADVICE_GIVEN' });
    expect(review).toMatchObject({ fromStatus: 'REVIEW_DUE', toStatus: 'MONITORING' });

    // The task is registered with the daily runner.
    const names = dailyTaskNames(t.app);
    expect(names).toContain(REVIEW_DUE_TASK);
    const results = await t.jobs.runDailyTasks('2099-07-13');
    expect(results[REVIEW_DUE_TASK]).toEqual({ moved: expect.any(Number) });
    expect((await full(id)).status).toBe('REVIEW_DUE');
  });

  it('repairs stale queue priorities in a daily pass: links missed by simultaneous submissions', async () => {
    // Two declarants name the same associate. Submitted at the same moment, neither draft would
    // see the other's associate (each reads its links before either is written); made here one
    // after the other, then set back to the priorities they would have had.
    const name = `Rowan ${tag()}`;
    const first = await declare(await createUser(t, ['OFFICER']), [associate({ fullName: name })]);
    const second = await declare(await createUser(t, ['OFFICER']), [associate({ fullName: name })]);
    const linked = {
      [first]: (await full(first)).priority,
      [second]: (await full(second)).priority,
    };
    await t.ds.query(`UPDATE declaration SET priority = priority - $2 WHERE id = ANY($1::uuid[])`, [
      [first, second],
      FIRST_LINK_BONUS,
    ]);
    expect((await full(first)).priority).toBe(linked[first] - FIRST_LINK_BONUS);

    const names = dailyTaskNames(t.app);
    expect(names).toContain(QUEUE_PRIORITIES_TASK);
    const result = await t.app.get(DeclarationsService).refreshQueuePriorities();
    expect(result.changed).toBeGreaterThanOrEqual(2);
    expect(result.checked).toBeGreaterThanOrEqual(result.changed);
    expect((await full(first)).priority).toBe(linked[first]);
    expect((await full(second)).priority).toBe(linked[second]);

    const [event] = await t.ds.query<
      Array<{ actor_id: string | null; details: { changes: unknown[] } }>
    >(
      `SELECT actor_id, details FROM audit_event WHERE action = 'DECLARATION.PRIORITIES_REFRESHED'
        ORDER BY seq DESC LIMIT 1`,
    );
    expect(event.actor_id).toBeNull();
    expect(event.details.changes).toEqual(
      expect.arrayContaining([
        { id: first, from: linked[first] - FIRST_LINK_BONUS, to: linked[first] },
        { id: second, from: linked[second] - FIRST_LINK_BONUS, to: linked[second] },
      ]),
    );
    // Nothing stale is left: a second pass changes nothing.
    expect((await t.app.get(DeclarationsService).refreshQueuePriorities()).changed).toBe(0);
  });

  it('leaves a declaration another transaction holds to that writer: the daily pass never writes a stale priority over it', async () => {
    const officer = await createUser(t, ['OFFICER']);
    const held = await declare(officer, [associate()]);
    // The same declarant with the associate as the amendment below makes it: its priority is
    // what the held declaration's should be once the amendment commits.
    const amended = { relationship: 'PARTNER', reasons: ['CRIMINAL_CONVICTION'] };
    const twin = await declare(officer, [associate(amended)]);
    const before = (await full(held)).priority as number;
    const after = (await full(twin)).priority as number;
    expect(after).not.toBe(before);
    // Stale, so the pass has something to write for it.
    await t.ds.query(`UPDATE declaration SET priority = priority - 1 WHERE id = $1`, [held]);

    // An in-place amendment in flight: it holds the row, has changed the associate and set the
    // priority that goes with it, and commits while the pass runs.
    const amendment = t.ds.createQueryRunner();
    await amendment.connect();
    let pass: Promise<unknown> | undefined;
    try {
      await amendment.startTransaction();
      await amendment.query(`SELECT 1 FROM declaration WHERE id = $1 FOR UPDATE`, [held]);
      await amendment.query(
        `UPDATE declaration_associate SET relationship = $2, reasons = $3 WHERE declaration_id = $1`,
        [held, amended.relationship, amended.reasons],
      );
      await amendment.query(`UPDATE declaration SET priority = $2 WHERE id = $1`, [held, after]);
      pass = t.app.get(DeclarationsService).refreshQueuePriorities();
      await new Promise((resolve) => setTimeout(resolve, 300));
      await amendment.commitTransaction();
    } finally {
      if (amendment.isTransactionActive) await amendment.rollbackTransaction();
      // Released before the pass is awaited: an embedded database has a pool of one connection.
      await amendment.release();
    }
    await pass;
    // The amendment's priority stands (before the fix, the pass wrote the one computed from the
    // associate it had read, once the amendment let go of the row).
    expect((await full(held)).priority).toBe(after);
    expect((await t.app.get(DeclarationsService).refreshQueuePriorities()).changed).toBe(0);
  });

  it('alerts on declarations waiting longer than the triage target', async () => {
    const officer = await createUser(t, ['OFFICER']);
    const late = await declare(officer, [associate()]);
    const fresh = await declare(officer, [associate()]);
    const submittedOn = addDays(today, -11);
    await t.ds.query(`UPDATE declaration SET submitted_at = $2::date WHERE id = $1`, [
      late,
      submittedOn,
    ]);
    const alerts = await t.http.get('/api/v1/alerts').set(bearer(vetting));
    const triage = alerts.body.items.filter(
      (a: { kind: string }) => a.kind === 'DECLARATION.TRIAGE_OVERDUE',
    );
    expect(triage).toContainEqual(
      expect.objectContaining({
        entityId: late,
        severity: 'OVERDUE',
        dueOn: addDays(submittedOn, 10),
      }),
    );
    expect(triage.map((a: { entityId: string }) => a.entityId)).not.toContain(fresh);
  });

  it('counts declarations received by month, risk level and outcome', async () => {
    const from = `${today.slice(0, 7)}-01`;
    const stats = async () => {
      const res = await t.http
        .get('/api/v1/vetting/stats')
        .query({ from, to: today })
        .set(bearer(vetting));
      expect(res.status).toBe(200);
      return res.body;
    };
    const count = (list: Array<{ key: string; count: number }>, key: string) =>
      list.find((x) => x.key === key)?.count ?? 0;
    const before = await stats();
    const officer = await createUser(t, ['OFFICER']);
    const high = await declare(officer, [associate()]);
    await declare(officer, [associate()]);
    await assess(high, { riskLevel: 'HIGH', outcome: 'RESTRICTED_DUTIES' });
    // An amendment makes a new version, which must not count twice.
    await t.http
      .patch(`/api/v1/declarations/${high}`)
      .set(bearer(officer))
      .send({ becameAwareOn: addDays(today, -4) })
      .expect(200);
    const after = await stats();
    expect(after.total).toBe(before.total + 2);
    expect(count(after.byMonth, today.slice(0, 7))).toBe(
      count(before.byMonth, today.slice(0, 7)) + 2,
    );
    expect(count(after.byRiskLevel, 'HIGH')).toBe(count(before.byRiskLevel, 'HIGH') + 1);
    expect(count(after.byRiskLevel, 'UNASSESSED')).toBe(
      count(before.byRiskLevel, 'UNASSESSED') + 1,
    );
    expect(count(after.byOutcome, 'RESTRICTED_DUTIES')).toBe(
      count(before.byOutcome, 'RESTRICTED_DUTIES') + 1,
    );
    expect(after.rows).toContainEqual({
      month: today.slice(0, 7),
      riskLevel: 'HIGH',
      outcome: 'RESTRICTED_DUTIES',
      count: expect.any(Number),
    });
    expect(JSON.stringify(after)).not.toMatch(/Sasha/);

    const empty = await t.http
      .get('/api/v1/vetting/stats')
      .query({ from: '1990-01-01', to: '1990-12-31' })
      .set(bearer(vetting));
    expect(empty.body).toMatchObject({ total: 0, rows: [] });
    const backwards = await t.http
      .get('/api/v1/vetting/stats')
      .query({ from: '2026-02-01', to: '2026-01-01' })
      .set(bearer(vetting));
    expect(backwards.status).toBe(400);
    expect(backwards.body.details[0].field).toBe('to');
    const missing = await t.http.get('/api/v1/vetting/stats').set(bearer(vetting));
    expect(missing.status).toBe(400);
    const audited = await t.ds.query<unknown[]>(
      `SELECT 1 FROM audit_event WHERE action = 'DECLARATION.STATS_READ' AND actor_id = $1`,
      [vetting.id],
    );
    expect(audited.length).toBeGreaterThanOrEqual(3);
  });
});
