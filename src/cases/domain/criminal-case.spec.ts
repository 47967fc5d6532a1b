import fc from 'fast-check';
import { DomainError } from '../../common/domain-error';
import {
  CRIMINAL_STAGE_TRANSITIONS,
  CriminalStageEntry,
  appendCriminalStage,
  assertStageDate,
  assertStageTransition,
  nextCriminalStages,
  standingConviction,
  summariseCriminalCase,
} from './criminal-case';
import { CRIMINAL_STAGES, CriminalStage } from './vocabulary';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e.code;
    throw e;
  }
  return undefined;
}

function history(...stages: [CriminalStage, string][]): CriminalStageEntry[] {
  return stages.map(([stage, on]) => ({ stage, on }));
}

describe('criminal stage transitions', () => {
  const legal = new Set([
    'null>REPORTED',
    'null>ARRESTED',
    'null>CHARGED',
    'null>SUMMONSED',
    'REPORTED>ARRESTED',
    'REPORTED>RELEASED_UNDER_INVESTIGATION',
    'REPORTED>CHARGED',
    'REPORTED>SUMMONSED',
    'REPORTED>NO_FURTHER_ACTION',
    'ARRESTED>RELEASED_UNDER_INVESTIGATION',
    'ARRESTED>CHARGED',
    'ARRESTED>SUMMONSED',
    'ARRESTED>NO_FURTHER_ACTION',
    'RELEASED_UNDER_INVESTIGATION>ARRESTED',
    'RELEASED_UNDER_INVESTIGATION>CHARGED',
    'RELEASED_UNDER_INVESTIGATION>SUMMONSED',
    'RELEASED_UNDER_INVESTIGATION>NO_FURTHER_ACTION',
    'CHARGED>AWAITING_TRIAL',
    'CHARGED>CONVICTED',
    'CHARGED>ACQUITTED',
    'CHARGED>DISCONTINUED',
    'SUMMONSED>AWAITING_TRIAL',
    'SUMMONSED>CONVICTED',
    'SUMMONSED>ACQUITTED',
    'SUMMONSED>DISCONTINUED',
    'AWAITING_TRIAL>CONVICTED',
    'AWAITING_TRIAL>ACQUITTED',
    'AWAITING_TRIAL>DISCONTINUED',
    'CONVICTED>SENTENCED',
    'CONVICTED>APPEAL_PENDING',
    'SENTENCED>APPEAL_PENDING',
    'APPEAL_PENDING>SENTENCED',
    'APPEAL_PENDING>CONVICTION_QUASHED',
    'CONVICTION_QUASHED>AWAITING_TRIAL',
  ]);
  const grid: [CriminalStage | null, CriminalStage][] = [null, ...CRIMINAL_STAGES].flatMap((from) =>
    CRIMINAL_STAGES.map((to) => [from, to] as [CriminalStage | null, CriminalStage]),
  );

  it.each(grid)('%s → %s is legal exactly when the table says so', (from, to) => {
    const code = codeOf(() => assertStageTransition(from, to));
    expect(code).toBe(legal.has(`${from}>${to}`) ? undefined : 'CRIMINAL_CASE.INVALID_STAGE');
  });

  it('has no transition the expected list does not know about (the table and the spec agree)', () => {
    const fromTable = Object.entries(CRIMINAL_STAGE_TRANSITIONS).flatMap(([from, tos]) =>
      tos.map((to) => `${from}>${to}`),
    );
    const withoutStart = [...legal].filter((s) => !s.startsWith('null>'));
    expect(fromTable.sort()).toEqual(withoutStart.sort());
  });

  it('acquittal, discontinuance and no further action end the case', () => {
    expect(nextCriminalStages('ACQUITTED')).toEqual([]);
    expect(nextCriminalStages('DISCONTINUED')).toEqual([]);
    expect(nextCriminalStages('NO_FURTHER_ACTION')).toEqual([]);
  });

  it('refuses an unknown stage with a 400', () => {
    expect(codeOf(() => assertStageTransition(null, 'BAILED' as CriminalStage))).toBe(
      'CRIMINAL_CASE.INVALID_FIELD',
    );
  });
});

