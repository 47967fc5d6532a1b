import { ValidationError } from '../../common/domain-error';
import { FOI_ERROR_CODES } from './foi-errors';

/**
 * Disclosure-control policy for FOI extracts (DOMAIN.md §5). The values differ between forces, so
 * they live here, in one typed place, and every function in this folder takes the policy as an
 * argument instead of reading a constant of its own.
 */
export interface DisclosurePolicy {
  /** Counts from 1 to `threshold - 1` are suppressed (primary suppression); 0 is published. */
  readonly threshold: number;
  /** Minimum size of a group of identical rows in a row-level extract (k-anonymity). */
  readonly k: number;
  /** What a primary-suppressed count is shown as; always `suppressedLabelFor(threshold)`. */
  readonly suppressedLabel: string;
}

/**
 * Shown for a value that is withheld but is not known to be small: a secondary or carried-forward
 * suppressed cell (which may well be 5 or more, so `<5` would be untrue) and the top level of
 * every generalisation hierarchy ("any value").
 */
export const WITHHELD_LABEL = '*';

/** `<5` for a threshold of 5: the label tells the reader the range the hidden count lies in. */
export function suppressedLabelFor(threshold: number): string {
  assertThreshold(threshold);
  return `<${threshold}`;
}

/**
 * Builds a policy from the configurable numbers, deriving the label so the two cannot disagree.
 * A threshold below 2 would suppress nothing and k below 1 is meaningless, so both are refused.
 */
export function disclosurePolicy(settings: { threshold: number; k: number }): DisclosurePolicy {
  assertThreshold(settings.threshold);
  if (!Number.isSafeInteger(settings.k) || settings.k < 1) {
    throw new ValidationError(
      FOI_ERROR_CODES.invalidPolicy,
      'k must be a whole number of at least 1',
      [{ field: 'k', message: 'must be an integer >= 1' }],
    );
  }
  return Object.freeze({
    threshold: settings.threshold,
    k: settings.k,
    suppressedLabel: suppressedLabelFor(settings.threshold),
  });
}

/** DOMAIN.md §5 defaults: counts of 1–4 shown as `<5`; row-level extracts 3-anonymous. */
export const DEFAULT_DISCLOSURE_POLICY: DisclosurePolicy = disclosurePolicy({ threshold: 5, k: 3 });

function assertThreshold(threshold: number): void {
  if (!Number.isSafeInteger(threshold) || threshold < 2) {
    throw new ValidationError(
      FOI_ERROR_CODES.invalidPolicy,
      'The suppression threshold must be a whole number of at least 2',
      [{ field: 'threshold', message: 'must be an integer >= 2' }],
    );
  }
}
