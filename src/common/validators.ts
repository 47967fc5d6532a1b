import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';
import { isIsoDate, todayIso } from '../calendar/domain/dates';

/** A real calendar date written YYYY-MM-DD, between 1900 and 2100. */
export function IsIsoDate(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isIsoDate',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must be a date written YYYY-MM-DD`, ...options },
      validator: {
        validate: (v: unknown) => isIsoDate(v) && v >= '1900-01-01' && v <= '2100-12-31',
      },
    });
}

/** Not after today (UTC). */
export function NotInFuture(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'notInFuture',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must not be in the future`, ...options },
      validator: { validate: (v: unknown) => typeof v !== 'string' || v <= todayIso() },
    });
}

/** On or after the date in another property of the same object, when both are present. */
export function NotBefore(other: string, options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'notBefore',
      target: object.constructor,
      propertyName,
      constraints: [other],
      options: { message: `${propertyName} must not be before ${other}`, ...options },
      validator: {
        validate: (v: unknown, args: ValidationArguments) => {
          const o = (args.object as Record<string, unknown>)[other];
          return typeof v !== 'string' || typeof o !== 'string' || v >= o;
        },
      },
    });
}

// Built from a string so the pattern itself holds no raw control characters.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARS = new RegExp('[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F]');

/** Plain text: no control characters other than newline and tab. */
export function IsPlainText(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isPlainText',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must not contain control characters`, ...options },
      validator: {
        validate: (v: unknown) => typeof v !== 'string' || !CONTROL_CHARS.test(v),
      },
    });
}
