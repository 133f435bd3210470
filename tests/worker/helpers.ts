// Test helpers that talk to the Worker only through its public surface (fetch).
import { exports } from 'cloudflare:workers';
import type { Actor, UserActor } from '../../src/lib/server/authz/actor';
import { isRole } from '../../src/lib/server/authz/roles';

export const ACME = 'http://acme.localhost:8787';
export const GLOBEX = 'http://globex.localhost:8787';
export const DEMO_PASSWORD = 'demo-password-2026';

let addressCounter = 0;
/** A fresh client address per call, so per-address rate limits of one test never touch another. */
export function freshAddress(): string {
  addressCounter += 1;
  return `198.51.100.${addressCounter % 250}.${Date.now() % 100000}`;
}

export function fetchWorker(url: string, init: RequestInit & { address?: string } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (init.address) headers.set('cf-connecting-ip', init.address);
  return exports.default.fetch(new Request(url, { ...init, headers, redirect: 'manual' }));
}

/** The session cookie pair ("name=value") from a Set-Cookie response, or null. */
export function sessionCookieFrom(res: Response): string | null {
  for (const line of res.headers.getSetCookie()) {
    const m = /^(ontrackio_session=[^;]*)/.exec(line);
    if (m && m[1] !== 'ontrackio_session=') return m[1];
  }
  return null;
}

/** Signs in through the Sign in form (a SvelteKit form action), returning the cookie. */
export async function signInByForm(
  origin: string,
  email: string,
  password = DEMO_PASSWORD,
  opts: { remember?: boolean; address?: string } = {}
): Promise<{ res: Response; cookie: string | null }> {
  const body = new URLSearchParams({ email, password });
  if (opts.remember) body.set('remember', 'on');
  const res = await fetchWorker(`${origin}/login`, {
    method: 'POST',
    body,
    address: opts.address ?? freshAddress(),
    headers: { origin, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' }
  });
  return { res, cookie: sessionCookieFrom(res) };
}

/** Signs in through the JSON API. */
export async function signInByApi(
  origin: string,
  email: string,
  password = DEMO_PASSWORD,
  address = freshAddress()
) {
  const res = await fetchWorker(`${origin}/api/v1/auth/sign-in`, {
    method: 'POST',
    address,
    headers: { origin, 'content-type': 'application/json' },
    body: JSON.stringify({ email, password })
  });
  return { res, cookie: sessionCookieFrom(res) };
}

export async function getWithCookie(url: string, cookie: string | null, init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  if (cookie) headers.set('cookie', cookie);
  return fetchWorker(url, { ...init, headers });
}

/** Test set-up that calls a service directly acts as OnTrackio itself (an audit label, no person). */
export const SETUP_ACTOR: Actor = { kind: 'system', label: 'Test set-up' };

/** A person as services take them (authz/actor.ts), with the role read from the tenant database. */
export async function actorFor(db: D1Database, email: string): Promise<UserActor> {
  const row = await db
    .prepare('SELECT id, name, role FROM users WHERE email = ?')
    .bind(email)
    .first<{ id: string; name: string; role: string }>();
  if (!row || !isRole(row.role)) throw new Error(`no user ${email}`);
  return { kind: 'user', userId: row.id, name: row.name, role: row.role, via: 'session' };
}
