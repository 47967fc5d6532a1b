import { leftOn, statusOn } from './status-history';

describe('status on a date', () => {
  const history = [
    { status: 'SERVING' as const, effectiveFrom: '2015-04-01' },
    { status: 'SUSPENDED' as const, effectiveFrom: '2020-02-10' },
    { status: 'SERVING' as const, effectiveFrom: '2020-06-01' },
    { status: 'RESIGNED' as const, effectiveFrom: '2023-09-30' },
  ];

  it.each([
    ['2015-03-31', null],
    ['2015-04-01', 'SERVING'],
    ['2020-02-09', 'SERVING'],
    ['2020-02-10', 'SUSPENDED'],
    ['2020-05-31', 'SUSPENDED'],
    ['2020-06-01', 'SERVING'],
    ['2023-09-29', 'SERVING'],
    ['2023-09-30', 'RESIGNED'],
    ['2030-01-01', 'RESIGNED'],
  ])('on %s the status is %s', (date, expected) => {
    expect(statusOn(history, date)).toBe(expected);
  });

  it('does not depend on the order entries were recorded in', () => {
    expect(statusOn([...history].reverse(), '2020-03-01')).toBe('SUSPENDED');
  });

  it('knows when the person left', () => {
    expect(leftOn(history)).toBe('2023-09-30');
    expect(leftOn(history.slice(0, 3))).toBeNull();
  });
});
