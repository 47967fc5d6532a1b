/**
 * Rules for an assessment and for the dates a declarant gives, beyond what a DTO can check
 * field by field. Pure functions; the service calls them and turns the details into a 400.
 *
 * Decisions (DOMAIN.md §3 leaves them to us):
 * - "Review date required unless closed": NO_FURTHER_ACTION closes the declaration when the
 *   assessor gives no review date; every other outcome is monitored, so a missing review date
 *   takes the policy default for the risk level. An assessor may still set a review date on a
 *   NO_FURTHER_ACTION outcome (then it is monitored until that date).
 * - A review date, when given, must be after the assessment date.
 * - A RISK_MANAGEMENT_PLAN needs at least one condition; NO_FURTHER_ACTION takes none; the other
 *   outcomes may carry conditions (e.g. RESTRICTED_DUTIES with RESTRICT_POSTING).
 */
import type { ErrorDetail } from '../../common/domain-error';
import { defaultReviewOn, DECLARATION_POLICY, DeclarationPolicy } from './policy';
import type { AssessmentOutcome, PlanCondition, RiskLevel } from './vocabulary';

/** Outcomes that close the declaration when no review date is given. */
export const CLOSING_OUTCOMES: readonly AssessmentOutcome[] = ['NO_FURTHER_ACTION'];

export interface AssessmentInput {
  riskLevel: RiskLevel;
  outcome: AssessmentOutcome;
  conditions?: readonly PlanCondition[];
  reviewOn?: string | null;
}

/** Problems with an assessment, by field; empty when it is acceptable. */
export function assessmentProblems(a: AssessmentInput, assessedOn: string): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const conditions = a.conditions ?? [];
  if (a.outcome === 'RISK_MANAGEMENT_PLAN' && conditions.length === 0) {
    problems.push({
      field: 'conditions',
      message: 'a RISK_MANAGEMENT_PLAN needs at least one condition',
    });
  }
  if (a.outcome === 'NO_FURTHER_ACTION' && conditions.length > 0) {
    problems.push({ field: 'conditions', message: 'NO_FURTHER_ACTION takes no conditions' });
  }
  if (a.reviewOn && a.reviewOn <= assessedOn) {
    problems.push({ field: 'reviewOn', message: 'reviewOn must be after the assessment date' });
  }
  return problems;
}

/**
 * The review date the assessment ends up with: the one given, else null for a closing outcome,
 * else the policy default for the risk level. Null means the declaration is CLOSED.
 */
export function resolveReviewOn(
  a: AssessmentInput,
  assessedOn: string,
  policy: DeclarationPolicy = DECLARATION_POLICY,
): string | null {
  if (a.reviewOn) return a.reviewOn;
  if (CLOSING_OUTCOMES.includes(a.outcome)) return null;
  return defaultReviewOn(assessedOn, a.riskLevel, policy);
}

export interface AssociateDates {
  current: boolean;
  endedOn?: string | null;
  dateOfBirth?: string | null;
}

/**
 * Cross-field date rules for a declaration's associates (single-field rules such as "not in
 * the future" sit on the DTO): an ended association needs its end date, a current one has
 * none, and an association cannot end before the declarant became aware of it.
 */
export function associateDateProblems(
  becameAwareOn: string,
  associates: readonly AssociateDates[],
): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  associates.forEach((a, i) => {
    const field = `associates[${i}].endedOn`;
    if (!a.current && !a.endedOn) {
      problems.push({ field, message: 'endedOn is required when the association has ended' });
    }
    if (a.current && a.endedOn) {
      problems.push({ field, message: 'a current association has no endedOn' });
    }
    if (a.endedOn && a.endedOn < becameAwareOn) {
      problems.push({ field, message: 'endedOn must not be before becameAwareOn' });
    }
    if (a.dateOfBirth && a.dateOfBirth > becameAwareOn) {
      problems.push({
        field: `associates[${i}].dateOfBirth`,
        message: 'dateOfBirth must not be after becameAwareOn',
      });
    }
  });
  return problems;
}
