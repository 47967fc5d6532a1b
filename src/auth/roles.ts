/** Roles (DOMAIN.md §1). A user may hold several; OFFICER is the base every user has. */
export const ROLES = ['OFFICER', 'VETTING', 'PSD', 'FOI', 'AUDITOR', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

/** Route-level marker: any authenticated user, whatever their roles. */
export const ANY_ROLE = '*';
