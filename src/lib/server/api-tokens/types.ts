// The contract between the API's token middleware (worker/api) and the token service
// (src/lib/server/api-tokens): what a presented `Authorization: Bearer otk_…` resolves to.
// Invariants: a personal token's actor carries the owner's role as read from the database on this
// request (a demoted admin's tokens lose admin rights at once); a suspended owner, an expired,
// revoked or malformed token, and a token of another workspace all resolve to `invalid`, with no hint
// of which.
import type { Actor } from '../authz/actor';
import type { ApiScope } from '../../contracts/api-scopes';

export interface AuthenticatedApiToken {
  tokenId: string;
  tokenName: string;
  kind: 'personal' | 'service';
  scopes: readonly ApiScope[];
  actor: Actor;
}

export type ApiTokenAuthResult =
  | { ok: true; token: AuthenticatedApiToken }
  | { ok: false; code: 'invalid' }
  | { ok: false; code: 'address_not_allowed' }
  | { ok: false; code: 'rate_limited'; retryAfterSeconds: number };
