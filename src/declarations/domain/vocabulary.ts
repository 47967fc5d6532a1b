/**
 * The fixed vocabularies of notifiable associations (DOMAIN.md §2 and §3), spelled exactly as the
 * domain document spells them. Each is an `as const` array (for validation, CHECK constraints and
 * OpenAPI enums) plus the union type derived from it.
 */

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
 * Every reason the domain knows; which of them a force accepts is policy (`reasonsInForce`).
 * Ordered roughly from the most to the least serious for counter-corruption; a combined reason
 * label in an FOI extract lists its parts in this order.
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

/**
 * Lifecycle states (see lifecycle.ts for the moves between them). `SUPERSEDED` is not in
 * DOMAIN.md's list: it marks an assessed version that an amendment replaced with a new version,
 * so the earlier version stays readable instead of being overwritten.
 */
export const DECLARATION_STATUSES = [
  'SUBMITTED',
  'UNDER_ASSESSMENT',
  'INFO_REQUESTED',
  'ASSESSED',
  'MONITORING',
  'REVIEW_DUE',
  'CLOSED',
  'WITHDRAWN',
  'SUPERSEDED',
] as const;
export type DeclarationStatus = (typeof DECLARATION_STATUSES)[number];

export const RISK_LEVELS = ['LOW', 'MEDIUM', 'HIGH'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const ASSESSMENT_OUTCOMES = [
  'NO_FURTHER_ACTION',
  'ADVICE_GIVEN',
  'RISK_MANAGEMENT_PLAN',
  'INSTRUCTION_TO_CEASE',
  'RESTRICTED_DUTIES',
  'VETTING_REVIEW',
  'REFER_COUNTER_CORRUPTION',
  'REFER_PSD',
] as const;
export type AssessmentOutcome = (typeof ASSESSMENT_OUTCOMES)[number];

/** Conditions attached to a `RISK_MANAGEMENT_PLAN`. */
export const PLAN_CONDITIONS = [
  'NO_DISCUSSION_OF_WORK',
  'NO_SYSTEM_CHECKS_ON_ASSOCIATE',
  'REPORT_CHANGES',
  'RESTRICT_POSTING',
  'RESTRICT_SYSTEM_ACCESS',
] as const;
export type PlanCondition = (typeof PLAN_CONDITIONS)[number];

export const CONTACT_FREQUENCIES = [
  'DAILY',
  'WEEKLY',
  'MONTHLY',
  'OCCASIONALLY',
  'RARELY',
  'NONE',
] as const;
export type ContactFrequency = (typeof CONTACT_FREQUENCIES)[number];

/** Vocabularies of the people register (DOMAIN.md §2), owned by people.vocabulary.ts. */
export {
  PERSON_TYPES,
  type PersonType,
  VETTING_LEVELS,
  type VettingLevel,
} from '../../people/domain/people.vocabulary';

export { isOneOf } from '../../common/vocabulary';
