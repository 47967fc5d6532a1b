/**
 * Working-day arithmetic for statutory deadlines (FOI 20 working days, barred/advisory list
 * reports 5 working days). Saturdays, Sundays and the given holidays are non-working.
 */
import { fromEpochDay, type IsoDate, isIsoDate, toEpochDay } from './dates';
import { holidayDates } from './uk-bank-holidays';

// 1970-01-05 (epoch day 4) was a Monday; weekday counting is anchored there.
const MONDAY_EPOCH_DAY = 4;

/** Number of weekdays in [anchor Monday, epochDay), negative before the anchor. */
function weekdaysBefore(epochDay: number): number {
  const offset = epochDay - MONDAY_EPOCH_DAY;
  const weeks = Math.floor(offset / 7);
  return weeks * 5 + Math.min(offset - weeks * 7, 5);
}

function isWeekend(epochDay: number): boolean {
  const dow = (((epochDay + 4) % 7) + 7) % 7;
  return dow === 0 || dow === 6;
}

/** Index of the first element of a sorted array that is greater than x. */
function upperBound(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class WorkingDayCalendar {
  private readonly holidaySet: ReadonlySet<number>;
  // Holidays that fall on a weekday, the only ones that change a weekday count.
  private readonly weekdayHolidays: readonly number[];
  private readonly sortedHolidays: readonly IsoDate[];

  constructor(holidays: Iterable<IsoDate>) {
    const days = new Set<number>();
    for (const h of holidays) {
      if (!isIsoDate(h)) throw new RangeError(`Holiday is not an ISO date: ${String(h)}`);
      days.add(toEpochDay(h));
    }
    const sorted = [...days].sort((a, b) => a - b);
    this.holidaySet = days;
    this.weekdayHolidays = Object.freeze(sorted.filter((d) => !isWeekend(d)));
    this.sortedHolidays = Object.freeze(sorted.map(fromEpochDay));
  }

  /** The holidays this calendar was built with, de-duplicated and sorted. */
  get holidays(): readonly IsoDate[] {
    return this.sortedHolidays;
  }

  isWorkingDay(d: IsoDate): boolean {
    const day = toEpochDay(d);
    return !isWeekend(day) && !this.holidaySet.has(day);
  }

  /**
   * The n-th working day after d. The day of receipt/trigger never counts, even when it is a
   * working day: day 1 is the first working day strictly after d. n = 0 returns d unchanged.
   */
  addWorkingDays(d: IsoDate, n: number): IsoDate {
    if (!Number.isInteger(n) || n < 0) {
      throw new RangeError(`Working days must be a non-negative integer, got ${n}`);
    }
    let day = toEpochDay(d);
    for (let counted = 0; counted < n; ) {
      day += 1;
      if (!isWeekend(day) && !this.holidaySet.has(day)) counted += 1;
    }
    return fromEpochDay(day);
  }

  /**
   * Working days in (from, to]: addWorkingDays(d, n) = x implies workingDaysBetween(d, x) = n.
   * Signed: when to is before from the result is -workingDaysBetween(to, from), so a negative
   * value reads as "that many working days before".
   */
  workingDaysBetween(from: IsoDate, to: IsoDate): number {
    const a = toEpochDay(from);
    const b = toEpochDay(to);
    if (b < a) return 0 - this.workingDaysBetween(to, from); // 0 - x avoids returning -0
    const weekdays = weekdaysBefore(b + 1) - weekdaysBefore(a + 1);
    const holidays = upperBound(this.weekdayHolidays, b) - upperBound(this.weekdayHolidays, a);
    return weekdays - holidays;
  }

  /** The first working day strictly after d. */
  nextWorkingDay(d: IsoDate): IsoDate {
    return this.addWorkingDays(d, 1);
  }
}

/**
 * The register's calendar: every UK bank holiday (England and Wales, Scotland, Northern
 * Ireland) is non-working (DOMAIN.md section 5), plus holidays added later by the service.
 */
export function ukCalendar(extra: Iterable<IsoDate> = []): WorkingDayCalendar {
  return new WorkingDayCalendar([...holidayDates(), ...extra]);
}
