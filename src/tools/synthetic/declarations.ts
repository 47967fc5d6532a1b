import { FieldCipher } from '../../crypto/field-cipher';
import { identityKeys } from '../../declarations/domain/identity';
import { addMonths } from '../../calendar/domain/dates';
import { DECLARATION_POLICY } from '../../declarations/domain/policy';
import { declarationPriority, REASON_WEIGHTS } from '../../declarations/domain/priority';
import { formatReference } from '../../declarations/domain/reference';
import type {
  AssessmentOutcome,
  AssociationReason,
  ContactFrequency,
  DeclarationStatus,
  PlanCondition,
  RelationshipType,
  RiskLevel,
  VettingLevel,
} from '../../declarations/domain/vocabulary';
import { BulkLoader, pgArray } from './bulk';
import { iso, toDay } from './cases';
import { ANSWERS, CIRCUMSTANCES, FORENAMES, QUESTIONS, RATIONALES, SURNAMES } from './names';
import { Prng } from './prng';
import { leftOn, SynPerson, YEAR } from './workforce';

/** One declaration per this many people in service a year (domain-sources.md: 1 per 20–50). */
export const STAFF_PER_DECLARATION_YEAR = 30;
/** Personal associates per declarant (a person re-declares the same people over the years). */
const PERSONAL_SLOTS = 3;

interface Identity {
  fullName: string;
  aliases: string | null;
  dob: string | null;
  keys: Array<{ kind: string; source: string; hash: string }>;
  relationship: RelationshipType;
  reasons: AssociationReason[];
  frequency: ContactFrequency | null;
  circumstances: number | null;
}

const PERSONAL_RELATIONSHIPS: ReadonlyArray<readonly [RelationshipType, number]> = [
  ['SPOUSE_CIVIL_PARTNER', 8],
  ['PARTNER', 10],
  ['EX_PARTNER', 8],
  ['PARENT', 6],
  ['CHILD', 5],
  ['SIBLING', 12],
  ['SIBLING_PARTNER', 5],
  ['IN_LAW', 7],
  ['OTHER_FAMILY', 10],
  ['CO_RESIDENT', 3],
  ['FRIEND', 14],
  ['ACQUAINTANCE', 5],
  ['NEIGHBOUR', 3],
  ['BUSINESS_ASSOCIATE', 2],
  ['FORMER_COLLEAGUE', 1],
  ['ONLINE_CONTACT', 1],
];
const SHARED_RELATIONSHIPS: ReadonlyArray<readonly [RelationshipType, number]> = [
  ['FRIEND', 3],
  ['ACQUAINTANCE', 4],
  ['BUSINESS_ASSOCIATE', 2],
  ['ONLINE_CONTACT', 1],
  ['ORGANISATION', 1],
];
const PERSONAL_REASONS: ReadonlyArray<readonly [AssociationReason, number]> = [
  ['CRIMINAL_CONVICTION', 40],
  ['UNDER_INVESTIGATION_OR_AWAITING_TRIAL', 12],
  ['ADVERSE_INTELLIGENCE', 8],
  ['BUSINESS_CONFLICT', 8],
  ['HIERARCHICAL_CONFIDENTIAL_ORGANISATION', 6],
  ['DISMISSED_FROM_POLICING', 3],
  ['ORGANISED_CRIME_LINKS', 3],
  ['JOURNALIST', 3],
  ['PRIVATE_INVESTIGATOR', 2],
  ['EXTREMIST_GROUP', 1],
  ['OTHER', 14],
];
const SHARED_REASONS: ReadonlyArray<readonly [AssociationReason, number]> = [
  ['ORGANISED_CRIME_LINKS', 4],
  ['ADVERSE_INTELLIGENCE', 3],
  ['CRIMINAL_CONVICTION', 3],
  ['JOURNALIST', 2],
  ['PRIVATE_INVESTIGATOR', 2],
];
const FREQUENCIES: ReadonlyArray<readonly [ContactFrequency, number]> = [
  ['DAILY', 15],
  ['WEEKLY', 25],
  ['MONTHLY', 25],
  ['OCCASIONALLY', 20],
  ['RARELY', 12],
  ['NONE', 3],
];
const CONDITIONS: readonly PlanCondition[] = [
  'NO_DISCUSSION_OF_WORK',
  'NO_SYSTEM_CHECKS_ON_ASSOCIATE',
  'REPORT_CHANGES',
  'RESTRICT_POSTING',
  'RESTRICT_SYSTEM_ACCESS',
];
const OUTCOMES: Record<RiskLevel, ReadonlyArray<readonly [AssessmentOutcome, number]>> = {
  LOW: [
    ['NO_FURTHER_ACTION', 55],
    ['ADVICE_GIVEN', 45],
  ],
  MEDIUM: [
    ['ADVICE_GIVEN', 40],
    ['RISK_MANAGEMENT_PLAN', 45],
    ['INSTRUCTION_TO_CEASE', 10],
    ['VETTING_REVIEW', 5],
  ],
  HIGH: [
    ['RISK_MANAGEMENT_PLAN', 35],
    ['INSTRUCTION_TO_CEASE', 20],
    ['RESTRICTED_DUTIES', 10],
    ['VETTING_REVIEW', 10],
    ['REFER_COUNTER_CORRUPTION', 15],
    ['REFER_PSD', 10],
  ],
};
const SERIOUS_REASON_WEIGHT = 260;

