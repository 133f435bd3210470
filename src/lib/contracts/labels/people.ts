// Admin › People's labels, without zod (see labels/hardware.ts). contracts/admin-people.ts builds its
// schemas from these and re-exports them for the server.
import { ROLES } from '../enums';

/** The roles a person can be given (contracts/enums.ts ROLES, which authz/roles.ts uses too). */
export const ROLE_CHOICES = ROLES;

export const ROLE_LABELS: Record<(typeof ROLES)[number], string> = {
  employee: 'Employee',
  admin: 'Administrator'
};

/** How an invited person signs in: set a password through an emailed link, or only through SSO. */
export const INVITE_SIGN_IN = ['password', 'sso'] as const;
export type InviteSignIn = (typeof INVITE_SIGN_IN)[number];
