// Pairing, as the pages and the agent API see it: codes (PairingCodes object, one per workspace) and
// automatic pairings (PairingHandshake object, one per pairing). The Durable Objects hold the short-lived
// secrets; the tenant D1 holds the device and its credential hash.
import type { TenantDb } from '../db';
import type { PairingCodes, IssuedCode } from '../../../../worker/durable-objects/pairing-codes';
import type { PairingHandshake, HandshakeView } from '../../../../worker/durable-objects/pairing-handshake';
import type { DeviceFacts, Enrolment, HandshakeStarted } from '../../contracts/agent';
import { enrolDeviceForUser, getActiveDeviceForUser, type DeviceCard } from './devices';
import { generateDeviceCredential, hashDeviceCredential } from './credential';
import { users } from '../db/tenant-schema';
import { auditStatement } from '../audit/record';
import { addressKey } from '../ratelimit/limits';
import { and, eq } from 'drizzle-orm';
import { attemptLimit, type RateLimitEnv } from '../ratelimit/limits';

export interface PairingEnv {
  PAIRING_CODES: DurableObjectNamespace<PairingCodes>;
  PAIRING_HANDSHAKE: DurableObjectNamespace<PairingHandshake>;
}

export interface WorkspaceRef {
  slug: string;
  name: string;
}

export const ALREADY_PAIRED_MESSAGE = 'Your account is already paired with a device.';

function codesFor(env: PairingEnv, slug: string) {
  // Invariant: every object name is prefixed with the tenant (DESIGN §3).
  return env.PAIRING_CODES.get(env.PAIRING_CODES.idFromName(`${slug}:pairing-codes`));
}

/** Handshake ids are the object's own 64-hex id; anything else is refused before touching a stub. */
export function handshakeFor(env: PairingEnv, pairingId: string) {
  if (!/^[0-9a-f]{64}$/.test(pairingId)) return null;
  try {
    return env.PAIRING_HANDSHAKE.get(env.PAIRING_HANDSHAKE.idFromString(pairingId));
  } catch {
    return null; // a well-formed string that is not an id of this namespace
  }
}

// ---- codes (My device → "Generate pairing code"; agent → pair --code) ----

export type IssueCodeResult = { ok: true; code: IssuedCode } | { ok: false; message: string };

export async function issuePairingCodeForUser(
  env: PairingEnv,
  slug: string,
  db: TenantDb,
  userId: string
): Promise<IssueCodeResult> {
  if (await getActiveDeviceForUser(db, userId)) return { ok: false, message: ALREADY_PAIRED_MESSAGE };
  return { ok: true, code: await codesFor(env, slug).issue(userId) };
}

export async function currentPairingCodeForUser(
  env: PairingEnv,
  slug: string,
  userId: string
): Promise<IssuedCode | null> {
  return codesFor(env, slug).currentFor(userId);
}

export type EnrolByCodeResult =
  | { ok: true; enrolment: Enrolment }
  | { ok: false; code: 'invalid_code' | 'already_paired' }
  | { ok: false; code: 'rate_limited'; retryAfterMs: number };

export async function enrolDeviceByCode(
  env: PairingEnv,
  workspace: WorkspaceRef,
  db: TenantDb,
  input: { code: string; facts: DeviceFacts },
  clientAddress: string
): Promise<EnrolByCodeResult> {
  const redeemed = await codesFor(env, workspace.slug).redeem(input.code, addressKey(clientAddress));
  if (!redeemed.ok) {
    if (redeemed.code === 'rate_limited')
      return { ok: false, code: 'rate_limited', retryAfterMs: redeemed.retryAfterMs };
    if (redeemed.alert) await reportCodeGuessing(db, workspace.slug, redeemed.alert, clientAddress);
    return { ok: false, code: 'invalid_code' };
  }

  const user = await db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(and(eq(users.id, redeemed.userId), eq(users.status, 'active')))
    .get();
  if (!user) return { ok: false, code: 'invalid_code' };

  const credential = generateDeviceCredential();
  const enrolled = await enrolDeviceForUser(db, {
    userId: user.id,
    facts: input.facts,
    credentialHash: hashDeviceCredential(credential),
    replace: redeemed.replacesPairing,
    method: 'code'
  });
  if (!enrolled.ok) return { ok: false, code: 'already_paired' };
  return {
    ok: true,
    enrolment: {
      credential,
      deviceId: enrolled.deviceId,
      user: { name: user.name, email: user.email },
      workspace
    }
  };
}

/**
 * The workspace-wide alert (once per window, raised by PairingCodes): a line in the Worker log for the
 * operator and an entry in the workspace's audit log for its admins. Enrolment itself goes on.
 */
async function reportCodeGuessing(
  db: TenantDb,
  slug: string,
  alert: { failures: number; windowMs: number },
  clientAddress: string
): Promise<void> {
  const windowMinutes = Math.round(alert.windowMs / 60_000);
  console.warn(
    JSON.stringify({
      event: 'pairing.code_guessing',
      workspace: slug,
      failures: alert.failures,
      windowMinutes
    })
  );
  await auditStatement(db, {
    actorId: null,
    actorLabel: 'Pairing-code guard',
    action: 'pairing.code_guessing_detected',
    entityType: 'workspace',
    entityId: null,
    after: { wrongCodes: alert.failures, windowMinutes },
    ipAddress: clientAddress
  });
}

