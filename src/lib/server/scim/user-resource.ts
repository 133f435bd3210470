// A workspace person as a SCIM User (RFC 7643 §4.1 + the enterprise extension §4.3), both ways.
// Inbound bodies go through scimmy's User schema (types, required userName, readOnly attributes
// dropped) and then through provisionedUserSchema (lengths, a work email). Attributes OnTrackio does
// not keep (locale, nickName, addresses, password, …) are accepted and not stored; a provisioned
// person never gets a password from SCIM.
import type SCIMMY from 'scimmy';
import { scimmy } from './scimmy';
import { provisionedUserSchema, type ProvisionedUser } from '../../contracts/scim';
import { ScimError, fromScimmyError } from './errors';
import { ENTERPRISE_USER } from './normalise';

export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';

// scimmy's User schema knows the enterprise extension: loadScimmy() (./scimmy) teaches it once per isolate.

/** What the read service returns for one person (users + scim_users + group memberships). */
export interface ScimUserRow {
  id: string;
  email: string;
  name: string;
  status: 'active' | 'suspended' | 'invited';
  jobTitle: string | null;
  phone: string | null;
  department: string | null;
  createdAt: number;
  updatedAt: number;
  userName: string | null;
  externalId: string | null;
  givenName: string | null;
  familyName: string | null;
  managerId: string | null;
  groups: { id: string; displayName: string }[];
}

export function toScimUser(row: ScimUserRow, base: string) {
  const enterprise = {
    ...(row.department ? { department: row.department } : {}),
    ...(row.managerId ? { manager: { value: row.managerId, $ref: `${base}/Users/${row.managerId}` } } : {})
  };
  const hasEnterprise = Object.keys(enterprise).length > 0;
  return {
    schemas: hasEnterprise ? [USER_SCHEMA, ENTERPRISE_USER] : [USER_SCHEMA],
    id: row.id,
    ...(row.externalId ? { externalId: row.externalId } : {}),
    userName: row.userName ?? row.email,
    name: {
      formatted: row.name,
      ...(row.givenName ? { givenName: row.givenName } : {}),
      ...(row.familyName ? { familyName: row.familyName } : {})
    },
    displayName: row.name,
    ...(row.jobTitle ? { title: row.jobTitle } : {}),
    // An invited person is provisioned and pending their first password: active until deactivated.
    active: row.status !== 'suspended',
    emails: [{ value: row.email, type: 'work', primary: true }],
    ...(row.phone ? { phoneNumbers: [{ value: row.phone, type: 'work' }] } : {}),
    groups: row.groups.map((g) => ({ value: g.id, display: g.displayName, $ref: `${base}/Groups/${g.id}` })),
    ...(hasEnterprise ? { [ENTERPRISE_USER]: enterprise } : {}),
    meta: {
      resourceType: 'User',
      created: new Date(row.createdAt).toISOString(),
      lastModified: new Date(row.updatedAt).toISOString(),
      location: `${base}/Users/${row.id}`
    }
  };
}
export type ScimUser = ReturnType<typeof toScimUser>;

/** A scimmy User instance of the stored person: what a PatchOp is applied to. */
export function userInstance(resource: ScimUser): InstanceType<typeof SCIMMY.Schemas.User> {
  const { groups: _readOnly, ...rest } = resource;
  return new (scimmy().Schemas.User)(rest, 'out');
}

/** A POST / PUT body (already normalised) → the checked attributes; 400 invalidValue when unusable. */
export function readUserBody(body: unknown, activeIfAbsent: boolean): ProvisionedUser {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new ScimError(400, 'invalidSyntax', 'The request body must be a SCIM User object.');
  const schemas = (body as { schemas?: unknown }).schemas;
  if (!Array.isArray(schemas) || !schemas.includes(USER_SCHEMA))
    throw new ScimError(400, 'invalidSyntax', `The body's schemas must include "${USER_SCHEMA}".`);
  let resource: Record<string, unknown>;
  try {
    resource = JSON.parse(JSON.stringify(new (scimmy().Schemas.User)(body, 'in')));
  } catch (err) {
    throw fromScimmyError(err) ?? err;
  }
  return readUserFields(resource, activeIfAbsent);
}

type Multi = { value?: unknown; type?: unknown; primary?: unknown }[] | undefined;

/** The work value of a multi-valued attribute: primary, else type "work", else the first. */
function pick(list: Multi): string | null {
  if (!Array.isArray(list) || list.length === 0) return null;
  const chosen = list.find((e) => e.primary === true) ?? list.find((e) => e.type === 'work') ?? list[0];
  return typeof chosen?.value === 'string' ? chosen.value : null;
}

/** A coerced User representation (scimmy's output) → the checked attributes. */
export function readUserFields(resource: Record<string, unknown>, activeIfAbsent: boolean): ProvisionedUser {
  const name = (resource.name ?? {}) as Record<string, unknown>;
  const enterprise = (resource[ENTERPRISE_USER] ?? {}) as Record<string, unknown>;
  const userName = typeof resource.userName === 'string' ? resource.userName : '';
  const given = typeof name.givenName === 'string' ? name.givenName.trim() : '';
  const family = typeof name.familyName === 'string' ? name.familyName.trim() : '';
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  const displayName =
    str(resource.displayName)?.trim() ||
    str(name.formatted)?.trim() ||
    `${given} ${family}`.trim() ||
    userName.split('@')[0];
  const email = pick(resource.emails as Multi) ?? (userName.includes('@') ? userName : '');
  const parsed = provisionedUserSchema.safeParse({
    userName,
    externalId: str(resource.externalId),
    email,
    name: displayName,
    givenName: given || null,
    familyName: family || null,
    title: str(resource.title),
    phone: pick(resource.phoneNumbers as Multi),
    department: str(enterprise.department),
    managerId: str((enterprise.manager as { value?: unknown } | undefined)?.value),
    active: typeof resource.active === 'boolean' ? resource.active : activeIfAbsent
  });
  if (!parsed.success) throw new ScimError(400, 'invalidValue', parsed.error.issues[0]!.message);
  return parsed.data;
}
