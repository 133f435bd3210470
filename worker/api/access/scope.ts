// The one scope check. A browser session may call every route its person may (its role decides, in
// the guard); an API token may call only the routes whose one scope it holds. A token's scopes arrive
// already narrowed by the token service to what its owner may do on this request.
import type { Context } from 'hono';
import type { Principal } from '../types';
import { apiError } from '../errors';
import type { ApiScope } from '../../../src/lib/contracts/api-scopes';

/** Scopes a personal token uses on its owner's own items (the My portal's JSON twins). */
export type MyScope = Extract<ApiScope, `my:${string}`>;
/** Scopes of the admin routes; `scim` belongs to /scim/v2, not to /api/v1. */
export type AdminScope = Exclude<ApiScope, MyScope | 'scim'>;

export function scopeRefusal(c: Context, principal: Principal, scope: ApiScope) {
  if (principal.via === 'session' || principal.token.scopes.includes(scope)) return null;
  return apiError(c, 403, 'forbidden', `This API token does not have the scope "${scope}".`);
}
