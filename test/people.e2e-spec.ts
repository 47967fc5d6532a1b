import { bearer, createUser, eventually, startApp, TestApp, TestUser, unique } from './helpers/app';

const staffNo = () =>
  unique('P')
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '');

function personBody(over: Record<string, unknown> = {}) {
  return {
    staffNumber: staffNo(),
    forenames: 'Taylor',
    surname: 'Quinn',
    dateOfBirth: '1987-06-15',
    gender: 'FEMALE',
    personType: 'POLICE_OFFICER',
    rank: 'SERGEANT',
    unit: 'North BCU',
    vettingLevel: 'NPPV2',
    joinedOn: '2011-04-01',
    fingerprintsHeldOn: '2011-04-05',
    ...over,
  };
}

describe('people register', () => {
  let t: TestApp;
  let admin: TestUser;
  let psd: TestUser;
  let vetting: TestUser;
  beforeAll(async () => {
    t = await startApp();
    admin = await createUser(t, ['ADMIN']);
    psd = await createUser(t, ['PSD']);
    vetting = await createUser(t, ['VETTING']);
  });
  afterAll(() => t.close());

  it('creates a person who is SERVING from the day they joined, and reads them back', async () => {
    const body = personBody();
    const created = await t.http.post('/api/v1/people').set(bearer(admin)).send(body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      ...body,
      status: 'SERVING',
      dnaHeldOn: null,
      leftOn: null,
    });
    const got = await t.http.get(`/api/v1/people/${created.body.id}`).set(bearer(psd));
    expect(got.status).toBe(200);
    expect(got.body.statusHistory).toEqual([{ status: 'SERVING', effectiveFrom: '2011-04-01' }]);
    const dup = await t.http
      .post('/api/v1/people')
      .set(bearer(admin))
      .send({ ...body });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('PERSON.STAFF_NUMBER_TAKEN');
  });

  it('answers the status on any date from the effective-dated history', async () => {
    const { body: p } = await t.http.post('/api/v1/people').set(bearer(admin)).send(personBody());
    for (const [status, effectiveFrom] of [
      ['SUSPENDED', '2019-03-01'],
      ['SERVING', '2019-09-01'],
      ['RESIGNED', '2022-12-31'],
    ]) {
      const r = await t.http
        .post(`/api/v1/people/${p.id}/status-changes`)
        .set(bearer(psd))
        .send({ status, effectiveFrom });
      expect(r.status).toBe(201);
    }
    const on = async (date: string) =>
      (await t.http.get(`/api/v1/people/${p.id}/status`).query({ on: date }).set(bearer(vetting)))
        .body.status;
    expect(await on('2011-03-31')).toBeNull();
    expect(await on('2015-01-01')).toBe('SERVING');
    expect(await on('2019-05-01')).toBe('SUSPENDED');
    expect(await on('2020-05-01')).toBe('SERVING');
    expect(await on('2023-01-01')).toBe('RESIGNED');
    const got = await t.http.get(`/api/v1/people/${p.id}`).set(bearer(psd));
    expect(got.body).toMatchObject({ status: 'RESIGNED', leftOn: '2022-12-31' });
    const clash = await t.http
      .post(`/api/v1/people/${p.id}/status-changes`)
      .set(bearer(psd))
      .send({ status: 'RETIRED', effectiveFrom: '2022-12-31' });
    expect(clash.status).toBe(409);
    expect(clash.body.code).toBe('PERSON.STATUS_DATE_TAKEN');
  });

  it('validates people with the field named', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ gender: 'UNKNOWN' }, 'gender'],
      [{ personType: 'SHERIFF' }, 'personType'],
      [{ rank: undefined }, 'rank'],
      [{ dateOfBirth: '1987-02-30' }, 'dateOfBirth'],
      [{ dateOfBirth: '2999-01-01' }, 'dateOfBirth'],
      [{ surname: 'x'.repeat(101) }, 'surname'],
      [{ staffNumber: '1; DROP TABLE person' }, 'staffNumber'],
      [{ vettingLevel: 'TOP' }, 'vettingLevel'],
    ];
    for (const [over, field] of cases) {
      const res = await t.http.post('/api/v1/people').set(bearer(admin)).send(personBody(over));
      expect({ field, status: res.status, code: res.body.code }).toEqual({
        field,
        status: 400,
        code: 'VALIDATION_FAILED',
      });
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    }
  });

  it('lists people a page at a time with filters', async () => {
    const type = 'VOLUNTEER';
    for (let i = 0; i < 3; i++) {
      await t.http
        .post('/api/v1/people')
        .set(bearer(admin))
        .send(personBody({ personType: type, rank: undefined, grade: 'Volunteer' }))
        .expect(201);
    }
    const first = await t.http
      .get('/api/v1/people')
      .query({ personType: type, limit: 2 })
      .set(bearer(psd));
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await t.http
      .get('/api/v1/people')
      .query({ personType: type, limit: 2, cursor: first.body.nextCursor })
      .set(bearer(psd));
    const ids = [...first.body.items, ...second.body.items].map((p: { id: string }) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(3);
    const bad = await t.http
      .get('/api/v1/people')
      .query({ cursor: 'not-a-cursor' })
      .set(bearer(psd));
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('INVALID_CURSOR');
  });

  describe('CSV import', () => {
    const header =
      'staffNumber,forenames,surname,dateOfBirth,gender,personType,rank,grade,unit,vettingLevel,joinedOn';

    async function importCsv(csv: string) {
      const res = await t.http
        .post('/api/v1/people/import')
        .set(bearer(admin))
        .set('Content-Type', 'text/csv')
        .send(csv);
      expect(res.status).toBe(202);
      expect(res.body.status).toBe('QUEUED');
      return eventually(async () => {
        const s = await t.http.get(`/api/v1/people/import/${res.body.id}`).set(bearer(admin));
        return ['COMPLETED', 'FAILED'].includes(s.body.status) ? s.body : undefined;
      });
    }

    it('imports a good file as a job', async () => {
      const a = staffNo();
      const b = staffNo();
      const csv = [
        header,
        `${a},Ana,Silva,1990-01-02,FEMALE,POLICE_OFFICER,CONSTABLE,,West BCU,NPPV1,2015-05-05`,
        `${b},"O'Neil, Jr",Byrne,1979-12-12,MALE,POLICE_STAFF,,Band D,HQ,,2001-02-03`,
      ].join('\n');
      const result = await importCsv(csv);
      expect(result).toMatchObject({
        status: 'COMPLETED',
        totalRows: 2,
        importedRows: 2,
        errors: [],
      });
      const list = await t.http.get('/api/v1/people').query({ staffNumber: b }).set(bearer(psd));
      expect(list.body.items[0]).toMatchObject({
        forenames: "O'Neil, Jr",
        personType: 'POLICE_STAFF',
        grade: 'Band D',
      });
    });

    it('reports every bad row and imports nothing from a bad file', async () => {
      const good = staffNo();
      const dup = staffNo();
      const csv = [
        header,
        `${good},Good,Row,1990-01-02,FEMALE,POLICE_OFFICER,CONSTABLE,,West BCU,,2015-05-05`,
        `${dup},Bad,Gender,1990-01-02,FEMALE-ISH,POLICE_OFFICER,CONSTABLE,,West BCU,,2015-05-05`,
        `${dup},Bad,Date,1990-13-02,MALE,POLICE_STAFF,,Band C,HQ,,2015-05-05`,
        `,Missing,Number,1990-01-02,MALE,POLICE_STAFF,,Band C,HQ,,2015-05-05`,
      ].join('\n');
      const result = await importCsv(csv);
      expect(result.status).toBe('FAILED');
      expect(result.importedRows).toBe(0);
      const byRow = (row: number) =>
        result.errors
          .filter((e: { row: number }) => e.row === row)
          .map((e: { field: string }) => e.field);
      expect(byRow(3)).toContain('gender');
      expect(byRow(4)).toEqual(expect.arrayContaining(['dateOfBirth', 'staffNumber']));
      expect(byRow(5)).toContain('staffNumber');
      const list = await t.http.get('/api/v1/people').query({ staffNumber: good }).set(bearer(psd));
      expect(list.body.items).toEqual([]);
    });

    it('refuses a file with unknown columns, and a body that is not CSV', async () => {
      const result = await importCsv('staffNumber,shoeSize\n1,42');
      expect(result.status).toBe('FAILED');
      expect(result.errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ row: 1, field: 'shoeSize' })]),
      );
      const json = await t.http.post('/api/v1/people/import').set(bearer(admin)).send({ csv: 'x' });
      expect(json.status).toBe(400);
      expect(json.body.code).toBe('IMPORT.NOT_CSV');
    });
  });
});
