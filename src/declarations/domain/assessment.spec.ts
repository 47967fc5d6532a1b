import fc from 'fast-check';
import { associateDateProblems, assessmentProblems, resolveReviewOn } from './assessment';
import { ASSESSMENT_OUTCOMES, RISK_LEVELS } from './vocabulary';

describe('assessment rules', () => {
  const on = '2026-01-31';

  it('closes NO_FURTHER_ACTION without a review date, defaults the others by risk', () => {
    expect(resolveReviewOn({ riskLevel: 'LOW', outcome: 'NO_FURTHER_ACTION' }, on)).toBeNull();
    expect(resolveReviewOn({ riskLevel: 'HIGH', outcome: 'RISK_MANAGEMENT_PLAN' }, on)).toBe(
      '2026-04-30',
    );
    expect(resolveReviewOn({ riskLevel: 'MEDIUM', outcome: 'ADVICE_GIVEN' }, on)).toBe(
      '2027-01-31',
    );
    expect(
      resolveReviewOn(
        { riskLevel: 'LOW', outcome: 'NO_FURTHER_ACTION', reviewOn: '2026-06-01' },
        on,
      ),
    ).toBe('2026-06-01');
  });

  it('only NO_FURTHER_ACTION without a date ever resolves to null', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...RISK_LEVELS),
        fc.constantFrom(...ASSESSMENT_OUTCOMES),
        (r, o) => {
          const review = resolveReviewOn({ riskLevel: r, outcome: o }, on);
          return o === 'NO_FURTHER_ACTION' ? review === null : review !== null && review > on;
        },
      ),
    );
  });

  it('needs conditions for a plan, none for no further action, a review date after today', () => {
    const fields = (a: Parameters<typeof assessmentProblems>[0]) =>
      assessmentProblems(a, on).map((p) => p.field);
    expect(fields({ riskLevel: 'HIGH', outcome: 'RISK_MANAGEMENT_PLAN' })).toEqual(['conditions']);
    expect(
      fields({
        riskLevel: 'HIGH',
        outcome: 'RISK_MANAGEMENT_PLAN',
        conditions: ['REPORT_CHANGES'],
      }),
    ).toEqual([]);
    expect(
      fields({ riskLevel: 'LOW', outcome: 'NO_FURTHER_ACTION', conditions: ['REPORT_CHANGES'] }),
    ).toEqual(['conditions']);
    expect(fields({ riskLevel: 'LOW', outcome: 'ADVICE_GIVEN', reviewOn: on })).toEqual([
      'reviewOn',
    ]);
  });
});

describe('associate date rules', () => {
  it('names the associate and field at fault', () => {
    const problems = associateDateProblems('2025-06-01', [
      { current: true },
      { current: false },
      { current: false, endedOn: '2025-05-31' },
      { current: true, endedOn: '2025-07-01' },
      { current: true, dateOfBirth: '2025-07-01' },
      { current: false, endedOn: '2025-06-01' },
    ]);
    expect(problems.map((p) => p.field)).toEqual([
      'associates[1].endedOn',
      'associates[2].endedOn',
      'associates[3].endedOn',
      'associates[4].dateOfBirth',
    ]);
  });
});
