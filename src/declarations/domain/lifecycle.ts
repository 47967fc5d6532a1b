/**
 * The declaration lifecycle (DOMAIN.md §3) as one transition table and one assert function.
 *
 *   SUBMITTED ──START_ASSESSMENT──▶ UNDER_ASSESSMENT ⇄ INFO_REQUESTED (REQUEST_INFO / ANSWER_INFO)
 *       │                                 │
 *       └────────────── ASSESS ───────────┴──▶ MONITORING (review date set) ──REVIEW_DUE──▶ REVIEW_DUE
 *                                         └──▶ CLOSED     (no review date)                  │
 *                         REVIEW_DUE ──START_ASSESSMENT / REQUEST_INFO / ASSESS──▶ re-assessed ┘
 *
 * Decisions (the domain text leaves these open):
 * - ASSESS resolves at once: with a review date the declaration goes to MONITORING, without one
 *   (the assessor closed it) to CLOSED. Which outcomes may omit a review date is the assessment
 *   rule's business, not this table's. `ASSESSED` stays in the vocabulary because DOMAIN.md names
 *   it, but this machine never leaves a declaration there; a record found in `ASSESSED` (imported,
 *   or a future policy that pauses there) is treated exactly like MONITORING.
 * - ASSESS is legal straight from SUBMITTED and REVIEW_DUE (the API has no separate "start" call;
 *   START_ASSESSMENT exists for a service that wants to show someone has picked it up) and from
 *   INFO_REQUESTED (the assessor may conclude without an answer; silence is itself relevant).
 * - REQUEST_INFO is legal from SUBMITTED, UNDER_ASSESSMENT and REVIEW_DUE; ANSWER_INFO always
 *   returns to UNDER_ASSESSMENT.
 * - ASSOCIATION_ENDED after an assessment sends the declaration back to SUBMITTED, i.e. to the
 *   vetting queue, rather than adding a REASSESSMENT state: the service can tell a re-assessment
 *   from a first one by the assessment history. Before assessment it is just new information
 *   and the status is kept. On a CLOSED declaration it is refused: nothing is being monitored.
 * - AMEND before assessment edits in place (status kept). After assessment it creates a new
 *   version: the status returned is the OLD version's (`SUPERSEDED`) and the new version starts at
 *   `NEW_VERSION_STATUS` (SUBMITTED). This includes CLOSED declarations (circumstances change).
 * - WITHDRAW only before assessment: SUBMITTED, UNDER_ASSESSMENT, INFO_REQUESTED.
 * - "Before assessment" is about history, not just status: a declaration re-queued by
 *   ASSOCIATION_ENDED is SUBMITTED again but has been assessed. So WITHDRAW and AMEND from the
 *   pre-assessment statuses depend on `ctx.previouslyAssessed` (any version has an assessment):
 *   previously assessed → WITHDRAW refused, AMEND makes a new version.
 * - CLOSE (vetting ends monitoring early, e.g. the declarant has left) only after assessment.
 * - CLOSED, WITHDRAWN and SUPERSEDED are terminal apart from AMEND on CLOSED.
 *
 * Where a target depends on context and the caller did not pass the deciding field, the functions
 * throw a `TransitionContextError` (a programming error, not a 409): guessing could close a
 * declaration or let an assessed one be withdrawn.
 */
import { ConflictError } from '../../common/domain-error';
import type { DeclarationStatus } from './vocabulary';

export const DECLARATION_ACTIONS = [
  'START_ASSESSMENT',
  'REQUEST_INFO',
  'ANSWER_INFO',
  'ASSESS',
  'REVIEW_DUE',
  'ASSOCIATION_ENDED',
  'AMEND',
  'WITHDRAW',
  'CLOSE',
] as const;
export type DeclarationAction = (typeof DECLARATION_ACTIONS)[number];

/** What a context-dependent step needs to know. */
export interface TransitionContext {
  /** ASSESS: the review date set by the assessor, or null when the assessment closes it. */
  reviewOn?: string | null;
  /** WITHDRAW / AMEND: whether this declaration (any version) already has an assessment. */
  previouslyAssessed?: boolean;
}

