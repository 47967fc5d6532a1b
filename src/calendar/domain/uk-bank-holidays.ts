/**
 * UK bank holidays 2015-2030 for the three GOV.UK regions (www.gov.uk/bank-holidays).
 * The regular pattern is generated from the statutory rules; one-off moves and additions
 * proclaimed by royal proclamation are listed explicitly in ONE_OFF_* below. The exported
 * table is flat and versioned: bump UK_BANK_HOLIDAYS_VERSION whenever a date changes, because
 * FOI due dates are recomputed from it (DOMAIN.md section 5).
 */
import { addDays, dayOfWeek, daysInMonth, fromEpochDay, type IsoDate, toEpochDay } from './dates';

export type HolidayRegion = 'england-and-wales' | 'scotland' | 'northern-ireland';

export interface BankHoliday {
  date: IsoDate;
  region: HolidayRegion;
  title: string;
}

export const UK_BANK_HOLIDAYS_VERSION = '2026.1';

export const HOLIDAY_REGIONS: readonly HolidayRegion[] = [
  'england-and-wales',
  'scotland',
  'northern-ireland',
];

const FIRST_YEAR = 2015;
const LAST_YEAR = 2030;

const SUBSTITUTE = ' (substitute day)';

type RuleKey =
  | 'new-year'
  | 'second-january'
  | 'st-patrick'
  | 'good-friday'
  | 'easter-monday'
  | 'early-may'
  | 'spring'
  | 'boyne'
  | 'summer'
  | 'st-andrew'
  | 'christmas'
  | 'boxing-day';

interface Generated {
  key: RuleKey;
  date: IsoDate;
  title: string;
}

/** Proclaimed one-off changes of date for a regular holiday (the holiday is moved, not added). */
const ONE_OFF_MOVES: readonly {
  year: number;
  key: RuleKey;
  date: IsoDate;
  title: string;
  regions: readonly HolidayRegion[];
}[] = [
  {
    year: 2020,
    key: 'early-may',
    date: '2020-05-08',
    title: 'Early May bank holiday (VE day)',
    regions: HOLIDAY_REGIONS,
  },
  {
    year: 2022,
    key: 'spring',
    date: '2022-06-02',
    title: 'Spring bank holiday',
    regions: HOLIDAY_REGIONS,
  },
];

/** Proclaimed extra holidays. */
const ONE_OFF_ADDITIONS: readonly {
  date: IsoDate;
  title: string;
  regions: readonly HolidayRegion[];
}[] = [
  {
    date: '2022-06-03',
    title: 'Bank holiday for the Platinum Jubilee',
    regions: HOLIDAY_REGIONS,
  },
  {
    date: '2022-09-19',
    title: 'Bank holiday for the State Funeral of Queen Elizabeth II',
    regions: HOLIDAY_REGIONS,
  },
  {
    date: '2023-05-08',
    title: 'Bank holiday for the coronation of King Charles III',
    regions: HOLIDAY_REGIONS,
  },
  // Proclaimed 4 February 2026 for the men's team's first World Cup finals since 1998.
  {
    date: '2026-06-15',
    title: 'Bank holiday for Scotland’s FIFA World Cup opening match',
    regions: ['scotland'],
  },
];

function iso(year: number, month: number, day: number): IsoDate {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Easter Sunday, Gregorian calendar (anonymous algorithm, Meeus/Jones/Butcher). */
export function easterSunday(year: number): IsoDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return iso(year, month, day);
}

const MONDAY = 1;

function firstMonday(year: number, month: number): IsoDate {
  const first = iso(year, month, 1);
  return addDays(first, (MONDAY - dayOfWeek(first) + 7) % 7);
}

function lastMonday(year: number, month: number): IsoDate {
  const last = iso(year, month, daysInMonth(year, month));
  return addDays(last, -((dayOfWeek(last) - MONDAY + 7) % 7));
}

function isWeekend(d: IsoDate): boolean {
  const dow = dayOfWeek(d);
  return dow === 0 || dow === 6;
}

/** First weekday on or after d that is not already taken by another holiday. */
function nextFreeWeekday(d: IsoDate, taken: ReadonlySet<IsoDate>): IsoDate {
  let day = d;
  while (isWeekend(day) || taken.has(day)) day = addDays(day, 1);
  return day;
}

