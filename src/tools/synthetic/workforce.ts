import type { EmploymentStatus, PersonType } from '../../cases/domain/vocabulary';
import { FORENAMES, STAFF_GRADES, SURNAMES, UNITS } from './names';
import { Prng } from './prng';

export const DAY = 1;
export const YEAR = 365.25;

/**
 * The shape of a large force's workforce (MPS headcount, domain-sources.md §5: 32,493 officers,
 * 9,816 staff, 1,262 PCSOs, 1,858 specials; FTE officers 34k) as shares of `--people`, with the
 * yearly share of each group leaving (and as many joining, so the headcount holds steady).
 */
export const WORKFORCE: ReadonlyArray<{
  type: PersonType;
  share: number;
  attrition: number;
}> = [
  { type: 'POLICE_OFFICER', share: 34000 / 47000, attrition: 0.065 },
  { type: 'PCSO', share: 1300 / 47000, attrition: 0.12 },
  { type: 'SPECIAL_CONSTABLE', share: 1900 / 47000, attrition: 0.15 },
  { type: 'POLICE_STAFF', share: 9800 / 47000, attrition: 0.09 },
];

const RANKS: ReadonlyArray<readonly [string, number]> = [
  ['CONSTABLE', 7600],
  ['SERGEANT', 1400],
  ['INSPECTOR', 550],
  ['CHIEF_INSPECTOR', 180],
  ['SUPERINTENDENT', 90],
  ['CHIEF_SUPERINTENDENT', 40],
  ['COMMANDER', 8],
  ['DEPUTY_ASSISTANT_COMMISSIONER', 2],
];

const VETTING: Record<PersonType, ReadonlyArray<readonly [string, number]>> = {
  POLICE_OFFICER: [
    ['MV', 40],
    ['NPPV2', 20],
    ['NPPV3', 25],
    ['SC', 12],
    ['DV', 3],
  ],
  SPECIAL_CONSTABLE: [
    ['MV', 50],
    ['NPPV2', 50],
  ],
  PCSO: [
    ['NPPV2', 70],
    ['NPPV3', 20],
    ['RV', 10],
  ],
  POLICE_STAFF: [
    ['NPPV1', 15],
    ['NPPV2', 45],
    ['NPPV3', 25],
    ['SC', 10],
    ['RV', 5],
  ],
  VOLUNTEER: [['NPPV1', 1]],
  CONTRACTOR: [['NPPV2', 1]],
};

/** Elimination-database coverage by type: [fingerprints, DNA] (officers: MPS ~90% / ~65%). */
const BIOMETRICS: Record<PersonType, readonly [number, number]> = {
  POLICE_OFFICER: [0.9, 0.65],
  SPECIAL_CONSTABLE: [0.85, 0.55],
  PCSO: [0.6, 0.3],
  POLICE_STAFF: [0.15, 0.05],
  VOLUNTEER: [0, 0],
  CONTRACTOR: [0, 0],
};

const STAFF_PREFIX: Record<PersonType, string> = {
  POLICE_OFFICER: 'ZPO',
  SPECIAL_CONSTABLE: 'ZSC',
  PCSO: 'ZCS',
  POLICE_STAFF: 'ZPS',
  VOLUNTEER: 'ZVO',
  CONTRACTOR: 'ZCO',
};
export const SYNTHETIC_STAFF_NUMBER_PREFIX = 'Z';

export interface StatusEntry {
  status: EmploymentStatus;
  day: number;
}

export interface Warning {
  type: 'WRITTEN_WARNING' | 'FINAL_WRITTEN_WARNING';
  givenOn: string;
}

export interface SynPerson {
  idx: number;
  id: string;
  userId: string;
  staffNumber: string;
  forenames: string;
  surname: string;
  dob: number;
  gender: string;
  type: PersonType;
  rank: string | null;
  grade: string | null;
  unit: string;
  vetting: string;
  vettingExpires: number;
  joined: number;
  /** Employment status history, ordered by day, days unique; first entry SERVING on `joined`. */
  history: StatusEntry[];
  fingerprints: number | null;
  dna: number | null;
  warnings: Warning[];
  roles: string[];
  username: string;
}

