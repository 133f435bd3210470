// SCIM test helpers: a workspace with SCIM turned on and a real service token (made through the API
// token service, as Settings › Provisioning makes it), and a fetch that speaks to /scim/v2 like an
// identity provider (bearer token, application/scim+json).
import { env } from 'cloudflare:workers';
import { openTenantDb, type TenantDb } from '../../src/lib/server/db';
import { createApiToken } from '../../src/lib/server/api-tokens/create';
import { saveProvisioningSettings } from '../../src/lib/server/provisioning/settings';
import type { ProvisioningSettingsInput } from '../../src/lib/contracts/scim';
import type { ApiScope } from '../../src/lib/contracts/api-scopes';
import type { Actor } from '../../src/lib/server/authz/actor';
import { expect } from 'vitest';
import { fetchWorker } from './helpers';

export const tenantDb = (slug: 'acme' | 'globex'): TenantDb =>
  openTenantDb(slug === 'acme' ? env.DB_ACME : env.DB_GLOBEX);

export async function adminActor(db: TenantDb): Promise<Actor> {
  const admin = await db.query.users.findFirst({ where: (u, { eq }) => eq(u.role, 'admin') });
  return { kind: 'user', userId: admin!.id, name: admin!.name, role: 'admin', via: 'session' };
}

export async function approveDomains(db: TenantDb, domains: string[]) {
  for (const d of domains)
    await db.$client
      .prepare('INSERT OR IGNORE INTO sso_approved_domains (domain, created_at) VALUES (?, ?)')
      .bind(d, Date.now())
      .run();
}

/** Turns SCIM on (with these settings) and returns a fresh service token's secret. */
export async function scimWorkspace(
  slug: 'acme' | 'globex',
  settings: Partial<ProvisioningSettingsInput> = {},
  scopes: ApiScope[] = ['scim']
): Promise<string> {
  const db = tenantDb(slug);
  const actor = await adminActor(db);
  const saved = await saveProvisioningSettings(db, actor, {
    enabled: true,
    newPeople: 'invitation',
    connectionId: null,
    subjectAttribute: 'externalId',
    ...settings
  });
  if (!saved.ok) throw new Error(`settings: ${saved.message}`);
  const token = await createApiToken(db, actor, 'service', {
    name: `scim test ${crypto.randomUUID().slice(0, 6)}`,
    scopes,
    expiry: '30',
    allowedAddresses: []
  });
  if (!token.ok) throw new Error('token not created');
  return token.token.secret;
}

export const origins = { acme: 'http://acme.localhost:8787', globex: 'http://globex.localhost:8787' };

/** The parts of a SCIM answer the tests read (resources, list responses and error bodies alike). */
export interface ScimBody {
  id: string;
  schemas: string[];
  status: string;
  scimType?: string;
  detail: string;
  totalResults: number;
  active: boolean;
  Resources: { id: string }[];
  [key: string]: unknown;
}

export async function scim(
  slug: 'acme' | 'globex',
  token: string | null,
  method: string,
  path: string,
  body?: unknown
): Promise<{ status: number; body: ScimBody; headers: Headers }> {
  const headers: Record<string, string> = { accept: 'application/scim+json' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/scim+json';
  const res = await fetchWorker(`${origins[slug]}/scim/v2${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body)
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
}

export const SCIM_ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
export const SCIM_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const SCIM_PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

/** An RFC 7644 §3.12 error: the body's schemas, status as a string, a detail, the scimType if any. */
export function expectScimError(res: { status: number; body: ScimBody }, status: number, scimType?: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.body.schemas).toEqual([SCIM_ERROR]);
  expect(res.body.status).toBe(String(status));
  expect(typeof res.body.detail).toBe('string');
  if (scimType) expect(res.body.scimType).toBe(scimType);
  else expect(res.body.scimType).toBeUndefined();
}

export const scimUserBody = (userName: string, extra: Record<string, unknown> = {}) => ({
  schemas: [SCIM_USER],
  userName,
  name: { givenName: 'E', familyName: 'Rror' },
  emails: [{ value: userName, type: 'work', primary: true }],
  ...extra
});
