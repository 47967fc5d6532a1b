import { randomUUID } from 'node:crypto';
import { addDays, addMonths, todayIso } from '../src/calendar/domain/dates';
import { requestContext } from '../src/common/request-context';
import { CreateDeclarationDto } from '../src/declarations/dto/declaration.dto';
import {
  IDEMPOTENCY_EXPIRY_TASK,
  DeclarationsService,
} from '../src/declarations/declarations.service';
import { IDEMPOTENCY_KEY_RETENTION_HOURS } from '../src/declarations/domain/idempotency';
import { bearer, createUser, dailyTaskNames, startApp, TestApp, TestUser } from './helpers/app';
import { QueueItem, QueuePage, tag } from './helpers/declarations';

function associate(over: Record<string, unknown> = {}) {
  return {
    fullName: `Alexis ${tag()}`,
    aliases: [],
    dateOfBirth: '1980-04-01',
    relationship: 'FRIEND',
    reasons: ['CRIMINAL_CONVICTION'],
    current: true,
    contactFrequency: 'MONTHLY',
    circumstances: 'Met at a gym; convicted of burglary in 2015.',
    ...over,
  };
}

function declaration(over: Record<string, unknown> = {}, associates = [associate()]) {
  return { becameAwareOn: addDays(todayIso(), -10), associates, ...over };
}

