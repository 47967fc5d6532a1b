import { ValidationPipe, ValidationError as ClassValidatorError } from '@nestjs/common';
import { ErrorDetail, invalidRequest } from './domain-error';

/** At most this many details in one response: a huge bad body must not make a huge answer. */
export const MAX_ERROR_DETAILS = 100;

/** Flattens class-validator's nested errors into `{field: 'associates[0].relationship', message}`. */
export function toErrorDetails(
  errors: ClassValidatorError[],
  parent = '',
  out: ErrorDetail[] = [],
): ErrorDetail[] {
  for (const e of errors) {
    if (out.length >= MAX_ERROR_DETAILS) break;
    const field = parent
      ? /^\d+$/.test(e.property)
        ? `${parent}[${e.property}]`
        : `${parent}.${e.property}`
      : e.property;
    for (const [constraint, message] of Object.entries(e.constraints ?? {})) {
      out.push({
        field,
        message:
          constraint === 'whitelistValidation' ? `${field} is not an allowed field` : message,
        constraint,
      });
    }
    if (e.children?.length) toErrorDetails(e.children, field, out);
  }
  return out;
}

/** The one validation pipe: unknown fields are refused, values converted, errors coded. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    stopAtFirstError: false,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => invalidRequest(toErrorDetails(errors)),
  });
}
