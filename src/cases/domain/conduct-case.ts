/**
 * The conduct case as a state machine: a transition table over event types, one
 * `assertConductTransition()`, and `applyConductEvent()`, which checks the rules (rules.ts)
 * against the facts the service supplies and returns the next state. Pure: no Nest, no TypeORM.
 *
 *   OPEN                 SEVERITY_ASSESSED → SEVERITY_ASSESSED¹   WITHDRAWN → WITHDRAWN
 *   SEVERITY_ASSESSED    SEVERITY_ASSESSED → SEVERITY_ASSESSED¹ (reassessment)
 *                        INVESTIGATION_STARTED → UNDER_INVESTIGATION
 *                        REFERRED (accelerated hearing only) → REFERRED   WITHDRAWN
 *   UNDER_INVESTIGATION  SEVERITY_ASSESSED → UNDER_INVESTIGATION¹ (reassessment)
 *                        CASE_TO_ANSWER_DECIDED → CASE_TO_ANSWER | NO_CASE_TO_ANSWER (terminal)
 *                        REFERRED (accelerated hearing only) → REFERRED   WITHDRAWN
 *   CASE_TO_ANSWER       REFERRED (meeting, hearing or accelerated) → REFERRED   WITHDRAWN
 *   REFERRED             OUTCOME → OUTCOME_DECIDED   WITHDRAWN
 *   OUTCOME_DECIDED      APPEAL_LODGED → APPEAL_PENDING   (otherwise final)
 *   APPEAL_PENDING       APPEAL_DECIDED → CLOSED
 *   NO_CASE_TO_ANSWER, CLOSED, WITHDRAWN: terminal
 *
 * ¹ or CLOSED when the (re)assessment is NO_MISCONDUCT or PRACTICE_REQUIRING_IMPROVEMENT (dealt
 *   with by reflective practice): no investigation or proceedings under the regulations follow.
 * An accelerated hearing may be certified straight after a gross-misconduct severity assessment
 * or during the investigation (special conditions: e.g. a conviction); meetings and hearings
 * follow an investigation and a case-to-answer decision.
 */
import { ConflictError, ValidationError } from '../../common/domain-error';
import { isIsoDate } from '../../calendar/domain/dates';
import { CONDUCT_CASE_ERRORS } from './error-codes';
import {
  LinkedConviction,
  Warning,
  assertNotSubJudice,
  assertOutcomeAllowedForStatus,
  assertOutcomeConsistentWithFinding,
  assertProceedingsAllowedForStatus,
  assertSanctionAllowed,
  assertSeverityAllowed,
  liveWarningsOn,
  procedureFor,
  severityRank,
} from './rules';
import {
  APPEAL_FORUMS,
  APPEAL_RESULTS,
  AppealForum,
  AppealResult,
  CASE_TO_ANSWER_DECISIONS,
  CONDUCT_EVENT_TYPES,
  CONDUCT_FINDINGS,
  CONDUCT_OUTCOMES,
  CONDUCT_SEVERITIES,
  CaseToAnswerDecision,
  ConductEventType,
  ConductFinding,
  ConductOutcome,
  ConductSeverity,
  ConductStatus,
  EmploymentStatus,
  INVESTIGATION_FORMS,
  InvestigationForm,
  PROCEEDINGS_FORMS,
  PersonType,
  ProceedingsForm,
  isOneOf,
} from './vocabulary';

// ---------------------------------------------------------------- events, context, state

interface EventBase {
  /** 'YYYY-MM-DD' */
  on: string;
}
export type ConductEvent =
  | (EventBase & { type: 'SEVERITY_ASSESSED'; severity: ConductSeverity })
  | (EventBase & { type: 'INVESTIGATION_STARTED'; form: InvestigationForm })
  | (EventBase & { type: 'CASE_TO_ANSWER_DECIDED'; decision: CaseToAnswerDecision })
  | (EventBase & { type: 'REFERRED'; form: ProceedingsForm })
  | (EventBase & { type: 'OUTCOME'; outcome: ConductOutcome; finding?: ConductFinding })
  | (EventBase & { type: 'APPEAL_LODGED'; forum: AppealForum })
  | (EventBase & { type: 'APPEAL_DECIDED'; result: AppealResult; newOutcome?: ConductOutcome })
  | (EventBase & { type: 'WITHDRAWN'; reason: string });

