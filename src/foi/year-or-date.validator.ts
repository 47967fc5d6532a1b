import { registerDecorator, ValidationOptions } from 'class-validator';
import { isIsoDate } from '../calendar/domain/dates';

/** A four-digit year (2018 or "2018") or a date written YYYY-MM-DD, which is reduced to its year. */
export function toExtractYear(value: number | string): number {
  if (typeof value === 'number') return value;
  return Number(value.slice(0, 4));
}

export function IsYearOrDate(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isYearOrDate',
      target: object.constructor,
      propertyName,
      options: {
        message: `${propertyName} must be a year (e.g. 2018) or a date written YYYY-MM-DD`,
        ...options,
      },
      validator: {
        validate: (v: unknown) =>
          (typeof v === 'number' && Number.isInteger(v) && v >= 1000 && v <= 9999) ||
          (typeof v === 'string' && (/^\d{4}$/.test(v) || isIsoDate(v))),
      },
    });
}
