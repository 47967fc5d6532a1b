import { DomainError } from '../../common/domain-error';

/**
 * Thrown by the last-line output guard when a value about to leave the service is not on the
 * allow-list. It is a defect in the extract code, not a fault of the caller, hence 500. The
 * message and details never contain the offending value: it may be personal data and errors get
 * logged.
 */
export class UnsafeOutputError extends DomainError {
  readonly status = 500;
}

/** Error codes raised by the FOI disclosure-control domain. */
export const FOI_ERROR_CODES = {
  invalidPolicy: 'FOI.INVALID_POLICY',
  invalidTable: 'FOI.INVALID_TABLE',
  invalidRows: 'FOI.INVALID_ROWS',
  invalidDate: 'FOI.INVALID_DATE',
  unknownLabel: 'FOI.UNKNOWN_LABEL',
  emptyDeclaration: 'FOI.EMPTY_DECLARATION',
  unsafeOutput: 'FOI.UNSAFE_OUTPUT_VALUE',
} as const;
