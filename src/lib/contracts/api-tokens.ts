// The API token forms (My profile › API tokens, Admin › Settings › API tokens): one schema for the
// create form's input, validated once at the boundary. Which scopes a person may choose and the
// workspace's maximum lifetime are rules of the service (src/lib/server/api-tokens), not of the shape.
import * as z from 'zod';
import { API_SCOPES, API_SCOPE_LABELS, type ApiScope } from './api-scopes';
import { formatIpRange, parseIpRange } from './ip-ranges';
import { EXPIRY_CHOICES } from './labels/api-tokens';

/** A token as the pages list it: never its secret or hash. */
export interface ApiTokenSummary {
  id: string;
  name: string;
  kind: 'personal' | 'service';
  scopes: ApiScope[];
  allowedAddresses: string[];
  createdAt: number;
  createdByName: string | null;
  lastUsedAt: number | null;
  /** The effective expiry: the token's own, or sooner when the workspace maximum cuts it. */
  expiresAt: number;
  status: 'active' | 'expired' | 'revoked';
  revokedAt: number | null;
  revokedByName: string | null;
}

/** What the create form holds between posts (echoed back on a field error, so nothing typed is lost). */
export interface TokenFormValues {
  name: string;
  scopes: string[];
  expiry: string;
  expiresOn: string;
  allowedAddresses: string;
}

// The form imports these from labels/api-tokens.ts (zod-free); re-exported here for the server.
export { DEFAULT_EXPIRY, EXPIRY_CHOICES, EXPIRY_LABELS, type ExpiryChoice } from './labels/api-tokens';

export const MAX_ALLOWED_ADDRESSES = 50;
export const DEFAULT_MAX_LIFETIME_DAYS = 365;
export const MAX_LIFETIME_LIMIT_DAYS = 3650;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The allowed-addresses box: one address or CIDR range per line (commas and spaces also separate). */
const allowedAddressesSchema = z
  .string()
  .max(5000, 'That list is too long.')
  .transform((text, ctx) => {
    const entries = text.split(/[\s,]+/).filter(Boolean);
    const out: string[] = [];
    for (const entry of entries) {
      const parsed = parseIpRange(entry);
      if (!parsed.ok) {
        ctx.addIssue({ code: 'custom', message: parsed.message });
        return z.NEVER;
      }
      const canonical = formatIpRange(parsed.range);
      if (!out.includes(canonical)) out.push(canonical);
    }
    if (out.length > MAX_ALLOWED_ADDRESSES) {
      ctx.addIssue({
        code: 'custom',
        message: `Enter at most ${MAX_ALLOWED_ADDRESSES} addresses or ranges.`
      });
      return z.NEVER;
    }
    return out;
  });

export const createApiTokenSchema = z
  .object({
    name: z
      .string({ error: 'Give the token a name.' })
      .trim()
      .min(1, 'Give the token a name, for example “MDM sync”.')
      .max(100, 'Keep the name to 100 characters or fewer.'),
    scopes: z
      .array(z.string())
      .transform((list) => [...new Set(list)])
      .refine((list) => list.length > 0, 'Choose at least one scope.')
      .refine(
        (list) => list.every((s) => (API_SCOPES as readonly string[]).includes(s)),
        'Choose scopes from the list.'
      )
      .transform((list) => list as ApiScope[]),
    expiry: z.enum(EXPIRY_CHOICES, { error: 'Choose when the token expires.' }),
    expiresOn: z.string().trim().max(10).optional(),
    allowedAddresses: allowedAddressesSchema
  })
  .superRefine((v, ctx) => {
    if (v.expiry !== 'custom') return;
    if (!v.expiresOn)
      ctx.addIssue({ code: 'custom', path: ['expiresOn'], message: 'Choose the date the token expires.' });
    else if (!ISO_DATE.test(v.expiresOn) || Number.isNaN(Date.parse(`${v.expiresOn}T00:00:00Z`)))
      ctx.addIssue({ code: 'custom', path: ['expiresOn'], message: 'Enter the date as YYYY-MM-DD.' });
  });
export type CreateApiTokenInput = z.infer<typeof createApiTokenSchema>;

export const maxLifetimeSchema = z.object({
  days: z.coerce
    .number({ error: 'Enter a number of days.' })
    .int('Enter a whole number of days.')
    .min(1, 'Enter at least 1 day.')
    .max(MAX_LIFETIME_LIMIT_DAYS, `Enter at most ${MAX_LIFETIME_LIMIT_DAYS} days (10 years).`)
});

/** Scopes grouped by resource for the form's checkboxes, in the order of API_SCOPES. */
export interface ScopeGroup {
  resource: string;
  title: string;
  scopes: { scope: ApiScope; label: string }[];
}

type ScopeResource = ApiScope extends `${infer R}:${string}` ? R : never;

// Typed by the scopes' resources: a new resource without a title does not compile (a raw "dashboard"
// heading once showed on the token form).
const GROUP_TITLES: Record<ScopeResource, string> = {
  my: 'Your own items',
  dashboard: 'Dashboard',
  requests: 'Requests',
  people: 'People',
  hardware: 'Hardware',
  software: 'Software and licences',
  loans: 'Loan pool',
  maintenance: 'Maintenance',
  devices: 'Paired devices',
  audit: 'Audit log',
  scim: 'Provisioning'
};

export function scopeGroups(allowed: readonly ApiScope[]): ScopeGroup[] {
  const groups: ScopeGroup[] = [];
  for (const scope of API_SCOPES) {
    if (!allowed.includes(scope)) continue;
    const resource = scope.split(':')[0] as ScopeResource;
    let group = groups.find((g) => g.resource === resource);
    if (!group) {
      group = { resource, title: GROUP_TITLES[resource], scopes: [] };
      groups.push(group);
    }
    group.scopes.push({ scope, label: API_SCOPE_LABELS[scope] });
  }
  return groups;
}
