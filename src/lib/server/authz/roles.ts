// Roles and the one permission matrix. `can()` is pure and covered by its own tests.
import { ROLES, type Role } from '../../contracts/enums';

export { ROLES, type Role };

export const PERMISSIONS = [
  'portal.use', // the My portal: one's own assignments and requests
  'admin.console', // open the admin console
  'admin.people', // manage users
  'admin.inventory', // hardware, software, loans
  'admin.requests', // decide requests
  'admin.devices', // revoke agent pairings
  'admin.settings', // workspace security and SSO settings
  'admin.audit' // read and export the audit log
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const MATRIX: Record<Role, readonly Permission[]> = {
  employee: ['portal.use'],
  admin: PERMISSIONS
};

export function can(role: Role, permission: Permission): boolean {
  return MATRIX[role]?.includes(permission) ?? false;
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
