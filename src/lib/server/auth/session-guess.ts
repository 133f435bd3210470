// The shortcut path's session check (http/request-context.ts withKnownSession): a read-only request
// of a session this isolate fully checked under a minute ago runs as that session at once, and the
// ledger is read side by side with the request's own reads. These functions give the guess and
// judge it; the ledger row decides exactly as in validateSessionToken (session.ts).
import type { TenantDb } from '../db';
import { confirmedSessionCopy, forgetSessionCopy, rememberConfirmedSession } from './session-copies';
import { kvKey, liveSessionOf, readSessionLedger, type SessionEnv, type ValidatedSession } from './session';

/**
 * The session this isolate's last full check accepted for this id (under a minute ago), as a guess
 * for the shortcut path (http/request-context.ts); undefined when there is none.
 */
export function lastConfirmedSession(slug: string, sessionId: string) {
  return confirmedSessionCopy(kvKey(slug, sessionId));
}

/**
 * The guess's check on the shortcut path (http/request-context.ts): the ledger read at the primary
 * (`db` is the binding's own handle), judged exactly as validateSessionToken judges it, true only if
 * the live session is still the one `guess` says (same user, name, email, role, theme, second-factor
 * state, session details). A guess that no longer holds is dropped, so the request's rerun takes
 * the full check.
 */
export async function confirmSessionGuess(
  env: SessionEnv,
  slug: string,
  db: TenantDb,
  sessionId: string,
  guess: { raw: string; session: ValidatedSession },
  defer: (work: Promise<unknown>) => void
): Promise<boolean> {
  const [row] = await readSessionLedger(db, sessionId);
  const live = liveSessionOf(env, slug, db, sessionId, guess.raw, row, defer);
  const key = kvKey(slug, sessionId);
  if (live && sameSession(live, guess.session)) {
    rememberConfirmedSession(key, guess.raw, live);
    return true;
  }
  forgetSessionCopy(key);
  return false;
}

/** Everything a request may have acted on is equal (lastSeenAt aside: it is "now" on every request). */
function sameSession(a: ValidatedSession, b: ValidatedSession): boolean {
  return (
    a.session.id === b.session.id &&
    a.session.persistent === b.session.persistent &&
    a.session.createdAt === b.session.createdAt &&
    a.session.authMethod === b.session.authMethod &&
    a.user.id === b.user.id &&
    a.user.email === b.user.email &&
    a.user.name === b.user.name &&
    a.user.role === b.user.role &&
    a.user.theme === b.user.theme &&
    a.secondFactorMissing === b.secondFactorMissing
  );
}
