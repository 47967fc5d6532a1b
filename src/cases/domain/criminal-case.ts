/**
 * Criminal case stage history: which stage may follow which, the date rules, and what a history
 * means (pending? concluded? convicted when?). Pure: no Nest, no TypeORM.
 */
import { ConflictError, ValidationError } from '../../common/domain-error';
import { isIsoDate } from '../../calendar/domain/dates';
import { CRIMINAL_CASE_ERRORS } from './error-codes';
import { CRIMINAL_STAGES, CriminalStage, isOneOf } from './vocabulary';

/**
 * Stages that may open a case (`null` = no stage yet). A case normally starts with a report or
 * an arrest; a charge after a voluntary interview, or a postal requisition (summons), can be the
 * first thing the force records. A case learnt of only after conviction is recorded by entering
 * the earlier stages with their dates.
 */
const FIRST_STAGES: readonly CriminalStage[] = ['REPORTED', 'ARRESTED', 'CHARGED', 'SUMMONSED'];

/**
 * The moves between stages, as practised in England and Wales:
 * - investigation: report → arrest / release under investigation (RUI, also after a voluntary
 *   interview) → re-arrest, charge, summons (postal requisition) or no further action;
 * - prosecution: charge or summons → awaiting trial → verdict, or a guilty plea at the first
 *   hearing (straight to `CONVICTED`), or the CPS discontinues;
 * - after conviction: sentence, and an appeal (against conviction or sentence) lodged before or
 *   after sentence; the appeal ends with the conviction quashed or upheld (`SENTENCED`, which
 *   also records a sentence varied on appeal); a quashed conviction may be followed by a retrial
 *   (`AWAITING_TRIAL`).
 * Acquittal, discontinuance and no further action end the case: a re-opened investigation or a
 * reinstated prosecution is recorded as a new criminal case.
 */
export const CRIMINAL_STAGE_TRANSITIONS: Readonly<Record<CriminalStage, readonly CriminalStage[]>> =
  {
    REPORTED: [
      'ARRESTED',
      'RELEASED_UNDER_INVESTIGATION',
      'CHARGED',
      'SUMMONSED',
      'NO_FURTHER_ACTION',
    ],
    ARRESTED: ['RELEASED_UNDER_INVESTIGATION', 'CHARGED', 'SUMMONSED', 'NO_FURTHER_ACTION'],
    RELEASED_UNDER_INVESTIGATION: ['ARRESTED', 'CHARGED', 'SUMMONSED', 'NO_FURTHER_ACTION'],
    CHARGED: ['AWAITING_TRIAL', 'CONVICTED', 'ACQUITTED', 'DISCONTINUED'],
    SUMMONSED: ['AWAITING_TRIAL', 'CONVICTED', 'ACQUITTED', 'DISCONTINUED'],
    AWAITING_TRIAL: ['CONVICTED', 'ACQUITTED', 'DISCONTINUED'],
    CONVICTED: ['SENTENCED', 'APPEAL_PENDING'],
    SENTENCED: ['APPEAL_PENDING'],
    APPEAL_PENDING: ['SENTENCED', 'CONVICTION_QUASHED'],
    CONVICTION_QUASHED: ['AWAITING_TRIAL'],
    ACQUITTED: [],
    DISCONTINUED: [],
    NO_FURTHER_ACTION: [],
  };

/** Stages during which criminal proceedings are live (charge/summons until verdict). */
export const PENDING_STAGES: readonly CriminalStage[] = ['CHARGED', 'SUMMONSED', 'AWAITING_TRIAL'];

/**
 * Stages at which nothing further is expected. `CONVICTION_QUASHED` counts as concluded although
 * a retrial may still be ordered (which makes the case pending again).
 */
export const CONCLUDED_STAGES: readonly CriminalStage[] = [
  'ACQUITTED',
  'DISCONTINUED',
  'NO_FURTHER_ACTION',
  'SENTENCED',
  'CONVICTION_QUASHED',
];

export interface CriminalStageEntry {
  stage: CriminalStage;
  /** 'YYYY-MM-DD' */
  on: string;
}

export interface CriminalCaseSummary {
  currentStage: CriminalStage | null;
  /** From charge or summons until a verdict or discontinuance (this is what pauses conduct). */
  pending: boolean;
  concluded: boolean;
  /** The standing conviction's date; null if never convicted or the conviction was quashed. */
  convictedOn: string | null;
  /** The sentence on the standing conviction; null if none yet or the conviction was quashed. */
  sentencedOn: string | null;
  /** The first charge or summons. */
  chargedOn: string | null;
}

