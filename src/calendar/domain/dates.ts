/**
 * Calendar dates as 'YYYY-MM-DD' strings. All arithmetic is on whole days counted from
 * 1970-01-01 (proleptic Gregorian), never on local-time Date objects, so the server's
 * timezone and clock changes cannot shift a date.
 */
export type IsoDate = string;

const ISO_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

interface Ymd {
  year: number;
  month: number; // 1-12
  day: number;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function parse(s: unknown): Ymd | undefined {
  if (typeof s !== 'string') return undefined;
  const m = ISO_PATTERN.exec(s);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

function parseOrThrow(d: IsoDate): Ymd {
  const ymd = parse(d);
  if (!ymd) throw new RangeError(`Not an ISO date (YYYY-MM-DD): ${String(d)}`);
  return ymd;
}

function format({ year, month, day }: Ymd): IsoDate {
  if (year < 0 || year > 9999) throw new RangeError(`Year out of range: ${year}`);
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

function assertInteger(n: number, what: string): void {
  if (!Number.isInteger(n)) throw new RangeError(`${what} must be an integer, got ${n}`);
}

// Days-from-civil and its inverse (H. Hinnant): exact integer arithmetic, no Date quirks
// such as two-digit years being read as 19xx.
function epochDayOf({ year, month, day }: Ymd): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function ymdOfEpochDay(epochDay: number): Ymd {
  const z = epochDay + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Whole days since 1970-01-01 (negative before). */
export function toEpochDay(d: IsoDate): number {
  return epochDayOf(parseOrThrow(d));
}

export function fromEpochDay(epochDay: number): IsoDate {
  assertInteger(epochDay, 'epochDay');
  return format(ymdOfEpochDay(epochDay));
}

/** True only for a well-formed 'YYYY-MM-DD' that is a real date (2023-02-29 is not). */
export function isIsoDate(s: unknown): s is IsoDate {
  return parse(s) !== undefined;
}

export function addDays(d: IsoDate, n: number): IsoDate {
  assertInteger(n, 'n');
  return fromEpochDay(toEpochDay(d) + n);
}

/** Calendar months; the day is clamped to the end of a shorter month (01-31 + 1 = 02-28/29). */
export function addMonths(d: IsoDate, months: number): IsoDate {
  assertInteger(months, 'months');
  const { year, month, day } = parseOrThrow(d);
  const index = year * 12 + (month - 1) + months;
  const newYear = Math.floor(index / 12);
  const newMonth = index - newYear * 12 + 1;
  return format({
    year: newYear,
    month: newMonth,
    day: Math.min(day, daysInMonth(newYear, newMonth)),
  });
}

/** Negative, zero or positive, for use with Array.prototype.sort. */
export function compareIso(a: IsoDate, b: IsoDate): number {
  return Math.sign(toEpochDay(a) - toEpochDay(b));
}

export function yearOf(d: IsoDate): number {
  return parseOrThrow(d).year;
}

/** Today's date in UTC, so the answer does not depend on the server's timezone. */
export function todayIso(now: Date = new Date()): IsoDate {
  if (Number.isNaN(now.getTime())) throw new RangeError('Invalid Date');
  return format({
    year: now.getUTCFullYear(),
    month: now.getUTCMonth() + 1,
    day: now.getUTCDate(),
  });
}

/** 0 = Sunday ... 6 = Saturday, as Date.prototype.getUTCDay. */
export function dayOfWeek(d: IsoDate): number {
  // 1970-01-01 was a Thursday.
  return (((toEpochDay(d) + 4) % 7) + 7) % 7;
}
