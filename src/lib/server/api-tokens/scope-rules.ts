// Which scopes a token may hold. A scope never grants more than its holder may do: each maps to the
// permission (authz/roles.ts) the holder needs for it. Personal tokens: the owner's permissions, read
// on every request, so a demoted admin's token keeps only its `my:*` scopes. Service tokens belong to
// the workspace: every admin scope and `scim`, never `my:*` (there is no person behind them).
import { API_SCOPES, type ApiScope } from '../../contracts/api-scopes';
import { actorCan, type Actor } from '../authz/actor';
import type { Permission } from '../authz/roles';

export type ApiTokenKind = 'personal' | 'service';

export const SCOPE_PERMISSION: Record<ApiScope, Permission> = {
  'my:read': 'portal.use',
  'my:write': 'portal.use',
  'requests:read': 'admin.requests',
  'requests:write': 'admin.requests',
  'people:read': 'admin.people',
  'people:write': 'admin.people',
  'hardware:read': 'admin.inventory',
  'hardware:write': 'admin.inventory',
  'software:read': 'admin.inventory',
  'software:write': 'admin.inventory',
  'loans:read': 'admin.inventory',
  'loans:write': 'admin.inventory',
  'maintenance:read': 'admin.inventory',
  'maintenance:write': 'admin.inventory',
  'devices:read': 'admin.devices',
  'devices:write': 'admin.devices',
  'audit:read': 'admin.audit',
  'dashboard:read': 'admin.console',
  scim: 'admin.people'
};

const isMyScope = (s: ApiScope) => s.startsWith('my:');

/** The scopes a token of this kind may carry at all. */
export function scopesForKind(kind: ApiTokenKind): ApiScope[] {
  return kind === 'service'
    ? API_SCOPES.filter((s) => !isMyScope(s))
    : API_SCOPES.filter((s) => s !== 'scim');
}

/**
 * The scopes `actor` may put on a new token of this kind: a person's personal token gets the scopes
 * their role allows today; a service token (created by someone with admin.settings) any service scope.
 */
export function grantableScopes(actor: Actor, kind: ApiTokenKind): ApiScope[] {
  if (kind === 'service') return actorCan(actor, 'admin.settings') ? scopesForKind('service') : [];
  if (actor.kind !== 'user') return [];
  return scopesForKind('personal').filter((s) => actorCan(actor, SCOPE_PERMISSION[s]));
}

/** A token's stored scopes narrowed to what its actor may do on this request. */
export function effectiveScopes(stored: readonly ApiScope[], actor: Actor, kind: ApiTokenKind): ApiScope[] {
  const possible = scopesForKind(kind);
  return stored.filter((s) => possible.includes(s) && actorCan(actor, SCOPE_PERMISSION[s]));
}