describe('criminal stage dates', () => {
  it('allows the same day as the previous stage (arrested and charged the same day)', () => {
    expect(codeOf(() => assertStageDate('2024-03-01', '2024-03-01', '2024-02-01'))).toBeUndefined();
  });

  it('refuses a stage dated before the previous stage', () => {
    expect(codeOf(() => assertStageDate('2024-03-02', '2024-03-01', '2024-02-01'))).toBe(
      'CRIMINAL_CASE.STAGE_DATE_BEFORE_PREVIOUS',
    );
  });

  it('refuses a stage dated before the offence, and allows the offence day itself', () => {
    expect(codeOf(() => assertStageDate(null, '2024-01-31', '2024-02-01'))).toBe(
      'CRIMINAL_CASE.STAGE_DATE_BEFORE_OFFENCE',
    );
    expect(codeOf(() => assertStageDate(null, '2024-02-01', '2024-02-01'))).toBeUndefined();
  });

  it('refuses a date that is not a real date with a 400', () => {
    expect(codeOf(() => assertStageDate(null, '2023-02-29', '2023-01-01'))).toBe(
      'CRIMINAL_CASE.INVALID_DATE',
    );
    expect(codeOf(() => assertStageDate(null, '2023-03-01', '01/01/2023'))).toBe(
      'CRIMINAL_CASE.INVALID_DATE',
    );
  });

  it('appendCriminalStage checks both the transition and the date', () => {
    const h = history(['ARRESTED', '2024-03-01']);
    expect(appendCriminalStage(h, { stage: 'CHARGED', on: '2024-03-02' }, '2024-02-01')).toEqual(
      history(['ARRESTED', '2024-03-01'], ['CHARGED', '2024-03-02']),
    );
    expect(
      codeOf(() => appendCriminalStage(h, { stage: 'CONVICTED', on: '2024-03-02' }, '2024-02-01')),
    ).toBe('CRIMINAL_CASE.INVALID_STAGE');
    expect(
      codeOf(() => appendCriminalStage(h, { stage: 'CHARGED', on: '2024-02-28' }, '2024-02-01')),
    ).toBe('CRIMINAL_CASE.STAGE_DATE_BEFORE_PREVIOUS');
  });
});

