import { bearer, createUser, startApp, TestApp, TestUser } from './helpers/app';

/** A REFER_PSD assessment of a declaration opens a conduct case (DeclarationsService.onAssessed). */
describe('declaration referred to PSD opens a conduct case', () => {
  let t: TestApp;
  let declarant: TestUser;
  let vetting: TestUser;
  let psd: TestUser;

  beforeAll(async () => {
    t = await startApp();
    declarant = await createUser(t, ['OFFICER']);
    vetting = await createUser(t, ['VETTING']);
    psd = await createUser(t, ['PSD']);
  });
  afterAll(() => t.close());

  it('opens one DECLARATION_REFERRAL case linked to the declaration', async () => {
    const declared = await t.http
      .post('/api/v1/declarations')
      .set(bearer(declarant))
      .send({
        becameAwareOn: '2025-05-01',
        associates: [
          {
            fullName: 'Jordan Example',
            relationship: 'FRIEND',
            reasons: ['ORGANISED_CRIME_LINKS'],
            current: true,
          },
        ],
      });
    expect(declared.status).toBe(201);
    const assessed = await t.http
      .post(`/api/v1/declarations/${declared.body.id}/assessments`)
      .set(bearer(vetting))
      .send({
        riskLevel: 'HIGH',
        outcome: 'REFER_PSD',
        rationale: 'Association with an organised crime group',
        reviewOn: '2027-01-31',
      });
    expect(assessed.status).toBe(201);

    const cases = await t.http
      .get('/api/v1/conduct-cases')
      .query({ personId: declarant.personId })
      .set(bearer(psd))
      .expect(200);
    expect(cases.body.items).toEqual([
      expect.objectContaining({
        personId: declarant.personId,
        origin: 'DECLARATION_REFERRAL',
        declarationId: declared.body.id,
        status: 'OPEN',
      }),
    ]);
    // The same declaration cannot be referred into a second case by hand.
    const dup = await t.http.post('/api/v1/conduct-cases').set(bearer(psd)).send({
      personId: declarant.personId,
      cameToAttentionOn: '2025-05-02',
      origin: 'DECLARATION_REFERRAL',
      declarationId: declared.body.id,
    });
    expect({ status: dup.status, code: dup.body.code }).toEqual({
      status: 409,
      code: 'CONDUCT_CASE.DECLARATION_ALREADY_REFERRED',
    });
  });
});