/** Facts from outside the case that the rules need, as they stand on the event's date. */
export interface ConductContext {
  linkedCriminalCasePending: boolean;
  personType: PersonType;
  personStatusOnEventDate: EmploymentStatus;
  /**
   * The person's warnings live at the severity assessment date. They are filtered again here
   * against that date, so passing all the person's warnings is safe.
   */
  liveWarnings: readonly Warning[];
  /** The linked criminal case's standing conviction, if any. */
  linkedConviction?: LinkedConviction;
}

export interface ConductCaseState {
  status: ConductStatus;
  cameToAttentionOn: string;
  /** The date of the latest accepted event; events may not be dated before it. */
  lastEventOn: string | null;
  /** The latest severity assessment. */
  severity: ConductSeverity | null;
  /** The first severity assessment: warnings are judged live or not at this date (reg 42). */
  severityAssessedOn: string | null;
  investigationForm: InvestigationForm | null;
  investigationStartedOn: string | null;
  investigationEndedOn: string | null;
  caseToAnswer: CaseToAnswerDecision | null;
  caseToAnswerOn: string | null;
  proceedingsForm: ProceedingsForm | null;
  referredOn: string | null;
  finding: ConductFinding | null;
  /** As decided by the meeting or hearing. */
  outcome: ConductOutcome | null;
  outcomeOn: string | null;
  appealForum: AppealForum | null;
  appealLodgedOn: string | null;
  appealResult: AppealResult | null;
  appealDecidedOn: string | null;
  /** How the case ended: the forum's outcome as it stands after any appeal. */
  finalOutcome: ConductOutcome | null;
  finalOutcomeOn: string | null;
  /** When the allegation stopped being live (no case, withdrawn, closed, or an outcome given). */
  allegationClosedOn: string | null;
  withdrawnReason: string | null;
}

export function openConductCase(cameToAttentionOn: string): ConductCaseState {
  assertDate(cameToAttentionOn, 'cameToAttentionOn');
  return {
    status: 'OPEN',
    cameToAttentionOn,
    lastEventOn: null,
    severity: null,
    severityAssessedOn: null,
    investigationForm: null,
    investigationStartedOn: null,
    investigationEndedOn: null,
    caseToAnswer: null,
    caseToAnswerOn: null,
    proceedingsForm: null,
    referredOn: null,
    finding: null,
    outcome: null,
    outcomeOn: null,
    appealForum: null,
    appealLodgedOn: null,
    appealResult: null,
    appealDecidedOn: null,
    finalOutcome: null,
    finalOutcomeOn: null,
    allegationClosedOn: null,
    withdrawnReason: null,
  };
}

// ---------------------------------------------------------------- the table

type Moves = Partial<Record<ConductEventType, readonly ConductStatus[]>>;

/** For each status, the events it accepts and the statuses each may lead to. */
export const CONDUCT_TRANSITIONS: Readonly<Record<ConductStatus, Moves>> = {
  OPEN: {
    SEVERITY_ASSESSED: ['SEVERITY_ASSESSED', 'CLOSED'],
    WITHDRAWN: ['WITHDRAWN'],
  },
  SEVERITY_ASSESSED: {
    SEVERITY_ASSESSED: ['SEVERITY_ASSESSED', 'CLOSED'],
    INVESTIGATION_STARTED: ['UNDER_INVESTIGATION'],
    REFERRED: ['REFERRED'],
    WITHDRAWN: ['WITHDRAWN'],
  },
  UNDER_INVESTIGATION: {
    SEVERITY_ASSESSED: ['UNDER_INVESTIGATION', 'CLOSED'],
    CASE_TO_ANSWER_DECIDED: ['CASE_TO_ANSWER', 'NO_CASE_TO_ANSWER'],
    REFERRED: ['REFERRED'],
    WITHDRAWN: ['WITHDRAWN'],
  },
  CASE_TO_ANSWER: {
    REFERRED: ['REFERRED'],
    WITHDRAWN: ['WITHDRAWN'],
  },
  REFERRED: {
    OUTCOME: ['OUTCOME_DECIDED'],
    WITHDRAWN: ['WITHDRAWN'],
  },
  OUTCOME_DECIDED: {
    APPEAL_LODGED: ['APPEAL_PENDING'],
  },
  APPEAL_PENDING: {
    APPEAL_DECIDED: ['CLOSED'],
  },
  NO_CASE_TO_ANSWER: {},
  CLOSED: {},
  WITHDRAWN: {},
};

