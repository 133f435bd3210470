import { can, type Role } from '../authz/roles';

/** Where a user lands after sign-in (seed 002 "Verify"): admins on the admin dashboard, others on /my. */
export function homePathFor(role: Role): string {
  return can(role, 'admin.console') ? '/admin' : '/my';
}
