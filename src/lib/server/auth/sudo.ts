// Sudo mode: sensitive changes (turning a factor off, removing a passkey, new recovery codes) need
// the password again if it was not entered in the last SUDO_TTL_MS on this session. The grant is
// tied to the session id (revoking the session ends it) and kept in KV with the deadline inside.
export const SUDO_TTL_MS = 10 * 60 * 1000;

export interface SudoEnv {
  SESSIONS: KVNamespace;
}

const key = (slug: string, sessionId: string) => `${slug}:sudo:${sessionId}`;

export async function grantSudo(env: SudoEnv, slug: string, sessionId: string): Promise<void> {
  await env.SESSIONS.put(key(slug, sessionId), String(Date.now() + SUDO_TTL_MS), {
    expirationTtl: SUDO_TTL_MS / 1000
  });
}

export async function hasSudo(env: SudoEnv, slug: string, sessionId: string): Promise<boolean> {
  const raw = await env.SESSIONS.get(key(slug, sessionId));
  return raw !== null && Number(raw) > Date.now();
}
