/**
 * Force policy for declarations (DOMAIN.md §3, the *configurable* parts), in one typed place.
 * Defaults below; a force changes them here, not in the code that applies them.
 */
import { addDays, addMonths } from '../../calendar/domain/dates';
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

/** Parses YYYY-MM-DD as a UTC date, refusing impossible dates such as 2025-02-30. */
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
