/**
 * Fixed vocabularies of criminal and conduct cases (DOMAIN.md §2 and §4, API.md), spelled exactly
 * as those documents spell them. Each is an `as const` array (for DTO validation, CHECK
 * constraints and OpenAPI enums) plus the union type derived from it.
 */

// ---------------------------------------------------------------- people (DOMAIN.md §2)

export {
  EMPLOYMENT_STATUSES,
  type EmploymentStatus,
  PERSON_TYPES,
  type PersonType,
} from '../../people/domain/people.vocabulary';

// ---------------------------------------------------------------- criminal cases

export const CRIMINAL_STAGES = [
  'REPORTED',
  'ARRESTED',
  'RELEASED_UNDER_INVESTIGATION',
  'CHARGED',
  'SUMMONSED',
  'AWAITING_TRIAL',
  'CONVICTED',
  'ACQUITTED',
  'DISCONTINUED',
  'NO_FURTHER_ACTION',
  'SENTENCED',
  'APPEAL_PENDING',
  'CONVICTION_QUASHED',
] as const;
export type CriminalStage = (typeof CRIMINAL_STAGES)[number];

/** Home Office offence groups, coarse enough to publish. */
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

// ---------------------------------------------------------------- conduct cases

/** How the matter reached professional standards. */
export const CASE_ORIGINS = [
  'PUBLIC_COMPLAINT',
  'INTERNAL_REPORT',
  'CRIMINAL_INVESTIGATION',
  'DECLARATION_REFERRAL',
  'WHISTLEBLOWER',
  'OTHER',
] as const;
export type CaseOrigin = (typeof CASE_ORIGINS)[number];

/** Severity assessment (Conduct Regulations 2020 reg 14). Ordered from least to most serious. */
export const CONDUCT_SEVERITIES = [
  'NO_MISCONDUCT',
  'PRACTICE_REQUIRING_IMPROVEMENT',
  'MISCONDUCT',
  'GROSS_MISCONDUCT',
] as const;
export type ConductSeverity = (typeof CONDUCT_SEVERITIES)[number];

/** Who investigates: the force, the force under IOPC direction, or the IOPC itself. */
export const INVESTIGATION_FORMS = ['LOCAL', 'DIRECTED', 'INDEPENDENT'] as const;
export type InvestigationForm = (typeof INVESTIGATION_FORMS)[number];

/** Case-to-answer decision at the end of an investigation (reg 23). */
export const CASE_TO_ANSWER_DECISIONS = [
  'NO_CASE_TO_ANSWER',
  'CASE_TO_ANSWER_MISCONDUCT',
  'CASE_TO_ANSWER_GROSS_MISCONDUCT',
] as const;
export type CaseToAnswerDecision = (typeof CASE_TO_ANSWER_DECISIONS)[number];

export const PROCEEDINGS_FORMS = [
  'MISCONDUCT_MEETING',
  'MISCONDUCT_HEARING',
  'ACCELERATED_HEARING',
] as const;
export type ProceedingsForm = (typeof PROCEEDINGS_FORMS)[number];

/**
 * Outcome of a conduct case. `NO_CASE_TO_ANSWER` is reached through the case-to-answer decision,
 * never given by a meeting or hearing; it is in this list because it is how a case ends (FOI
 * extracts count it alongside the rest).
 */
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

/**
 * The finding of a meeting or hearing (the optional `finding` of an `OUTCOME` event). Our own
 * spelling: it reuses the severity words so a finding can be compared with the severity
 * assessment and the case-to-answer decision.
 */
export const CONDUCT_FINDINGS = [
  'NOT_PROVEN',
  'PRACTICE_REQUIRING_IMPROVEMENT',
  'MISCONDUCT',
  'GROSS_MISCONDUCT',
] as const;
export type ConductFinding = (typeof CONDUCT_FINDINGS)[number];

