// Passkeys (WebAuthn) with @simplewebauthn/server. The relying party is the workspace host itself
// (rpID = hostname, origin = the workspace origin), so a passkey made for acme.* is useless on
// globex.*. Registration challenges live in KV for a few minutes, keyed by the session; sign-in
// challenges live in the pending two-factor challenge (challenge.ts).
import { and, desc, eq } from 'drizzle-orm';
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON
} from '@simplewebauthn/server';
import { decodeBase64url, encodeBase64url } from '@oslojs/encoding';
import type { TenantDb } from '../db';
import { passkeys } from '../db/tenant-schema';
import { auditStatement } from '../audit/record';
import { auditStatementIfChanged } from '../audit/guarded';
import { auditActorOf, type UserActor } from '../authz/actor';
import { ensureRecoveryCodes } from './factor-changes';
import { loadWebauthn } from '../lazy-modules/load';

export const PASSKEY_CEREMONY_TTL_S = 300;

// @simplewebauthn/server and its certificate stack (ASN.1, COSE, X.509) load on the first passkey
// ceremony, not with every isolate: most requests never touch a passkey (a separate module of the
// deployed Worker: lazy-modules/load.ts).
const webauthn = loadWebauthn;

export interface PasskeyEnv {
  SESSIONS: KVNamespace;
}

export interface RelyingParty {
  id: string;
  origin: string;
  name: string;
}

export function relyingPartyFor(url: URL, workspaceName: string): RelyingParty {
  return { id: url.hostname, origin: url.origin, name: `${workspaceName} · OnTrackio` };
}

export interface PasskeySummary {
  id: string;
  name: string;
  createdAt: number;
  lastUsedAt: number | null;
}

export async function listPasskeysForUser(db: TenantDb, userId: string): Promise<PasskeySummary[]> {
  return db
    .select({
      id: passkeys.id,
      name: passkeys.name,
      createdAt: passkeys.createdAt,
      lastUsedAt: passkeys.lastUsedAt
    })
    .from(passkeys)
    .where(eq(passkeys.userId, userId))
    .orderBy(desc(passkeys.createdAt));
}

const regKey = (slug: string, sessionId: string) => `${slug}:webauthn-reg:${sessionId}`;

export async function passkeyRegistrationOptionsForUser(
  env: PasskeyEnv,
  slug: string,
  db: TenantDb,
  rp: RelyingParty,
  user: { id: string; email: string; name: string },
  sessionId: string
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const existing = await db
    .select({ id: passkeys.id, transports: passkeys.transports })
    .from(passkeys)
    .where(eq(passkeys.userId, user.id));
  const { generateRegistrationOptions } = await webauthn();
  const options = await generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userName: user.email,
    userDisplayName: user.name,
    userID: new TextEncoder().encode(user.id),
    attestationType: 'none',
    excludeCredentials: existing.map((p) => ({
      id: p.id,
      transports: p.transports ? JSON.parse(p.transports) : undefined
    })),
    authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' }
  });
  await env.SESSIONS.put(regKey(slug, sessionId), options.challenge, {
    expirationTtl: PASSKEY_CEREMONY_TTL_S
  });
  return options;
}

export type PasskeyRegistrationResult =
  { ok: true; id: string; recoveryCodes: string[] | null } | { ok: false; message: string };

/**
 * Verifies the new passkey against the ceremony this session started and stores it with its audit
 * row (one batch). A first second factor also gets the first set of recovery codes (shown once).
 */
