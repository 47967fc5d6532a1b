import fc from 'fast-check';
import { addDays, compareIso, fromEpochDay, toEpochDay } from './dates';
import { holidayDates } from './uk-bank-holidays';
import { ukCalendar, WorkingDayCalendar } from './working-days';

const uk = ukCalendar();
const englandAndWales = new WorkingDayCalendar(holidayDates(['england-and-wales']));
const scotlandOnly = new WorkingDayCalendar(holidayDates(['scotland']));

const FOI_WORKING_DAYS = 20;
const LIST_REPORT_WORKING_DAYS = 5;

describe('WorkingDayCalendar', () => {
  describe('isWorkingDay', () => {
    it('treats weekends and holidays as non-working', () => {
      expect(uk.isWorkingDay('2026-01-03')).toBe(false); // Saturday
      expect(uk.isWorkingDay('2026-01-04')).toBe(false); // Sunday
      expect(uk.isWorkingDay('2026-01-01')).toBe(false);
      expect(uk.isWorkingDay('2026-01-05')).toBe(true);
      expect(new WorkingDayCalendar([]).isWorkingDay('2026-01-01')).toBe(true);
    });

    it.each([
      ['2026-01-02', '2 January (Scotland)'],
      ['2025-12-01', "St Andrew's Day substitute (Scotland)"],
      ['2026-06-15', 'World Cup holiday (Scotland)'],
      ['2026-03-17', "St Patrick's Day (NI)"],
      ['2025-07-14', 'Battle of the Boyne substitute (NI)'],
      ['2026-07-13', 'Battle of the Boyne substitute (NI)'],
    ])('%s, %s, is non-working in the UK calendar but working in England and Wales', (d) => {
      expect(uk.isWorkingDay(d)).toBe(false);
      expect(englandAndWales.isWorkingDay(d)).toBe(true);
    });

    it('rejects an invalid date', () => {
      expect(() => uk.isWorkingDay('2026-02-30')).toThrow(RangeError);
    });
  });

  describe('addWorkingDays', () => {
    it('never counts the starting day, even when it is a working day', () => {
      expect(uk.addWorkingDays('2026-01-06', 1)).toBe('2026-01-07'); // Tue -> Wed
      expect(uk.addWorkingDays('2026-01-09', 1)).toBe('2026-01-12'); // Fri -> Mon
      expect(uk.addWorkingDays('2026-01-10', 1)).toBe('2026-01-12'); // Sat -> Mon
    });

    it('returns the date unchanged for n = 0, even on a non-working day', () => {
      expect(uk.addWorkingDays('2026-01-03', 0)).toBe('2026-01-03');
      expect(uk.addWorkingDays('2025-12-25', 0)).toBe('2025-12-25');
    });

    it('rejects negative or fractional n and invalid dates', () => {
      expect(() => uk.addWorkingDays('2026-01-06', -1)).toThrow(RangeError);
      expect(() => uk.addWorkingDays('2026-01-06', 1.5)).toThrow(RangeError);
      expect(() => uk.addWorkingDays('2026-01-06', Number.NaN)).toThrow(RangeError);
      expect(() => uk.addWorkingDays('06/01/2026', 1)).toThrow(RangeError);
    });

    it('across Christmas 2025 skips 25, 26 Dec, 1 Jan and the Scottish 2 Jan', () => {
      // Day 1 = Wed 24, then Mon 29, Tue 30, Wed 31, and day 5 = Mon 5 Jan.
      expect(uk.addWorkingDays('2025-12-23', LIST_REPORT_WORKING_DAYS)).toBe('2026-01-05');
      // Without Scotland, Fri 2 Jan is day 5.
      expect(englandAndWales.addWorkingDays('2025-12-23', LIST_REPORT_WORKING_DAYS)).toBe(
        '2026-01-02',
      );
    });

    it('across Easter 2026 skips Good Friday 3 April and Easter Monday 6 April', () => {
      expect(uk.addWorkingDays('2026-04-02', 1)).toBe('2026-04-07');
      expect(englandAndWales.addWorkingDays('2026-04-02', 1)).toBe('2026-04-07');
      // Easter Monday is not a holiday in Scotland.
      expect(scotlandOnly.addWorkingDays('2026-04-02', 1)).toBe('2026-04-06');
    });

    it("barred-list report: 5 working days over St Andrew's Day substitute", () => {
      // Trigger Thu 27 Nov 2025: Fri 28, (Mon 1 Dec Scottish holiday), Tue 2 ... Fri 5.
      expect(uk.addWorkingDays('2025-11-27', LIST_REPORT_WORKING_DAYS)).toBe('2025-12-05');
      expect(englandAndWales.addWorkingDays('2025-11-27', LIST_REPORT_WORKING_DAYS)).toBe(
        '2025-12-04',
      );
    });

    it.each([
      // received, UK due date, E&W-only due date, why
      ['2025-12-01', '2025-12-31', '2025-12-31', 'received on a Scottish holiday, over Christmas'],
      ['2026-03-02', '2026-03-31', '2026-03-30', "over St Patrick's Day"],
      ['2026-03-20', '2026-04-21', '2026-04-21', 'over Easter'],
      ['2026-01-03', '2026-01-30', '2026-01-30', 'received on a Saturday'],
      ['2026-06-01', '2026-06-30', '2026-06-29', "over Scotland's World Cup holiday"],
      ['2026-07-01', '2026-07-30', '2026-07-29', 'over the Battle of the Boyne'],
    ])('FOI received %s is due %s (E&W only: %s), %s', (received, due, ewDue) => {
      expect(uk.addWorkingDays(received, FOI_WORKING_DAYS)).toBe(due);
      expect(englandAndWales.addWorkingDays(received, FOI_WORKING_DAYS)).toBe(ewDue);
      expect(uk.workingDaysBetween(received, due)).toBe(FOI_WORKING_DAYS);
    });
  });

  describe('workingDaysBetween', () => {
    it('counts working days in (from, to]', () => {
      expect(uk.workingDaysBetween('2026-01-06', '2026-01-06')).toBe(0);
      expect(uk.workingDaysBetween('2026-01-09', '2026-01-12')).toBe(1); // Fri -> Mon
      expect(uk.workingDaysBetween('2026-01-10', '2026-01-11')).toBe(0); // Sat -> Sun
      expect(uk.workingDaysBetween('2025-12-23', '2026-01-05')).toBe(5);
      expect(englandAndWales.workingDaysBetween('2025-12-23', '2026-01-05')).toBe(6);
      expect(uk.workingDaysBetween('2025-12-31', '2026-01-02')).toBe(0);
    });

    it('is negative when to is before from', () => {
      expect(uk.workingDaysBetween('2026-01-05', '2025-12-23')).toBe(-5);
    });
  });

  describe('nextWorkingDay', () => {
    it('is the first working day strictly after the date', () => {
      expect(uk.nextWorkingDay('2025-12-24')).toBe('2025-12-29');
      expect(uk.nextWorkingDay('2025-12-31')).toBe('2026-01-05');
      expect(englandAndWales.nextWorkingDay('2025-12-31')).toBe('2026-01-02');
      expect(uk.nextWorkingDay('2026-01-05')).toBe('2026-01-06');
    });
  });

  describe('holidays', () => {
    it('are de-duplicated and sorted', () => {
      const cal = new WorkingDayCalendar(['2026-05-01', '2025-12-25', '2026-05-01']);
      expect(cal.holidays).toEqual(['2025-12-25', '2026-05-01']);
      expect(Object.isFrozen(cal.holidays)).toBe(true);
    });

    it('must be valid dates', () => {
      expect(() => new WorkingDayCalendar(['2026-02-29'])).toThrow(RangeError);
    });

    it('accept any iterable', () => {
      const cal = new WorkingDayCalendar(new Set(['2026-01-06']));
      expect(cal.isWorkingDay('2026-01-06')).toBe(false);
    });
  });

  describe('ukCalendar', () => {
    it('holds every UK bank holiday', () => {
      expect(uk.holidays).toEqual(holidayDates());
    });

    it('adds holidays declared later, moving due dates on', () => {
      const withExtra = ukCalendar(['2026-01-07']);
      expect(withExtra.isWorkingDay('2026-01-07')).toBe(false);
      expect(withExtra.addWorkingDays('2026-01-06', 1)).toBe('2026-01-08');
      expect(uk.addWorkingDays('2026-01-06', 1)).toBe('2026-01-07');
    });
  });
});

