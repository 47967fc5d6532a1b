import { ValidationError } from '../../common/domain-error';
import { FOI_ERROR_CODES } from './foi-errors';

/**
 * Reduces a date to the four-digit year, the finest date an FOI extract publishes.
 *
 * Accepts an ISO calendar date (`2021-03-04`) or an ISO date-time (`2021-03-04T10:00:00Z`,
 * `…+01:00`, or without offset). A date-time with an offset is read in UK time: the new year
 * always falls in GMT (UTC+0), so the UK year is the UTC year. Without an offset the written
 * year is the answer. Anything else, including impossible dates, is refused; the message does
 * not repeat the value, which may be a date of birth.
 */
export function yearOnly(isoDate: string): string {
  const match =
    typeof isoDate === 'string'
      ? /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/.exec(
          isoDate,
        )
      : null;
  if (!match) throw invalidDate();
  const [, year, month, day, hour, minute, second, offset] = match;
  const calendar = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  const validDate =
    calendar.getUTCFullYear() === Number(year) &&
    calendar.getUTCMonth() === Number(month) - 1 &&
    calendar.getUTCDate() === Number(day);
  const validTime =
    hour === undefined ||
    (Number(hour) <= 23 && Number(minute) <= 59 && (second === undefined || Number(second) <= 59));
  if (!validDate || !validTime) throw invalidDate();
  if (offset === undefined) return year;
  const instant = new Date(isoDate);
  if (Number.isNaN(instant.getTime())) throw invalidDate();
  return String(instant.getUTCFullYear()).padStart(4, '0');
}

function invalidDate(): ValidationError {
  return new ValidationError(FOI_ERROR_CODES.invalidDate, 'Expected an ISO date or date-time', [
    { field: 'date', message: 'not an ISO 8601 date' },
  ]);
}
