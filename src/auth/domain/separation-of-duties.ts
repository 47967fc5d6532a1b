import { ForbiddenError } from '../../common/domain-error';

/**
 * Separation of duties (DOMAIN.md §1), in one place: nobody assesses their own declaration or
 * works on a case about themselves, and an administrator cannot change their own access.
 */
export interface Caller {
  id: string;
  personId: string | null;
}

/** Whether the caller is the person a record is about (by account or by register entry). */
export function isSelf(
  caller: Caller,
  subject: { userId?: string | null; personId?: string | null },
): boolean {
  return (
    (!!subject.userId && subject.userId === caller.id) ||
    (!!caller.personId && !!subject.personId && subject.personId === caller.personId)
  );
}

export const CASE_SELF = 'CASE.SELF';

/** A criminal or conduct case about the caller. */
export function assertNotOwnCase(caller: Caller | null, personId: string): void {
  if (caller && isSelf(caller, { personId })) {
    throw new ForbiddenError(CASE_SELF, 'You may not work on a case about yourself', [
      { field: 'personId', message: 'the case is about you' },
    ]);
  }
}

/** The vetting unit acting on the caller's own declaration; `code` names the action refused. */
export function assertNotOwnDeclaration(
  caller: Caller,
  declarant: { userId: string; personId: string },
  code: string,
): void {
  if (isSelf(caller, declarant)) {
    throw new ForbiddenError(
      code,
      'Separation of duties: the vetting unit cannot act on your own declaration',
    );
  }
}

/** An administrator changing their own roles or disabling their own account. */
export function assertNotSelfAdministration(
  callerId: string,
  targetUserId: string,
  change: { roles?: unknown; disabled?: boolean },
): void {
  if (callerId !== targetUserId) return;
  if (change.roles !== undefined) {
    throw new ForbiddenError('USER.SELF_GRANT', 'You cannot change your own roles');
  }
  if (change.disabled === true) {
    throw new ForbiddenError('USER.SELF_DISABLE', 'You cannot disable your own account');
  }
}
