import { FOI_ERROR_CODES, UnsafeOutputError } from './foi-errors';
import { DEFAULT_DISCLOSURE_POLICY, DisclosurePolicy, WITHHELD_LABEL } from './policy';
import { isPublicLabel } from './public-labels';

/**
 * Last-line check on every value an FOI extract is about to publish. The extract code already
 * selects only generalised values; this guard makes a mistake there fail loudly instead of
 * leaking. It is an allow-list, not a search for bad patterns:
 * - a number: a non-negative whole count, but never 1 … threshold−1 (that should have been
 *   suppressed);
 * - a string: a four-digit year (1900–2099), the suppressed label (`<5`), `*`, or a fixed public
 *   label or enum value from public-labels.ts (combined reason labels included).
 * Everything else — dates finer than a year, strings of digits that could be staff numbers,
 * names, free text, null — is refused. Counts must therefore be passed as numbers, not strings.
 */

export type UnsafeValueKind =
  | 'NOT_A_STRING_OR_NUMBER'
  | 'NOT_A_COUNT'
  | 'SMALL_COUNT'
  | 'DATE_FINER_THAN_YEAR'
  | 'IDENTIFIER_LIKE'
  | 'NOT_IN_VOCABULARY';

/** Why `value` may not be published, or null if it may. Never returns the value itself. */
export function unsafeValueKind(
  value: unknown,
  policy: DisclosurePolicy = DEFAULT_DISCLOSURE_POLICY,
): UnsafeValueKind | null {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) || value < 0) return 'NOT_A_COUNT';
    return value >= 1 && value < policy.threshold ? 'SMALL_COUNT' : null;
  }
  if (typeof value !== 'string') return 'NOT_A_STRING_OR_NUMBER';
  if (/^(19|20)\d{2}$/.test(value)) return null;
  if (value === policy.suppressedLabel || value === WITHHELD_LABEL) return null;
  if (isPublicLabel(value)) return null;
  // Not allowed; classify only to make the error useful.
  if (/\d{4}-\d{1,2}|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}/.test(value)) return 'DATE_FINER_THAN_YEAR';
  if (/\d{3,}|[A-Za-z]+\d{2,}/.test(value)) return 'IDENTIFIER_LIKE';
  return 'NOT_IN_VOCABULARY';
}

export function isSafeCell(value: unknown, policy?: DisclosurePolicy): boolean {
  return unsafeValueKind(value, policy) === null;
}

/**
 * Throws `UnsafeOutputError` (FOI.UNSAFE_OUTPUT_VALUE) unless `value` may be published. `field`
 * names the column for the error; the value is never included in it.
 */
export function assertSafeCell(
  value: unknown,
  policy: DisclosurePolicy = DEFAULT_DISCLOSURE_POLICY,
  field = 'value',
): void {
  const kind = unsafeValueKind(value, policy);
  if (kind !== null) {
    throw new UnsafeOutputError(
      FOI_ERROR_CODES.unsafeOutput,
      `Refused to publish a value in "${field}": ${kind}`,
      [{ field, message: kind }],
    );
  }
}

/** `assertSafeCell` on every value of a row, naming the column on failure. */
export function assertSafeRow(
  row: Readonly<Record<string, unknown>>,
  policy: DisclosurePolicy = DEFAULT_DISCLOSURE_POLICY,
): void {
  for (const [field, value] of Object.entries(row)) assertSafeCell(value, policy, field);
}
