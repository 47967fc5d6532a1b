/**
 * Vetting-queue priority: an integer 0..1000, higher = more urgent. It is stored on the
 * declaration (an indexed int column) so the queue can be ordered "priority desc, age asc" at a
 * million rows; hence it depends only on facts stored with the declaration, never on today's date
 * (an ended association scores as ended whenever it ended; review dates deal with staleness).
 *
 *   score = reasons + relationship + currency + declarant + links        (clamped to 0..1000)
 *
 * - reasons: the weight of the most serious reason, plus a little for each further distinct
 *   reason (capped), so a second reason never lowers the score.
 * - relationship: closeness (co-resident, spouse, partner at the top; acquaintance and online
 *   contact at the bottom).
 * - currency: a current association adds CURRENT_BONUS; an ended one adds nothing.
 * - declarant: vetting level (DV > SC > NPPV3 > MV > NPPV2 > NPPV1 > RV), person type
 *   (police officer highest) and rank (senior ranks add more; unknown ranks or staff grades 0).
 * - links: the associate is named in other declarants' declarations, the counter-corruption
 *   signal. The first link alone outweighs the whole spread of relationships.
 *
 * The maxima of the parts add up to exactly 1000, so the clamp never flattens a difference.
 */
import type { AssociationReason, PersonType, RelationshipType, VettingLevel } from './vocabulary';

/** Seriousness of each reason. An old conviction sits below live intelligence and proceedings. */
export const REASON_WEIGHTS: Readonly<Record<AssociationReason, number>> = {
  ORGANISED_CRIME_LINKS: 300,
  ADVERSE_INTELLIGENCE: 280,
  EXTREMIST_GROUP: 280,
  UNDER_INVESTIGATION_OR_AWAITING_TRIAL: 260,
  DISMISSED_FROM_POLICING: 180,
  PRIVATE_INVESTIGATOR: 160,
  HIERARCHICAL_CONFIDENTIAL_ORGANISATION: 140,
  CRIMINAL_CONVICTION: 120,
  JOURNALIST: 120,
  BUSINESS_CONFLICT: 80,
  OTHER: 40,
};
/** Each distinct reason after the most serious one adds this much… */
export const EXTRA_REASON_BONUS = 10;
/** …up to this much in all. */
export const EXTRA_REASON_CAP = 50;

/** Closeness of the relationship: how much the associate can see or influence. */
export const RELATIONSHIP_WEIGHTS: Readonly<Record<RelationshipType, number>> = {
  CO_RESIDENT: 150,
  SPOUSE_CIVIL_PARTNER: 150,
  PARTNER: 150,
  PARENT: 110,
  CHILD: 110,
  SIBLING: 110,
  EX_PARTNER: 90,
  BUSINESS_ASSOCIATE: 90,
  SIBLING_PARTNER: 80,
  IN_LAW: 80,
  FRIEND: 70,
  OTHER_FAMILY: 70,
  FORMER_COLLEAGUE: 60,
  ORGANISATION: 60,
  NEIGHBOUR: 40,
  ACQUAINTANCE: 30,
  ONLINE_CONTACT: 30,
};

/** A current association adds this; an ended one adds nothing. */
export const CURRENT_BONUS = 100;

/** Higher clearance = more access to protect. SC, DV and NPPV3 above the rest. */
export const VETTING_LEVEL_WEIGHTS: Readonly<Record<VettingLevel, number>> = {
  DV: 80,
  SC: 75,
  NPPV3: 70,
  MV: 50,
  NPPV2: 35,
  NPPV1: 20,
  RV: 10,
};

/** Warranted powers and access: police officers highest. */
export const PERSON_TYPE_WEIGHTS: Readonly<Record<PersonType, number>> = {
  POLICE_OFFICER: 40,
  SPECIAL_CONSTABLE: 30,
  PCSO: 20,
  POLICE_STAFF: 20,
  CONTRACTOR: 10,
  VOLUNTEER: 5,
};

