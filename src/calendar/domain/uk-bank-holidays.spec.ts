import fc from 'fast-check';
import { addDays, compareIso, dayOfWeek, isIsoDate, yearOf } from './dates';
import {
  easterSunday,
  type HolidayRegion,
  holidayDates,
  UK_BANK_HOLIDAYS,
  UK_BANK_HOLIDAYS_VERSION,
} from './uk-bank-holidays';

const EW: HolidayRegion = 'england-and-wales';
const SCOT: HolidayRegion = 'scotland';
const NI: HolidayRegion = 'northern-ireland';

function datesFor(region: HolidayRegion, year: number): string[] {
  return UK_BANK_HOLIDAYS.filter((h) => h.region === region && yearOf(h.date) === year).map(
    (h) => h.date,
  );
}

function has(region: HolidayRegion, date: string): boolean {
  return UK_BANK_HOLIDAYS.some((h) => h.region === region && h.date === date);
}

const YEARS = Array.from({ length: 16 }, (_, i) => 2015 + i);

describe('UK_BANK_HOLIDAYS table', () => {
  it('is versioned', () => {
    expect(UK_BANK_HOLIDAYS_VERSION).toMatch(/^\d{4}\.\d+$/);
  });

  it('covers 2015-2030 for every region and nothing outside', () => {
    for (const year of YEARS) {
      for (const region of [EW, SCOT, NI]) expect(datesFor(region, year).length).toBeGreaterThan(0);
    }
    expect(UK_BANK_HOLIDAYS.every((h) => yearOf(h.date) >= 2015 && yearOf(h.date) <= 2030)).toBe(
      true,
    );
  });

  it('holds valid dates, all observed on weekdays, sorted, with no duplicate per region', () => {
    const keys = new Set<string>();
    UK_BANK_HOLIDAYS.forEach((h, i) => {
      expect(isIsoDate(h.date)).toBe(true);
      expect([1, 2, 3, 4, 5]).toContain(dayOfWeek(h.date));
      expect(h.title.length).toBeGreaterThan(0);
      if (i > 0) expect(compareIso(UK_BANK_HOLIDAYS[i - 1].date, h.date)).toBeLessThanOrEqual(0);
      keys.add(`${h.region} ${h.date}`);
    });
    expect(keys.size).toBe(UK_BANK_HOLIDAYS.length);
  });

  it('cannot be changed at run time', () => {
    expect(Object.isFrozen(UK_BANK_HOLIDAYS)).toBe(true);
    expect(Object.isFrozen(UK_BANK_HOLIDAYS[0])).toBe(true);
  });

  // Normal years: E&W 8, Scotland 9, NI 10. 2020 moved early May to VE day (no extra day);
  // 2022 moved spring to 2 June and added the Platinum Jubilee and the State Funeral;
  // 2023 added the Coronation; 2026 added Scotland's World Cup holiday.
  const EXTRA: Record<number, Partial<Record<HolidayRegion, number>>> = {
    2022: { [EW]: 2, [SCOT]: 2, [NI]: 2 },
    2023: { [EW]: 1, [SCOT]: 1, [NI]: 1 },
    2026: { [SCOT]: 1 },
  };
  const BASE: Record<HolidayRegion, number> = { [EW]: 8, [SCOT]: 9, [NI]: 10 };
  it.each(YEARS.flatMap((y) => [EW, SCOT, NI].map((r) => [y, r] as const)))(
    '%d %s has the published number of holidays',
    (year, region) => {
      expect(datesFor(region, year)).toHaveLength(BASE[region] + (EXTRA[year]?.[region] ?? 0));
    },
  );

  it.each([
    [2015, '2015-04-05'],
    [2016, '2016-03-27'],
    [2017, '2017-04-16'],
    [2018, '2018-04-01'],
    [2019, '2019-04-21'],
    [2020, '2020-04-12'],
    [2021, '2021-04-04'],
    [2022, '2022-04-17'],
    [2023, '2023-04-09'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2028, '2028-04-16'],
    [2029, '2029-04-01'],
    [2030, '2030-04-21'],
    [2038, '2038-04-25'], // latest possible
    [2285, '2285-03-22'], // earliest possible
  ])('Easter Sunday %d is %s', (year, date) => expect(easterSunday(year)).toBe(date));

  it('always puts Easter Sunday on a Sunday between 22 March and 25 April', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1583, max: 4099 }), (year) => {
        const e = easterSunday(year);
        expect(dayOfWeek(e)).toBe(0);
        expect(e.slice(5) >= '03-22' && e.slice(5) <= '04-25').toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it.each([
    ['2016-03-25', '2016-03-28'],
    ['2019-04-19', '2019-04-22'],
    ['2024-03-29', '2024-04-01'],
    ['2025-04-18', '2025-04-21'],
    ['2030-04-19', '2030-04-22'],
  ])(
    'Good Friday %s everywhere; Easter Monday %s in E&W and NI only',
    (goodFriday, easterMonday) => {
      for (const r of [EW, SCOT, NI]) expect(has(r, goodFriday)).toBe(true);
      expect(has(EW, easterMonday)).toBe(true);
      expect(has(NI, easterMonday)).toBe(true);
      expect(has(SCOT, easterMonday)).toBe(false);
    },
  );

  it('lists full published years exactly', () => {
    expect(datesFor(EW, 2024)).toEqual([
      '2024-01-01',
      '2024-03-29',
      '2024-04-01',
      '2024-05-06',
      '2024-05-27',
      '2024-08-26',
      '2024-12-25',
      '2024-12-26',
    ]);
    expect(datesFor(SCOT, 2025)).toEqual([
      '2025-01-01',
      '2025-01-02',
      '2025-04-18',
      '2025-05-05',
      '2025-05-26',
      '2025-08-04',
      '2025-12-01',
      '2025-12-25',
      '2025-12-26',
    ]);
    expect(datesFor(NI, 2025)).toEqual([
      '2025-01-01',
      '2025-03-17',
      '2025-04-18',
      '2025-04-21',
      '2025-05-05',
      '2025-05-26',
      '2025-07-14',
      '2025-08-25',
      '2025-12-25',
      '2025-12-26',
    ]);
    expect(datesFor(EW, 2022)).toEqual([
      '2022-01-03',
      '2022-04-15',
      '2022-04-18',
      '2022-05-02',
      '2022-06-02',
      '2022-06-03',
      '2022-08-29',
      '2022-09-19',
      '2022-12-26',
      '2022-12-27',
    ]);
  });

  describe('substitute days', () => {
    it('Christmas on a Saturday: Mon 27 and Tue 28 (2021)', () => {
      for (const r of [EW, SCOT, NI]) {
        expect(datesFor(r, 2021).filter((d) => d >= '2021-12-01')).toEqual([
          '2021-12-27',
          '2021-12-28',
        ]);
      }
    });

    it('Christmas on a Sunday: Boxing Day Mon 26, Christmas substitute Tue 27 (2022)', () => {
      const dec = UK_BANK_HOLIDAYS.filter((h) => h.region === EW && h.date.startsWith('2022-12'));
      expect(dec.map((h) => [h.date, h.title])).toEqual([
        ['2022-12-26', 'Boxing Day'],
        ['2022-12-27', 'Christmas Day (substitute day)'],
      ]);
    });

    it('Boxing Day on a Saturday moves to Monday 28 (2020, 2026)', () => {
      expect(has(EW, '2020-12-28')).toBe(true);
      expect(has(EW, '2026-12-28')).toBe(true);
      expect(has(EW, '2026-12-26')).toBe(false);
    });

    it('New Year on a weekend moves to Monday (2017, 2022, 2023, 2028)', () => {
      for (const d of ['2017-01-02', '2022-01-03', '2023-01-02', '2028-01-03']) {
        expect(has(EW, d)).toBe(true);
      }
    });

    it('Scotland: 2 January follows the New Year substitute', () => {
      expect(datesFor(SCOT, 2021).slice(0, 2)).toEqual(['2021-01-01', '2021-01-04']);
      expect(datesFor(SCOT, 2022).slice(0, 2)).toEqual(['2022-01-03', '2022-01-04']);
      expect(datesFor(SCOT, 2023).slice(0, 2)).toEqual(['2023-01-02', '2023-01-03']);
      expect(datesFor(SCOT, 2026).slice(0, 2)).toEqual(['2026-01-01', '2026-01-02']);
    });

    it("Scotland: St Andrew's Day on a weekend moves to Monday", () => {
      expect(has(SCOT, '2025-12-01')).toBe(true); // Sun 30 Nov 2025
      expect(has(SCOT, '2025-11-30')).toBe(false);
      expect(has(SCOT, '2019-12-02')).toBe(true); // Sat 30 Nov 2019
      expect(has(SCOT, '2026-11-30')).toBe(true);
      expect(has(EW, '2025-12-01')).toBe(false);
    });

    it("NI: St Patrick's Day and the Boyne move to Monday at a weekend", () => {
      expect(has(NI, '2018-03-19')).toBe(true); // Sat 17 Mar
      expect(has(NI, '2019-03-18')).toBe(true); // Sun 17 Mar
      expect(has(NI, '2024-03-18')).toBe(true);
      expect(has(NI, '2026-03-17')).toBe(true);
      expect(has(NI, '2015-07-13')).toBe(true); // Sun 12 Jul
      expect(has(NI, '2025-07-14')).toBe(true); // Sat 12 Jul
      expect(has(NI, '2026-07-13')).toBe(true);
      expect(has(NI, '2024-07-12')).toBe(true);
      expect(has(EW, '2026-03-17') || has(SCOT, '2026-07-13')).toBe(false);
    });
  });

  describe('one-off changes', () => {
    it('2020: early May moved to Friday 8 May for VE day', () => {
      for (const r of [EW, SCOT, NI]) {
        expect(has(r, '2020-05-08')).toBe(true);
        expect(has(r, '2020-05-04')).toBe(false);
      }
    });

    it('2022: spring moved to 2 June, Platinum Jubilee 3 June, State Funeral 19 September', () => {
      for (const r of [EW, SCOT, NI]) {
        expect(has(r, '2022-05-30')).toBe(false);
        for (const d of ['2022-06-02', '2022-06-03', '2022-09-19']) expect(has(r, d)).toBe(true);
      }
    });

    it('2023: Coronation on 8 May, in addition to early May on 1 May', () => {
      for (const r of [EW, SCOT, NI]) {
        expect(has(r, '2023-05-01')).toBe(true);
        expect(has(r, '2023-05-08')).toBe(true);
      }
    });

    it("2026: Scotland's World Cup holiday on 15 June, Scotland only", () => {
      expect(has(SCOT, '2026-06-15')).toBe(true);
      expect(has(EW, '2026-06-15') || has(NI, '2026-06-15')).toBe(false);
    });
  });

  it('summer: first Monday of August in Scotland, last Monday elsewhere', () => {
    for (const year of YEARS) {
      const scot = datesFor(SCOT, year).filter((d) => d.slice(5, 7) === '08');
      const ew = datesFor(EW, year).filter((d) => d.slice(5, 7) === '08');
      expect(scot).toHaveLength(1);
      expect(ew).toHaveLength(1);
      expect(dayOfWeek(scot[0])).toBe(1);
      expect(Number(scot[0].slice(8))).toBeLessThanOrEqual(7);
      expect(dayOfWeek(ew[0])).toBe(1);
      expect(addDays(ew[0], 7).slice(5, 7)).toBe('09');
    }
  });
});

describe('holidayDates', () => {
  it('defaults to the sorted, de-duplicated union of all three regions', () => {
    const all = holidayDates();
    expect(all).toEqual([...new Set(UK_BANK_HOLIDAYS.map((h) => h.date))].sort());
    expect(all).toEqual(holidayDates([EW, SCOT, NI]));
    expect(new Set(all).size).toBe(all.length);
  });

  it('filters by region', () => {
    const ew = holidayDates([EW]);
    expect(ew).toHaveLength(8 * 16 + 2 + 1);
    expect(ew).not.toContain('2026-01-02');
    expect(holidayDates([SCOT])).toContain('2026-01-02');
    expect(holidayDates([EW, NI])).toContain('2026-03-17');
    expect(holidayDates([])).toEqual([]);
  });
});
