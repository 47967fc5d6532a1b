import { ErrorDetail, ValidationError } from '../common/domain-error';

/** A SQL list of fixed vocabulary values (never user input), for plans that match partial indexes. */
export const sqlList = (values: readonly string[]) => values.map((v) => `'${v}'`).join(',');

export function invalid(details: ErrorDetail[]): ValidationError {
  return new ValidationError('VALIDATION_FAILED', 'The request is not valid', details);
}