/**
 * Associate identities, encrypted once and reused: each declarant has a few personal associates
 * (re-declared over the years), and a small shared pool is named by several declarants — those
 * are the cross-declarant links, matched by the same blind-index hash. Identities are made and
 * encrypted lazily, so the cost grows with the number of declarants, not of declarations.
 */
class IdentityPool {
  private readonly cache = new Map<string, Identity>();
  /** person idx → shared identity index, for the declarants who know a shared associate. */
  readonly sharedOf = new Map<number, number>();
  /** shared identity index → how many declarants name it. */
  readonly sharedDeclarants: number[] = [];

  constructor(
    private readonly seed: string,
    private readonly cipher: FieldCipher,
    people: readonly SynPerson[],
    rng: Prng,
  ) {
    const shared = Math.max(20, Math.round(people.length * 0.003));
    for (let s = 0; s < shared; s++) {
      const k = rng.between(2, 6);
      let named = 0;
      for (let i = 0; i < k; i++) {
        const p = rng.int(people.length);
        if (this.sharedOf.has(p)) continue;
        this.sharedOf.set(p, s);
        named++;
      }
      this.sharedDeclarants.push(named);
    }
  }

  get size(): number {
    return this.cache.size;
  }

  personal(personIdx: number, slot: number): Identity {
    return this.get(`p:${personIdx}:${slot}`, false);
  }

  shared(index: number): Identity {
    return this.get(`s:${index}`, true);
  }

  private get(key: string, shared: boolean): Identity {
    const hit = this.cache.get(key);
    if (hit) return hit;
    const rng = new Prng(`${this.seed}:identity:${key}`);
    const middle = rng.chance(0.5) ? ` ${rng.pick(FORENAMES)}` : '';
    const fullName = `${rng.pick(FORENAMES)}${middle} ${rng.pick(SURNAMES)}`;
    const aliases = rng.chance(shared ? 0.5 : 0.08)
      ? [`${rng.pick(FORENAMES)} ${fullName.split(' ').pop()}`]
      : [];
    const dob = rng.chance(shared ? 0.9 : 0.7)
      ? iso(toDay('1940-01-01') + rng.int(Math.floor(65 * YEAR)))
      : null;
    const reasons = new Set<AssociationReason>([
      rng.weighted(shared ? SHARED_REASONS : PERSONAL_REASONS),
    ]);
    if (rng.chance(0.2)) reasons.add(rng.weighted(shared ? SHARED_REASONS : PERSONAL_REASONS));
    const identity: Identity = {
      fullName: this.cipher.encrypt(fullName),
      aliases: aliases.length ? this.cipher.encrypt(JSON.stringify(aliases)) : null,
      dob: this.cipher.encryptNullable(dob),
      keys: identityKeys(fullName, aliases, dob).map((k) => ({
        kind: k.kind,
        source: k.source,
        hash: this.cipher.blindIndex(k.value),
      })),
      relationship: rng.weighted(shared ? SHARED_RELATIONSHIPS : PERSONAL_RELATIONSHIPS),
      reasons: [...reasons],
      frequency: rng.chance(0.9) ? rng.weighted(FREQUENCIES) : null,
      circumstances: rng.chance(0.6) ? rng.int(CIRCUMSTANCES.length) : null,
    };
    this.cache.set(key, identity);
    return identity;
  }
}

