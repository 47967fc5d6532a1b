import type { PersonType } from '../../cases/domain/vocabulary';
import { toDay } from './cases';
import { Prng } from './prng';
import {
  currentStatus,
  generateWorkforce,
  isFormer,
  leftOn,
  statusOn,
  SYNTHETIC_STAFF_NUMBER_PREFIX,
  SynPerson,
  WORKFORCE,
  YEAR,
} from './workforce';

// `npm run seed:synthetic -- --people 46000 --from 2015 --to 2026`, as-of the end of 2026.
const PEOPLE = 46000;
const FROM_YEAR = 2015;
const TO_YEAR = 2026;
const fromDay = toDay(`${FROM_YEAR}-01-01`);
const asOfDay = toDay(`${TO_YEAR}-12-31`);

/** As the seeder calls it: its own stream forked from the seed. */
const workforce = (seed: string, people = PEOPLE): SynPerson[] =>
  generateWorkforce(new Prng(seed).fork('workforce'), { people, fromDay, asOfDay });

/** Staff numbers, so that a failure names the people concerned rather than printing them. */
const who = (people: readonly SynPerson[]): string[] => people.map((p) => p.staffNumber);

const inYear = (day: number, year: number): boolean =>
  day >= toDay(`${year}-01-01`) && day <= toDay(`${year}-12-31`);

