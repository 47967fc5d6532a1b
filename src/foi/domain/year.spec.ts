import fc from 'fast-check';
import { ValidationError } from '../../common/domain-error';
import { yearOnly } from './year';

describe('yearOnly', () => {
  it.each([
    ['2021-03-04', '2021'],
    ['2021-03-04T10:15:00', '2021'],
    ['2021-03-04T10:15:00.123Z', '2021'],
    ['2020-12-31T23:30:00Z', '2020'],
    ['2021-01-01T00:30:00+01:00', '2020'],
    ['2021-12-31T23:30:00-02:00', '2022'],
    ['2024-02-29', '2024'],
  ])('%s → %s', (input, year) => {
    expect(yearOnly(input)).toBe(year);
  });

  it.each([
    '2021-02-29',
    '2021-13-01',
    '2021-00-10',
    '21-03-04',
    '2021/03/04',
    '',
    '2021',
    'yesterday',
  ])('refuses %j without echoing it', (input) => {
    expect(() => yearOnly(input)).toThrow(ValidationError);
    try {
      yearOnly(input);
    } catch (error) {
      if (input !== '') expect((error as Error).message).not.toContain(input);
    }
  });

  it('gives the UTC (= UK) year of any instant, as four digits', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1950-01-01T00:00:00Z'),
          max: new Date('2099-12-31T23:59:59Z'),
          noInvalidDate: true,
        }),
        (date) => {
          const year = yearOnly(date.toISOString());
          expect(year).toMatch(/^\d{4}$/);
          expect(year).toBe(String(date.getUTCFullYear()));
          expect(yearOnly(date.toISOString().slice(0, 10))).toBe(year);
        },
      ),
      { numRuns: 300 },
    );
  });
});