describe('working-day properties', () => {
  const RUNS = { numRuns: 300 };
  const first = toEpochDay('2014-06-01');
  const last = toEpochDay('2031-06-30');
  const dateArb = fc.integer({ min: first, max: last }).map(fromEpochDay);
  const nArb = fc.integer({ min: 0, max: 300 });
  // Random holiday sets as well as the real one, so the properties do not lean on UK data.
  // The arbitrary yields the holiday list (readable in a counterexample), not the calendar.
  const calendarArb = fc
    .oneof(fc.constant('uk' as const), fc.uniqueArray(dateArb, { maxLength: 400 }))
    .map((h) => (h === 'uk' ? uk : new WorkingDayCalendar(h)));

  /** Naive reference: walk day by day. */
  function countNaively(cal: WorkingDayCalendar, from: string, to: string): number {
    let count = 0;
    for (let d = addDays(from, 1); compareIso(d, to) <= 0; d = addDays(d, 1)) {
      if (cal.isWorkingDay(d)) count += 1;
    }
    return count;
  }

  it('never lands on a non-working day and always moves forward for n >= 1', () => {
    fc.assert(
      fc.property(calendarArb, dateArb, fc.integer({ min: 1, max: 300 }), (cal, d, n) => {
        const due = cal.addWorkingDays(d, n);
        expect(cal.isWorkingDay(due)).toBe(true);
        expect(compareIso(due, d)).toBeGreaterThan(0);
      }),
      RUNS,
    );
  });

  it('is strictly increasing in n', () => {
    fc.assert(
      fc.property(calendarArb, dateArb, nArb, (cal, d, n) => {
        expect(compareIso(cal.addWorkingDays(d, n + 1), cal.addWorkingDays(d, n))).toBeGreaterThan(
          0,
        );
      }),
      RUNS,
    );
  });

  it('is non-decreasing in the start date', () => {
    fc.assert(
      fc.property(calendarArb, dateArb, dateArb, nArb, (cal, a, b, n) => {
        const [early, late] = compareIso(a, b) <= 0 ? [a, b] : [b, a];
        expect(
          compareIso(cal.addWorkingDays(early, n), cal.addWorkingDays(late, n)),
        ).toBeLessThanOrEqual(0);
      }),
      RUNS,
    );
  });

  it('is inverted by workingDaysBetween', () => {
    fc.assert(
      fc.property(calendarArb, dateArb, nArb, (cal, d, n) => {
        const due = cal.addWorkingDays(d, n);
        expect(cal.workingDaysBetween(d, due)).toBe(n);
        expect(cal.workingDaysBetween(due, d) + n).toBe(0);
      }),
      RUNS,
    );
  });

  it('workingDaysBetween matches a day-by-day count', () => {
    fc.assert(
      fc.property(calendarArb, dateArb, fc.integer({ min: 0, max: 500 }), (cal, from, span) => {
        const to = addDays(from, span);
        expect(cal.workingDaysBetween(from, to)).toBe(countNaively(cal, from, to));
      }),
      RUNS,
    );
  });

  it('adding holidays never makes a due date earlier', () => {
    fc.assert(
      fc.property(fc.uniqueArray(dateArb, { maxLength: 50 }), dateArb, nArb, (extra, d, n) => {
        const before = uk.addWorkingDays(d, n);
        const after = ukCalendar(extra).addWorkingDays(d, n);
        expect(compareIso(after, before)).toBeGreaterThanOrEqual(0);
      }),
      RUNS,
    );
  });
});