// ---- automatic pairing (agent → handshake; browser → "Pair this device") ----

export type StartHandshakeResult =
  { ok: true; started: HandshakeStarted } | { ok: false; code: 'rate_limited'; retryAfterMs: number };

/**
 * An agent asks to pair automatically. Counted per client address (pairingStartAddress) here, as
 * code enrolment is counted in the PairingCodes object: anyone can call this without a credential.
 */
export async function startHandshake(
  env: PairingEnv & RateLimitEnv,
  slug: string,
  origin: string,
  facts: DeviceFacts,
  clientAddress: string
): Promise<StartHandshakeResult> {
  const decision = await attemptLimit(env, slug, 'pairingStartAddress', clientAddress);
  if (!decision.allowed) return { ok: false, code: 'rate_limited', retryAfterMs: decision.retryAfterMs };
  const id = env.PAIRING_HANDSHAKE.newUniqueId();
  const started = await env.PAIRING_HANDSHAKE.get(id).register(slug, facts);
  const pairingId = id.toString();
  const socketOrigin = origin.replace(/^http/, 'ws');
  return {
    ok: true,
    started: {
      pairingId,
      pairUrl: `${origin}/my/agent/pair/${pairingId}?t=${started.linkToken}`,
      socketUrl: `${socketOrigin}/agent/v1/pairings/${pairingId}/socket`,
      agentToken: started.agentToken,
      expiresAt: started.expiresAt
    }
  };
}

export function looksLikeLinkToken(value: string | null): value is string {
  return typeof value === 'string' && /^[a-z2-7]{32}$/.test(value);
}

export type PairPageState =
  | { kind: 'invalid' | 'used' | 'expired' }
  | {
      kind: 'ready';
      facts: DeviceFacts;
      agentConnected: boolean;
      expiresAt: number;
      currentDevice: DeviceCard | null;
    };

/** What the "Pair this device" page shows to the signed-in user holding the link. */
export async function viewPairingForUser(
  env: PairingEnv,
  slug: string,
  db: TenantDb,
  userId: string,
  pairingId: string,
  linkToken: string | null
): Promise<PairPageState> {
  const stub = handshakeFor(env, pairingId);
  if (!stub || !looksLikeLinkToken(linkToken)) return { kind: 'invalid' };
  const view: HandshakeView = await stub.view(slug, linkToken);
  if (view.status === 'invalid') return { kind: 'invalid' };
  if (view.status === 'expired') return { kind: 'expired' };
  if (view.status !== 'waiting') return { kind: 'used' };
  return {
    kind: 'ready',
    facts: view.facts,
    agentConnected: view.agentConnected,
    expiresAt: view.expiresAt,
    currentDevice: await getActiveDeviceForUser(db, userId)
  };
}

export type ConfirmPairingResult =
  | { ok: true; deviceId: string; hostname: string }
  | { ok: false; code: 'invalid' | 'used' | 'expired' }
  /** No socket: the user gets a code to type into the agent instead. */
  | { ok: false; code: 'agent_unreachable'; issued: IssuedCode };

/** "Pair this device with my account": replaces any earlier pairing of this user (the page warned). */
export async function confirmPairingForUser(
  env: PairingEnv,
  workspace: WorkspaceRef,
  db: TenantDb,
  user: { id: string; name: string; email: string },
  pairingId: string,
  linkToken: string | null
): Promise<ConfirmPairingResult> {
  const stub = handshakeFor(env, pairingId);
  if (!stub || !looksLikeLinkToken(linkToken)) return { ok: false, code: 'invalid' };
  const confirmed = await stub.confirm(workspace.slug, linkToken, user.id);
  if (!confirmed.ok) {
    if (confirmed.code !== 'agent_unreachable') return { ok: false, code: confirmed.code };
    // The user confirmed on the page (after the "already paired" warning, if any), so this fallback
    // code may replace the current pairing; a code from My device never does.
    return {
      ok: false,
      code: 'agent_unreachable',
      issued: await codesFor(env, workspace.slug).issue(user.id, true)
    };
  }
  const enrolled = await enrolDeviceForUser(db, {
    userId: user.id,
    facts: confirmed.facts,
    credentialHash: hashDeviceCredential(confirmed.credential),
    replace: true,
    method: 'handshake'
  });
  if (!enrolled.ok) {
    await stub.abandon();
    return { ok: false, code: 'used' };
  }
  await codesFor(env, workspace.slug).withdrawFor(user.id);
  await stub.deliver({
    deviceId: enrolled.deviceId,
    user: { name: user.name, email: user.email },
    workspace
  });
  return { ok: true, deviceId: enrolled.deviceId, hostname: confirmed.facts.hostname };
}
