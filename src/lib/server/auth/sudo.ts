// Sudo mode: sensitive changes (turning a factor off, removing a passkey, new recovery codes) need
// the password again if it was not entered in the last SUDO_TTL_MS on this session. The grant is
// tied to the session id (revoking the session ends it) and kept in KV with the deadline inside.
// The services that need it (factor-changes.ts) check it themselves through `inSudoMode`, so no
// caller (page, API route, token) can skip it.
import type { UserActor } from '../authz/actor';

export const SUDO_TTL_MS = 10 * 60 * 1000;

export interface SudoEnv {
  SESSIONS: KVNamespace;
}

/**
 * A person changing their own sign-in security, and the browser session they act from. Sudo mode
 * belongs to a session: a caller without one (a personal API token) is never in sudo mode, so it can
 * never remove a factor or replace recovery codes.
 */
export interface SecurityCaller {
  actor: UserActor;
  sessionId: string | null;
}

export const SUDO_REQUIRED = {
  ok: false,
  code: 'sudo_required',
  message: 'Confirm your password to continue.'
} as const;
export type SudoRequired = typeof SUDO_REQUIRED;

const key = (slug: string, sessionId: string) => `${slug}:sudo:${sessionId}`;

/** Only after the password was checked (password-change.ts confirmPasswordForSudo, changeOwnPassword). */
export async function grantSudo(env: SudoEnv, slug: string, sessionId: string): Promise<void> {
  await env.SESSIONS.put(key(slug, sessionId), String(Date.now() + SUDO_TTL_MS), {
    expirationTtl: SUDO_TTL_MS / 1000
  });
}

export async function inSudoMode(env: SudoEnv, slug: string, caller: SecurityCaller): Promise<boolean> {
  if (caller.sessionId === null) return false;
  const raw = await env.SESSIONS.get(key(slug, caller.sessionId));
  return raw !== null && Number(raw) > Date.now();
}