/** Rank (DOMAIN.md §2 spelling). Anything else, e.g. a staff grade, scores 0. */
export const RANK_WEIGHTS: Readonly<Record<string, number>> = {
  CONSTABLE: 0,
  SERGEANT: 10,
  INSPECTOR: 20,
  CHIEF_INSPECTOR: 30,
  SUPERINTENDENT: 40,
  CHIEF_SUPERINTENDENT: 40,
  COMMANDER: 50,
  DEPUTY_ASSISTANT_COMMISSIONER: 50,
  ASSISTANT_COMMISSIONER: 50,
  DEPUTY_COMMISSIONER: 50,
  COMMISSIONER: 50,
};

/** Linked to at least one other declarant's declaration. */
export const FIRST_LINK_BONUS = 150;
/** Each further linked declaration… */
export const EXTRA_LINK_BONUS = 10;
/** …up to this much in all. */
export const EXTRA_LINK_CAP = 80;

export const MAX_PRIORITY = 1000;

export interface AssociatePriorityInput {
  reasons: readonly AssociationReason[];
  relationship: RelationshipType;
  current: boolean;
  /** Accepted for convenience; not scored (the stored score must not change with the clock). */
  endedOn?: string | null;
}

export interface DeclarantPriorityInput {
  declarantVettingLevel?: VettingLevel | null;
  declarantPersonType?: PersonType | null;
  declarantRank?: string | null;
}

export interface PriorityInput extends AssociatePriorityInput, DeclarantPriorityInput {
  /** How many other declarants' declarations name the same associate. */
  linkedDeclarations: number;
}

/** The reasons part: most serious reason plus a capped bonus per further distinct reason. */
export function reasonScore(reasons: readonly AssociationReason[]): number {
  const distinct = [...new Set(reasons)];
  if (distinct.length === 0) return 0;
  const top = Math.max(...distinct.map((r) => REASON_WEIGHTS[r]));
  return top + Math.min(EXTRA_REASON_CAP, (distinct.length - 1) * EXTRA_REASON_BONUS);
}

/** The part that depends on who declares (same for every associate of a declaration). */
export function declarantScore(d: DeclarantPriorityInput): number {
  const vetting = d.declarantVettingLevel ? VETTING_LEVEL_WEIGHTS[d.declarantVettingLevel] : 0;
  const type = d.declarantPersonType ? PERSON_TYPE_WEIGHTS[d.declarantPersonType] : 0;
  const rank = d.declarantRank ? (RANK_WEIGHTS[d.declarantRank.trim().toUpperCase()] ?? 0) : 0;
  return vetting + type + rank;
}

/** The links part: nothing for none, FIRST_LINK_BONUS for one, a little more for each further. */
export function linkScore(linkedDeclarations: number): number {
  const n = Number.isFinite(linkedDeclarations) ? Math.max(0, Math.floor(linkedDeclarations)) : 0;
  if (n === 0) return 0;
  return FIRST_LINK_BONUS + Math.min(EXTRA_LINK_CAP, (n - 1) * EXTRA_LINK_BONUS);
}

function associateScore(a: AssociatePriorityInput): number {
  return (
    reasonScore(a.reasons) + RELATIONSHIP_WEIGHTS[a.relationship] + (a.current ? CURRENT_BONUS : 0)
  );
}

function clamp(score: number): number {
  return Math.max(0, Math.min(MAX_PRIORITY, Math.round(score)));
}

/** Priority of one associate as declared by this declarant: an integer in 0..1000. */
export function priorityScore(input: PriorityInput): number {
  return clamp(associateScore(input) + declarantScore(input) + linkScore(input.linkedDeclarations));
}

/**
 * Priority of a whole declaration: its most urgent associate, plus the declarant and link
 * bonuses (counted once, not per associate). `linkedCount` is the number of other declarants'
 * declarations naming any of its associates. An empty list scores 0 (validation forbids it).
 */
export function declarationPriority(
  associates: readonly AssociatePriorityInput[],
  declarant: DeclarantPriorityInput,
  linkedCount: number,
): number {
  if (associates.length === 0) return 0;
  const worst = Math.max(...associates.map(associateScore));
  return clamp(worst + declarantScore(declarant) + linkScore(linkedCount));
}
