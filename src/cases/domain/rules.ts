/**
 * The conduct rules of DOMAIN.md §4, one pure function each, each failing with its own stable
 * code. conduct-case.ts calls them while applying events; the service calls the list-report and
 * overrun helpers when it creates reports and alerts.
 */
import { ConflictError } from '../../common/domain-error';
import { addMonths } from '../../calendar/domain/dates';
import { CONDUCT_CASE_ERRORS } from './error-codes';
import type { ConductCaseState } from './conduct-case';
import {
  CONDUCT_SEVERITIES,
  ConductDisplayStatus,
  ConductEventType,
  ConductFinding,
  ConductOutcome,
  ConductProcedure,
  ConductSeverity,
  ConductStatus,
  EmploymentStatus,
  ListStatus,
  ListType,
  PAUSED_SUB_JUDICE,
  PersonType,
  ProceedingsForm,
  WarningType,
} from './vocabulary';

// ---------------------------------------------------------------- shared facts

/**
 * Statuses of someone who has left the force. `DISMISSED` is included: a person already dismissed
 * for one matter is a former officer for the next, and can only be found "would have been
 * dismissed".
 */
const FORMER_STATUSES: readonly EmploymentStatus[] = ['RESIGNED', 'RETIRED', 'DISMISSED'];

export function isFormerStatus(status: EmploymentStatus): boolean {
  return FORMER_STATUSES.includes(status);
}

/** Only officers and specials hold a rank; staff and PCSOs carry a grade. */
export function holdsRank(personType: PersonType): boolean {
  return personType === 'POLICE_OFFICER' || personType === 'SPECIAL_CONSTABLE';
}

export function isDismissalType(outcome: ConductOutcome | null | undefined): boolean {
  return outcome === 'DISMISSAL_WITHOUT_NOTICE' || outcome === 'WOULD_HAVE_BEEN_DISMISSED';
}

/** Compares severities and findings that share the severity words (NOT_PROVEN ranks lowest). */
export function severityRank(level: ConductSeverity | ConductFinding): number {
  return level === 'NOT_PROVEN' ? -1 : CONDUCT_SEVERITIES.indexOf(level);
}

// ---------------------------------------------------------------- procedures

/**
 * Officers and specials fall under the Police (Conduct) Regulations 2020; PCSOs, police staff
 * and everyone else under the force's staff misconduct procedure. The barred and advisory list
 * rules apply to both (Police Act 1996 s88A covers civilian employees).
 */
export function procedureFor(personType: PersonType): ConductProcedure {
  return holdsRank(personType) ? 'POLICE_CONDUCT_REGULATIONS_2020' : 'STAFF_MISCONDUCT_PROCEDURE';
}

// ---------------------------------------------------------------- sub judice

/** States in which a case waits for proceedings; a pending criminal case pauses them. */
const PAUSABLE_STATUSES: readonly ConductStatus[] = [
  'OPEN',
  'SEVERITY_ASSESSED',
  'UNDER_INVESTIGATION',
  'CASE_TO_ANSWER',
  'REFERRED',
];

/**
 * No meeting or hearing (nor its outcome) while the linked criminal case is pending: it could
 * prejudice the criminal proceedings. Assessment, investigation and the case-to-answer decision
 * may continue, and a case may still be withdrawn or appealed.
 */
export function assertNotSubJudice(
  eventType: ConductEventType,
  form: ProceedingsForm | null | undefined,
  linkedCriminalCasePending: boolean,
): void {
  if (!linkedCriminalCasePending) return;
  if (eventType === 'REFERRED' || eventType === 'OUTCOME') {
    throw new ConflictError(
      CONDUCT_CASE_ERRORS.PAUSED_SUB_JUDICE,
      `No ${form ?? 'misconduct proceedings'} while the linked criminal case is pending`,
      [{ field: 'type', message: 'the linked criminal case must reach a verdict first' }],
    );
  }
}

export function isPausedSubJudice(
  state: ConductStatus | Pick<ConductCaseState, 'status'>,
  linkedCriminalCasePending: boolean,
): boolean {
  const status = typeof state === 'string' ? state : state.status;
  return linkedCriminalCasePending && PAUSABLE_STATUSES.includes(status);
}

/** The status to show: the stored one, or `PAUSED_SUB_JUDICE`. */
export function displayStatus(
  state: Pick<ConductCaseState, 'status'>,
  linkedCriminalCasePending: boolean,
): ConductDisplayStatus {
  return isPausedSubJudice(state, linkedCriminalCasePending) ? PAUSED_SUB_JUDICE : state.status;
}

// ---------------------------------------------------------------- former officers and rank

