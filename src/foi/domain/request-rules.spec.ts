import { ConflictError } from '../../common/domain-error';
import { assertRequestTransition, questionAnswerProblems, respondProblems } from './request-rules';

describe('FOI request rules', () => {
  it('allows the documented status moves only', () => {
    expect(() => assertRequestTransition('OPEN', 'RESPONDED')).not.toThrow();
    expect(() => assertRequestTransition('RESPONDED', 'OPEN')).not.toThrow();
    expect(() => assertRequestTransition('RESPONDED', 'CLOSED')).not.toThrow();
    expect(() => assertRequestTransition('CLOSED', 'CLOSED')).not.toThrow();
    expect(() => assertRequestTransition('CLOSED', 'OPEN')).toThrow(ConflictError);
  });

  it.each([
    [{ outcome: 'DISCLOSED', exemptions: [] }, 0],
    [{ outcome: 'DISCLOSED', exemptions: ['S40_2'] }, 1],
    [{ outcome: 'NOT_HELD', exemptions: [] }, 0],
    [{ outcome: 'EXEMPT', exemptions: [] }, 1],
    [{ outcome: 'EXEMPT', exemptions: ['S40_2', 'S31_1_A'] }, 0],
    [{ outcome: 'PARTIALLY_DISCLOSED', exemptions: ['S12'] }, 1],
    [{ outcome: 'COST_LIMIT', exemptions: ['S12'] }, 0],
    [{ outcome: 'COST_LIMIT', exemptions: [] }, 1],
    [{ outcome: 'NEITHER_CONFIRM_NOR_DENY', exemptions: ['S31_1_A'] }, 0],
    [{ outcome: null, exemptions: ['S21'] }, 1],
    [{ outcome: 'EXEMPT', exemptions: ['S21', 'S21'] }, 1],
  ] as const)('checks exemptions against the outcome: %j', (answer, count) => {
    const problems = questionAnswerProblems(answer, 'questions[0]');
    expect(problems).toHaveLength(count);
    for (const p of problems) expect(p.field).toBe('questions[0].exemptions');
  });

  it('needs every outcome set and every linked extract released before responding', () => {
    const problems = respondProblems(
      [
        { outcome: null, exemptions: [], extractIds: [] },
        { outcome: 'DISCLOSED', exemptions: [], extractIds: ['a', 'b'] },
      ],
      new Set(['a']),
    );
    expect(problems.map((p) => p.field)).toEqual([
      'questions[0].outcome',
      'questions[1].extractIds',
    ]);
  });
});
