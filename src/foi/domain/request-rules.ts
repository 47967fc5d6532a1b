import { ConflictError, ErrorDetail } from '../../common/domain-error';
import { FoiExemption, FoiQuestionOutcome } from './vocabularies';

/**
 * Rules of the FOI request register (DOMAIN.md §5): the status a request may move to, and which
 * exemptions go with which outcome. Pure data and functions, like the rest of this folder.
 */

export const FOI_REQUEST_STATUSES = ['OPEN', 'RESPONDED', 'CLOSED'] as const;
export type FoiRequestStatus = (typeof FOI_REQUEST_STATUSES)[number];

/**
 * OPEN → RESPONDED when the response is sent; RESPONDED → OPEN when an internal review reopens
 * it; either → CLOSED (answered and finished, or withdrawn by the requester). CLOSED is final.
 */
export const FOI_REQUEST_TRANSITIONS: Readonly<
  Record<FoiRequestStatus, readonly FoiRequestStatus[]>
> = {
  OPEN: ['RESPONDED', 'CLOSED'],
  RESPONDED: ['OPEN', 'CLOSED'],
  CLOSED: [],
};

export function assertRequestTransition(from: FoiRequestStatus, to: FoiRequestStatus): void {
  if (from === to) return;
  if (!FOI_REQUEST_TRANSITIONS[from].includes(to)) {
    throw new ConflictError('FOI.INVALID_TRANSITION', `A ${from} request cannot become ${to}`, [
      {
        field: 'status',
        message: `allowed from ${from}: ${FOI_REQUEST_TRANSITIONS[from].join(', ') || 'none'}`,
      },
    ]);
  }
}

/** Outcomes that withhold something and so must cite the exemption relied on. */
const WITHHOLDING_OUTCOMES: ReadonlySet<FoiQuestionOutcome> = new Set<FoiQuestionOutcome>([
  'PARTIALLY_DISCLOSED',
  'EXEMPT',
  'NEITHER_CONFIRM_NOR_DENY',
]);

export interface QuestionAnswer {
  readonly outcome: FoiQuestionOutcome | null;
  readonly exemptions: readonly FoiExemption[];
}

/**
 * Problems with one question's outcome and exemptions, as error details under `field`:
 * - a withholding outcome cites at least one exemption, and not section 12 (cost is not an
 *   exemption from disclosure of what was found);
 * - COST_LIMIT cites section 12 and nothing else;
 * - DISCLOSED and NOT_HELD cite none (nothing is withheld);
 * - no exemption without an outcome.
 */
export function questionAnswerProblems(answer: QuestionAnswer, field: string): ErrorDetail[] {
  const { outcome, exemptions } = answer;
  const problems: ErrorDetail[] = [];
  const add = (message: string) => problems.push({ field: `${field}.exemptions`, message });
  if (new Set(exemptions).size !== exemptions.length) add('must not repeat an exemption');
  if (outcome === null) {
    if (exemptions.length > 0) add('cite exemptions only once an outcome is set');
  } else if (outcome === 'COST_LIMIT') {
    if (exemptions.length !== 1 || exemptions[0] !== 'S12') add('COST_LIMIT cites S12 only');
  } else if (WITHHOLDING_OUTCOMES.has(outcome)) {
    if (exemptions.length === 0) add(`${outcome} must cite at least one exemption`);
    if (exemptions.includes('S12')) add('S12 goes with COST_LIMIT only');
  } else if (exemptions.length > 0) {
    add(`${outcome} withholds nothing, so cites no exemption`);
  }
  return problems;
}

/** Before a request is marked RESPONDED: every question answered, every linked extract frozen. */
export function respondProblems(
  questions: ReadonlyArray<QuestionAnswer & { readonly extractIds: readonly string[] }>,
  releasedExtractIds: ReadonlySet<string>,
): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  questions.forEach((question, i) => {
    if (question.outcome === null) {
      problems.push({ field: `questions[${i}].outcome`, message: 'must be set before responding' });
    }
    if (question.extractIds.some((id) => !releasedExtractIds.has(id))) {
      problems.push({
        field: `questions[${i}].extractIds`,
        message: 'every linked extract must be released before responding',
      });
    }
  });
  return problems;
}
