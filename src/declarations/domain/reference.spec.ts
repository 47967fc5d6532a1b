import fc from 'fast-check';
import { formatReference, REFERENCE_PATTERN } from './reference';

describe('formatReference', () => {
  it('formats year and zero-padded sequence', () => {
    expect(formatReference('2026-03-01', 123)).toBe('NA-2026-000123');
    expect(formatReference('2031-12-31', 1234567)).toBe('NA-2031-1234567');
  });

  it('is unique per sequence number and matches the pattern', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e9 }), fc.integer({ min: 1, max: 1e9 }), (a, b) => {
        fc.pre(a !== b);
        const ra = formatReference('2026-01-01', a);
        return REFERENCE_PATTERN.test(ra) && ra !== formatReference('2026-01-01', b);
      }),
    );
  });

  it('refuses a sequence number that is not a positive integer', () => {
    expect(() => formatReference('2026-01-01', 0)).toThrow(RangeError);
    expect(() => formatReference('2026-01-01', 1.5)).toThrow(RangeError);
  });
});