/** Which proceedings a referral may open from each status (others: INVALID_TRANSITION). */
export const REFERRAL_FORMS_FROM: Readonly<
  Partial<Record<ConductStatus, readonly ProceedingsForm[]>>
> = {
  SEVERITY_ASSESSED: ['ACCELERATED_HEARING'],
  UNDER_INVESTIGATION: ['ACCELERATED_HEARING'],
  CASE_TO_ANSWER: ['MISCONDUCT_MEETING', 'MISCONDUCT_HEARING', 'ACCELERATED_HEARING'],
};

export const TERMINAL_CONDUCT_STATUSES: readonly ConductStatus[] = [
  'NO_CASE_TO_ANSWER',
  'CLOSED',
  'WITHDRAWN',
];

/** What each forum may find and decide: a meeting cannot find gross misconduct or dismiss. */
export const FINDINGS_AT_FORUM: Readonly<Record<ProceedingsForm, readonly ConductFinding[]>> = {
  MISCONDUCT_MEETING: ['NOT_PROVEN', 'PRACTICE_REQUIRING_IMPROVEMENT', 'MISCONDUCT'],
  MISCONDUCT_HEARING: CONDUCT_FINDINGS,
  ACCELERATED_HEARING: CONDUCT_FINDINGS,
};

const HEARING_OUTCOMES: readonly ConductOutcome[] = CONDUCT_OUTCOMES.filter(
  (o) => o !== 'NO_CASE_TO_ANSWER',
);
export const OUTCOMES_AT_FORUM: Readonly<Record<ProceedingsForm, readonly ConductOutcome[]>> = {
  MISCONDUCT_MEETING: [
    'NOT_PROVEN',
    'REFLECTIVE_PRACTICE',
    'WRITTEN_WARNING',
    'FINAL_WRITTEN_WARNING',
  ],
  MISCONDUCT_HEARING: HEARING_OUTCOMES,
  ACCELERATED_HEARING: HEARING_OUTCOMES,
};

export function allowedConductEvents(status: ConductStatus): ConductEventType[] {
  return Object.keys(CONDUCT_TRANSITIONS[status]) as ConductEventType[];
}

/**
 * Refuses an event the process does not allow from `status` (409
 * CONDUCT_CASE.INVALID_TRANSITION), including a meeting or hearing before a case-to-answer
 * decision.
 */
export function assertConductTransition(
  status: ConductStatus,
  event: { type: ConductEventType; form?: unknown },
): void {
  const targets = CONDUCT_TRANSITIONS[status][event.type];
  const formAllowed =
    event.type !== 'REFERRED' ||
    (REFERRAL_FORMS_FROM[status] ?? []).includes(event.form as ProceedingsForm);
  if (targets === undefined || !formAllowed) {
    const step = event.type === 'REFERRED' ? `REFERRED to ${String(event.form)}` : event.type;
    throw new ConflictError(
      CONDUCT_CASE_ERRORS.INVALID_TRANSITION,
      `${step} is not allowed when the case is ${status}`,
      [{ field: 'type', message: `allowed: ${allowedConductEvents(status).join(', ') || 'none'}` }],
    );
  }
}