/**
 * Resigning or retiring does not end a case, but the outcomes change: a former officer cannot be
 * dismissed (the finding is "would have been dismissed", which only a former officer can get),
 * and nobody without a rank, or who has left, can be reduced in rank.
 */
export function assertOutcomeAllowedForStatus(
  outcome: ConductOutcome,
  statusAtOutcome: EmploymentStatus,
  personType: PersonType,
): void {
  const former = isFormerStatus(statusAtOutcome);
  if (outcome === 'DISMISSAL_WITHOUT_NOTICE' && former) {
    throw new ConflictError(
      CONDUCT_CASE_ERRORS.FORMER_OFFICER_CANNOT_BE_DISMISSED,
      `A person who has ${statusAtOutcome.toLowerCase()} cannot be dismissed; the outcome is WOULD_HAVE_BEEN_DISMISSED`,
      [{ field: 'outcome', message: 'use WOULD_HAVE_BEEN_DISMISSED for a former officer' }],
    );
  }
  if (outcome === 'WOULD_HAVE_BEEN_DISMISSED' && !former) {
    throw new ConflictError(
      CONDUCT_CASE_ERRORS.WOULD_HAVE_BEEN_DISMISSED_ONLY_FOR_FORMER,
      'WOULD_HAVE_BEEN_DISMISSED applies only to a person who has left',
      [{ field: 'outcome', message: 'use DISMISSAL_WITHOUT_NOTICE for a serving person' }],
    );
  }
  if (outcome === 'REDUCTION_IN_RANK') {
    if (!holdsRank(personType)) {
      throw new ConflictError(
        CONDUCT_CASE_ERRORS.REDUCTION_IN_RANK_REQUIRES_RANK,
        `A ${personType} holds no rank to be reduced`,
        [{ field: 'outcome', message: 'only officers and specials can be reduced in rank' }],
      );
    }
    if (former) {
      throw new ConflictError(
        CONDUCT_CASE_ERRORS.FORMER_OFFICER_CANNOT_BE_REDUCED_IN_RANK,
        'A former officer cannot be reduced in rank',
        [{ field: 'outcome', message: 'not available once the person has left' }],
      );
    }
  }
}

/**
 * Only gross-misconduct proceedings continue once the person has left (DOMAIN.md §4; Conduct
 * Regulations Sch 1 conditions): a misconduct-level referral of a former officer is refused.
 */
export function assertProceedingsAllowedForStatus(
  level: 'MISCONDUCT' | 'GROSS_MISCONDUCT',
  statusOnReferral: EmploymentStatus,
): void {
  if (level !== 'GROSS_MISCONDUCT' && isFormerStatus(statusOnReferral)) {
    throw new ConflictError(
      CONDUCT_CASE_ERRORS.FORMER_OFFICER_GROSS_MISCONDUCT_ONLY,
      'Only gross misconduct proceedings may be brought against a person who has left',
      [{ field: 'form', message: 'the person has left; the case is misconduct, not gross' }],
    );
  }
}

// ---------------------------------------------------------------- warnings and sanctions

export interface Warning {
  type: WarningType;
  /** 'YYYY-MM-DD' */
  givenOn: string;
}

/** Months a warning stays in force (written 18, final 24). */
export const WARNING_MONTHS: Readonly<Record<WarningType, number>> = {
  WRITTEN_WARNING: 18,
  FINAL_WRITTEN_WARNING: 24,
};

/**
 * The first day the warning is no longer in force: the same day of the month 18 or 24 months
 * later, clamped to the month's end (31 Aug 2023 + 18 months = 28 Feb 2025).
 * A warning lasting "18 months from 15 Jan 2023" is in force up to and including 14 Jul 2024.
 */
export function warningExpiresOn(type: WarningType, givenOn: string): string {
  return addMonths(givenOn, WARNING_MONTHS[type]);
}

/** In force from the day it is given until the day before it expires. */
export function isWarningLive(warning: Warning, onDate: string): boolean {
  return warning.givenOn <= onDate && onDate < warningExpiresOn(warning.type, warning.givenOn);
}

export function liveWarningsOn(warnings: readonly Warning[], onDate: string): Warning[] {
  return warnings.filter((w) => isWarningLive(w, onDate));
}

const RIR_OR_DISMISSAL: readonly ConductOutcome[] = [
  'REDUCTION_IN_RANK',
  'DISMISSAL_WITHOUT_NOTICE',
  'WOULD_HAVE_BEEN_DISMISSED',
];

