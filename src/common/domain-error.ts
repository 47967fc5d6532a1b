/**
 * Domain code throws these; one filter (http-exception.filter.ts) maps them to HTTP.
 * `code` is stable and machine-readable (AREA.REASON); `details` names the fields at fault.
 */
export interface ErrorDetail {
  field: string;
  message: string;
  [key: string]: unknown;
}

export abstract class DomainError extends Error {
  abstract readonly status: number;
  constructor(
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** 400: the request is malformed or a value breaks a rule about its own shape. */
export class ValidationError extends DomainError {
  readonly status = 400;
}

/** The usual 400: the request breaks rules on its fields, each named in `details`. */
export function invalidRequest(details: ErrorDetail[]): ValidationError {
  return new ValidationError('VALIDATION_FAILED', 'The request is not valid', details);
}

/** 404: missing, or not visible to the caller (the two are indistinguishable on purpose). */
export class NotFoundError extends DomainError {
  readonly status = 404;
  constructor(code = 'NOT_FOUND', message = 'Not found') {
    super(code, message);
  }
}

/** 403: the caller may not do this to this record (e.g. assess their own declaration). */
export class ForbiddenError extends DomainError {
  readonly status = 403;
}

/** 409: the record's state does not allow this step. */
export class ConflictError extends DomainError {
  readonly status = 409;
}