export async function registerPasskeyForUser(
  env: PasskeyEnv,
  slug: string,
  db: TenantDb,
  rp: RelyingParty,
  actor: UserActor,
  sessionId: string,
  name: string,
  response: RegistrationResponseJSON
): Promise<PasskeyRegistrationResult> {
  const expectedChallenge = await env.SESSIONS.get(regKey(slug, sessionId));
  if (!expectedChallenge) return { ok: false, message: 'The passkey request timed out. Try again.' };
  await env.SESSIONS.delete(regKey(slug, sessionId));
  let verification;
  try {
    const { verifyRegistrationResponse } = await webauthn();
    verification = await verifyRegistrationResponse({
      response,
      expectedChallenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      requireUserVerification: false
    });
  } catch {
    return { ok: false, message: 'That passkey could not be verified. Try again.' };
  }
  if (!verification.verified) return { ok: false, message: 'That passkey could not be verified. Try again.' };
  const cred = verification.registrationInfo.credential;
  try {
    await db.batch([
      db.insert(passkeys).values({
        id: cred.id,
        userId: actor.userId,
        name,
        publicKey: encodeBase64url(cred.publicKey),
        counter: cred.counter,
        transports: cred.transports ? JSON.stringify(cred.transports) : null,
        createdAt: Date.now()
      }),
      auditStatement(db, {
        ...auditActorOf(actor),
        action: 'passkey.added',
        entityType: 'passkey',
        entityId: cred.id,
        after: { name }
      })
    ]);
  } catch {
    return { ok: false, message: 'This passkey is already registered.' };
  }
  return { ok: true, id: cred.id, recoveryCodes: await ensureRecoveryCodes(db, actor) };
}

/** Renames one of the person's passkeys; false when it is not theirs (or gone). Audited only if renamed. */
export async function renamePasskeyForUser(
  db: TenantDb,
  actor: UserActor,
  passkeyId: string,
  name: string
): Promise<boolean> {
  const [renamed] = await db.batch([
    db
      .update(passkeys)
      .set({ name })
      .where(and(eq(passkeys.id, passkeyId), eq(passkeys.userId, actor.userId))),
    auditStatementIfChanged(db, {
      ...auditActorOf(actor),
      action: 'passkey.renamed',
      entityType: 'passkey',
      entityId: passkeyId,
      after: { name }
    })
  ]);
  return renamed.meta.changes === 1;
}

/** Options for the sign-in challenge page: only this user's passkeys are allowed. */
export async function passkeySignInOptionsForUser(
  db: TenantDb,
  rp: RelyingParty,
  userId: string
): Promise<PublicKeyCredentialRequestOptionsJSON | null> {
  const mine = await db
    .select({ id: passkeys.id, transports: passkeys.transports })
    .from(passkeys)
    .where(eq(passkeys.userId, userId));
  if (mine.length === 0) return null;
  const { generateAuthenticationOptions } = await webauthn();
  return generateAuthenticationOptions({
    rpID: rp.id,
    allowCredentials: mine.map((p) => ({
      id: p.id,
      transports: p.transports ? JSON.parse(p.transports) : undefined
    })),
    userVerification: 'preferred'
  });
}

/** Verifies an assertion made with one of this user's passkeys; records counter and last use. */
export async function verifyPasskeySignInForUser(
  db: TenantDb,
  rp: RelyingParty,
  userId: string,
  expectedChallenge: string,
  response: AuthenticationResponseJSON
): Promise<boolean> {
  if (typeof response?.id !== 'string') return false;
  const row = await db.query.passkeys.findFirst({
    where: and(eq(passkeys.id, response.id), eq(passkeys.userId, userId))
  });
  if (!row) return false;
  let verification;
  try {
    const { verifyAuthenticationResponse } = await webauthn();
    verification = await verifyAuthenticationResponse({
      response,
      expectedChallenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      credential: {
        id: row.id,
        publicKey: new Uint8Array(decodeBase64url(row.publicKey)),
        counter: row.counter,
        transports: row.transports ? JSON.parse(row.transports) : undefined
      },
      requireUserVerification: false
    });
  } catch {
    return false;
  }
  if (!verification.verified) return false;
  await db
    .update(passkeys)
    .set({ counter: verification.authenticationInfo.newCounter, lastUsedAt: Date.now() })
    .where(and(eq(passkeys.id, row.id), eq(passkeys.userId, userId)));
  return true;
}