describe('declarations: the declarant and the vetting unit', () => {
  let t: TestApp;
  let officer: TestUser;
  let other: TestUser;
  let vetting: TestUser;
  const today = todayIso();

  beforeAll(async () => {
    t = await startApp();
    officer = await createUser(t, ['OFFICER'], { vettingLevel: 'NPPV2' });
    other = await createUser(t, ['OFFICER']);
    vetting = await createUser(t, ['VETTING']);
  });
  afterAll(() => t.close());

  const declare = async (u: TestUser, body: object = declaration()) => {
    const res = await t.http.post('/api/v1/declarations').set(bearer(u)).send(body);
    expect(res.status).toBe(201);
    return res.body as { id: string; reference: string; status: string };
  };
  const read = (u: TestUser, id: string) => t.http.get(`/api/v1/declarations/${id}`).set(bearer(u));
  const assess = (u: TestUser, id: string, body: object) =>
    t.http.post(`/api/v1/declarations/${id}/assessments`).set(bearer(u)).send(body);
  /** Every queue item, walking the cursor pages. */
  const wholeQueue = async (query: Record<string, string> = {}, limit = 200) => {
    const items: QueueItem[] = [];
    let cursor: string | null = null;
    do {
      const res: { status: number; body: QueuePage } = await t.http
        .get('/api/v1/vetting/queue')
        .query({ ...query, limit: String(limit), ...(cursor ? { cursor } : {}) })
        .set(bearer(vetting));
      expect(res.status).toBe(200);
      items.push(...res.body.items);
      cursor = res.body.nextCursor;
    } while (cursor);
    return items;
  };
  const auditActions = async (entityId: string) =>
    (
      await t.ds.query<Array<{ action: string }>>(
        `SELECT action FROM audit_event WHERE entity_id = $1 ORDER BY seq`,
        [entityId],
      )
    ).map((r) => r.action);

  it('walks the whole journey: declare, queue, assess with a plan, ended, re-assess', async () => {
    const first = associate({ fullName: `Jordan ${tag()}`, relationship: 'CO_RESIDENT' });
    const second = associate({ current: false, endedOn: addDays(today, -5) });
    const created = await declare(officer, declaration({}, [first, second]));
    expect(created).toEqual({
      id: expect.any(String),
      reference: expect.stringMatching(new RegExp(`^NA-${today.slice(0, 4)}-\\d{6}$`)),
      status: 'SUBMITTED',
    });

    const queued = (await wholeQueue()).find((i) => i.id === created.id);
    expect(queued).toMatchObject({
      reference: created.reference,
      status: 'SUBMITTED',
      reassessment: false,
      associateCount: 2,
      riskLevel: null,
    });
    expect(queued!.priority).toBeGreaterThan(0);

    const full = await read(vetting, created.id);
    expect(full.status).toBe(200);
    expect(full.body.associates.map((a: { fullName: string }) => a.fullName)).toEqual([
      first.fullName,
      second.fullName,
    ]);
    expect(full.body.assessments).toEqual([]);
    expect(full.body.declarantPersonId).toBe(officer.personId);

    const rationale = `Confidential rationale ${tag()}`;
    const assessed = await assess(vetting, created.id, {
      riskLevel: 'HIGH',
      outcome: 'RISK_MANAGEMENT_PLAN',
      conditions: ['NO_DISCUSSION_OF_WORK', 'REPORT_CHANGES'],
      rationale,
    });
    expect(assessed.status).toBe(201);
    expect(assessed.body).toMatchObject({
      riskLevel: 'HIGH',
      fromStatus: 'SUBMITTED',
      toStatus: 'MONITORING',
      reviewOn: addMonths(today, 3),
      assessorUserId: vetting.id,
    });
    expect((await wholeQueue()).some((i) => i.id === created.id)).toBe(false);

    const mine = await read(officer, created.id);
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({
      status: 'MONITORING',
      outcome: 'RISK_MANAGEMENT_PLAN',
      conditions: ['NO_DISCUSSION_OF_WORK', 'REPORT_CHANGES'],
      reviewOn: addMonths(today, 3),
    });
    const text = JSON.stringify(mine.body);
    expect(text).not.toContain(rationale);
    for (const hidden of ['riskLevel', 'assessments', 'links', 'priority', 'HIGH']) {
      expect(text).not.toContain(hidden);
    }

    const withdraw = await t.http
      .post(`/api/v1/declarations/${created.id}/withdraw`)
      .set(bearer(officer));
    expect(withdraw.status).toBe(409);
    expect(withdraw.body.code).toBe('DECLARATION.INVALID_TRANSITION');

    const associateId = mine.body.associates[0].id as string;
    const ended = await t.http
      .post(`/api/v1/declarations/${created.id}/associates/${associateId}/ended`)
      .set(bearer(officer))
      .send({ endedOn: today });
    expect(ended.status).toBe(200);
    expect(ended.body.status).toBe('SUBMITTED');
    expect(ended.body.associates[0]).toMatchObject({ current: false, endedOn: today });
    const again = await t.http
      .post(`/api/v1/declarations/${created.id}/associates/${associateId}/ended`)
      .set(bearer(officer))
      .send({ endedOn: today });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('DECLARATION.ASSOCIATION_ALREADY_ENDED');

    const requeued = (await wholeQueue()).find((i) => i.id === created.id);
    expect(requeued).toMatchObject({ status: 'SUBMITTED', reassessment: true, riskLevel: 'HIGH' });
    expect(requeued!.priority).toBeLessThan(queued!.priority);

    const reassessed = await assess(vetting, created.id, {
      riskLevel: 'LOW',
      outcome: 'NO_FURTHER_ACTION',
      rationale: 'Association has ended.',
    });
    expect(reassessed.body).toMatchObject({ toStatus: 'CLOSED', reviewOn: null });
    const history = await read(vetting, created.id);
    expect(history.body.status).toBe('CLOSED');
    expect(history.body.assessments.map((a: { riskLevel: string }) => a.riskLevel)).toEqual([
      'HIGH',
      'LOW',
    ]);
    expect(history.body.assessments[0].rationale).toBe(rationale);

    const actions = await auditActions(created.id);
    expect(actions).toEqual([
      'DECLARATION.CREATE',
      'DECLARATION.READ',
      'DECLARATION.ASSESS',
      'DECLARATION.READ',
      'DECLARATION.ASSOCIATION_ENDED',
      'DECLARATION.ASSESS',
      'DECLARATION.READ',
    ]);
    const queueEvents = await t.ds.query<Array<{ details: { ids: string[] } }>>(
      `SELECT details FROM audit_event WHERE action = 'DECLARATION.QUEUE_READ' ORDER BY seq`,
    );
    expect(queueEvents.some((e) => e.details.ids.includes(created.id))).toBe(true);
  });

  it('shows another officer’s declaration to nobody but its declarant and the vetting unit', async () => {
    const { id } = await declare(officer);
    const psd = await createUser(t, ['PSD']);
    const admin = await createUser(t, ['ADMIN']);
    const foi = await createUser(t, ['FOI']);
    const auditor = await createUser(t, ['AUDITOR']);
    for (const u of [other, psd, admin, foi, auditor]) {
      const res = await read(u, id);
      expect({ who: u.roles, status: res.status, code: res.body.code }).toEqual({
        who: u.roles,
        status: 404,
        code: 'DECLARATION.NOT_FOUND',
      });
      const patch = await t.http
        .patch(`/api/v1/declarations/${id}`)
        .set(bearer(u))
        .send({ becameAwareOn: today });
      expect(patch.status).toBe(404);
      const withdraw = await t.http.post(`/api/v1/declarations/${id}/withdraw`).set(bearer(u));
      expect(withdraw.status).toBe(404);
    }
    // The vetting unit reads it but, not being its declarant, cannot withdraw it.
    expect((await read(vetting, id)).status).toBe(200);
    expect(
      (await t.http.post(`/api/v1/declarations/${id}/withdraw`).set(bearer(vetting))).status,
    ).toBe(404);
    const vettingRoutes: Array<[string, string, object?]> = [
      ['get', '/api/v1/vetting/queue'],
      ['get', `/api/v1/vetting/stats?from=2026-01-01&to=2026-12-31`],
      ['get', `/api/v1/declarations/${id}/links`],
      [
        'post',
        `/api/v1/declarations/${id}/assessments`,
        { riskLevel: 'LOW', outcome: 'ADVICE_GIVEN', rationale: 'x' },
      ],
      ['post', `/api/v1/declarations/${id}/info-requests`, { question: 'Why?' }],
    ];
    for (const u of [officer, psd, admin, foi, auditor]) {
      for (const [method, path, body] of vettingRoutes) {
        const res = await t.http[method as 'get'](path).set(bearer(u)).send(body);
        expect({ path, roles: u.roles, status: res.status }).toEqual({
          path,
          roles: u.roles,
          status: 403,
        });
      }
    }
    expect((await read(officer, id)).body.status).toBe('SUBMITTED');
  });

  it('refuses a vetting officer their own declaration (separation of duties)', async () => {
    const { id } = await declare(vetting);
    const res = await assess(vetting, id, {
      riskLevel: 'LOW',
      outcome: 'ADVICE_GIVEN',
      rationale: 'Looks fine to me.',
    });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('DECLARATION.SELF_ASSESSMENT');
    const ask = await t.http
      .post(`/api/v1/declarations/${id}/info-requests`)
      .set(bearer(vetting))
      .send({ question: 'Anything else?' });
    expect(ask.status).toBe(403);
    const links = await t.http.get(`/api/v1/declarations/${id}/links`).set(bearer(vetting));
    expect(links.status).toBe(403);
    // Read as its declarant: no assessor fields.
    const own = await read(vetting, id);
    expect(own.status).toBe(200);
    expect(own.body.assessments).toBeUndefined();
    expect(own.body.priority).toBeUndefined();
    // Not in their own queue; in a colleague's, who may assess it.
    expect((await wholeQueue()).some((i) => i.id === id)).toBe(false);
    const colleague = await createUser(t, ['VETTING']);
    const theirs = await t.http
      .get('/api/v1/vetting/queue')
      .query({ limit: '200' })
      .set(bearer(colleague));
    expect(theirs.body.items.map((i: { id: string }) => i.id)).toContain(id);
    expect(
      (
        await assess(colleague, id, {
          riskLevel: 'LOW',
          outcome: 'ADVICE_GIVEN',
          rationale: 'Low risk.',
        })
      ).status,
    ).toBe(201);
  });

  it('validates declarations, naming the field, and saves nothing on failure', async () => {
    const count = async () =>
      Number(
        (
          await t.ds.query<Array<{ n: string }>>(
            `SELECT count(*) AS n FROM declaration WHERE declarant_user_id = $1`,
            [other.id],
          )
        )[0].n,
      );
    const before = await count();
    const tomorrow = addDays(today, 1);
    const cases: Array<[object, string]> = [
      [declaration({}, [associate({ relationship: 'COUSIN' })]), 'associates[0].relationship'],
      [declaration({}, [associate({ reasons: ['GAMBLING'] })]), 'associates[0].reasons'],
      [declaration({}, [associate({ reasons: [] })]), 'associates[0].reasons'],
      [declaration({}, []), 'associates'],
      [
        declaration(
          {},
          Array.from({ length: 51 }, () => associate()),
        ),
        'associates',
      ],
      [declaration({ becameAwareOn: tomorrow }), 'becameAwareOn'],
      [declaration({ becameAwareOn: '2025-02-30' }), 'becameAwareOn'],
      [declaration({}, [associate({ dateOfBirth: tomorrow })]), 'associates[0].dateOfBirth'],
      [declaration({}, [associate(), associate({ current: false })]), 'associates[1].endedOn'],
      [
        declaration({}, [associate({ current: false, endedOn: addDays(today, -30) })]),
        'associates[0].endedOn',
      ],
      [
        declaration({}, [associate({ current: false, endedOn: tomorrow })]),
        'associates[0].endedOn',
      ],
      [declaration({}, [associate({ fullName: 'x'.repeat(201) })]), 'associates[0].fullName'],
      [declaration({}, [associate({ fullName: ' -- ' })]), 'associates[0].fullName'],
      [
        declaration({}, [associate({ circumstances: 'y'.repeat(4001) })]),
        'associates[0].circumstances',
      ],
      [
        declaration({}, [associate({ aliases: Array.from({ length: 11 }, (_, i) => `A ${i}`) })]),
        'associates[0].aliases',
      ],
      [
        declaration({}, [associate({ contactFrequency: 'HOURLY' })]),
        'associates[0].contactFrequency',
      ],
      [declaration({}, [associate({ nickname: 'Al' })]), 'associates[0].nickname'],
      [declaration({}, [associate({ current: 'yes' })]), 'associates[0].current'],
      [declaration({ extra: true }), 'extra'],
    ];
    for (const [body, field] of cases) {
      const res = await t.http.post('/api/v1/declarations').set(bearer(other)).send(body);
      expect({ field, status: res.status, code: res.body.code }).toEqual({
        field,
        status: 400,
        code: 'VALIDATION_FAILED',
      });
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    }
    expect(await count()).toBe(before);
    // 50 associates is the limit, not over it.
    const fifty = await t.http
      .post('/api/v1/declarations')
      .set(bearer(other))
      .send(
        declaration(
          {},
          Array.from({ length: 50 }, () => associate()),
        ),
      );
    expect(fifty.status).toBe(201);

    const { id } = await declare(other);
    const badAmend = await t.http
      .patch(`/api/v1/declarations/${id}`)
      .set(bearer(other))
      .send({ associates: [associate({ current: false, endedOn: '2000-01-01' })] });
    expect(badAmend.status).toBe(400);
    expect(badAmend.body.details[0].field).toBe('associates[0].endedOn');
    const unchanged = await read(other, id);
    expect(unchanged.body.associates).toHaveLength(1);
    expect(unchanged.body.associates[0].current).toBe(true);
    const empty = await t.http.patch(`/api/v1/declarations/${id}`).set(bearer(other)).send({});
    expect(empty.status).toBe(400);
  });

  it('validates assessments: rationale, plan conditions, review date', async () => {
    const { id } = await declare(other);
    const cases: Array<[object, string]> = [
      [{ riskLevel: 'LOW', outcome: 'ADVICE_GIVEN' }, 'rationale'],
      [{ riskLevel: 'LOW', outcome: 'ADVICE_GIVEN', rationale: '' }, 'rationale'],
      [{ riskLevel: 'EXTREME', outcome: 'ADVICE_GIVEN', rationale: 'r' }, 'riskLevel'],
      [{ riskLevel: 'LOW', outcome: 'SHRUG', rationale: 'r' }, 'outcome'],
      [{ riskLevel: 'HIGH', outcome: 'RISK_MANAGEMENT_PLAN', rationale: 'r' }, 'conditions'],
      [
        { riskLevel: 'HIGH', outcome: 'RISK_MANAGEMENT_PLAN', rationale: 'r', conditions: ['X'] },
        'conditions',
      ],
      [{ riskLevel: 'LOW', outcome: 'ADVICE_GIVEN', rationale: 'r', reviewOn: today }, 'reviewOn'],
      [{ riskLevel: 'LOW', outcome: 'ADVICE_GIVEN', rationale: 'x'.repeat(4001) }, 'rationale'],
    ];
    for (const [body, field] of cases) {
      const res = await assess(vetting, id, body);
      expect({ field, status: res.status }).toEqual({ field, status: 400 });
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    }
    expect((await read(vetting, id)).body.assessments).toEqual([]);
    const missing = await assess(vetting, randomUUID(), {
      riskLevel: 'LOW',
      outcome: 'ADVICE_GIVEN',
      rationale: 'r',
    });
    expect(missing.status).toBe(404);
  });

  it('gives sequential references that are never reused', async () => {
    const refs = [];
    for (let i = 0; i < 3; i++) refs.push((await declare(other)).reference);
    const numbers = refs.map((r) => Number(r.split('-')[2]));
    expect(numbers[1]).toBe(numbers[0] + 1);
    expect(numbers[2]).toBe(numbers[1] + 1);
    // A refused submission takes no number a later one would reuse.
    await t.http.post('/api/v1/declarations').set(bearer(other)).send(declaration({}, []));
    const next = Number((await declare(other)).reference.split('-')[2]);
    expect(next).toBeGreaterThan(numbers[2]);
    const dup = await t.ds.query<unknown[]>(
      `SELECT reference FROM declaration WHERE status <> 'SUPERSEDED' GROUP BY reference HAVING count(*) > 1`,
    );
    expect(dup).toEqual([]);
  });

  it('answers a repeated request with the same Idempotency-Key as the first time, writing nothing', async () => {
    const body = declaration();
    const key = `retry-${randomUUID()}`;
    const send = (u: TestUser, b: object, k = key) =>
      t.http.post('/api/v1/declarations').set(bearer(u)).set('Idempotency-Key', k).send(b);
    const countOf = async (sql: string, params: unknown[]) =>
      (await t.ds.query<Array<{ n: number }>>(sql, params))[0].n;
    const rows = () =>
      countOf(`SELECT count(*)::int AS n FROM declaration WHERE declarant_user_id = $1`, [
        officer.id,
      ]);
    const before = await rows();

    const first = await send(officer, body);
    expect(first.status).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    // A retry, its keys in another order: the same answer, flagged, and no second declaration.
    const reordered = { associates: body.associates, becameAwareOn: body.becameAwareOn };
    const again = await send(officer, reordered);
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await rows()).toBe(before + 1);
    expect(
      await countOf(
        `SELECT count(*)::int AS n FROM audit_event WHERE action = 'DECLARATION.CREATE' AND entity_id = $1`,
        [first.body.id],
      ),
    ).toBe(1);
    // The replay is in the audit trail: who was told about which declaration.
    expect(
      await t.ds.query(
        `SELECT actor_id FROM audit_event WHERE action = 'DECLARATION.CREATE_REPLAYED' AND entity_id = $1`,
        [first.body.id],
      ),
    ).toEqual([{ actor_id: officer.id }]);

    // Five different bodies at once under one new key: one is the key's request, the others
    // are refused as other requests under the same key.
    const together = `together-${randomUUID()}`;
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => send(officer, declaration(), together)),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409]);
    for (const a of answers.filter((x) => x.status === 409)) {
      expect(a.body.code).toBe('DECLARATION.IDEMPOTENCY_KEY_REUSED');
    }
    // The same body five times at once: one declaration, every answer naming it.
    const sameBody = declaration();
    const concurrent = `concurrent-${randomUUID()}`;
    const same = await Promise.all(
      Array.from({ length: 5 }, () => send(other, sameBody, concurrent)),
    );
    expect(same.map((a) => a.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(same.map((a) => a.body.id)).size).toBe(1);
    expect(
      await countOf(`SELECT count(*)::int AS n FROM declaration_idempotency WHERE key = $1`, [
        concurrent,
      ]),
    ).toBe(1);

    // The same key with another body is another request: refused, naming the header.
    const changed = await send(officer, { ...body, becameAwareOn: addDays(today, -11) });
    expect(changed.status).toBe(409);
    expect(changed.body.code).toBe('DECLARATION.IDEMPOTENCY_KEY_REUSED');
    expect(changed.body.details).toEqual([
      { field: 'Idempotency-Key', message: expect.any(String) },
    ]);
    // Keys are each caller's own: another officer's same key is their own declaration.
    const theirs = await send(other, body);
    expect(theirs.status).toBe(201);
    expect(theirs.body.id).not.toBe(first.body.id);
    // A key that cannot be one is a 400 naming the header, and nothing is written.
    const count = await rows();
    const bad = await send(officer, declaration(), 'short');
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual([{ field: 'Idempotency-Key', message: expect.any(String) }]);
    expect(await rows()).toBe(count);
  });

  it('removes idempotency keys after their retention in a daily pass; the key then makes a new declaration', async () => {
    const send = (k: string, b: object) =>
      t.http.post('/api/v1/declarations').set(bearer(officer)).set('Idempotency-Key', k).send(b);
    const oldKey = `old-${randomUUID()}`;
    const freshKey = `fresh-${randomUUID()}`;
    const body = declaration();
    const first = await send(oldKey, body);
    expect(first.status).toBe(201);
    expect((await send(freshKey, declaration())).status).toBe(201);
    await t.ds.query(
      `UPDATE declaration_idempotency SET created_at = now() - make_interval(hours => $2::int)
        WHERE key = $1`,
      [oldKey, IDEMPOTENCY_KEY_RETENTION_HOURS + 1],
    );
    const keys = async () =>
      (
        await t.ds.query<Array<{ key: string }>>(
          `SELECT key FROM declaration_idempotency WHERE key = ANY($1::text[])`,
          [[oldKey, freshKey]],
        )
      ).map((r) => r.key);

    expect(dailyTaskNames(t.app)).toContain(IDEMPOTENCY_EXPIRY_TASK);
    const service = t.app.get(DeclarationsService);
    expect(await service.expireIdempotencyKeys()).toBeGreaterThanOrEqual(1);
    expect(await keys()).toEqual([freshKey]);
    const [event] = await t.ds.query<Array<{ actor_id: string | null; details: object }>>(
      `SELECT actor_id, details FROM audit_event
        WHERE action = 'DECLARATION.IDEMPOTENCY_KEYS_EXPIRED' ORDER BY seq DESC LIMIT 1`,
    );
    expect(event).toEqual({
      actor_id: null,
      details: { count: expect.any(Number), retentionHours: IDEMPOTENCY_KEY_RETENTION_HOURS },
    });
    // The declaration the key made stays; the key, sent again, is a new request.
    expect(
      (await t.http.get(`/api/v1/declarations/${first.body.id}`).set(bearer(officer))).status,
    ).toBe(200);
    const later = await send(oldKey, body);
    expect(later.status).toBe(201);
    expect(later.headers['idempotent-replayed']).toBeUndefined();
    expect(later.body.id).not.toBe(first.body.id);
    // Nothing else is past its retention: a second pass removes nothing.
    expect(await service.expireIdempotencyKeys()).toBe(0);
  });

  it('stores no associate name, date of birth, circumstances or rationale in plaintext', async () => {
    const name = `Zoë ${tag()}`;
    const circumstances = `Lives at ${tag()} Street`;
    const { id } = await declare(
      other,
      declaration({}, [
        associate({
          fullName: name,
          aliases: [`Zed ${tag()}`],
          dateOfBirth: '1971-07-19',
          circumstances,
        }),
      ]),
    );
    const question = `Question ${tag()}`;
    const ask = await t.http
      .post(`/api/v1/declarations/${id}/info-requests`)
      .set(bearer(vetting))
      .send({ question });
    expect(ask.status).toBe(201);
    const rationale = `Rationale ${tag()}`;
    await assess(vetting, id, { riskLevel: 'MEDIUM', outcome: 'ADVICE_GIVEN', rationale });
    const rows = await t.ds.query<Array<{ row: string }>>(
      `SELECT row_to_json(a)::text AS row FROM declaration_associate a WHERE declaration_id = $1
       UNION ALL SELECT row_to_json(d)::text FROM declaration d WHERE id = $1
       UNION ALL SELECT row_to_json(x)::text FROM declaration_assessment x WHERE declaration_id = $1
       UNION ALL SELECT row_to_json(i)::text FROM associate_identity i WHERE declaration_id = $1
       UNION ALL SELECT row_to_json(q)::text FROM declaration_info_request q WHERE declaration_id = $1
       UNION ALL SELECT row_to_json(e)::text FROM audit_event e WHERE entity_id = $1::text`,
      [id],
    );
    expect(rows.length).toBeGreaterThan(4);
    const dump = rows.map((r) => r.row).join('\n');
    for (const secret of [
      name,
      name.split(' ')[1],
      'Zoë',
      '1971-07-19',
      circumstances,
      rationale,
    ]) {
      expect(dump).not.toContain(secret);
    }
    expect(dump).toMatch(/"full_name":"v1\.t1\./);
    // Read back through the API, decrypted.
    const full = await read(vetting, id);
    expect(full.body.associates[0]).toMatchObject({
      fullName: name,
      dateOfBirth: '1971-07-19',
      circumstances,
    });
    expect(full.body.assessments[0].rationale).toBe(rationale);
    expect(full.body.infoRequests[0].question).toBe(question);
  });

  it('asks the declarant for information and takes the answer', async () => {
    const { id } = await declare(officer);
    const question = `Where did you meet ${tag()}?`;
    const ask = await t.http
      .post(`/api/v1/declarations/${id}/info-requests`)
      .set(bearer(vetting))
      .send({ question });
    expect(ask.status).toBe(201);
    const requestId = ask.body.id as string;
    const waiting = await read(officer, id);
    expect(waiting.body.status).toBe('INFO_REQUESTED');
    expect(waiting.body.infoRequests).toEqual([
      expect.objectContaining({ id: requestId, question, answer: null }),
    ]);
    expect(waiting.body.infoRequests[0].askedBy).toBeUndefined();
    expect((await wholeQueue()).some((i) => i.id === id)).toBe(false);
    expect((await wholeQueue({ status: 'INFO_REQUESTED' })).some((i) => i.id === id)).toBe(true);
    const twice = await t.http
      .post(`/api/v1/declarations/${id}/info-requests`)
      .set(bearer(vetting))
      .send({ question: 'Again?' });
    expect(twice.status).toBe(409);

    const notMine = await t.http
      .post(`/api/v1/declarations/${id}/info-requests/${requestId}/answer`)
      .set(bearer(other))
      .send({ answer: 'Not me' });
    expect(notMine.status).toBe(404);
    const answer = await t.http
      .post(`/api/v1/declarations/${id}/info-requests/${requestId}/answer`)
      .set(bearer(officer))
      .send({ answer: 'At school.' });
    expect(answer.status).toBe(200);
    expect(answer.body.status).toBe('UNDER_ASSESSMENT');
    const again = await t.http
      .post(`/api/v1/declarations/${id}/info-requests/${requestId}/answer`)
      .set(bearer(officer))
      .send({ answer: 'Again.' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('DECLARATION.INFO_ALREADY_ANSWERED');
    const full = await read(vetting, id);
    expect(full.body.infoRequests[0]).toMatchObject({
      answer: 'At school.',
      askedBy: vetting.id,
    });
    expect((await wholeQueue()).find((i) => i.id === id)?.status).toBe('UNDER_ASSESSMENT');
    expect(await auditActions(id)).toEqual(
      expect.arrayContaining(['DECLARATION.INFO_REQUEST', 'DECLARATION.INFO_ANSWER']),
    );
  });

  it('amends in place before assessment, and as a new version after it', async () => {
    const { id, reference } = await declare(officer);
    const inPlace = await t.http
      .patch(`/api/v1/declarations/${id}`)
      .set(bearer(officer))
      .send({ becameAwareOn: addDays(today, -11) });
    expect(inPlace.status).toBe(200);
    expect(inPlace.body).toMatchObject({ id, version: 1, becameAwareOn: addDays(today, -11) });

    await assess(vetting, id, { riskLevel: 'MEDIUM', outcome: 'ADVICE_GIVEN', rationale: 'ok' });
    const added = associate({ fullName: `Robin ${tag()}`, relationship: 'PARTNER' });
    const amended = await t.http
      .patch(`/api/v1/declarations/${id}`)
      .set(bearer(officer))
      .send({ associates: [...inPlace.body.associates.map(stripId), added] });
    expect(amended.status).toBe(200);
    const newId = amended.body.id as string;
    expect(newId).not.toBe(id);
    expect(amended.body).toMatchObject({
      reference,
      version: 2,
      status: 'SUBMITTED',
      outcome: null,
    });
    expect(amended.body.associates).toHaveLength(2);

    const old = await read(vetting, id);
    expect(old.body).toMatchObject({ status: 'SUPERSEDED', version: 1, outcome: 'ADVICE_GIVEN' });
    expect(old.body.associates).toHaveLength(1);
    const current = await read(vetting, newId);
    expect(current.body.previousVersionId).toBe(id);
    expect(current.body.versions.map((v: { status: string }) => v.status)).toEqual([
      'SUPERSEDED',
      'SUBMITTED',
    ]);
    expect(current.body.assessments).toHaveLength(1);
    expect((await wholeQueue()).find((i) => i.id === newId)).toMatchObject({
      reassessment: true,
    });

    const stale = await t.http
      .patch(`/api/v1/declarations/${id}`)
      .set(bearer(officer))
      .send({ becameAwareOn: today });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('DECLARATION.INVALID_TRANSITION');
    // Previously assessed: the new version cannot be withdrawn either.
    const withdraw = await t.http
      .post(`/api/v1/declarations/${newId}/withdraw`)
      .set(bearer(officer));
    expect(withdraw.status).toBe(409);

    const mine = await t.http.get('/api/v1/declarations/mine').set(bearer(officer));
    const ids = mine.body.items.map((i: { id: string }) => i.id);
    expect(ids).toContain(newId);
    expect(ids).not.toContain(id);
    expect(await auditActions(id)).toContain('DECLARATION.AMEND');
  });

  it('withdraws before assessment only', async () => {
    const { id } = await declare(other);
    const res = await t.http.post(`/api/v1/declarations/${id}/withdraw`).set(bearer(other));
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('WITHDRAWN');
    const again = await t.http.post(`/api/v1/declarations/${id}/withdraw`).set(bearer(other));
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('DECLARATION.INVALID_TRANSITION');
    const assessed = await assess(vetting, id, {
      riskLevel: 'LOW',
      outcome: 'ADVICE_GIVEN',
      rationale: 'r',
    });
    expect(assessed.status).toBe(409);
  });

  it('lists the caller’s own declarations a page at a time, and audits the list', async () => {
    const u = await createUser(t, ['OFFICER']);
    const made = [];
    for (let i = 0; i < 3; i++) made.push((await declare(u)).id);
    const first = await t.http.get('/api/v1/declarations/mine?limit=2').set(bearer(u));
    expect(first.status).toBe(200);
    expect(first.body.items.map((i: { id: string }) => i.id)).toEqual([made[2], made[1]]);
    const second = await t.http
      .get(`/api/v1/declarations/mine?limit=2&cursor=${first.body.nextCursor}`)
      .set(bearer(u));
    expect(second.body.items.map((i: { id: string }) => i.id)).toEqual([made[0]]);
    expect(second.body.nextCursor).toBeNull();
    const events = await t.ds.query<Array<{ details: { ids: string[] } }>>(
      `SELECT details FROM audit_event WHERE action = 'DECLARATION.LIST_MINE' AND actor_id = $1 ORDER BY seq`,
      [u.id],
    );
    expect(events.map((e) => e.details.ids)).toEqual([[made[2], made[1]], [made[0]]]);
  });

  it('acknowledges a write whose reply was lost once, and never writes it twice', async () => {
    const service = t.app.get(DeclarationsService);
    type WriteDrafts = (m: unknown, writes: unknown) => Promise<void>;
    const internals = service as unknown as { writeDrafts: WriteDrafts };
    const realWrite = internals.writeDrafts.bind(service);
    /** The next write commits, but its caller hears that the connection dropped. */
    const loseNextReply = () =>
      jest.spyOn(internals, 'writeDrafts').mockImplementationOnce(async (m, writes) => {
        await realWrite(m, writes);
        throw new Error('Connection terminated unexpectedly');
      });
    const present = async (id: string) =>
      (
        await t.ds.query<Array<{ n: number }>>(
          `SELECT count(*)::int AS n FROM declaration WHERE id = $1`,
          [id],
        )
      )[0].n;

    // A client with an Idempotency-Key hears 503, sends the request again, and is told about
    // the declaration the first attempt made.
    const body = declaration();
    const key = `lost-${randomUUID()}`;
    const send = () =>
      t.http
        .post('/api/v1/declarations')
        .set(bearer(officer))
        .set('Idempotency-Key', key)
        .send(body);
    const spy = loseNextReply();
    const lost = await send();
    spy.mockRestore();
    expect(lost.status).toBe(503);
    expect(lost.body.code).toBe('DATABASE.UNAVAILABLE');
    const retried = await send();
    expect(retried.status).toBe(201);
    expect(retried.headers['idempotent-replayed']).toBe('true');
    expect(await present(retried.body.id)).toBe(1);

    // Two submissions written in one batch whose reply is lost: the batch is written again one
    // draft at a time, each meets its own row, and each is acknowledged (not a 409).
    const actor = {
      id: other.id,
      username: other.username,
      roles: other.roles,
      personId: other.personId,
    };
    const inRequest = (dto: CreateDeclarationDto) =>
      requestContext.run({ requestId: randomUUID(), ip: null, actor }, () =>
        service.create(dto, actor),
      );
    const batchSpy = loseNextReply();
    const results = await Promise.all([
      inRequest(declaration() as CreateDeclarationDto),
      inRequest(declaration() as CreateDeclarationDto),
    ]);
    expect(batchSpy).toHaveBeenCalledTimes(3); // the batch, then each alone
    batchSpy.mockRestore();
    for (const { created, replayed } of results) {
      expect(replayed).toBe(false);
      expect(await present(created.id)).toBe(1);
    }
  });

  it('tells listeners about each assessment inside its transaction', async () => {
    const seen: Array<{ event: unknown; status: string }> = [];
    t.app.get(DeclarationsService).onAssessed(async (m, e) => {
      const [row] = await m.query<Array<{ status: string }>>(
        `SELECT status FROM declaration WHERE id = $1`,
        [e.declarationId],
      );
      seen.push({ event: e, status: row.status });
    });
    const { id } = await declare(officer);
    await assess(vetting, id, {
      riskLevel: 'HIGH',
      outcome: 'REFER_PSD',
      rationale: 'Refer to professional standards.',
    });
    expect(seen).toEqual([
      {
        event: {
          declarationId: id,
          declarantPersonId: officer.personId,
          outcome: 'REFER_PSD',
          assessedOn: today,
        },
        status: 'MONITORING',
      },
    ]);
  });
});

function stripId(a: Record<string, unknown>) {
  const { id: _id, ...rest } = a;
  return Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== null));
}