/** The appeal route: staff procedure, an appeal meeting after a meeting, else the PAT. */
export function appealForumFor(personType: PersonType, form: ProceedingsForm): AppealForum {
  if (procedureFor(personType) === 'STAFF_MISCONDUCT_PROCEDURE') return 'STAFF_APPEAL_PANEL';
  return form === 'MISCONDUCT_MEETING' ? 'APPEAL_MEETING' : 'POLICE_APPEALS_TRIBUNAL';
}

/** Whether the allegation is still live (the advisory-list test). */
export function isAllegationLive(state: Pick<ConductCaseState, 'allegationClosedOn'>): boolean {
  return state.allegationClosedOn === null;
}

// ---------------------------------------------------------------- applying an event

export function applyConductEvent(
  state: ConductCaseState,
  event: ConductEvent,
  ctx: ConductContext,
): ConductCaseState {
  requireOneOf(CONDUCT_EVENT_TYPES, event.type, 'type');
  assertDate(event.on, 'on');
  assertConductTransition(state.status, event);
  const notBefore = state.lastEventOn ?? state.cameToAttentionOn;
  if (event.on < notBefore) {
    throw new ConflictError(
      CONDUCT_CASE_ERRORS.EVENT_DATE_BEFORE_PREVIOUS,
      `Event dated ${event.on} is before ${notBefore}`,
      [{ field: 'on', message: `must be on or after ${notBefore}` }],
    );
  }
  if (ctx.personStatusOnEventDate === 'DECEASED' && event.type !== 'WITHDRAWN') {
    throw new ConflictError(
      CONDUCT_CASE_ERRORS.PERSON_DECEASED,
      'Proceedings cannot continue against a person who has died; withdraw the case',
      [{ field: 'type', message: 'only WITHDRAWN is possible' }],
    );
  }
  const next = step(state, event, ctx);
  return { ...next, lastEventOn: event.on };
}

/** Replays a case's events in order (each with the facts as they stood on its date). */
export function replayConductEvents(
  cameToAttentionOn: string,
  steps: readonly { event: ConductEvent; ctx: ConductContext }[],
): ConductCaseState {
  return steps.reduce(
    (state, { event, ctx }) => applyConductEvent(state, event, ctx),
    openConductCase(cameToAttentionOn),
  );
}

