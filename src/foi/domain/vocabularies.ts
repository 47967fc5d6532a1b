/**
 * The fixed vocabularies of DOMAIN.md that FOI extracts publish or group by. The stored
 * vocabularies are defined once, by the feature that owns them, and re-exported here; this file
 * defines only the FOI-specific ones (groups, FOI outcomes, exemptions). Each is an `as const`
 * array (usable for validation and for building allow-lists) plus the union type derived from it.
 * The order of each array is meaningful where noted: it is the order used when several values are
 * combined into one label.
 */

/** DOMAIN.md §2 (employment status at a date comes from the effective-dated history). */
export {
  EMPLOYMENT_STATUSES,
  type EmploymentStatus,
  PERSON_TYPES,
  type PersonType,
} from '../../people/domain/people.vocabulary';

/**
 * DOMAIN.md §3. `RISK_LEVELS`: the HIGH_RISK_DECLARATIONS and DECLARATION_NATURE extracts filter
 * on it. `ASSOCIATION_REASONS` is ordered: a combined reason label lists its parts in its order.
 */
export {
  ASSOCIATION_REASONS,
  type AssociationReason,
  RELATIONSHIP_TYPES,
  type RelationshipType,
  RISK_LEVELS,
  type RiskLevel,
} from '../../declarations/domain/vocabulary';

/** DOMAIN.md §4: Home Office offence groups, and conduct outcomes (CONDUCT_OUTCOMES extract). */
export {
  CONDUCT_OUTCOMES,
  type ConductOutcome,
  OFFENCE_CATEGORIES,
  type OffenceCategory,
} from '../../cases/domain/vocabulary';

export { isOneOf } from '../../common/vocabulary';

/** The two-value generalisation of `EmploymentStatus` used for k-anonymity (DOMAIN.md §5). */
export const EMPLOYMENT_STATUS_GROUPS = ['SERVING', 'LEFT_SERVICE'] as const;
export type EmploymentStatusGroup = (typeof EMPLOYMENT_STATUS_GROUPS)[number];

/** The broad groups an offence category is generalised to (see public-labels.ts). */
export const OFFENCE_GROUPS = [
  'VIOLENCE_AND_SEXUAL',
  'ACQUISITIVE_AND_DAMAGE',
  'DRUGS_WEAPONS_AND_PUBLIC_ORDER',
  'ABUSE_OF_POSITION_AND_COMMUNICATIONS',
  'DRIVING_AND_OTHER',
] as const;
export type OffenceGroup = (typeof OFFENCE_GROUPS)[number];

/**
 * DOMAIN.md §4: College of Policing barred/advisory list status. Not yet merged with the cases
 * feature's `LIST_STATUSES`, which also has `PENDING` (created but not yet sent to the College).
 */
export const LIST_STATUSES = ['REPORTED', 'ON_LIST', 'REMOVED', 'CONVERTED_TO_BARRED'] as const;
export type ListStatus = (typeof LIST_STATUSES)[number];

/** DOMAIN.md §5: per-question outcome of an FOI request. */
export const FOI_QUESTION_OUTCOMES = [
  'DISCLOSED',
  'PARTIALLY_DISCLOSED',
  'NOT_HELD',
  'EXEMPT',
  'COST_LIMIT',
  'NEITHER_CONFIRM_NOR_DENY',
] as const;
export type FoiQuestionOutcome = (typeof FOI_QUESTION_OUTCOMES)[number];

/** DOMAIN.md §5: exemptions that may be cited per question. */
export const FOI_EXEMPTIONS = ['S40_2', 'S31_1_A', 'S31_1_B', 'S30_1', 'S21', 'S12'] as const;
export type FoiExemption = (typeof FOI_EXEMPTIONS)[number];