/** The stages that may follow `current` (`null`: the case has no stage yet). */
export function nextCriminalStages(current: CriminalStage | null): readonly CriminalStage[] {
  return current === null ? FIRST_STAGES : CRIMINAL_STAGE_TRANSITIONS[current];
}

export function assertStageTransition(current: CriminalStage | null, next: CriminalStage): void {
  if (!isOneOf(CRIMINAL_STAGES, next)) {
    throw new ValidationError(
      CRIMINAL_CASE_ERRORS.INVALID_FIELD,
      `Unknown stage: ${String(next)}`,
      [{ field: 'stage', message: `must be one of ${CRIMINAL_STAGES.join(', ')}` }],
    );
  }
  if (!nextCriminalStages(current).includes(next)) {
    throw new ConflictError(
      CRIMINAL_CASE_ERRORS.INVALID_STAGE,
      current === null
        ? `A criminal case cannot start at ${next}`
        : `${next} cannot follow ${current}`,
      [{ field: 'stage', message: `allowed: ${nextCriminalStages(current).join(', ') || 'none'}` }],
    );
  }
}

/**
 * A stage may share its date with the previous stage (arrested and charged the same day) but may
 * not be dated before it, nor before the offence.
 */
export function assertStageDate(previousOn: string | null, on: string, offenceDate: string): void {
  for (const [field, value] of [
    ['on', on],
    ['offenceDate', offenceDate],
  ] as const) {
    if (!isIsoDate(value)) {
      throw new ValidationError(CRIMINAL_CASE_ERRORS.INVALID_DATE, `${field} is not a date`, [
        { field, message: 'must be a date YYYY-MM-DD' },
      ]);
    }
  }
  if (on < offenceDate) {
    throw new ConflictError(
      CRIMINAL_CASE_ERRORS.STAGE_DATE_BEFORE_OFFENCE,
      `Stage dated ${on} is before the offence date ${offenceDate}`,
      [{ field: 'on', message: `must be on or after ${offenceDate}` }],
    );
  }
  if (previousOn !== null && on < previousOn) {
    throw new ConflictError(
      CRIMINAL_CASE_ERRORS.STAGE_DATE_BEFORE_PREVIOUS,
      `Stage dated ${on} is before the previous stage (${previousOn})`,
      [{ field: 'on', message: `must be on or after ${previousOn}` }],
    );
  }
}

/** Validates `entry` against the history so far and returns the longer history. */
export function appendCriminalStage(
  history: readonly CriminalStageEntry[],
  entry: CriminalStageEntry,
  offenceDate: string,
): CriminalStageEntry[] {
  const last = history.length > 0 ? history[history.length - 1] : null;
  assertStageTransition(last?.stage ?? null, entry.stage);
  assertStageDate(last?.on ?? null, entry.on, offenceDate);
  return [...history, { stage: entry.stage, on: entry.on }];
}

/** Checks a whole history (in the order recorded) and says what it amounts to. */
export function summariseCriminalCase(
  stages: readonly CriminalStageEntry[],
  offenceDate?: string,
): CriminalCaseSummary {
  let history: CriminalStageEntry[] = [];
  for (const entry of stages) {
    // Without the offence date only the order of the stage dates can be checked.
    history = appendCriminalStage(history, entry, offenceDate ?? history[0]?.on ?? entry.on);
  }

  let convictedOn: string | null = null;
  let sentencedOn: string | null = null;
  let chargedOn: string | null = null;
  for (const { stage, on } of history) {
    if ((stage === 'CHARGED' || stage === 'SUMMONSED') && chargedOn === null) chargedOn = on;
    if (stage === 'CONVICTED') {
      convictedOn = on;
      sentencedOn = null;
    }
    // Re-recorded after an appeal that leaves the conviction standing: the latest sentence counts.
    if (stage === 'SENTENCED') sentencedOn = on;
    if (stage === 'CONVICTION_QUASHED') {
      convictedOn = null;
      sentencedOn = null;
    }
  }

  const currentStage = history.length > 0 ? history[history.length - 1].stage : null;
  return {
    currentStage,
    pending: currentStage !== null && PENDING_STAGES.includes(currentStage),
    concluded: currentStage !== null && CONCLUDED_STAGES.includes(currentStage),
    convictedOn,
    sentencedOn,
    chargedOn,
  };
}

/**
 * The conviction the conduct rules care about (indictable-only rule), or undefined when there is
 * no standing conviction. `indictableOnly` is recorded on the criminal case.
 */
export function standingConviction(
  summary: Pick<CriminalCaseSummary, 'convictedOn'>,
  indictableOnly: boolean,
): { convictedOn: string; indictableOnly: boolean } | undefined {
  return summary.convictedOn === null
    ? undefined
    : { convictedOn: summary.convictedOn, indictableOnly };
}