interface Assessment {
  day: number;
  risk: RiskLevel;
  outcome: AssessmentOutcome;
  conditions: PlanCondition[];
  reviewDay: number | null;
  from: DeclarationStatus;
  to: DeclarationStatus;
}

interface Lifecycle {
  status: DeclarationStatus;
  assessments: Assessment[];
  info: { asked: number; answered: number | null } | null;
  lastChange: number;
}

export interface DeclarationOptions {
  seed: string;
  fromDay: number;
  asOfDay: number;
  scale: number;
}

export interface DeclarationStats {
  declarations: number;
  versions: number;
  assessedHigh: number;
  assessed: number;
  identities: number;
  sharedIdentities: number;
  byStatus: Record<string, number>;
}

/** Generates and loads declarations year by year (received-date order, so references ascend). */
export async function loadDeclarations(
  rng: Prng,
  people: readonly SynPerson[],
  opts: DeclarationOptions,
  loader: BulkLoader,
  cipher: FieldCipher,
  vettingUserIds: readonly string[],
  firstSeq: number,
): Promise<DeclarationStats & { lastSeq: number }> {
  const pool = new IdentityPool(opts.seed, cipher, people, rng.fork('shared'));
  const rationales = RATIONALES.map((t) => cipher.encrypt(t));
  const circumstances = CIRCUMSTANCES.map((t) => cipher.encrypt(t));
  const questions = QUESTIONS.map((t) => cipher.encrypt(t));
  const answers = ANSWERS.map((t) => cipher.encrypt(t));
  const stats: DeclarationStats = {
    declarations: 0,
    versions: 0,
    assessedHigh: 0,
    assessed: 0,
    identities: 0,
    sharedIdentities: pool.sharedDeclarants.length,
    byStatus: {},
  };
  const T = opts.asOfDay;
  let seq = firstSeq - 1;

  const pickRisk = (serious: boolean): RiskLevel =>
    rng.weighted(
      serious
        ? ([
            ['HIGH', 35],
            ['MEDIUM', 45],
            ['LOW', 20],
          ] as const)
        : ([
            ['HIGH', 4],
            ['MEDIUM', 26],
            ['LOW', 70],
          ] as const),
    );

  const assess = (
    day: number,
    risk: RiskLevel,
    from: DeclarationStatus,
    closeAllowed: boolean,
  ): Assessment => {
    const outcome = rng.weighted(OUTCOMES[risk]);
    const conditions: PlanCondition[] = [];
    if (
      outcome === 'RISK_MANAGEMENT_PLAN' ||
      (outcome !== 'NO_FURTHER_ACTION' && rng.chance(0.2))
    ) {
      const n = rng.between(1, 3);
      for (let i = 0; i < n; i++) {
        const c = rng.pick(CONDITIONS);
        if (!conditions.includes(c)) conditions.push(c);
      }
    }
    const close = outcome === 'NO_FURTHER_ACTION' && closeAllowed && rng.chance(0.8);
    const reviewDay = close
      ? null
      : toDay(addMonths(iso(day), DECLARATION_POLICY.reviewMonths[risk]));
    return { day, risk, outcome, conditions, reviewDay, from, to: close ? 'CLOSED' : 'MONITORING' };
  };

  /** What happens to a declaration (version) submitted on `start`, up to the as-of date. */
  const lifecycle = (start: number, serious: boolean, left: number | null): Lifecycle => {
    const out: Lifecycle = { status: 'SUBMITTED', assessments: [], info: null, lastChange: start };
    if (rng.chance(0.025)) {
      const d = start + rng.between(2, 40);
      if (d <= T) return { ...out, status: 'WITHDRAWN', lastChange: d };
    }
    // First triage: usually within days, with a long tail when the unit is stretched.
    const triage = start + 1 + Math.round(rng.exp(12) + (rng.chance(0.15) ? rng.exp(150) : 0));
    if (rng.chance(0.08)) {
      const asked = start + rng.between(1, 10);
      const answered = asked + rng.between(2, 20);
      if (asked <= T) {
        out.info = { asked, answered: answered <= T && answered < triage ? answered : null };
        if (out.info.answered === null && triage > T) {
          return { ...out, status: 'INFO_REQUESTED', lastChange: asked };
        }
      }
    }
    if (triage > T) {
      return { ...out, status: rng.chance(0.7) ? 'SUBMITTED' : 'UNDER_ASSESSMENT' };
    }
    let risk = pickRisk(serious);
    let a = assess(triage, risk, rng.chance(0.4) ? 'UNDER_ASSESSMENT' : 'SUBMITTED', true);
    out.assessments.push(a);
    out.status = a.to;
    out.lastChange = a.day;
    while (out.status === 'MONITORING' && a.reviewDay !== null && a.reviewDay <= T) {
      // The unit is behind on reviews: some due reviews wait a long time (HMICFRS found backlogs).
      const backlog = rng.chance(0.12) ? rng.exp(400) : 0;
      const reDay = a.reviewDay + 1 + Math.round(rng.exp(25) + backlog);
      if (reDay > T) {
        out.status = 'REVIEW_DUE';
        out.lastChange = a.reviewDay;
        break;
      }
      const gone = left !== null && left < reDay;
      if (risk === 'HIGH' && rng.chance(0.5)) risk = 'MEDIUM';
      else if (risk !== 'LOW' && rng.chance(0.3)) risk = 'LOW';
      a = gone
        ? {
            day: reDay,
            risk: 'LOW',
            outcome: 'NO_FURTHER_ACTION',
            conditions: [],
            reviewDay: null,
            from: 'REVIEW_DUE',
            to: 'CLOSED',
          }
        : assess(reDay, risk, 'REVIEW_DUE', true);
      if (!gone && rng.chance(0.3) && a.to === 'MONITORING') {
        a = { ...a, outcome: 'NO_FURTHER_ACTION', conditions: [], reviewDay: null, to: 'CLOSED' };
      }
      out.assessments.push(a);
      out.status = a.to;
      out.lastChange = a.day;
    }
    return out;
  };

  const firstYear = new Date(opts.fromDay * 86400000).getUTCFullYear();
  const lastYear = new Date(T * 86400000).getUTCFullYear();
  for (let year = firstYear; year <= lastYear; year++) {
    const ys = Math.max(toDay(`${year}-01-01`), opts.fromDay);
    const ye = Math.min(toDay(`${year}-12-31`), T);
    const batch: Array<[number, number]> = [];
    for (const p of people) {
      const left = leftOn(p);
      const a = Math.max(ys, p.joined + 14);
      const b = Math.min(ye, left === null ? T : left - 1);
      if (b < a) continue;
      const n = rng.poisson(((b - a + 1) / 365 / STAFF_PER_DECLARATION_YEAR) * opts.scale);
      for (let i = 0; i < n; i++) batch.push([rng.between(a, b), p.idx]);
    }
    batch.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    for (const [received, personIdx] of batch) {
      const p = people[personIdx];
      const left = leftOn(p);
      seq++;
      stats.declarations++;
      // ---- associates
      const count = rng.weighted([
        [1, 75],
        [2, 18],
        [3, 6],
        [4, 1],
      ] as const);
      const identities: Array<{ id: Identity; links: number }> = [];
      const shared = pool.sharedOf.get(personIdx);
      if (shared !== undefined && rng.chance(0.6)) {
        identities.push({
          id: pool.shared(shared),
          links: Math.max(0, pool.sharedDeclarants[shared] - 1),
        });
      }
      const firstSlot = rng.int(PERSONAL_SLOTS);
      for (let s = 0; identities.length < count && s < PERSONAL_SLOTS; s++) {
        identities.push({
          id: pool.personal(personIdx, (firstSlot + s) % PERSONAL_SLOTS),
          links: 0,
        });
      }
      const becameAware = received - Math.round(rng.exp(45));
      const associates = identities.map(({ id }) => {
        const current = rng.chance(0.85);
        return {
          id,
          current,
          endedOn: current ? null : iso(rng.between(becameAware, received)),
        };
      });
      const serious = associates.some((a) =>
        a.id.reasons.some((r) => REASON_WEIGHTS[r] >= SERIOUS_REASON_WEIGHT),
      );
      const links = Math.max(0, ...identities.map((i) => i.links));
      const priority = declarationPriority(
        associates.map((a) => ({
          reasons: a.id.reasons,
          relationship: a.id.relationship,
          current: a.current,
        })),
        {
          declarantVettingLevel: p.vetting as VettingLevel,
          declarantPersonType: p.type,
          declarantRank: p.rank,
        },
        links,
      );

      // ---- versions: usually one; an amendment after assessment makes a second
      const rootId = rng.uuid();
      const reference = formatReference(iso(received), seq);
      let life = lifecycle(received, serious, left);
      const versions: Array<{ id: string; start: number; life: Lifecycle }> = [];
      if (
        life.assessments.length > 0 &&
        (life.status === 'MONITORING' || life.status === 'CLOSED') &&
        rng.chance(0.02)
      ) {
        const amendDay = life.assessments[0].day + rng.between(10, 200);
        if (amendDay <= T && (left === null || amendDay < left)) {
          const kept = life.assessments.filter((x) => x.day < amendDay);
          versions.push({
            id: rootId,
            start: received,
            life: { ...life, assessments: kept, status: 'SUPERSEDED', lastChange: amendDay },
          });
          life = lifecycle(amendDay, serious, left);
          versions.push({ id: rng.uuid(), start: amendDay, life });
        }
      }
      if (versions.length === 0) versions.push({ id: rootId, start: received, life });

      let previous: string | null = null;
      for (const [v, version] of versions.entries()) {
        const { life: l } = version;
        const lastA = l.assessments[l.assessments.length - 1] ?? null;
        const submittedAt = stamp(version.start, rng);
        stats.versions++;
        stats.byStatus[l.status] = (stats.byStatus[l.status] ?? 0) + 1;
        await loader.add('declaration', [
          version.id,
          reference,
          seq,
          rootId,
          previous,
          v + 1,
          p.id,
          p.userId,
          l.status,
          iso(becameAware),
          iso(received),
          submittedAt,
          priority,
          lastA?.risk ?? null,
          lastA?.outcome ?? null,
          pgArray(lastA?.conditions ?? []),
          lastA?.reviewDay != null ? iso(lastA.reviewDay) : null,
          lastA ? stamp(lastA.day, rng) : null,
          submittedAt,
          stamp(l.lastChange, rng),
        ]);
        for (const [position, a] of associates.entries()) {
          const associateId = rng.uuid();
          await loader.add('declaration_associate', [
            associateId,
            version.id,
            position,
            a.id.fullName,
            a.id.aliases,
            a.id.dob,
            a.id.dob !== null,
            a.id.circumstances === null ? null : circumstances[a.id.circumstances],
            a.id.relationship,
            pgArray(a.id.reasons),
            a.current,
            a.endedOn,
            a.id.frequency,
            cipher.currentKeyId,
          ]);
          for (const k of a.id.keys) {
            await loader.add('associate_identity', [
              version.id,
              associateId,
              k.kind,
              k.source,
              k.hash,
            ]);
          }
        }
        for (const a of l.assessments) {
          stats.assessed++;
          if (a.risk === 'HIGH') stats.assessedHigh++;
          let assessor = rng.pick(vettingUserIds);
          if (assessor === p.userId)
            assessor =
              vettingUserIds[(vettingUserIds.indexOf(assessor) + 1) % vettingUserIds.length];
          await loader.add('declaration_assessment', [
            rng.uuid(),
            version.id,
            assessor,
            a.risk,
            a.outcome,
            pgArray(a.conditions),
            rationales[rng.int(rationales.length)],
            a.reviewDay === null ? null : iso(a.reviewDay),
            a.from,
            a.to,
            stamp(a.day, rng),
          ]);
        }
        if (l.info) {
          const q = rng.int(questions.length);
          await loader.add('declaration_info_request', [
            rng.uuid(),
            version.id,
            questions[q],
            rng.pick(vettingUserIds),
            stamp(l.info.asked, rng),
            l.info.answered === null ? null : answers[q],
            l.info.answered === null ? null : p.userId,
            l.info.answered === null ? null : stamp(l.info.answered, rng),
          ]);
        }
        previous = version.id;
      }
    }
  }
  stats.identities = pool.size;
  return { ...stats, lastSeq: seq };
}

/** A timestamp during the working day of `day` (UTC). */
export function stamp(day: number, rng: Prng): string {
  const seconds = 7 * 3600 + rng.int(12 * 3600);
  return new Date(day * 86400000 + seconds * 1000).toISOString();
}