/** Target decided by whether the assessment set a review date. */
export interface ByReviewDate {
  readonly dependsOn: 'reviewOn';
  readonly withReviewDate: DeclarationStatus;
  readonly withoutReviewDate: DeclarationStatus;
}

/** Target decided by whether the declaration has been assessed before; null means refused. */
export interface ByHistory {
  readonly dependsOn: 'previouslyAssessed';
  readonly neverAssessed: DeclarationStatus | null;
  readonly previouslyAssessed: DeclarationStatus | null;
}

export type TransitionTarget = DeclarationStatus | ByReviewDate | ByHistory;

const ASSESSMENT_RESULT: ByReviewDate = {
  dependsOn: 'reviewOn',
  withReviewDate: 'MONITORING',
  withoutReviewDate: 'CLOSED',
};

const amendOrVersion = (status: DeclarationStatus): ByHistory => ({
  dependsOn: 'previouslyAssessed',
  neverAssessed: status,
  previouslyAssessed: 'SUPERSEDED',
});

const WITHDRAW_IF_NEVER_ASSESSED: ByHistory = {
  dependsOn: 'previouslyAssessed',
  neverAssessed: 'WITHDRAWN',
  previouslyAssessed: null,
};

/** Status of the new version an amendment after assessment creates. */
export const NEW_VERSION_STATUS: DeclarationStatus = 'SUBMITTED';

/**
 * action → (from status → target). A status missing under an action means the step is illegal.
 */
export const DECLARATION_TRANSITIONS: Readonly<
  Record<DeclarationAction, Readonly<Partial<Record<DeclarationStatus, TransitionTarget>>>>
> = {
  START_ASSESSMENT: {
    SUBMITTED: 'UNDER_ASSESSMENT',
    REVIEW_DUE: 'UNDER_ASSESSMENT',
  },
  REQUEST_INFO: {
    SUBMITTED: 'INFO_REQUESTED',
    UNDER_ASSESSMENT: 'INFO_REQUESTED',
    REVIEW_DUE: 'INFO_REQUESTED',
  },
  ANSWER_INFO: {
    INFO_REQUESTED: 'UNDER_ASSESSMENT',
  },
  ASSESS: {
    SUBMITTED: ASSESSMENT_RESULT,
    UNDER_ASSESSMENT: ASSESSMENT_RESULT,
    INFO_REQUESTED: ASSESSMENT_RESULT,
    REVIEW_DUE: ASSESSMENT_RESULT,
  },
  REVIEW_DUE: {
    ASSESSED: 'REVIEW_DUE',
    MONITORING: 'REVIEW_DUE',
  },
  ASSOCIATION_ENDED: {
    SUBMITTED: 'SUBMITTED',
    UNDER_ASSESSMENT: 'UNDER_ASSESSMENT',
    INFO_REQUESTED: 'INFO_REQUESTED',
    ASSESSED: 'SUBMITTED',
    MONITORING: 'SUBMITTED',
    REVIEW_DUE: 'SUBMITTED',
  },
  AMEND: {
    SUBMITTED: amendOrVersion('SUBMITTED'),
    UNDER_ASSESSMENT: amendOrVersion('UNDER_ASSESSMENT'),
    INFO_REQUESTED: amendOrVersion('INFO_REQUESTED'),
    ASSESSED: 'SUPERSEDED',
    MONITORING: 'SUPERSEDED',
    REVIEW_DUE: 'SUPERSEDED',
    CLOSED: 'SUPERSEDED',
  },
  WITHDRAW: {
    SUBMITTED: WITHDRAW_IF_NEVER_ASSESSED,
    UNDER_ASSESSMENT: WITHDRAW_IF_NEVER_ASSESSED,
    INFO_REQUESTED: WITHDRAW_IF_NEVER_ASSESSED,
  },
  CLOSE: {
    ASSESSED: 'CLOSED',
    MONITORING: 'CLOSED',
    REVIEW_DUE: 'CLOSED',
  },
};

/**
 * In the assessor's queue: waiting for a first assessment, a re-assessment or a review.
 * INFO_REQUESTED is left out on purpose (the ball is with the declarant); the queue's status
 * filter can still ask for it.
 */
