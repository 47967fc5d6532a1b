/**
 * Barred and advisory list report statuses. A report is created `PENDING` by its trigger, becomes
 * `REPORTED` when sent to the College, `ON_LIST` when the College confirms the entry, and leaves
 * the list as `REMOVED` (appeal, review, or for an advisory entry s88L) or, for an advisory entry
 * only, `CONVERTED_TO_BARRED` when the case ends in (would have been) dismissal.
 */
import { ConflictError } from '../../common/domain-error';
import { LIST_REPORT_ERRORS } from './error-codes';
import { ListStatus, ListType } from './vocabulary';

export const LIST_STATUS_TRANSITIONS: Readonly<
  Record<ListType, Readonly<Record<ListStatus, readonly ListStatus[]>>>
> = {
  BARRED: {
    PENDING: ['REPORTED'],
    REPORTED: ['ON_LIST', 'REMOVED'],
    ON_LIST: ['REMOVED'],
    REMOVED: [],
    CONVERTED_TO_BARRED: [],
  },
  ADVISORY: {
    // The case may end before the report is sent; the report is still owed, so it is sent first.
    PENDING: ['REPORTED'],
    REPORTED: ['ON_LIST', 'REMOVED', 'CONVERTED_TO_BARRED'],
    ON_LIST: ['REMOVED', 'CONVERTED_TO_BARRED'],
    REMOVED: [],
    CONVERTED_TO_BARRED: [],
  },
};

export function assertListStatusTransition(list: ListType, from: ListStatus, to: ListStatus): void {
  if (!LIST_STATUS_TRANSITIONS[list][from].includes(to)) {
    throw new ConflictError(
      LIST_REPORT_ERRORS.INVALID_STATUS_TRANSITION,
      `A ${list.toLowerCase()} list report cannot go from ${from} to ${to}`,
      [
        {
          field: 'status',
          message: `allowed: ${LIST_STATUS_TRANSITIONS[list][from].join(', ') || 'none'}`,
        },
      ],
    );
  }
}
