import { AuditService } from '../src/audit/audit.service';
import { bearer, createUser, startApp, TestApp, TestUser } from './helpers/app';

describe('audit trail', () => {
  let t: TestApp;
  let admin: TestUser;
  let psd: TestUser;
  let auditor: TestUser;
  beforeAll(async () => {
    t = await startApp();
    admin = await createUser(t, ['ADMIN']);
    psd = await createUser(t, ['PSD']);
    auditor = await createUser(t, ['AUDITOR']);
  });
  afterAll(() => t.close());

  const body = () => ({
    staffNumber: `A${Date.now().toString(36).toUpperCase()}`,
    forenames: 'Riley',
    surname: 'Stone',
    dateOfBirth: '1980-02-02',
    gender: 'MALE',
    personType: 'POLICE_STAFF',
    grade: 'Band B',
    unit: 'HQ',
  });

  it('records who created and who read a person, from where, without personal data', async () => {
    const created = await t.http
      .post('/api/v1/people')
      .set(bearer(admin))
      .set('X-Forwarded-For', '192.0.2.44')
      .send(body());
    const id = created.body.id as string;
    await t.http.get(`/api/v1/people/${id}`).set(bearer(psd)).expect(200);
    const res = await t.http
      .get('/api/v1/audit')
      .query({ entityType: 'person', entityId: id })
      .set(bearer(auditor));
    expect(res.status).toBe(200);
    const events = res.body.items as Array<Record<string, unknown>>;
    expect(events.map((e) => [e.action, e.actorId])).toEqual([
      ['PERSON.READ', psd.id],
      ['PERSON.CREATE', admin.id],
    ]);
    expect(events[1].ip).toBe('192.0.2.44');
    expect(JSON.stringify(events)).not.toMatch(/Riley|Stone|1980-02-02/);
  });

  it('filters by actor and action and pages with a cursor', async () => {
    for (let i = 0; i < 3; i++) await t.http.get(`/api/v1/people`).set(bearer(psd)).expect(200);
    const page1 = await t.http
      .get('/api/v1/audit')
      .query({ actorId: psd.id, action: 'PERSON.LIST', limit: 2 })
      .set(bearer(auditor));
    expect(page1.body.items).toHaveLength(2);
    const page2 = await t.http
      .get('/api/v1/audit')
      .query({ actorId: psd.id, action: 'PERSON.LIST', limit: 2, cursor: page1.body.nextCursor })
      .set(bearer(auditor));
    expect(page2.body.items.length).toBeGreaterThanOrEqual(1);
    expect(page2.body.items[0].seq).toBeLessThan(page1.body.items[1].seq);
  });

  it('the database refuses to change or delete an audit event', async () => {
    await expect(t.ds.query(`UPDATE audit_event SET action = 'X' WHERE seq = 1`)).rejects.toThrow(
      /append-only/,
    );
    await expect(t.ds.query(`DELETE FROM audit_event WHERE seq = 1`)).rejects.toThrow(
      /append-only/,
    );
    // The chain's links reference the events, so TRUNCATE is refused twice over.
    // Make sure the chain has links to try to change.
    await t.http.get('/api/v1/audit/verify').set(bearer(auditor)).expect(200);
    await expect(t.ds.query(`TRUNCATE audit_event`)).rejects.toThrow(/append-only|foreign key/);
    await expect(t.ds.query(`TRUNCATE audit_seal`)).rejects.toThrow(/append-only/);
    await expect(t.ds.query(`UPDATE audit_seal SET hash = repeat('0', 64)`)).rejects.toThrow(
      /append-only/,
    );
  });

  it('seals events on both sides of a gap in event numbers wider than one sealing pass', async () => {
    // A writer that rolled back leaves its seq unused; thousands in a row must not stall sealing.
    const before = await t.http
      .post('/api/v1/people')
      .set(bearer(admin))
      .send({ ...body(), staffNumber: `GAPA${Date.now()}` });
    await t.ds.query(`SELECT setval('audit_event_seq', nextval('audit_event_seq') + 5000)`);
    const after = await t.http
      .post('/api/v1/people')
      .set(bearer(admin))
      .send({ ...body(), staffNumber: `GAPB${Date.now()}` });
    expect([before.status, after.status]).toEqual([201, 201]);
    const verified = await t.http.get('/api/v1/audit/verify').set(bearer(auditor));
    expect(verified.body).toMatchObject({ ok: true });
    const sealed = await t.ds.query<Array<{ entity_id: string }>>(
      `SELECT e.entity_id FROM audit_event e JOIN audit_seal s ON s.event_seq = e.seq
        WHERE e.action = 'PERSON.CREATE' AND e.entity_id = ANY($1)`,
      [[before.body.id, after.body.id]],
    );
    expect(sealed.map((r) => r.entity_id).sort()).toEqual(
      [before.body.id as string, after.body.id as string].sort(),
    );
  });

  it('seals an event only once the transaction that wrote it has ended, then in seq order', async () => {
    const audit = t.app.get(AuditService);
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let written!: () => void;
    const wrote = new Promise<void>((r) => (written = r));
    const entityId = `in-flight-${Date.now()}`;
    const writer = t.ds.transaction(async (m) => {
      await audit.record(m, { action: 'TEST.IN_FLIGHT', entityType: 'test', entityId });
      written();
      await held;
    });
    await wrote;
    // The pass waits for the writer (its seq is not settled yet) rather than sealing past it.
    const sealing = audit.seal();
    const early = await Promise.race([
      sealing.then(() => 'sealed'),
      new Promise((r) => setTimeout(() => r('waiting'), 300)),
    ]);
    expect(early).toBe('waiting');
    release();
    await writer;
    await sealing;
    const [row] = await t.ds.query<Array<{ chain_pos: string | null }>>(
      `SELECT s.chain_pos FROM audit_event e LEFT JOIN audit_seal s ON s.event_seq = e.seq
        WHERE e.entity_id = $1`,
      [entityId],
    );
    expect(row.chain_pos).not.toBeNull();
    const verified = await t.http.get('/api/v1/audit/verify').set(bearer(auditor));
    expect(verified.body).toMatchObject({ ok: true });
  });

  it('verifies the chain, and finds the first tampered link', async () => {
    const ok = await t.http.get('/api/v1/audit/verify').set(bearer(auditor));
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ ok: true });
    expect(ok.body.checked).toBeGreaterThan(3);

    const [{ seq, action }] = await t.ds.query(
      // A link already in the chain (events of still-running transactions wait to be sealed).
      `SELECT e.seq, e.action FROM audit_event e JOIN audit_seal s ON s.event_seq = e.seq
        ORDER BY s.chain_pos DESC OFFSET 2 LIMIT 1`,
    );
    // Tampering needs a superuser who switches the trigger off; verify must still notice.
    await t.ds.query(`ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update_delete`);
    try {
      await t.ds.query(`UPDATE audit_event SET action = 'PERSON.NOTHING_TO_SEE' WHERE seq = $1`, [
        seq,
      ]);
      const broken = await t.http.get('/api/v1/audit/verify').set(bearer(auditor));
      expect(broken.body).toMatchObject({
        ok: false,
        firstBrokenSeq: Number(seq),
        reason: 'HASH_MISMATCH',
      });
    } finally {
      await t.ds.query(`UPDATE audit_event SET action = $2 WHERE seq = $1`, [seq, action]);
      await t.ds.query(`ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update_delete`);
    }
    const again = await t.http.get('/api/v1/audit/verify').set(bearer(auditor));
    expect(again.body.ok).toBe(true);
  });
});
