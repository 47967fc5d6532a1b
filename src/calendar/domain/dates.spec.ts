import fc from 'fast-check';
import {
  addDays,
  addMonths,
  compareIso,
  dayOfWeek,
  fromEpochDay,
  isIsoDate,
  todayIso,
  toEpochDay,
  yearOf,
} from './dates';

const DAY_MS = 86_400_000;

/** Reference implementation on UTC Date objects, to cross-check the integer arithmetic. */
function viaDate(d: string, n: number): string {
  return new Date(Date.parse(`${d}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

// 1900-01-01 .. 2199-12-31: four-digit years where Date and ISO strings agree.
const epochDayArb = fc.integer({ min: toEpochDay('1900-01-01'), max: toEpochDay('2199-12-31') });
const dateArb = epochDayArb.map(fromEpochDay);

describe('isIsoDate', () => {
  it.each(['2024-02-29', '2000-02-29', '2023-12-31', '0001-01-01', '9999-12-31', '2025-04-30'])(
    'accepts real date %s',
    (s) => expect(isIsoDate(s)).toBe(true),
  );

  it.each([
    '2023-02-29', // not a leap year
    '1900-02-29', // century not divisible by 400
    '2024-04-31',
    '2024-13-01',
    '2024-00-10',
    '2024-01-00',
    '2024-1-01',
    '24-01-01',
    ' 2024-01-01',
    '2024-01-01T00:00:00Z',
    '2024/01/01',
    '',
  ])('rejects %p', (s) => expect(isIsoDate(s)).toBe(false));

  it.each([undefined, null, 20240101, new Date('2024-01-01'), {}])('rejects non-string %p', (v) =>
    expect(isIsoDate(v)).toBe(false),
  );

  it('agrees with Date about which dates exist', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1900, max: 2199 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        (y, m, d) => {
          const s = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
          const roundTrips = new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);
          expect(isIsoDate(s)).toBe(roundTrips);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('addDays', () => {
  it.each([
    ['2024-02-28', 1, '2024-02-29'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2024-12-31', 1, '2025-01-01'],
    ['2025-01-01', -1, '2024-12-31'],
    ['2025-03-29', 2, '2025-03-31'], // across the spring clock change
    ['2025-10-25', 2, '2025-10-27'], // across the autumn clock change
    ['2024-01-01', 366, '2025-01-01'],
    ['2024-06-15', 0, '2024-06-15'],
  ])('%s + %d = %s', (d, n, expected) => expect(addDays(d, n)).toBe(expected));

  it('rejects invalid dates and fractional days', () => {
    expect(() => addDays('2023-02-29', 1)).toThrow(RangeError);
    expect(() => addDays('2024-01-01', 1.5)).toThrow(RangeError);
    expect(() => addDays('2024-01-01', Number.NaN)).toThrow(RangeError);
  });

  it('matches UTC Date arithmetic', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: -5000, max: 5000 }), (d, n) => {
        expect(addDays(d, n)).toBe(viaDate(d, n));
      }),
      { numRuns: 500 },
    );
  });

  it('is undone by adding the negation', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: -10000, max: 10000 }), (d, n) => {
        expect(addDays(addDays(d, n), -n)).toBe(d);
      }),
      { numRuns: 300 },
    );
  });
});

describe('epoch days', () => {
  it('counts from 1970-01-01', () => {
    expect(toEpochDay('1970-01-01')).toBe(0);
    expect(toEpochDay('1969-12-31')).toBe(-1);
    expect(fromEpochDay(19_723)).toBe('2024-01-01');
  });

  it('round-trips', () => {
    fc.assert(
      fc.property(epochDayArb, (n) => {
        expect(toEpochDay(fromEpochDay(n))).toBe(n);
        expect(Date.parse(`${fromEpochDay(n)}T00:00:00Z`)).toBe(n * DAY_MS);
      }),
      { numRuns: 300 },
    );
  });
});

describe('addMonths', () => {
  it.each([
    ['2024-01-31', 1, '2024-02-29'],
    ['2023-01-31', 1, '2023-02-28'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2024-03-31', -1, '2024-02-29'],
    ['2024-05-31', 1, '2024-06-30'],
    ['2024-12-15', 1, '2025-01-15'],
    ['2025-01-15', -13, '2023-12-15'],
    ['2024-08-31', 18, '2026-02-28'], // e.g. a written warning's 18-month expiry
    ['2024-06-10', 0, '2024-06-10'],
  ])('%s + %d months = %s', (d, n, expected) => expect(addMonths(d, n)).toBe(expected));

  it('moves the month by exactly n and never passes the end of the target month', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: -240, max: 240 }), (d, n) => {
        const r = addMonths(d, n);
        const monthIndex = (s: string) => yearOf(s) * 12 + Number(s.slice(5, 7));
        expect(monthIndex(r) - monthIndex(d)).toBe(n);
        const day = Number(r.slice(8, 10));
        const originalDay = Number(d.slice(8, 10));
        expect(day).toBeLessThanOrEqual(originalDay);
        // Clamped only to the last day of the target month.
        if (day < originalDay) expect(addDays(r, 1).slice(5, 7)).not.toBe(r.slice(5, 7));
      }),
      { numRuns: 300 },
    );
  });

  it('rejects fractional months', () => {
    expect(() => addMonths('2024-01-31', 0.5)).toThrow(RangeError);
  });
});

describe('compareIso and yearOf', () => {
  it('orders dates', () => {
    expect(compareIso('2024-01-01', '2024-01-02')).toBeLessThan(0);
    expect(compareIso('2024-12-31', '2024-01-02')).toBeGreaterThan(0);
    expect(compareIso('2024-06-01', '2024-06-01')).toBe(0);
    expect(['2025-01-01', '2023-12-31', '2024-02-29'].sort(compareIso)).toEqual([
      '2023-12-31',
      '2024-02-29',
      '2025-01-01',
    ]);
  });

  it('agrees with epoch-day order', () => {
    fc.assert(
      fc.property(dateArb, dateArb, (a, b) => {
        expect(compareIso(a, b)).toBe(Math.sign(toEpochDay(a) - toEpochDay(b)));
      }),
      { numRuns: 300 },
    );
  });

  it('rejects invalid input', () => {
    expect(() => compareIso('2024-02-30', '2024-01-01')).toThrow(RangeError);
    expect(() => yearOf('not a date')).toThrow(RangeError);
  });

  it('reads the year', () => expect(yearOf('2026-07-13')).toBe(2026));
});

describe('todayIso', () => {
  it('uses the UTC date, whatever the local zone', () => {
    // 00:30 BST on 31 March is still 30 March in UTC.
    expect(todayIso(new Date('2025-03-30T23:30:00Z'))).toBe('2025-03-30');
    expect(todayIso(new Date('2025-12-31T23:59:59.999Z'))).toBe('2025-12-31');
    expect(todayIso(new Date('2026-01-01T00:00:00Z'))).toBe('2026-01-01');
  });

  it('defaults to now', () => {
    expect(todayIso()).toBe(new Date().toISOString().slice(0, 10));
  });

  it('rejects an invalid Date', () => {
    expect(() => todayIso(new Date('nope'))).toThrow(RangeError);
  });
});

describe('dayOfWeek', () => {
  it.each([
    ['1970-01-01', 4],
    ['2000-01-01', 6],
    ['2025-12-25', 4],
    ['2026-01-04', 0],
    ['1900-01-01', 1],
  ])('%s is day %d', (d, dow) => expect(dayOfWeek(d)).toBe(dow));

  it('matches Date.getUTCDay', () => {
    fc.assert(
      fc.property(dateArb, (d) => {
        expect(dayOfWeek(d)).toBe(new Date(`${d}T00:00:00Z`).getUTCDay());
      }),
      { numRuns: 300 },
    );
  });
});
