// Sessions (DESIGN §4). The cookie carries a random token; KV stores the session under
// `<slug>:session:<sha256(token)>`; the tenant DB's `sessions` row is the strongly consistent ledger
// checked on every request, so sign-out, suspension and "sign out everywhere" take effect on the very
// next request even while KV still holds a stale copy.
import type { Theme } from '../../contracts/enums';
import { and, eq, isNull } from 'drizzle-orm';
import { secondFactorMissingSql } from './two-factor-status';
import type { TenantDb } from '../db';
import { sessions, users } from '../db/tenant-schema';
import { fixedQuery } from '../db/fixed-query';
import type { Role } from '../authz/roles';
import { generateToken, hashToken, looksLikeToken } from './tokens';
import { auditStatement, type AuditEntry } from '../audit/record';
import {
  forgetSessionCopy,
  readKvSessionValue,
  rememberConfirmedSession,
  rememberKvSessionValue
} from './session-copies';

export const SESSION_IDLE_MS = 8 * 60 * 60 * 1000; // 8 hours without activity ends a session
export const SESSION_MAX_MS = 30 * 24 * 60 * 60 * 1000; // absolute cap, even with activity
// Activity is written back at most this often (KV allows ~1 write/s/key; D1 writes cost).
export const SESSION_TOUCH_INTERVAL_MS = 5 * 60 * 1000;

export interface SessionEnv {
  SESSIONS: KVNamespace;
  APP_ENV?: string;
}

interface KvSession {
  userId: string;
  createdAt: number;
  lastSeenAt: number;
  persistent: boolean;
}

/** What the rest of the app sees of the signed-in user: a projection, never the row. */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  theme: Theme;
}

export interface ActiveSession {
  id: string;
  persistent: boolean;
  createdAt: number;
  lastSeenAt: number;
  authMethod: string;
}

export interface NewSessionInput {
  userId: string;
  persistent: boolean;
  authMethod: string;
  userAgent: string | null;
  ipAddress: string | null;
}

/** The KV key of a session (and of this isolate's copies of it, session-copies.ts). */
export const kvKey = (slug: string, id: string) => `${slug}:session:${id}`;
const kvTtlSeconds = () => Math.ceil(SESSION_IDLE_MS / 1000);

export async function createSession(
  env: SessionEnv,
  slug: string,
  db: TenantDb,
  input: NewSessionInput
): Promise<{ token: string; session: ActiveSession }> {
  const token = generateToken();
  const id = hashToken(token);
  const now = Date.now();
  await db.insert(sessions).values({
    id,
    userId: input.userId,
    createdAt: now,
    lastSeenAt: now,
    persistent: input.persistent,
    authMethod: input.authMethod,
    userAgent: input.userAgent?.slice(0, 512) ?? null,
    ipAddress: input.ipAddress
  });
  const kv: KvSession = {
    userId: input.userId,
    createdAt: now,
    lastSeenAt: now,
    persistent: input.persistent
  };
  await putKvSession(env, slug, id, kv);
  return {
    token,
    session: {
      id,
      persistent: input.persistent,
      createdAt: now,
      lastSeenAt: now,
      authMethod: input.authMethod
    }
  };
}

export interface ValidatedSession {
  session: ActiveSession;
  user: SessionUser;
  /** The workspace requires two-step verification and this user has no second factor yet. */
  secondFactorMissing: boolean;
}

/** The session id (SHA-256 of the token) for a token that looks like one, else null. */
export function sessionIdOf(token: string | null | undefined): string | null {
  return looksLikeToken(token) ? hashToken(token) : null;
}

/**
 * The KV session read, started on its own so a caller can overlap it with other work. Served from
 * this isolate's copy when it is fresh (session-copies.ts says why that is safe).
 */
export function readKvSession(env: SessionEnv, slug: string, sessionId: string): Promise<string | null> {
  return readKvSessionValue(env.SESSIONS, kvKey(slug, sessionId));
}

function putKvSession(env: SessionEnv, slug: string, id: string, value: KvSession): Promise<void> {
  const key = kvKey(slug, id);
  const raw = JSON.stringify(value);
  rememberKvSessionValue(key, raw);
  return env.SESSIONS.put(key, raw, { expirationTtl: kvTtlSeconds() });
}

// The ledger query; every signed-in request runs it, so its SQL is built once per isolate
// (db/fixed-query.ts).
const sessionLedger = fixedQuery(['sessionId'], (db, p) =>
  db
    .select({
      userId: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      theme: users.theme,
      status: users.status,
      lastSeenAt: sessions.lastSeenAt,
      createdAt: sessions.createdAt,
      persistent: sessions.persistent,
      authMethod: sessions.authMethod,
      secondFactorMissing: secondFactorMissingSql(users.id)
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, p.sessionId), isNull(sessions.revokedAt)))
    .limit(1)
);
/**
 * The strongly consistent half of the check: the ledger row (unrevoked) joined with its user. `db`
 * must read the primary (the binding's own handle, never a read-replica session): that is what makes
 * a revocation take effect on the very next request.
 */
