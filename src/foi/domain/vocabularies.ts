/**
 * The fixed vocabularies of DOMAIN.md that FOI extracts publish or group by, spelled exactly as the
 * domain document spells them. Each is an `as const` array (usable for validation and for
 * building allow-lists) plus the union type derived from it. The order of each array is
 * meaningful where noted: it is the order used when several values are combined into one label.
 */

/** DOMAIN.md §2. */
export const PERSON_TYPES = [
  'POLICE_OFFICER',
  'SPECIAL_CONSTABLE',
  'PCSO',
  'POLICE_STAFF',
  'VOLUNTEER',
  'CONTRACTOR',
] as const;
export type PersonType = (typeof PERSON_TYPES)[number];

/** DOMAIN.md §2: status at a date comes from the effective-dated history. */
export const EMPLOYMENT_STATUSES = [
  'SERVING',
  'RESTRICTED_DUTIES',
  'SUSPENDED',
  'RESIGNED',
  'RETIRED',
  'DISMISSED',
  'DECEASED',
] as const;
export type EmploymentStatus = (typeof EMPLOYMENT_STATUSES)[number];

/** The two-value generalisation of `EmploymentStatus` used for k-anonymity (DOMAIN.md §5). */
export const EMPLOYMENT_STATUS_GROUPS = ['SERVING', 'LEFT_SERVICE'] as const;
export type EmploymentStatusGroup = (typeof EMPLOYMENT_STATUS_GROUPS)[number];

/** DOMAIN.md §3. */
export const RELATIONSHIP_TYPES = [
  'SPOUSE_CIVIL_PARTNER',
  'PARTNER',
  'EX_PARTNER',
  'PARENT',
  'CHILD',
  'SIBLING',
  'SIBLING_PARTNER',
  'IN_LAW',
  'OTHER_FAMILY',
  'CO_RESIDENT',
  'FRIEND',
  'ACQUAINTANCE',
  'NEIGHBOUR',
  'BUSINESS_ASSOCIATE',
  'FORMER_COLLEAGUE',
  'ONLINE_CONTACT',
  'ORGANISATION',
] as const;
export type RelationshipType = (typeof RELATIONSHIP_TYPES)[number];

/**
 * DOMAIN.md §3. Ordered roughly from the most to the least serious for counter-corruption; a
 * combined reason label lists its parts in this order.
 */
export const ASSOCIATION_REASONS = [
  'CRIMINAL_CONVICTION',
  'UNDER_INVESTIGATION_OR_AWAITING_TRIAL',
  'ADVERSE_INTELLIGENCE',
  'DISMISSED_FROM_POLICING',
  'ORGANISED_CRIME_LINKS',
  'EXTREMIST_GROUP',
  'PRIVATE_INVESTIGATOR',
  'JOURNALIST',
  'HIERARCHICAL_CONFIDENTIAL_ORGANISATION',
  'BUSINESS_CONFLICT',
  'OTHER',
] as const;
export type AssociationReason = (typeof ASSOCIATION_REASONS)[number];

/** DOMAIN.md §3: the HIGH_RISK_DECLARATIONS and DECLARATION_NATURE extracts filter on it. */
export const RISK_LEVELS = ['LOW', 'MEDIUM', 'HIGH'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** DOMAIN.md §4: Home Office groups, coarse enough to publish. */
export const OFFENCE_CATEGORIES = [
  'VIOLENCE_AGAINST_THE_PERSON',
  'SEXUAL_OFFENCES',
  'ROBBERY',
  'THEFT',
  'BURGLARY',
  'FRAUD',
  'CRIMINAL_DAMAGE',
  'DRUG_OFFENCES',
  'POSSESSION_OF_WEAPONS',
  'PUBLIC_ORDER',
  'MISCONDUCT_IN_PUBLIC_OFFICE',
  'COMPUTER_MISUSE_DATA_PROTECTION',
  'COMMUNICATIONS_OFFENCES',
  'HARASSMENT_STALKING',
  'DRIVING_OFFENCES',
  'OTHER',
] as const;
export type OffenceCategory = (typeof OFFENCE_CATEGORIES)[number];

/** The broad groups an offence category is generalised to (see public-labels.ts). */
export const OFFENCE_GROUPS = [
  'VIOLENCE_AND_SEXUAL',
  'ACQUISITIVE_AND_DAMAGE',
  'DRUGS_WEAPONS_AND_PUBLIC_ORDER',
  'ABUSE_OF_POSITION_AND_COMMUNICATIONS',
  'DRIVING_AND_OTHER',
] as const;
export type OffenceGroup = (typeof OFFENCE_GROUPS)[number];

/** DOMAIN.md §4: outcome of a conduct case (CONDUCT_OUTCOMES extract). */
export const CONDUCT_OUTCOMES = [
  'NO_CASE_TO_ANSWER',
  'NOT_PROVEN',
  'REFLECTIVE_PRACTICE',
  'WRITTEN_WARNING',
  'FINAL_WRITTEN_WARNING',
  'REDUCTION_IN_RANK',
  'DISMISSAL_WITHOUT_NOTICE',
  'WOULD_HAVE_BEEN_DISMISSED',
] as const;
export type ConductOutcome = (typeof CONDUCT_OUTCOMES)[number];

/** DOMAIN.md §4: College of Policing barred/advisory list status. */
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

/** Type guard: is `value` one of the members of `vocabulary`? */
export function isOneOf<T extends string>(vocabulary: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (vocabulary as readonly string[]).includes(value);
}