/**
 * After a misconduct (not gross) finding, reduction in rank or dismissal is available only where
 * a final written warning was in force at the severity assessment (reg 42). The caller passes the
 * warnings live at that date (see `liveWarningsOn`). Gross misconduct findings need no warning.
 */
export function assertSanctionAllowed(
  outcome: ConductOutcome,
  finding: ConductFinding,
  liveWarningsAtSeverity: readonly Warning[],
): void {
  if (finding !== 'MISCONDUCT' || !RIR_OR_DISMISSAL.includes(outcome)) return;
  if (!liveWarningsAtSeverity.some((w) => w.type === 'FINAL_WRITTEN_WARNING')) {
    throw new ConflictError(
      CONDUCT_CASE_ERRORS.SANCTION_REQUIRES_LIVE_FINAL_WARNING,
      `${outcome} after a misconduct finding needs a final written warning live at the severity assessment`,
      [
        {
          field: 'outcome',
          message: 'no final written warning was live at the severity assessment',
        },
      ],
    );
  }
}

/**
 * Which outcomes a finding supports (reg 42): not proven ends with nothing; practice requiring
 * improvement with reflective practice; misconduct with a warning (or, with a live final written
 * warning, reduction in rank or dismissal); gross misconduct with a final written warning,
 * reduction in rank or dismissal (a plain written warning is not available).
 */
export const OUTCOMES_FOR_FINDING: Readonly<Record<ConductFinding, readonly ConductOutcome[]>> = {
  NOT_PROVEN: ['NOT_PROVEN'],
  PRACTICE_REQUIRING_IMPROVEMENT: ['REFLECTIVE_PRACTICE'],
  MISCONDUCT: [
    'WRITTEN_WARNING',
    'FINAL_WRITTEN_WARNING',
    'REDUCTION_IN_RANK',
    'DISMISSAL_WITHOUT_NOTICE',
    'WOULD_HAVE_BEEN_DISMISSED',
  ],
  GROSS_MISCONDUCT: [
    'FINAL_WRITTEN_WARNING',
    'REDUCTION_IN_RANK',
    'DISMISSAL_WITHOUT_NOTICE',
    'WOULD_HAVE_BEEN_DISMISSED',
  ],
};

export function assertOutcomeConsistentWithFinding(
  outcome: ConductOutcome,
  finding: ConductFinding,
): void {
  if (!OUTCOMES_FOR_FINDING[finding].includes(outcome)) {
    throw new ConflictError(
      CONDUCT_CASE_ERRORS.OUTCOME_INCONSISTENT_WITH_FINDING,
      `${outcome} cannot follow a finding of ${finding}`,
      [{ field: 'outcome', message: `allowed: ${OUTCOMES_FOR_FINDING[finding].join(', ')}` }],
    );
  }
}

// ---------------------------------------------------------------- indictable-only convictions

/** SI 2025/558: from this date an indictable-only conviction is gross misconduct. */
export const INDICTABLE_ONLY_RULE_FROM = '2025-05-28';

export interface LinkedConviction {
  convictedOn: string;
  indictableOnly: boolean;
}

/** The severity the law now fixes, or null when the assessor is free to decide. */
export function requiredSeverity(conviction?: LinkedConviction | null): 'GROSS_MISCONDUCT' | null {
  return conviction?.indictableOnly === true && conviction.convictedOn >= INDICTABLE_ONLY_RULE_FROM
    ? 'GROSS_MISCONDUCT'
    : null;
}

/** Refuses a severity, decision level or finding below what the conviction fixes. */
export function assertSeverityAllowed(
  severity: ConductSeverity | ConductFinding,
  conviction?: LinkedConviction | null,
  field = 'severity',
): void {
  const required = requiredSeverity(conviction);
  if (required !== null && severityRank(severity) < severityRank(required)) {
    throw new ConflictError(
      CONDUCT_CASE_ERRORS.INDICTABLE_ONLY_CONVICTION_IS_GROSS,
      `A conviction for an indictable-only offence on or after ${INDICTABLE_ONLY_RULE_FROM} is gross misconduct`,
      [{ field, message: 'must be GROSS_MISCONDUCT' }],
    );
  }
}

// ---------------------------------------------------------------- barred and advisory lists

export type ListReportReason =
  | 'DISMISSED'
  | 'WOULD_HAVE_BEEN_DISMISSED'
  | 'RESIGNED_WHILE_ALLEGATION_LIVE'
  | 'RETIRED_WHILE_ALLEGATION_LIVE';

export interface ListReportTrigger {
  list: ListType;
  /** The date the 5-working-day clock runs from (the due date is the service's, by calendar). */
  triggerOn: string;
  reason: ListReportReason;
}

