// "Active sessions" on My profile › Security: the user's own live sessions, newest activity first,
// as a projection (never the token hash of another session leaves the server: ids are shortened).
import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import type { TenantDb } from '../db';
import { sessions } from '../db/tenant-schema';
import { auditActorOf } from '../authz/actor';
import { revokeAllSessionsForUser, SESSION_IDLE_MS, SESSION_MAX_MS, type SessionEnv } from './session';
import type { SecurityCaller } from './sudo';

export interface SessionSummary {
  browser: string;
  lastSeenAt: number;
  createdAt: number;
  current: boolean;
  authMethod: string;
}

/** "Chrome on Linux" from a User-Agent string; good enough to recognise one's own devices. */
export function describeUserAgent(ua: string | null): string {
  if (!ua) return 'Unknown browser';
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /Firefox\//.test(ua)
      ? 'Firefox'
      : /(Chrome|Chromium)\//.test(ua)
        ? 'Chrome'
        : /Safari\//.test(ua)
          ? 'Safari'
          : 'Browser';
  const os = /Windows/.test(ua)
    ? 'Windows'
    : /Mac OS X|Macintosh/.test(ua)
      ? 'macOS'
      : /Android/.test(ua)
        ? 'Android'
        : /iPhone|iPad/.test(ua)
          ? 'iOS'
          : /Linux/.test(ua)
            ? 'Linux'
            : null;
  return os ? `${browser} on ${os}` : browser;
}

export async function listActiveSessionsForUser(
  db: TenantDb,
  userId: string,
  currentSessionId: string
): Promise<SessionSummary[]> {
  const now = Date.now();
  const rows = await db
    .select({
      id: sessions.id,
      userAgent: sessions.userAgent,
      lastSeenAt: sessions.lastSeenAt,
      createdAt: sessions.createdAt,
      authMethod: sessions.authMethod
    })
    .from(sessions)
    .where(
      and(
        eq(sessions.userId, userId),
        isNull(sessions.revokedAt),
        gt(sessions.lastSeenAt, now - SESSION_IDLE_MS),
        gt(sessions.createdAt, now - SESSION_MAX_MS)
      )
    )
    .orderBy(desc(sessions.lastSeenAt))
    .limit(50);
  return rows
    .map((r) => ({
      browser: describeUserAgent(r.userAgent),
      lastSeenAt: r.lastSeenAt,
      createdAt: r.createdAt,
      current: r.id === currentSessionId,
      authMethod: r.authMethod
    }))
    .sort((a, b) => Number(b.current) - Number(a.current));
}

/** "Sign out other sessions": every live session of the person but the caller's own, audited in the same batch. */
export async function signOutOtherSessions(
  env: SessionEnv,
  slug: string,
  db: TenantDb,
  caller: SecurityCaller
): Promise<{ ended: number }> {
  const { actor } = caller;
  const ended = await revokeAllSessionsForUser(
    env,
    slug,
    db,
    actor.userId,
    caller.sessionId ?? undefined,
    (n) => ({
      ...auditActorOf(actor),
      action: 'sessions.signed_out_others',
      entityType: 'user',
      entityId: actor.userId,
      after: { ended: n }
    })
  );
  return { ended };
}