const FORMER: ReadonlySet<EmploymentStatus> = new Set([
  'RESIGNED',
  'RETIRED',
  'DISMISSED',
  'DECEASED',
]);

export function isFormer(status: EmploymentStatus): boolean {
  return FORMER.has(status);
}

export function statusOn(p: SynPerson, day: number): EmploymentStatus | null {
  let s: EmploymentStatus | null = null;
  for (const e of p.history) {
    if (e.day > day) break;
    s = e.status;
  }
  return s;
}

/** The day the person left (first former status), or null if still in service. */
export function leftOn(p: SynPerson): number | null {
  const e = p.history.find((h) => isFormer(h.status));
  return e ? e.day : null;
}

export function currentStatus(p: SynPerson): EmploymentStatus {
  return p.history[p.history.length - 1].status;
}

/** Makes the person leave with `status` on `day`, dropping anything recorded from that day on. */
export function leave(p: SynPerson, status: EmploymentStatus, day: number): void {
  p.history = p.history.filter((h) => h.day < day);
  p.history.push({ status, day });
}

/** Adds a temporary spell (restricted duties, suspension) if it fits between other changes. */
export function addSpell(
  p: SynPerson,
  status: EmploymentStatus,
  from: number,
  to: number | null,
): boolean {
  const end = to ?? Number.MAX_SAFE_INTEGER;
  if (from <= p.joined) return false;
  const before = statusOn(p, from);
  if (before !== 'SERVING') return false;
  if (p.history.some((h) => h.day >= from - 1 && h.day <= end + 1)) return false;
  p.history.push({ status, day: from });
  if (to !== null) p.history.push({ status: 'SERVING', day: to });
  p.history.sort((a, b) => a.day - b.day);
  return true;
}

export interface WorkforceOptions {
  people: number;
  fromDay: number;
  asOfDay: number;
}

/** Draws of a person for a leaving day before giving that day up (all joined since: rare). */
const MOVER_TRIES = 50;

/**
 * People in the register: the headcount at the as-of date is `--people`, split by WORKFORCE;
 * everyone who left since the start of the period is also there (a register keeps leavers), so
 * the register holds more records than the headcount. Year by year, a share of each group
 * leaves (retiring after long service, otherwise mostly resigning) and as many join.
 */
