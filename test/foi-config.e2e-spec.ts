import { bearer, createUser, startApp, TestApp, TestUser } from './helpers/app';

/** The FOI policy comes from the validated application config, so createApp(env) overrides it. */
describe('FOI policy from the application config', () => {
  let t: TestApp;
  let foi: TestUser;

  beforeAll(async () => {
    t = await startApp({ FOI_MAX_EXTRACT_YEARS: '2' });
    foi = await createUser(t, ['FOI'], { personType: 'POLICE_STAFF', rank: null });
  });
  afterAll(() => t.close());

  it('limits an extract to FOI_MAX_EXTRACT_YEARS', async () => {
    expect(t.started.config.foi).toEqual({ threshold: 5, k: 3, maxExtractYears: 2 });
    // Five years is well within the default of 30.
    const res = await t.http
      .post('/api/v1/foi/extracts')
      .set(bearer(foi))
      .send({ type: 'CONVICTIONS', from: 2020, to: 2024 });
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([
      { field: 'to', message: 'the period may cover at most 2 years' },
    ]);
  });
});