function step(state: ConductCaseState, event: ConductEvent, ctx: ConductContext): ConductCaseState {
  const on = event.on;
  switch (event.type) {
    case 'SEVERITY_ASSESSED': {
      const severity = requireOneOf(CONDUCT_SEVERITIES, event.severity, 'severity');
      assertSeverityAllowed(severity, ctx.linkedConviction);
      const base = { ...state, severity, severityAssessedOn: state.severityAssessedOn ?? on };
      if (severity === 'NO_MISCONDUCT' || severity === 'PRACTICE_REQUIRING_IMPROVEMENT') {
        // Below misconduct nothing proceeds under the regulations; PRI goes to reflective practice.
        return {
          ...endInvestigation(base, on),
          status: 'CLOSED',
          finalOutcome: severity === 'NO_MISCONDUCT' ? null : 'REFLECTIVE_PRACTICE',
          finalOutcomeOn: severity === 'NO_MISCONDUCT' ? null : on,
          allegationClosedOn: on,
        };
      }
      // A reassessment during the investigation leaves it running.
      return {
        ...base,
        status:
          state.status === 'UNDER_INVESTIGATION' ? 'UNDER_INVESTIGATION' : 'SEVERITY_ASSESSED',
      };
    }

    case 'INVESTIGATION_STARTED': {
      const form = requireOneOf(INVESTIGATION_FORMS, event.form, 'form');
      // Allowed while sub judice: the investigation may continue.
      return {
        ...state,
        status: 'UNDER_INVESTIGATION',
        investigationForm: form,
        investigationStartedOn: on,
      };
    }

    case 'CASE_TO_ANSWER_DECIDED': {
      const decision = requireOneOf(CASE_TO_ANSWER_DECISIONS, event.decision, 'decision');
      if (decision === 'CASE_TO_ANSWER_GROSS_MISCONDUCT' && state.severity !== 'GROSS_MISCONDUCT') {
        throw new ConflictError(
          CONDUCT_CASE_ERRORS.DECISION_EXCEEDS_SEVERITY,
          'A gross misconduct case to answer needs a gross misconduct severity assessment first',
          [{ field: 'decision', message: 'reassess the severity as GROSS_MISCONDUCT first' }],
        );
      }
      if (decision === 'CASE_TO_ANSWER_MISCONDUCT') {
        assertSeverityAllowed('MISCONDUCT', ctx.linkedConviction, 'decision');
      }
      const decided = {
        ...endInvestigation(state, on),
        caseToAnswer: decision,
        caseToAnswerOn: on,
      };
      return decision === 'NO_CASE_TO_ANSWER'
        ? {
            ...decided,
            status: 'NO_CASE_TO_ANSWER',
            finalOutcome: 'NO_CASE_TO_ANSWER',
            finalOutcomeOn: on,
            allegationClosedOn: on,
          }
        : { ...decided, status: 'CASE_TO_ANSWER' };
    }

    case 'REFERRED': {
      const form = requireOneOf(PROCEEDINGS_FORMS, event.form, 'form');
      assertNotSubJudice('REFERRED', form, ctx.linkedCriminalCasePending);
      const level = referralLevel(state, form, ctx);
      assertProceedingsAllowedForStatus(level, ctx.personStatusOnEventDate);
      return {
        ...endInvestigation(state, on),
        status: 'REFERRED',
        proceedingsForm: form,
        referredOn: on,
      };
    }

    case 'OUTCOME': {
      const form = state.proceedingsForm as ProceedingsForm;
      assertNotSubJudice('OUTCOME', form, ctx.linkedCriminalCasePending);
      const outcome = requireOneOf(CONDUCT_OUTCOMES, event.outcome, 'outcome');
      if (!OUTCOMES_AT_FORUM[form].includes(outcome)) {
        throw new ConflictError(
          CONDUCT_CASE_ERRORS.OUTCOME_NOT_AVAILABLE_AT_FORUM,
          `A ${form} cannot decide ${outcome}`,
          [{ field: 'outcome', message: `allowed: ${OUTCOMES_AT_FORUM[form].join(', ')}` }],
        );
      }
      const finding =
        event.finding === undefined
          ? impliedFinding(outcome, state)
          : requireOneOf(CONDUCT_FINDINGS, event.finding, 'finding');
      if (!FINDINGS_AT_FORUM[form].includes(finding)) {
        throw new ConflictError(
          CONDUCT_CASE_ERRORS.FINDING_NOT_AVAILABLE_AT_FORUM,
          `A ${form} cannot find ${finding}`,
          [{ field: 'finding', message: `allowed: ${FINDINGS_AT_FORUM[form].join(', ')}` }],
        );
      }
      if (severityRank(finding) > severityRank(proceedingsLevel(state))) {
        throw new ConflictError(
          CONDUCT_CASE_ERRORS.FINDING_EXCEEDS_REFERRAL,
          `Proceedings for ${proceedingsLevel(state)} cannot find ${finding}`,
          [{ field: 'finding', message: `at most ${proceedingsLevel(state)}` }],
        );
      }
      assertOutcomeConsistentWithFinding(outcome, finding);
      if (finding !== 'NOT_PROVEN') assertSeverityAllowed(finding, ctx.linkedConviction, 'finding');
      assertOutcomeAllowedForStatus(outcome, ctx.personStatusOnEventDate, ctx.personType);
      assertSanctionAllowed(outcome, finding, warningsAtSeverity(state, ctx));
      return {
        ...state,
        status: 'OUTCOME_DECIDED',
        finding,
        outcome,
        outcomeOn: on,
        finalOutcome: outcome,
        finalOutcomeOn: on,
        allegationClosedOn: on,
      };
    }

    case 'APPEAL_LODGED': {
      const forum = requireOneOf(APPEAL_FORUMS, event.forum, 'forum');
      if (state.outcome === 'NOT_PROVEN') {
        throw new ConflictError(
          CONDUCT_CASE_ERRORS.NOTHING_TO_APPEAL,
          'Nothing was found against the person, so there is nothing to appeal',
          [{ field: 'type', message: 'the outcome was NOT_PROVEN' }],
        );
      }
      const expected = appealForumFor(ctx.personType, state.proceedingsForm as ProceedingsForm);
      if (forum !== expected) {
        throw new ConflictError(
          CONDUCT_CASE_ERRORS.APPEAL_FORUM_NOT_AVAILABLE,
          `This outcome is appealed to ${expected}, not ${forum}`,
          [{ field: 'forum', message: `must be ${expected}` }],
        );
      }
      return { ...state, status: 'APPEAL_PENDING', appealForum: forum, appealLodgedOn: on };
    }

    case 'APPEAL_DECIDED': {
      const result = requireOneOf(APPEAL_RESULTS, event.result, 'result');
      const newOutcome = decideAppealOutcome(state, result, event.newOutcome, ctx);
      const changed = newOutcome !== state.finalOutcome;
      return {
        ...state,
        status: 'CLOSED',
        appealResult: result,
        appealDecidedOn: on,
        finalOutcome: newOutcome,
        finalOutcomeOn: changed ? on : state.finalOutcomeOn,
      };
    }

    case 'WITHDRAWN': {
      if (typeof event.reason !== 'string' || event.reason.trim() === '') {
        throw new ValidationError(CONDUCT_CASE_ERRORS.INVALID_FIELD, 'A reason is required', [
          { field: 'reason', message: 'must not be empty' },
        ]);
      }
      return {
        ...endInvestigation(state, on),
        status: 'WITHDRAWN',
        withdrawnReason: event.reason.trim(),
        allegationClosedOn: on,
      };
    }
  }
}

