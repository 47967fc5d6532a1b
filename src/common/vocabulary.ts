/**
 * Vocabulary values as a SQL list, written into a statement's text (never user input) so the
 * planner can match partial indexes whose predicates name them.
 */
export const sqlList = (values: readonly string[]) => values.map((v) => `'${v}'`).join(',');

/** Type guard for checking a value read from outside against a vocabulary. */
export function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}