describe('summariseCriminalCase', () => {
  it('an empty history has no stage and is neither pending nor concluded', () => {
    expect(summariseCriminalCase([])).toEqual({
      currentStage: null,
      pending: false,
      concluded: false,
      convictedOn: null,
      sentencedOn: null,
      chargedOn: null,
    });
  });

  it('is not pending while under investigation (arrest, RUI)', () => {
    const s = summariseCriminalCase(
      history(['ARRESTED', '2024-03-01'], ['RELEASED_UNDER_INVESTIGATION', '2024-03-02']),
    );
    expect(s).toMatchObject({ pending: false, concluded: false, chargedOn: null });
  });

  it('is pending from charge until the verdict, then concluded at sentence', () => {
    const steps = history(
      ['ARRESTED', '2024-03-01'],
      ['CHARGED', '2024-03-02'],
      ['AWAITING_TRIAL', '2024-04-10'],
      ['CONVICTED', '2024-09-20'],
      ['SENTENCED', '2024-10-25'],
    );
    expect(summariseCriminalCase(steps.slice(0, 2))).toMatchObject({
      pending: true,
      chargedOn: '2024-03-02',
    });
    expect(summariseCriminalCase(steps.slice(0, 3)).pending).toBe(true);
    expect(summariseCriminalCase(steps.slice(0, 4))).toMatchObject({
      pending: false,
      concluded: false,
      convictedOn: '2024-09-20',
      sentencedOn: null,
    });
    expect(summariseCriminalCase(steps)).toEqual({
      currentStage: 'SENTENCED',
      pending: false,
      concluded: true,
      convictedOn: '2024-09-20',
      sentencedOn: '2024-10-25',
      chargedOn: '2024-03-02',
    });
  });

  it('a summons makes the case pending just as a charge does', () => {
    expect(summariseCriminalCase(history(['SUMMONSED', '2024-05-01']))).toMatchObject({
      pending: true,
      chargedOn: '2024-05-01',
    });
  });

  it('discontinuance and acquittal end the pending period', () => {
    const charged = history(['CHARGED', '2024-03-02']);
    for (const end of ['DISCONTINUED', 'ACQUITTED'] as const) {
      expect(summariseCriminalCase([...charged, { stage: end, on: '2024-06-01' }])).toMatchObject({
        pending: false,
        concluded: true,
        convictedOn: null,
      });
    }
  });

  it('a quashed conviction clears the conviction; a retrial makes the case pending again', () => {
    const quashed = history(
      ['CHARGED', '2024-01-02'],
      ['CONVICTED', '2024-05-01'],
      ['SENTENCED', '2024-06-01'],
      ['APPEAL_PENDING', '2024-06-20'],
      ['CONVICTION_QUASHED', '2025-01-15'],
    );
    expect(summariseCriminalCase(quashed)).toMatchObject({
      concluded: true,
      convictedOn: null,
      sentencedOn: null,
    });
    const retried = [
      ...quashed,
      { stage: 'AWAITING_TRIAL' as const, on: '2025-02-01' },
      { stage: 'CONVICTED' as const, on: '2025-07-01' },
    ];
    expect(summariseCriminalCase(retried.slice(0, 6)).pending).toBe(true);
    expect(summariseCriminalCase(retried)).toMatchObject({
      convictedOn: '2025-07-01',
      chargedOn: '2024-01-02',
    });
  });

  it('an appeal dismissed leaves the conviction standing with the latest sentence date', () => {
    const s = summariseCriminalCase(
      history(
        ['CHARGED', '2024-01-02'],
        ['CONVICTED', '2024-05-01'],
        ['APPEAL_PENDING', '2024-05-10'],
        ['SENTENCED', '2024-09-01'],
      ),
    );
    expect(s).toMatchObject({
      convictedOn: '2024-05-01',
      sentencedOn: '2024-09-01',
      concluded: true,
    });
  });

  it('refuses an invalid history and checks dates against the offence date when given', () => {
    expect(codeOf(() => summariseCriminalCase(history(['CONVICTED', '2024-01-01'])))).toBe(
      'CRIMINAL_CASE.INVALID_STAGE',
    );
    expect(
      codeOf(() => summariseCriminalCase(history(['ARRESTED', '2024-01-01']), '2024-02-01')),
    ).toBe('CRIMINAL_CASE.STAGE_DATE_BEFORE_OFFENCE');
  });

  it('standingConviction gives the conviction the conduct rules use', () => {
    expect(standingConviction({ convictedOn: null }, true)).toBeUndefined();
    expect(standingConviction({ convictedOn: '2025-06-01' }, true)).toEqual({
      convictedOn: '2025-06-01',
      indictableOnly: true,
    });
  });

  it('property: any accepted random walk is pending exactly at charge/summons/awaiting trial', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...CRIMINAL_STAGES), fc.integer({ min: -3, max: 40 })), {
          maxLength: 25,
        }),
        (attempts) => {
          let h: CriminalStageEntry[] = [];
          let day = Date.UTC(2024, 0, 1);
          for (const [stage, gap] of attempts) {
            const on = new Date(day + gap * 86_400_000).toISOString().slice(0, 10);
            try {
              h = appendCriminalStage(h, { stage, on }, '2024-01-01');
              day += gap * 86_400_000;
            } catch (e) {
              if (!(e instanceof DomainError)) throw e;
            }
          }
          for (let i = 1; i < h.length; i++) {
            expect(h[i].on >= h[i - 1].on).toBe(true);
            expect(CRIMINAL_STAGE_TRANSITIONS[h[i - 1].stage]).toContain(h[i].stage);
          }
          const s = summariseCriminalCase(h, '2024-01-01');
          const current = h.at(-1)?.stage ?? null;
          expect(s.currentStage).toBe(current);
          expect(s.pending).toBe(
            ['CHARGED', 'SUMMONSED', 'AWAITING_TRIAL'].includes(current ?? ''),
          );
          expect(s.pending && s.concluded).toBe(false);
          if (s.convictedOn !== null) expect(h.some((e) => e.stage === 'CONVICTED')).toBe(true);
          if (s.sentencedOn !== null) expect(s.convictedOn).not.toBeNull();
        },
      ),
    );
  });
});
