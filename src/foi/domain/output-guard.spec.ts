import fc from 'fast-check';
import { UnsafeOutputError } from './foi-errors';
import { assertSafeCell, assertSafeRow, isSafeCell, unsafeValueKind } from './output-guard';
import { DEFAULT_DISCLOSURE_POLICY, disclosurePolicy } from './policy';
import { PUBLIC_LABELS } from './public-labels';

describe('assertSafeCell', () => {
  it.each([
    0,
    5,
    27,
    33000,
    '2021',
    '1999',
    '<5',
    '*',
    'Partner',
    'Various family members',
    'criminal convictions / adverse intel',
    'Sexual offences',
    'Left the service',
    'SERVING',
    'LEFT_SERVICE',
    'PCSO',
  ])('allows %j', (value) => {
    expect(() => assertSafeCell(value)).not.toThrow();
  });

  it.each([
    [3, 'SMALL_COUNT'],
    [1, 'SMALL_COUNT'],
    [-1, 'NOT_A_COUNT'],
    [1.5, 'NOT_A_COUNT'],
    [Number.NaN, 'NOT_A_COUNT'],
    ['2021-03', 'DATE_FINER_THAN_YEAR'],
    ['2021-03-04', 'DATE_FINER_THAN_YEAR'],
    ['2021-03-04T10:00:00Z', 'DATE_FINER_THAN_YEAR'],
    ['04/03/2021', 'DATE_FINER_THAN_YEAR'],
    ['123456', 'IDENTIFIER_LIKE'],
    ['MP12345', 'IDENTIFIER_LIKE'],
    ['1850', 'IDENTIFIER_LIKE'],
    ['3', 'NOT_IN_VOCABULARY'],
    ['Alex Smith', 'NOT_IN_VOCABULARY'],
    ['Partner ', 'NOT_IN_VOCABULARY'],
    ['Brother', 'NOT_IN_VOCABULARY'],
    ['adverse intel / criminal convictions', 'NOT_IN_VOCABULARY'],
    ['criminal convictions / criminal convictions', 'NOT_IN_VOCABULARY'],
    [null, 'NOT_A_STRING_OR_NUMBER'],
    [undefined, 'NOT_A_STRING_OR_NUMBER'],
    [{ suppressed: true }, 'NOT_A_STRING_OR_NUMBER'],
  ])('refuses %j (%s)', (value, kind) => {
    expect(unsafeValueKind(value)).toBe(kind);
    expect(() => assertSafeCell(value)).toThrow(UnsafeOutputError);
  });

  it('follows the policy threshold and label', () => {
    const policy = disclosurePolicy({ threshold: 10, k: 3 });
    expect(isSafeCell(7, policy)).toBe(false);
    expect(isSafeCell('<10', policy)).toBe(true);
    expect(isSafeCell('<5', policy)).toBe(false);
  });

  it('never repeats the refused value in the error, and names the column', () => {
    let thrown: unknown;
    try {
      assertSafeRow({ year: '2021', name: 'Alex Smith' }, DEFAULT_DISCLOSURE_POLICY);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(UnsafeOutputError);
    const e = thrown as UnsafeOutputError;
    expect(e.code).toBe('FOI.UNSAFE_OUTPUT_VALUE');
    expect(e.status).toBe(500);
    expect(JSON.stringify({ message: e.message, details: e.details })).not.toContain('Alex');
    expect(e.details[0].field).toBe('name');
  });

  it('refuses any generated name, staff number or date of birth', () => {
    const nameArb = fc
      .tuple(fc.stringMatching(/^[A-Z][a-z]{1,10}$/), fc.stringMatching(/^[A-Z][a-z']{1,12}$/))
      .map(([forename, surname]) => `${forename} ${surname}`);
    const staffNumberArb = fc.stringMatching(/^[A-Z]{0,2}\d{5,8}$/);
    const dobArb = fc
      .date({ min: new Date('1940-01-01'), max: new Date('2008-12-31'), noInvalidDate: true })
      .chain((d) =>
        fc.constantFrom(
          d.toISOString().slice(0, 10),
          d.toISOString(),
          d.toLocaleDateString('en-GB', { timeZone: 'UTC' }),
        ),
      );
    fc.assert(
      fc.property(fc.oneof(nameArb, staffNumberArb, dobArb), (value) => {
        fc.pre(!PUBLIC_LABELS.has(value));
        expect(isSafeCell(value)).toBe(false);
      }),
      { numRuns: 500 },
    );
  });
});