/** A fixed-date holiday, observed on the next weekday (Monday) when it falls at a weekend. */
function fixed(
  key: RuleKey,
  date: IsoDate,
  title: string,
  taken: Set<IsoDate> = new Set(),
): Generated {
  const observed = nextFreeWeekday(date, taken);
  taken.add(observed);
  return { key, date: observed, title: observed === date ? title : title + SUBSTITUTE };
}

/**
 * Christmas and Boxing Day. A day that falls on a weekday keeps its date and the other is
 * substituted after it: 25 Dec on a Sunday gives Boxing Day on Mon 26 and the Christmas
 * substitute on Tue 27, as GOV.UK lists it.
 */
function christmas(year: number): Generated[] {
  const days: [RuleKey, IsoDate, string][] = [
    ['christmas', iso(year, 12, 25), 'Christmas Day'],
    ['boxing-day', iso(year, 12, 26), 'Boxing Day'],
  ];
  const taken = new Set(days.filter(([, d]) => !isWeekend(d)).map(([, d]) => d));
  return days.map(([key, date, title]) =>
    isWeekend(date) ? fixed(key, date, title, taken) : { key, date, title },
  );
}

function regularYear(year: number, region: HolidayRegion): Generated[] {
  const easter = easterSunday(year);
  const scotland = region === 'scotland';
  const ni = region === 'northern-ireland';
  const newYear = new Set<IsoDate>();
  const out: Generated[] = [fixed('new-year', iso(year, 1, 1), 'New Year’s Day', newYear)];
  // 2 January is substituted after New Year's Day's own substitute (1 Jan Sat -> Mon 3, Tue 4).
  if (scotland) out.push(fixed('second-january', iso(year, 1, 2), '2nd January', newYear));
  if (ni) out.push(fixed('st-patrick', iso(year, 3, 17), 'St Patrick’s Day'));
  out.push({ key: 'good-friday', date: addDays(easter, -2), title: 'Good Friday' });
  if (!scotland) {
    out.push({ key: 'easter-monday', date: addDays(easter, 1), title: 'Easter Monday' });
  }
  out.push({ key: 'early-may', date: firstMonday(year, 5), title: 'Early May bank holiday' });
  out.push({ key: 'spring', date: lastMonday(year, 5), title: 'Spring bank holiday' });
  if (ni) {
    out.push(fixed('boyne', iso(year, 7, 12), 'Battle of the Boyne (Orangemen’s Day)'));
  }
  out.push({
    key: 'summer',
    date: scotland ? firstMonday(year, 8) : lastMonday(year, 8),
    title: 'Summer bank holiday',
  });
  if (scotland) out.push(fixed('st-andrew', iso(year, 11, 30), 'St Andrew’s Day'));
  out.push(...christmas(year));
  return out;
}

function buildTable(): readonly BankHoliday[] {
  const rows: BankHoliday[] = [];
  for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) {
    for (const region of HOLIDAY_REGIONS) {
      for (const g of regularYear(year, region)) {
        const move = ONE_OFF_MOVES.find(
          (m) => m.year === year && m.key === g.key && m.regions.includes(region),
        );
        rows.push(
          move
            ? { date: move.date, region, title: move.title }
            : { date: g.date, region, title: g.title },
        );
      }
    }
  }
  for (const add of ONE_OFF_ADDITIONS) {
    for (const region of add.regions) rows.push({ date: add.date, region, title: add.title });
  }
  rows.sort(
    (a, b) =>
      toEpochDay(a.date) - toEpochDay(b.date) ||
      HOLIDAY_REGIONS.indexOf(a.region) - HOLIDAY_REGIONS.indexOf(b.region),
  );
  return Object.freeze(rows.map((r) => Object.freeze(r)));
}

export const UK_BANK_HOLIDAYS: readonly BankHoliday[] = buildTable();

/** Holiday dates for the given regions (default: all three), de-duplicated and sorted. */
export function holidayDates(regions: readonly HolidayRegion[] = HOLIDAY_REGIONS): IsoDate[] {
  const days = new Set<number>();
  for (const h of UK_BANK_HOLIDAYS) if (regions.includes(h.region)) days.add(toEpochDay(h.date));
  return [...days].sort((a, b) => a - b).map(fromEpochDay);
}
