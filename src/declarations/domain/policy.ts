/**
 * Force policy for declarations (DOMAIN.md §3, the *configurable* parts), in one typed place.
 * Defaults below; a force changes them here, not in the code that applies them.
 */
import { ASSOCIATION_REASONS, AssociationReason, RiskLevel } from './vocabulary';

export interface DeclarationPolicy {
  /** Default review interval after an assessment, by risk level. */
  readonly reviewMonths: Readonly<Record<RiskLevel, number>>;
  /**
   * Days a declaration may wait for its first triage before it shows as an alert. Calendar days,
   * not working days: the target is about exposure, which does not stop at weekends.
   */
  readonly triageTargetDays: number;
  /** Most associates on one declaration. */
  readonly maxAssociates: number;
  /** Most aliases per associate. */
  readonly maxAliases: number;
  /** Longest text accepted per field, in characters. */
  readonly textLimits: Readonly<{
    fullName: number;
    alias: number;
    circumstances: number;
    rationale: number;
  }>;
  /** The reasons this force accepts on new declarations (a subset of the vocabulary). */
  readonly reasonsInForce: readonly AssociationReason[];
}

export const DECLARATION_POLICY: DeclarationPolicy = {
  reviewMonths: { LOW: 12, MEDIUM: 12, HIGH: 3 },
  triageTargetDays: 10,
  maxAssociates: 50,
  maxAliases: 10,
  textLimits: { fullName: 200, alias: 200, circumstances: 4000, rationale: 4000 },
  reasonsInForce: ASSOCIATION_REASONS,
};

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses YYYY-MM-DD as a UTC date, refusing impossible dates such as 2025-02-30. */
function parseDate(d: string): Date {
  const m = ISO_DATE.exec(d);
  const date = m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])) : new Date(NaN);
  if (!m || date.toISOString().slice(0, 10) !== d) {
    throw new RangeError(`Not a date YYYY-MM-DD: ${JSON.stringify(d)}`);
  }
  return date;
}

function formatDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/**
 * Adds calendar months in UTC; a day that does not exist in the target month becomes its last
 * day (31 Jan + 1 month = 28/29 Feb), so a review is never pushed into the following month.
 */
export function addMonths(date: string, months: number): string {
  const d = parseDate(date);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return formatDate(new Date(Date.UTC(y, m, Math.min(d.getUTCDate(), lastDay))));
}

/** Adds calendar days in UTC. */
export function addDays(date: string, days: number): string {
  const d = parseDate(date);
  d.setUTCDate(d.getUTCDate() + days);
  return formatDate(d);
}

/** The review date an assessment gets unless the assessor sets one: by risk level. */
export function defaultReviewOn(
  assessedOn: string,
  risk: RiskLevel,
  policy: DeclarationPolicy = DECLARATION_POLICY,
): string {
  return addMonths(assessedOn, policy.reviewMonths[risk]);
}

/** The last day a declaration received on `submittedOn` is within the triage target. */
export function triageDueOn(
  submittedOn: string,
  policy: DeclarationPolicy = DECLARATION_POLICY,
): string {
  return addDays(submittedOn, policy.triageTargetDays);
}

/** Whether a declaration still waiting for triage on `today` has passed the target. */
export function isTriageOverdue(
  submittedOn: string,
  today: string,
  policy: DeclarationPolicy = DECLARATION_POLICY,
): boolean {
  return today > triageDueOn(submittedOn, policy);
}