export interface StatusChange {
  status: EmploymentStatus;
  /** 'YYYY-MM-DD' */
  effectiveFrom: string;
}

export interface ListReportFacts {
  cameToAttentionOn: string;
  conductCase: Pick<
    ConductCaseState,
    'outcome' | 'outcomeOn' | 'finalOutcome' | 'finalOutcomeOn' | 'allegationClosedOn'
  >;
  /** The person's employment status history (any order). */
  statusHistory: readonly StatusChange[];
}

/**
 * The list reports a conduct case calls for, given everything known now (the service creates the
 * ones it has not yet created):
 * - barred: the case reached dismissal or would-have-been-dismissed, at a meeting/hearing or on
 *   appeal, for every person type; the trigger is the date of that outcome;
 * - advisory: the person resigned or retired while the allegation was live (from the date it came
 *   to attention until the case ended without proceedings or with an outcome); the trigger is the
 *   effective date of that status change. At most one of each.
 */
export function listReportTriggers(facts: ListReportFacts): ListReportTrigger[] {
  const triggers: ListReportTrigger[] = [];
  const { conductCase: c } = facts;

  const closedOn = c.allegationClosedOn;
  const history = [...facts.statusHistory].sort((a, b) =>
    a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : 0,
  );
  let previous: EmploymentStatus | null = null;
  for (const change of history) {
    const leaving =
      (change.status === 'RESIGNED' || change.status === 'RETIRED') &&
      (previous === null || !isFormerStatus(previous));
    previous = change.status;
    if (!leaving) continue;
    const live =
      change.effectiveFrom >= facts.cameToAttentionOn &&
      (closedOn === null || change.effectiveFrom < closedOn);
    if (live) {
      triggers.push({
        list: 'ADVISORY',
        triggerOn: change.effectiveFrom,
        reason:
          change.status === 'RESIGNED'
            ? 'RESIGNED_WHILE_ALLEGATION_LIVE'
            : 'RETIRED_WHILE_ALLEGATION_LIVE',
      });
      break;
    }
  }

  const dismissal =
    isDismissalType(c.outcome) && c.outcomeOn !== null
      ? { outcome: c.outcome, on: c.outcomeOn }
      : isDismissalType(c.finalOutcome) && c.finalOutcomeOn !== null
        ? { outcome: c.finalOutcome, on: c.finalOutcomeOn }
        : null;
  if (dismissal !== null) {
    triggers.push({
      list: 'BARRED',
      triggerOn: dismissal.on,
      reason:
        dismissal.outcome === 'WOULD_HAVE_BEEN_DISMISSED'
          ? 'WOULD_HAVE_BEEN_DISMISSED'
          : 'DISMISSED',
    });
  }
  return triggers;
}

/**
 * What becomes of an advisory-list entry when its case ends (s88L): converted to a barred entry
 * when the case ends in dismissal or would-have-been-dismissed, otherwise removed (no case to
 * answer, not proven, a lesser outcome, withdrawn, or closed at assessment).
 */
export function advisoryStatusOnCaseEnd(
  finalOutcome: ConductOutcome | null,
): Extract<ListStatus, 'CONVERTED_TO_BARRED' | 'REMOVED'> {
  return isDismissalType(finalOutcome) ? 'CONVERTED_TO_BARRED' : 'REMOVED';
}

// ---------------------------------------------------------------- investigation overrun (reg 19)

export const OVERRUN_FIRST_REPORT_MONTHS = 12;
export const OVERRUN_REPEAT_MONTHS = 6;

export interface OverrunReports {
  /** Report dates on or before `onDate`, oldest first. */
  due: string[];
  /** The next report date after `onDate`; null once the investigation has closed. */
  next: string | null;
}

/**
 * Reports on an investigation still open 12 months after its clock started, then every 6 months.
 * Each date is counted from the start (start + 12, + 18, + 24 months, clamped to month end) so
 * clamping in a short month does not drift later dates. Reg 19 runs the clock from the date the
 * allegation came to attention; pass that as `clockStartsOn`. A report falls due only while the
 * investigation is open: none on or after `closedOn`.
 */
export function overrunReportsDue(
  clockStartsOn: string,
  onDate: string,
  closedOn: string | null = null,
): OverrunReports {
  const due: string[] = [];
  for (let k = 0; ; k++) {
    const reportOn = addMonths(
      clockStartsOn,
      OVERRUN_FIRST_REPORT_MONTHS + OVERRUN_REPEAT_MONTHS * k,
    );
    if (closedOn !== null && reportOn >= closedOn) return { due, next: null };
    if (reportOn > onDate) return { due, next: reportOn };
    due.push(reportOn);
  }
}