/**
 * The level of the proceedings a referral opens, checked against the form: gross misconduct goes
 * to a hearing (or an accelerated hearing); misconduct to a meeting, or to a hearing only when a
 * final written warning was live at the severity assessment.
 */
function referralLevel(
  state: ConductCaseState,
  form: ProceedingsForm,
  ctx: ConductContext,
): 'MISCONDUCT' | 'GROSS_MISCONDUCT' {
  if (form === 'ACCELERATED_HEARING') {
    if (
      state.severity !== 'GROSS_MISCONDUCT' ||
      (state.caseToAnswer !== null && state.caseToAnswer !== 'CASE_TO_ANSWER_GROSS_MISCONDUCT')
    ) {
      throw new ConflictError(
        CONDUCT_CASE_ERRORS.ACCELERATED_HEARING_REQUIRES_GROSS,
        'An accelerated hearing is only for gross misconduct',
        [{ field: 'form', message: 'the case is not assessed as gross misconduct' }],
      );
    }
    return 'GROSS_MISCONDUCT';
  }
  const gross = state.caseToAnswer === 'CASE_TO_ANSWER_GROSS_MISCONDUCT';
  const liveFinal = warningsAtSeverity(state, ctx).some((w) => w.type === 'FINAL_WRITTEN_WARNING');
  const expected: ProceedingsForm =
    gross || liveFinal ? 'MISCONDUCT_HEARING' : 'MISCONDUCT_MEETING';
  if (form !== expected) {
    throw new ConflictError(
      CONDUCT_CASE_ERRORS.PROCEEDINGS_FORM_NOT_AVAILABLE,
      gross
        ? 'Gross misconduct goes to a misconduct hearing'
        : liveFinal
          ? 'Misconduct with a live final written warning goes to a misconduct hearing'
          : 'Misconduct without a live final written warning goes to a misconduct meeting',
      [{ field: 'form', message: `must be ${expected}` }],
    );
  }
  return gross ? 'GROSS_MISCONDUCT' : 'MISCONDUCT';
}

