import fc from 'fast-check';
import { addDays, addMonths } from '../../calendar/domain/dates';
import {
  DECLARATION_POLICY,
  DeclarationPolicy,
  defaultReviewOn,
  isTriageOverdue,
  triageDueOn,
} from './policy';
import { ASSOCIATION_REASONS } from './vocabulary';

const isoDate = fc
  .date({
    min: new Date('1990-01-01T00:00:00Z'),
    max: new Date('2100-12-31T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((d) => d.toISOString().slice(0, 10));

describe('DECLARATION_POLICY defaults', () => {
  it('matches DOMAIN.md and the issue', () => {
    expect(DECLARATION_POLICY.reviewMonths).toEqual({ LOW: 12, MEDIUM: 12, HIGH: 3 });
    expect(DECLARATION_POLICY.triageTargetDays).toBe(10);
    expect(DECLARATION_POLICY.maxAssociates).toBe(50);
    expect(DECLARATION_POLICY.maxAliases).toBe(10);
    expect(DECLARATION_POLICY.textLimits).toEqual({
      fullName: 200,
      alias: 200,
      circumstances: 4000,
      rationale: 4000,
    });
    expect(DECLARATION_POLICY.reasonsInForce).toEqual(ASSOCIATION_REASONS);
  });
});

describe('defaultReviewOn', () => {
  it.each([
    ['2026-03-15', 'LOW', '2027-03-15'],
    ['2026-03-15', 'MEDIUM', '2027-03-15'],
    ['2026-03-15', 'HIGH', '2026-06-15'],
    ['2026-11-30', 'HIGH', '2027-02-28'],
    ['2027-11-30', 'HIGH', '2028-02-29'],
    ['2024-02-29', 'LOW', '2025-02-28'],
    ['2026-12-31', 'HIGH', '2027-03-31'],
  ] as const)('assessed %s at %s → review %s', (assessedOn, risk, expected) => {
    expect(defaultReviewOn(assessedOn, risk)).toBe(expected);
  });

  it('follows a force’s own policy', () => {
    const strict: DeclarationPolicy = {
      ...DECLARATION_POLICY,
      reviewMonths: { LOW: 24, MEDIUM: 6, HIGH: 1 },
    };
    expect(defaultReviewOn('2026-01-31', 'HIGH', strict)).toBe('2026-02-28');
    expect(defaultReviewOn('2026-01-31', 'LOW', strict)).toBe('2028-01-31');
  });

  it('always lands later, within the month the interval names, never past its end', () => {
    fc.assert(
      fc.property(isoDate, fc.constantFrom('LOW', 'MEDIUM', 'HIGH' as const), (d, risk) => {
        const review = defaultReviewOn(d, risk);
        const months = DECLARATION_POLICY.reviewMonths[risk];
        const [y, m, day] = d.split('-').map(Number);
        const [ry, rm, rday] = review.split('-').map(Number);
        return (
          review > d &&
          ry * 12 + rm - (y * 12 + m) === months &&
          rday <= day &&
          (rday === day || addDays(review, 1).endsWith('-01'))
        );
      }),
    );
  });
});

describe('date helpers', () => {
  it('refuses impossible or malformed dates', () => {
    expect(() => addMonths('2026-02-30', 1)).toThrow(RangeError);
    expect(() => addMonths('26-01-01', 1)).toThrow(RangeError);
    expect(() => addDays('2026-1-1', 1)).toThrow(RangeError);
  });

  it('adds days across month and year ends', () => {
    expect(addDays('2026-12-28', 10)).toBe('2027-01-07');
    expect(addDays('2028-02-25', 5)).toBe('2028-03-01');
  });

  it('subtracts months too', () => {
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
  });
});

describe('triage target', () => {
  it('counts calendar days, weekends included', () => {
    // Friday 2 January 2026 + 10 calendar days = Monday 12 January
    expect(triageDueOn('2026-01-02')).toBe('2026-01-12');
    expect(isTriageOverdue('2026-01-02', '2026-01-12')).toBe(false);
    expect(isTriageOverdue('2026-01-02', '2026-01-13')).toBe(true);
  });
});
