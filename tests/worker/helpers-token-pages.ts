// Helpers for the API token page tests (api-tokens.test.ts, api-tokens-admin.test.ts): the two pages,
// the create form posted as a browser without JavaScript sends it, and what the pages stored.
import { ACME, fetchWorker } from './helpers';
import { acmeDb, one, scalar } from './helpers-data';

export const MINE = '/my/profile/api-tokens';

export const SERVICE = '/admin/settings/api-tokens';

/** A form post with repeated fields (scopes), as a browser sends the create form. */
export function post(path: string, cookie: string, fields: [string, string][], origin = ACME) {
  return fetchWorker(`${origin}${path}`, {
    method: 'POST',
    headers: { origin, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', cookie },
    body: new URLSearchParams(fields)
  });
}

export const createFields = (o: {
  name?: string;
  scopes?: string[];
  expiry?: string;
  expiresOn?: string;
  addresses?: string;
}) =>
  [
    ['name', o.name ?? `Script ${crypto.randomUUID().slice(0, 6)}`],
    ...(o.scopes ?? ['my:read']).map((s) => ['scopes', s] as [string, string]),
    ['expiry', o.expiry ?? '30'],
    ['expiresOn', o.expiresOn ?? ''],
    ['allowedAddresses', o.addresses ?? '']
  ] as [string, string][];

export const secretIn = (html: string) => /otk_[0-9A-Za-z]{36}/.exec(html)?.[0] ?? null;

export const tokenRow = (name: string, db = acmeDb()) =>
  one<{
    id: string;
    kind: string;
    owner_user_id: string | null;
    created_by: string | null;
    secret_hash: string;
    scopes: string;
    allowed_addresses: string | null;
    expires_at: number;
    created_at: number;
    revoked_at: number | null;
  }>(db, 'SELECT * FROM api_tokens WHERE name = ?', name);

export const audits = (entityId: string, action: string) =>
  scalar(
    acmeDb(),
    'SELECT count(*) AS n FROM audit_log WHERE entity_id = ? AND action = ?',
    entityId,
    action
  );