/** The most serious finding the current proceedings may make. */
function proceedingsLevel(state: ConductCaseState): 'MISCONDUCT' | 'GROSS_MISCONDUCT' {
  return state.proceedingsForm === 'ACCELERATED_HEARING' ||
    state.caseToAnswer === 'CASE_TO_ANSWER_GROSS_MISCONDUCT'
    ? 'GROSS_MISCONDUCT'
    : 'MISCONDUCT';
}

/** The finding an outcome implies when the event does not state one. */
function impliedFinding(outcome: ConductOutcome, state: ConductCaseState): ConductFinding {
  if (outcome === 'NOT_PROVEN') return 'NOT_PROVEN';
  if (outcome === 'REFLECTIVE_PRACTICE') return 'PRACTICE_REQUIRING_IMPROVEMENT';
  return proceedingsLevel(state);
}

function warningsAtSeverity(state: ConductCaseState, ctx: ConductContext): Warning[] {
  return state.severityAssessedOn === null
    ? []
    : liveWarningsOn(ctx.liveWarnings, state.severityAssessedOn);
}

function decideAppealOutcome(
  state: ConductCaseState,
  result: AppealResult,
  newOutcome: ConductOutcome | undefined,
  ctx: ConductContext,
): ConductOutcome | null {
  const original = state.finalOutcome;
  const inconsistent = (message: string) =>
    new ValidationError(CONDUCT_CASE_ERRORS.APPEAL_RESULT_INCONSISTENT, message, [
      { field: 'newOutcome', message },
    ]);
  if (result === 'DISMISSED') {
    if (newOutcome !== undefined)
      throw inconsistent('a dismissed appeal leaves the outcome as it was');
    return original;
  }
  if (result === 'OUTCOME_VARIED' && newOutcome === undefined) {
    throw inconsistent('a varied outcome needs newOutcome');
  }
  const decided =
    newOutcome === undefined
      ? 'NOT_PROVEN'
      : requireOneOf(CONDUCT_OUTCOMES, newOutcome, 'newOutcome');
  if (decided === original) throw inconsistent('newOutcome is the outcome appealed against');
  const form = state.proceedingsForm as ProceedingsForm;
  if (!OUTCOMES_AT_FORUM[form].includes(decided)) {
    throw new ConflictError(
      CONDUCT_CASE_ERRORS.OUTCOME_NOT_AVAILABLE_AT_FORUM,
      `An appeal from a ${form} cannot substitute ${decided}`,
      [{ field: 'newOutcome', message: `allowed: ${OUTCOMES_AT_FORUM[form].join(', ')}` }],
    );
  }
  if (result === 'OUTCOME_VARIED') {
    // The finding stands; only the disciplinary action changes.
    const finding = state.finding as ConductFinding;
    assertOutcomeConsistentWithFinding(decided, finding);
    assertSanctionAllowed(decided, finding, warningsAtSeverity(state, ctx));
  }
  assertOutcomeAllowedForStatus(decided, ctx.personStatusOnEventDate, ctx.personType);
  return decided;
}

function endInvestigation(state: ConductCaseState, on: string): ConductCaseState {
  return state.investigationStartedOn !== null && state.investigationEndedOn === null
    ? { ...state, investigationEndedOn: on }
    : state;
}

function requireOneOf<T extends string>(values: readonly T[], value: unknown, field: string): T {
  if (!isOneOf(values, value)) {
    throw new ValidationError(CONDUCT_CASE_ERRORS.INVALID_FIELD, `${field} is not valid`, [
      { field, message: `must be one of ${values.join(', ')}` },
    ]);
  }
  return value;
}

function assertDate(value: unknown, field: string): asserts value is string {
  if (!isIsoDate(value)) {
    throw new ValidationError(CONDUCT_CASE_ERRORS.INVALID_DATE, `${field} is not a date`, [
      { field, message: 'must be a date YYYY-MM-DD' },
    ]);
  }
}