export const AWAITING_ASSESSMENT_STATUSES: readonly DeclarationStatus[] = [
  'SUBMITTED',
  'UNDER_ASSESSMENT',
  'REVIEW_DUE',
];

/** Waiting on the declarant, not the assessor. */
export const WAITING_ON_DECLARANT_STATUSES: readonly DeclarationStatus[] = ['INFO_REQUESTED'];

/** No further step except AMEND on CLOSED (which creates a new version). */
export const TERMINAL_STATUSES: readonly DeclarationStatus[] = [
  'CLOSED',
  'WITHDRAWN',
  'SUPERSEDED',
];

const ASSESSED_STATUSES: readonly DeclarationStatus[] = [
  'ASSESSED',
  'MONITORING',
  'REVIEW_DUE',
  'CLOSED',
  'SUPERSEDED',
];

/**
 * Whether the status itself says this version carries an assessment outcome (ASSESSED,
 * MONITORING, REVIEW_DUE, CLOSED, SUPERSEDED). A declaration re-queued to SUBMITTED after an
 * ended association has history the status cannot show: use its assessment records for that.
 */
export function isAssessed(status: DeclarationStatus): boolean {
  return ASSESSED_STATUSES.includes(status);
}

/** Thrown when a context-dependent step is called without the field that decides it. */
export class TransitionContextError extends Error {
  constructor(from: DeclarationStatus, action: DeclarationAction, field: keyof TransitionContext) {
    super(`${action} from ${from} needs ctx.${field} to decide the next status`);
    this.name = 'TransitionContextError';
  }
}

function resolve(
  target: TransitionTarget,
  from: DeclarationStatus,
  action: DeclarationAction,
  ctx: TransitionContext | undefined,
): DeclarationStatus | null {
  if (typeof target === 'string') return target;
  if (target.dependsOn === 'reviewOn') {
    if (ctx?.reviewOn === undefined) throw new TransitionContextError(from, action, 'reviewOn');
    return ctx.reviewOn ? target.withReviewDate : target.withoutReviewDate;
  }
  if (ctx?.previouslyAssessed === undefined) {
    throw new TransitionContextError(from, action, 'previouslyAssessed');
  }
  return ctx.previouslyAssessed ? target.previouslyAssessed : target.neverAssessed;
}

/**
 * The status after `action` from `from`, or null when the step is illegal. For ASSESS, AMEND
 * and WITHDRAW the deciding context field must be given where the table branches on it.
 */
export function nextStatus(
  from: DeclarationStatus,
  action: DeclarationAction,
  ctx?: TransitionContext,
): DeclarationStatus | null {
  const target = DECLARATION_TRANSITIONS[action][from];
  return target === undefined ? null : resolve(target, from, action, ctx);
}

/** Whether `action` is legal from `from` (in this context). */
export function canTransition(
  from: DeclarationStatus,
  action: DeclarationAction,
  ctx?: TransitionContext,
): boolean {
  return nextStatus(from, action, ctx) !== null;
}

/**
 * The status after `action`, or a ConflictError (409, `DECLARATION.INVALID_TRANSITION`) naming
 * the status and the action.
 */
export function assertTransition(
  from: DeclarationStatus,
  action: DeclarationAction,
  ctx?: TransitionContext,
): DeclarationStatus {
  const to = nextStatus(from, action, ctx);
  if (to === null) {
    const why = ctx?.previouslyAssessed ? ' (the declaration has already been assessed)' : '';
    throw new ConflictError(
      'DECLARATION.INVALID_TRANSITION',
      `Cannot ${action} a declaration that is ${from}${why}`,
      [{ field: 'status', message: `${action} is not allowed from ${from}`, from, action }],
    );
  }
  return to;
}

/** Whether an AMEND from here creates a new version (true) or edits in place (false). */
export function amendmentCreatesNewVersion(
  from: DeclarationStatus,
  ctx?: TransitionContext,
): boolean {
  return assertTransition(from, 'AMEND', ctx) === 'SUPERSEDED';
}