export const CONDUCT_EVENT_TYPES = [
  'SEVERITY_ASSESSED',
  'INVESTIGATION_STARTED',
  'CASE_TO_ANSWER_DECIDED',
  'REFERRED',
  'OUTCOME',
  'APPEAL_LODGED',
  'APPEAL_DECIDED',
  'WITHDRAWN',
] as const;
export type ConductEventType = (typeof CONDUCT_EVENT_TYPES)[number];

/**
 * Where an appeal is heard: an officer's appeal against a meeting outcome goes to an appeal
 * meeting, against a hearing or accelerated hearing outcome to the Police Appeals Tribunal;
 * police staff and PCSOs appeal under the force's staff procedure.
 */
export const APPEAL_FORUMS = [
  'APPEAL_MEETING',
  'POLICE_APPEALS_TRIBUNAL',
  'STAFF_APPEAL_PANEL',
] as const;
export type AppealForum = (typeof APPEAL_FORUMS)[number];

/**
 * `DISMISSED`: the outcome stands. `ALLOWED`: the finding is set aside (the final outcome becomes
 * `NOT_PROVEN` unless a `newOutcome` is substituted). `OUTCOME_VARIED`: the finding stands and a
 * different disciplinary outcome (`newOutcome`, required) replaces the original.
 */
export const APPEAL_RESULTS = ['DISMISSED', 'ALLOWED', 'OUTCOME_VARIED'] as const;
export type AppealResult = (typeof APPEAL_RESULTS)[number];

/**
 * Where a conduct case stands. `NO_CASE_TO_ANSWER`, `CLOSED` and `WITHDRAWN` are terminal;
 * `OUTCOME_DECIDED` is final unless an appeal is lodged. See conduct-case.ts for the moves.
 */
export const CONDUCT_STATUSES = [
  'OPEN',
  'SEVERITY_ASSESSED',
  'UNDER_INVESTIGATION',
  'CASE_TO_ANSWER',
  'NO_CASE_TO_ANSWER',
  'REFERRED',
  'OUTCOME_DECIDED',
  'APPEAL_PENDING',
  'CLOSED',
  'WITHDRAWN',
] as const;
export type ConductStatus = (typeof CONDUCT_STATUSES)[number];

/**
 * What a reader is shown: the stored status, or `PAUSED_SUB_JUDICE` while a linked criminal case
 * is pending. The pause is derived (never stored), so it lifts by itself when the criminal case
 * reaches a verdict or is discontinued.
 */
export const PAUSED_SUB_JUDICE = 'PAUSED_SUB_JUDICE' as const;
export type ConductDisplayStatus = ConductStatus | typeof PAUSED_SUB_JUDICE;

/** Disciplinary procedure the person falls under (the barred-list rule applies to both). */
export const CONDUCT_PROCEDURES = [
  'POLICE_CONDUCT_REGULATIONS_2020',
  'STAFF_MISCONDUCT_PROCEDURE',
] as const;
export type ConductProcedure = (typeof CONDUCT_PROCEDURES)[number];

export const WARNING_TYPES = ['WRITTEN_WARNING', 'FINAL_WRITTEN_WARNING'] as const;
export type WarningType = (typeof WARNING_TYPES)[number];

// ---------------------------------------------------------------- barred and advisory lists

export const LIST_TYPES = ['BARRED', 'ADVISORY'] as const;
export type ListType = (typeof LIST_TYPES)[number];

/**
 * `PENDING` is ours, not DOMAIN.md's: the report has been created by its trigger but not yet sent
 * to the College (`sentOn` is null). Sending makes it `REPORTED`; the rest are DOMAIN.md's.
 */
export const LIST_STATUSES = [
  'PENDING',
  'REPORTED',
  'ON_LIST',
  'REMOVED',
  'CONVERTED_TO_BARRED',
] as const;
export type ListStatus = (typeof LIST_STATUSES)[number];

export { isOneOf } from '../../common/vocabulary';
