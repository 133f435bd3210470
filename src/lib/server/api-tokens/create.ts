// Creating an API token: the one place its rules are enforced, whoever calls.
// - Tokens are made by a signed-in person (a session actor): a token never mints another token.
// - Personal tokens: any person, only scopes their role allows today (`my:*` for everyone, admin
//   scopes for an admin), never `scim`. Service tokens: admin.settings; admin scopes and `scim`.
// - Expiry is required: 7, 30, 90, 365 days or a date, within the workspace's maximum lifetime.
// The secret is returned once and never stored: only its SHA-256. The audit row is in the same batch.
import type { TenantDb } from '../db';
import { apiTokens } from '../db/tenant-schema';
import { auditStatement } from '../audit/record';
import { actorCan, auditActorOf, type Actor } from '../authz/actor';
import type { ApiScope } from '../../contracts/api-scopes';
import type { CreateApiTokenInput } from '../../contracts/api-tokens';
import { generateApiTokenSecret, hashApiTokenSecret } from './format';
import { grantableScopes, type ApiTokenKind } from './scope-rules';
import { DAY_MS, getMaxLifetimeDays } from './lifetime';

export interface CreatedApiToken {
  id: string;
  name: string;
  kind: ApiTokenKind;
  /** Shown once, on the page that created it. */
  secret: string;
  scopes: ApiScope[];
  expiresAt: number;
}

export type CreateApiTokenResult =
  | { ok: true; token: CreatedApiToken }
  | { ok: false; code: 'forbidden'; message: string }
  | { ok: false; code: 'invalid'; fields: Record<string, string[]> };

type Fields = Record<string, string[]>;

/** Expiry as a timestamp, or a field error. A date means "through that day" (UTC). */
function expiryOf(input: CreateApiTokenInput, maxDays: number, now: number): number | Fields {
  const latest = now + maxDays * DAY_MS;
  const tooLate = `This workspace allows tokens for at most ${maxDays} day${maxDays === 1 ? '' : 's'}.`;
  if (input.expiry !== 'custom') {
    const expiresAt = now + Number(input.expiry) * DAY_MS;
    return expiresAt > latest ? { expiry: [tooLate] } : expiresAt;
  }
  const day = Date.parse(`${input.expiresOn}T00:00:00Z`);
  const expiresAt = day + DAY_MS;
  if (day < Math.floor(now / DAY_MS) * DAY_MS + DAY_MS) return { expiresOn: ['Choose a date after today.'] };
  if (expiresAt > latest)
    return {
      expiresOn: [`${tooLate} Choose ${new Date(latest - DAY_MS).toISOString().slice(0, 10)} or earlier.`]
    };
  return expiresAt;
}

export async function createApiToken(
  db: TenantDb,
  actor: Actor,
  kind: ApiTokenKind,
  input: CreateApiTokenInput,
  now = Date.now()
): Promise<CreateApiTokenResult> {
  if (actor.kind !== 'user' || actor.via !== 'session')
    return { ok: false, code: 'forbidden', message: 'API tokens are created by a signed-in person.' };
  if (kind === 'service' && !actorCan(actor, 'admin.settings'))
    return { ok: false, code: 'forbidden', message: 'Only administrators can create service tokens.' };

  const fields: Fields = {};
  const allowed = grantableScopes(actor, kind);
  const refused = input.scopes.filter((s) => !allowed.includes(s));
  if (refused.includes('scim') && kind === 'personal')
    fields.scopes = ['The scim scope is only for service tokens (Admin › Settings › API tokens).'];
  else if (refused.length)
    fields.scopes = [`You can’t give a token scopes you don’t have: ${refused.join(', ')}.`];

  const expiry = expiryOf(input, await getMaxLifetimeDays(db), now);
  if (typeof expiry !== 'number') Object.assign(fields, expiry);
  if (Object.keys(fields).length || typeof expiry !== 'number') return { ok: false, code: 'invalid', fields };

  const secret = generateApiTokenSecret();
  const id = crypto.randomUUID();
  const row = {
    id,
    kind,
    ownerUserId: kind === 'personal' ? actor.userId : null,
    name: input.name,
    secretHash: hashApiTokenSecret(secret),
    scopes: JSON.stringify(input.scopes),
    allowedAddresses: input.allowedAddresses.length ? JSON.stringify(input.allowedAddresses) : null,
    expiresAt: expiry,
    createdAt: now,
    createdBy: actor.userId
  };
  await db.batch([
    db.insert(apiTokens).values(row),
    auditStatement(db, {
      ...auditActorOf(actor),
      action: 'api_token.created',
      entityType: 'api_token',
      entityId: id,
      // Never the secret or its hash.
      after: {
        name: input.name,
        kind,
        ownerUserId: row.ownerUserId,
        scopes: input.scopes,
        expiresAt: expiry,
        allowedAddresses: input.allowedAddresses
      }
    })
  ]);
  return { ok: true, token: { id, name: input.name, kind, secret, scopes: input.scopes, expiresAt: expiry } };
}
