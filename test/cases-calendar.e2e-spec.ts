import { bearer, createPerson, createUser, startApp, TestApp, TestUser } from './helpers/app';

/** Extra holidays: the calendar list, and open list reports re-dated when one is added. */
describe('working-day calendar and list-report due dates', () => {
  let t: TestApp;
  let psd: TestUser;
  let admin: TestUser;
  let officer: TestUser;
  // A date no other spec counts across; removed afterwards so later files see the plain table.
  const EXTRA = '2016-03-09';

  beforeAll(async () => {
    t = await startApp();
    psd = await createUser(t, ['PSD']);
    admin = await createUser(t, ['ADMIN']);
    officer = await createUser(t, ['OFFICER']);
  });
  afterAll(async () => {
    await t.ds.query(`DELETE FROM extra_holiday WHERE date = $1`, [EXTRA]);
    await t.close();
  });

  it('lists the UK bank holidays of every region with the table version', async () => {
    const res = await t.http.get('/api/v1/calendar/holidays').set(bearer(officer)).expect(200);
    expect(res.body.version).toMatch(/^\d{4}\.\d+\+\d+$/);
    const byDate = new Map(
      (res.body.holidays as Array<{ date: string; regions: string[]; source: string }>).map((h) => [
        h.date,
        h,
      ]),
    );
    expect(byDate.get('2025-12-25')).toMatchObject({
      source: 'UK_BANK_HOLIDAY',
      regions: ['england-and-wales', 'scotland', 'northern-ireland'],
    });
    expect(byDate.get('2025-03-17')?.regions).toEqual(['northern-ireland']);
    expect(byDate.get('2025-01-02')?.regions).toEqual(['scotland']);
  });

  it('re-dates an unsent list report when an administrator adds a holiday', async () => {
    const p = await createPerson(t, { joinedOn: '2005-01-01' });
    const mc = await t.http
      .post('/api/v1/conduct-cases')
      .set(bearer(psd))
      .send({ personId: p.id, cameToAttentionOn: '2016-02-01', origin: 'INTERNAL_REPORT' });
    expect(mc.status).toBe(201);
    // Resigned Monday 7 March 2016, allegation live: advisory report due Monday 14 March.
    await t.http
      .post(`/api/v1/people/${p.id}/status-changes`)
      .set(bearer(psd))
      .send({ status: 'RESIGNED', effectiveFrom: '2016-03-07' })
      .expect(201);
    const reportOf = async () =>
      (
        await t.http
          .get('/api/v1/list-reports')
          .query({ conductCaseId: mc.body.id })
          .set(bearer(psd))
          .expect(200)
      ).body.items[0];
    expect(await reportOf()).toMatchObject({
      list: 'ADVISORY',
      triggerOn: '2016-03-07',
      dueOn: '2016-03-14',
      status: 'PENDING',
    });

    const before = await t.http.get('/api/v1/calendar/holidays').set(bearer(psd));
    const added = await t.http
      .post('/api/v1/calendar/holidays')
      .set(bearer(admin))
      .send({ date: EXTRA, title: 'Proclaimed holiday (test)' });
    expect(added.status).toBe(201);
    expect(added.body).toEqual({
      date: EXTRA,
      title: 'Proclaimed holiday (test)',
      source: 'EXTRA',
      regions: [],
    });
    expect(await reportOf()).toMatchObject({ dueOn: '2016-03-15' });
    const after = await t.http.get('/api/v1/calendar/holidays').set(bearer(psd));
    expect(after.body.version).not.toBe(before.body.version);
    expect(after.body.holidays).toContainEqual(
      expect.objectContaining({ date: EXTRA, source: 'EXTRA' }),
    );

    for (const [date, status, code] of [
      [EXTRA, 409, 'CALENDAR.ALREADY_A_HOLIDAY'],
      ['2025-12-25', 409, 'CALENDAR.ALREADY_A_HOLIDAY'],
      ['2016-03-12', 400, 'CALENDAR.WEEKEND'],
      ['2016-02-30', 400, 'VALIDATION_FAILED'],
    ] as const) {
      const res = await t.http
        .post('/api/v1/calendar/holidays')
        .set(bearer(admin))
        .send({ date, title: 'x' });
      expect({ date, status: res.status, code: res.body.code }).toEqual({ date, status, code });
    }
  });
});