export function generateWorkforce(rng: Prng, opts: WorkforceOptions): SynPerson[] {
  const people: SynPerson[] = [];
  const seqByType = new Map<PersonType, number>();
  const make = (type: PersonType, joined: number): SynPerson => {
    const n = (seqByType.get(type) ?? 0) + 1;
    seqByType.set(type, n);
    const ageAtJoin = type === 'POLICE_STAFF' ? rng.between(18, 55) : rng.between(18, 42);
    const gender = rng.weighted([
      ['MALE', type === 'POLICE_OFFICER' ? 64 : 45],
      ['FEMALE', type === 'POLICE_OFFICER' ? 35 : 54],
      ['OTHER', 0.3],
      ['NOT_RECORDED', 0.7],
    ] as const);
    const holdsRank = type === 'POLICE_OFFICER' || type === 'SPECIAL_CONSTABLE';
    const rank = holdsRank
      ? type === 'SPECIAL_CONSTABLE'
        ? rng.chance(0.95)
          ? 'CONSTABLE'
          : 'SERGEANT'
        : rng.weighted(RANKS)
      : null;
    const [fpShare, dnaShare] = BIOMETRICS[type];
    const bioDay = (share: number, earliest: number) => {
      if (!rng.chance(share)) return null;
      const d = Math.max(joined, earliest) + rng.between(1, 45);
      return d <= opts.asOfDay ? d : null;
    };
    const vetting = rng.weighted(VETTING[type]);
    const vettedOn = Math.max(joined, opts.asOfDay - rng.between(0, Math.floor(7 * YEAR)));
    const p: SynPerson = {
      idx: people.length,
      id: rng.uuid(),
      userId: rng.uuid(),
      staffNumber: `${STAFF_PREFIX[type]}${String(n).padStart(6, '0')}`,
      forenames: rng.chance(0.3)
        ? `${rng.pick(FORENAMES)} ${rng.pick(FORENAMES)}`
        : rng.pick(FORENAMES),
      surname: rng.pick(SURNAMES),
      dob: joined - Math.floor(ageAtJoin * YEAR) - rng.int(365),
      gender,
      type,
      rank,
      grade: holdsRank ? null : type === 'PCSO' ? 'PCSO' : rng.pick(STAFF_GRADES),
      unit: rng.pick(UNITS),
      vetting,
      vettingExpires: vettedOn + Math.floor((vetting === 'DV' || vetting === 'SC' ? 7 : 10) * YEAR),
      joined,
      history: [{ status: 'SERVING', day: joined }],
      // DNA elimination sampling of serving officers widened from 2017 (hence the later dates).
      fingerprints: bioDay(fpShare, 0),
      dna: bioDay(dnaShare, rng.chance(0.5) ? opts.fromDay + Math.floor(2 * YEAR) : 0),
      warnings: [],
      roles: ['OFFICER'],
      username: '',
    };
    p.username = p.staffNumber.toLowerCase();
    people.push(p);
    return p;
  };

  for (const group of WORKFORCE) {
    const headcount = Math.max(1, Math.round(opts.people * group.share));
    const serving: SynPerson[] = [];
    for (let i = 0; i < headcount; i++) {
      const service = rng.next() * (group.type === 'POLICE_OFFICER' ? 30 : 20) * YEAR;
      serving.push(make(group.type, opts.fromDay - 1 - Math.floor(service)));
    }
    for (let start = opts.fromDay; start <= opts.asOfDay; start += 365) {
      const end = Math.min(start + 364, opts.asOfDay);
      const fraction = (end - start + 1) / 365;
      const movers = Math.round(headcount * group.attrition * fraction);
      for (let k = 0; k < movers && serving.length > 0; k++) {
        const day = rng.between(start, end);
        // Someone in service on that day: a person who joined later (this year's joiners) is
        // passed over, so every mover drawn leaves and the documented rate holds.
        let i = rng.int(serving.length);
        for (let tries = 1; serving[i].joined >= day && tries < MOVER_TRIES; tries++) {
          i = rng.int(serving.length);
        }
        const p = serving[i];
        if (p.joined >= day) continue;
        serving[i] = serving[serving.length - 1];
        serving.pop();
        const yearsServed = (day - p.joined) / YEAR;
        const age = (day - p.dob) / YEAR;
        const status: EmploymentStatus =
          yearsServed >= 25 || age >= 60
            ? 'RETIRED'
            : rng.weighted([
                ['RESIGNED', 96],
                ['RETIRED', 3],
                ['DECEASED', 1],
              ] as const);
        leave(p, status, day);
        serving.push(make(group.type, rng.between(start, end)));
      }
    }
  }

  // Restricted-duties spells (about 2% of the workforce at any time, spells of 1–13 months).
  for (const p of people) {
    const first = Math.max(p.joined + 30, opts.fromDay);
    const last = leftOn(p) ?? opts.asOfDay;
    if (last <= first) continue;
    const spells = rng.poisson(((last - first) / YEAR) * 0.035);
    for (let s = 0; s < spells; s++) {
      const from = rng.between(first, last);
      const to = from + rng.between(30, 400);
      addSpell(p, 'RESTRICTED_DUTIES', from, to <= opts.asOfDay ? to : null);
    }
  }
  return people;
}