describe('generateWorkforce', () => {
  let register: SynPerson[];
  let serving: SynPerson[];
  let leavers: SynPerson[];

  beforeAll(() => {
    register = workforce('psr');
    serving = register.filter((p) => leftOn(p) === null);
    leavers = register.filter((p) => leftOn(p) !== null);
  });

  const servingOfType = (type: PersonType) => serving.filter((p) => p.type === type);

  describe('determinism', () => {
    it('gives the same register for the same seed and options', () => {
      expect(workforce('psr', 3000)).toEqual(workforce('psr', 3000));
    });

    it('gives a different register for a different seed', () => {
      const a = workforce('psr', 3000);
      const b = workforce('other', 3000);
      expect(b.map((p) => p.id)).not.toEqual(a.map((p) => p.id));
      expect(b.map((p) => p.history)).not.toEqual(a.map((p) => p.history));
    });
  });

  describe('shape of the force on the as-of date', () => {
    it('has a headcount of --people', () => {
      // Each of the four groups' headcount is rounded separately.
      expect(Math.abs(serving.length - PEOPLE)).toBeLessThanOrEqual(WORKFORCE.length);
    });

    // The large-force figures (~34k officers, ~1.3k PCSOs, ~1.9k specials, ~9.8k staff) are for
    // a force of about 47,000; ±10% leaves room for scaling them to 46,000 (2%) and for rounding,
    // and still fails if a group's share is wrong by more than a tenth.
    it.each([
      ['POLICE_OFFICER', 34000],
      ['PCSO', 1300],
      ['SPECIAL_CONSTABLE', 1900],
      ['POLICE_STAFF', 9800],
    ] as const)('has about %s × %i', (type, expected) => {
      const n = servingOfType(type).length;
      expect(n).toBeGreaterThanOrEqual(expected * 0.9);
      expect(n).toBeLessThanOrEqual(expected * 1.1);
    });

    it('has no volunteers or contractors', () => {
      expect(who(register.filter((p) => !WORKFORCE.some((g) => g.type === p.type)))).toEqual([]);
    });

    // Among 33,000 serving officers the standard error of a share is under 0.3 points; the
    // reference figures are themselves approximate, hence ±3 points.
    it('holds fingerprints for about 90% of serving officers and DNA for about 65%', () => {
      const officers = servingOfType('POLICE_OFFICER');
      const share = (held: (p: SynPerson) => boolean) =>
        officers.filter(held).length / officers.length;
      expect(Math.abs(share((p) => p.fingerprints !== null) - 0.9)).toBeLessThan(0.03);
      expect(Math.abs(share((p) => p.dna !== null) - 0.65)).toBeLessThan(0.03);
    });

    it('dates biometric records after joining and not after the as-of date', () => {
      const misdated = register.filter((p) =>
        [p.fingerprints, p.dna].some((d) => d !== null && (d <= p.joined || d > asOfDay)),
      );
      expect(who(misdated)).toEqual([]);
    });
  });

  describe('joiners and leavers', () => {
    // About 3,500 people a year leave, and as many join (the WORKFORCE attrition rates). ±15%
    // is far wider than the year-to-year noise (about 2%) and still fails a year with no
    // movement, a doubled rate, or joiners not replacing leavers.
    it.each(Array.from({ length: TO_YEAR - FROM_YEAR + 1 }, (_, i) => FROM_YEAR + i))(
      'has people joining and leaving in %i at the documented attrition rates',
      (year) => {
        const expected = WORKFORCE.reduce(
          (sum, g) => sum + Math.round(PEOPLE * g.share) * g.attrition,
          0,
        );
        const left = leavers.filter((p) => inYear(leftOn(p)!, year)).length;
        const joined = register.filter((p) => inYear(p.joined, year)).length;
        expect(left / expected).toBeGreaterThan(0.85);
        expect(left / expected).toBeLessThan(1.15);
        expect(joined / expected).toBeGreaterThan(0.85);
        expect(joined / expected).toBeLessThan(1.15);
      },
    );

    // Each year's number of movers is fixed by the rate (only its rounding varies), so over
    // twelve years a group's leavers are within 2% of its documented rate. That fails a rate
    // taken from the wrong group, and movers dropped because they had not yet joined on their
    // leaving day (which left the rates 2–3% under).
    it.each(WORKFORCE.map((g) => [g.type, g.attrition] as const))(
      'loses %s at %p a year',
      (type, attrition) => {
        const headcount = Math.round(PEOPLE * WORKFORCE.find((g) => g.type === type)!.share);
        const years = (asOfDay - fromDay + 1) / 365;
        const left = leavers.filter((p) => p.type === type).length;
        expect(left / (headcount * years) / attrition).toBeGreaterThan(0.98);
        expect(left / (headcount * years) / attrition).toBeLessThan(1.02);
      },
    );

    it('keeps in the register only people in service at the start of the period or since', () => {
      expect(who(leavers.filter((p) => leftOn(p)! < fromDay))).toEqual([]);
    });

    it('retires everyone who leaves after 25 years of service or at 60 or older', () => {
      const longServing = leavers.filter((p) => {
        const day = leftOn(p)!;
        return (day - p.joined) / YEAR >= 25 || (day - p.dob) / YEAR >= 60;
      });
      expect(longServing.length).toBeGreaterThan(100);
      expect(who(longServing.filter((p) => currentStatus(p) !== 'RETIRED'))).toEqual([]);
    });

    it('has most other leavers resign', () => {
      const others = leavers.filter((p) => {
        const day = leftOn(p)!;
        return (day - p.joined) / YEAR < 25 && (day - p.dob) / YEAR < 60;
      });
      const resigned = others.filter((p) => currentStatus(p) === 'RESIGNED').length;
      expect(resigned / others.length).toBeGreaterThan(0.9);
    });
  });

  describe('status histories', () => {
    it('starts every history with SERVING on the joining day', () => {
      expect(
        who(
          register.filter(
            (p) => p.history[0].status !== 'SERVING' || p.history[0].day !== p.joined,
          ),
        ),
      ).toEqual([]);
      expect(who(register.filter((p) => statusOn(p, p.joined - 1) !== null))).toEqual([]);
    });

    it('orders every history by day, with at most one change a day', () => {
      expect(
        who(
          register.filter((p) => p.history.some((h, i) => i > 0 && h.day <= p.history[i - 1].day)),
        ),
      ).toEqual([]);
    });

    it('ends a leaver’s history with the leaving, and records nothing after it', () => {
      const inconsistent = register.filter((p) => {
        const left = leftOn(p);
        const last = p.history[p.history.length - 1];
        return left === null ? isFormer(last.status) : last.day !== left || !isFormer(last.status);
      });
      expect(who(inconsistent)).toEqual([]);
    });

    it('records no change after the as-of date, so the current status is the one on that day', () => {
      expect(who(register.filter((p) => p.history.some((h) => h.day > asOfDay)))).toEqual([]);
      expect(who(register.filter((p) => statusOn(p, asOfDay) !== currentStatus(p)))).toEqual([]);
    });

    it('ends every restricted-duties spell with a return to service, a leaving or the as-of date', () => {
      const badSpells = register.filter((p) =>
        p.history.some(
          (h, i) =>
            h.status === 'RESTRICTED_DUTIES' &&
            i + 1 < p.history.length &&
            p.history[i + 1].status !== 'SERVING' &&
            !isFormer(p.history[i + 1].status),
        ),
      );
      expect(who(badSpells)).toEqual([]);
    });
  });

  describe('identifiers', () => {
    it('gives every person and account its own id, staff number and username', () => {
      for (const key of ['id', 'userId', 'staffNumber', 'username'] as const) {
        expect(new Set(register.map((p) => p[key])).size).toBe(register.length);
      }
      expect(new Set([...register.map((p) => p.id), ...register.map((p) => p.userId)]).size).toBe(
        2 * register.length,
      );
    });

    it('marks every staff number as synthetic, which is how the seeder finds a seeded database', () => {
      expect(
        who(register.filter((p) => !p.staffNumber.startsWith(SYNTHETIC_STAFF_NUMBER_PREFIX))),
      ).toEqual([]);
    });
  });
});