export function readSessionLedger(db: TenantDb, sessionId: string) {
  return sessionLedger.all(db, { sessionId });
}
export type SessionLedgerRead = ReturnType<typeof readSessionLedger>;

/**
 * Token → session + user, or null for anything that is not a live session (absent, malformed,
 * unknown, idle too long, revoked, user not active). Never throws for bad input.
 * `defer` receives the activity write-back so the caller can run it after the response.
 * `started` holds the session id (sessionIdOf) and the KV read (readKvSession) and the ledger read
 * (readSessionLedger over `db`'s binding) if the caller started them already.
 *
 * The KV read and the ledger query run side by side: the ledger is keyed by the token's hash, not by
 * anything in KV, and a session counts only when BOTH agree, so neither result is used before the
 * other has arrived.
 */
export async function validateSessionToken(
  env: SessionEnv,
  slug: string,
  db: TenantDb,
  token: string | null | undefined,
  defer: (work: Promise<unknown>) => void,
  started: { id?: string; kv?: Promise<string | null>; ledger?: SessionLedgerRead } = {}
): Promise<ValidatedSession | null> {
  const id = started.id ?? sessionIdOf(token);
  if (!id) return null;
  const [raw, rows] = await Promise.all([
    started.kv ?? readKvSession(env, slug, id),
    started.ledger ?? readSessionLedger(db, id)
  ]);
  const live = liveSessionOf(env, slug, db, id, raw, rows[0], defer);
  if (live && raw) rememberConfirmedSession(kvKey(slug, id), raw, live);
  return live;
}

export type LedgerRow = Awaited<SessionLedgerRead>[number];

/**
 * The session a KV value and a ledger row make together, or null: both present, the same user, the
 * user active, neither idle too long nor past the absolute cap. Defers the activity write-back (or,
 * for an ended session, the KV delete) to `defer`.
 */
export function liveSessionOf(
  env: SessionEnv,
  slug: string,
  db: TenantDb,
  id: string,
  raw: string | null,
  row: LedgerRow | undefined,
  defer: (work: Promise<unknown>) => void
): ValidatedSession | null {
  if (!raw) return null;
  let kv: KvSession;
  try {
    kv = JSON.parse(raw) as KvSession;
  } catch {
    return null;
  }
  if (!row || row.userId !== kv.userId || row.status !== 'active') return null;

  const now = Date.now();
  // The ledger's activity time decides: the KV value may be this isolate's copy, up to a minute old
  // (session-copies.ts), and both are written together by the activity write-back below.
  const lastSeenAt = row.lastSeenAt;
  if (now - lastSeenAt > SESSION_IDLE_MS || now - row.createdAt > SESSION_MAX_MS) {
    defer(deleteKvSession(env, slug, id));
    return null;
  }

  if (now - lastSeenAt > SESSION_TOUCH_INTERVAL_MS) {
    const next: KvSession = { ...kv, lastSeenAt: now };
    defer(
      Promise.all([
        putKvSession(env, slug, id, next),
        db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id))
      ])
    );
  }

  return {
    session: {
      id,
      persistent: row.persistent,
      createdAt: row.createdAt,
      lastSeenAt: now,
      authMethod: row.authMethod
    },
    user: { id: row.userId, email: row.email, name: row.name, role: row.role, theme: row.theme },
    secondFactorMissing: Boolean(row.secondFactorMissing)
  };
}

function deleteKvSession(env: SessionEnv, slug: string, id: string) {
  forgetSessionCopy(kvKey(slug, id));
  return env.SESSIONS.delete(kvKey(slug, id));
}

/** Ends one session (sign out). The ledger write makes it take effect everywhere at once. */
export async function revokeSession(
  env: SessionEnv,
  slug: string,
  db: TenantDb,
  sessionId: string
): Promise<void> {
  await db.update(sessions).set({ revokedAt: Date.now() }).where(eq(sessions.id, sessionId));
  await deleteKvSession(env, slug, sessionId);
}

/**
 * Ends every session of a user, optionally keeping one (password change, suspension, reset). With
 * `audit`, its row (told how many ended) is written in the same batch as the revocations, even when
 * none were live.
 */
export async function revokeAllSessionsForUser(
  env: SessionEnv,
  slug: string,
  db: TenantDb,
  userId: string,
  keepSessionId?: string,
  audit?: (ended: number) => AuditEntry
): Promise<number> {
  const live = await db
    .select({ id: sessions.id })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)));
  const ids = live.map((s) => s.id).filter((id) => id !== keepSessionId);
  const now = Date.now();
  const statements = [
    ...ids.map((id) => db.update(sessions).set({ revokedAt: now }).where(eq(sessions.id, id))),
    ...(audit ? [auditStatement(db, audit(ids.length))] : [])
  ];
  if (statements.length === 0) return 0;
  await db.batch(statements as [(typeof statements)[number], ...typeof statements]);
  await Promise.all(ids.map((id) => deleteKvSession(env, slug, id)));
  return ids.length;
}
