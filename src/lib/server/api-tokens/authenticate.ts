// PLACEHOLDER until branch `tokens` lands the token service (storage, issuing, rate limit, address
// list): until then no API token is valid. The API's middleware (worker/api/middleware/context.ts) is
// written against this signature and the types in ./types.ts. When merging `tokens`, take its file.
import type { TenantDb } from '../db';
import type { ApiTokenAuthResult } from './types';

export async function authenticateApiToken(
  _env: Env,
  _slug: string,
  _db: TenantDb,
  _authorizationHeaderValue: string,
  _clientAddress: string
): Promise<ApiTokenAuthResult> {
  return { ok: false, reason: 'invalid' };
}
