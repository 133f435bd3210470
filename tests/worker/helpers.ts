// The one set of test helpers for talking to the Worker through its public surface (fetch): sign in,
// post a form, read a page, call the JSON API, read cookies. Topic helpers (helpers-security.ts,
// helpers-agent.ts, ...) build on these; direct database reads for assertions are in helpers-data.ts.
import { env, exports } from 'cloudflare:workers';
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import worker from '../../worker/index';
import type { Actor, UserActor } from '../../src/lib/server/authz/actor';
import { isRole } from '../../src/lib/server/authz/roles';

export const ACME = 'http://acme.localhost:8787';
export const GLOBEX = 'http://globex.localhost:8787';
export const DEMO_PASSWORD = 'demo-password-2026';

/** The seeded administrators (scripts/seed). */
export const ADMIN_EMAIL = { [ACME]: 'admin@acme.example', [GLOBEX]: 'admin@globex.example' } as const;

let addressCounter = 0;
/** A fresh client address per call, so per-address rate limits of one test never touch another. */
export function freshAddress(): string {
  addressCounter += 1;
  return `198.51.100.${addressCounter % 250}.${Date.now() % 100000}`;
}

type FetchInit = RequestInit & { address?: string };

function requestFor(url: string, init: FetchInit): Request {
  const headers = new Headers(init.headers);
  if (init.address) headers.set('cf-connecting-ip', init.address);
  return new Request(url, { ...init, headers, redirect: 'manual' });
}

export function fetchWorker(url: string, init: FetchInit = {}): Promise<Response> {
  return exports.default.fetch(requestFor(url, init));
}

/**
 * The same request, then waits for the work the Worker deferred past its response (`waitUntil`: mail,
 * session activity). Assert "nothing was sent" only after this, never after a fixed sleep.
 */
export async function fetchSettled(url: string, init: FetchInit = {}): Promise<Response> {
  const ctx = createExecutionContext();
  // The Worker's own handler with a context this test owns, so its deferred work can be awaited.
  const request = requestFor(url, init) as Parameters<typeof worker.fetch>[0];
  const res = await worker.fetch(request, env, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

/** "name=value" of a named cookie from a response's Set-Cookie lines (null if absent or cleared). */
export function cookieFrom(res: Response, name: string): string | null {
  for (const line of res.headers.getSetCookie()) {
    const m = new RegExp(`^(${name}=[^;]*)`).exec(line);
    if (m && m[1] !== `${name}=`) return m[1];
  }
  return null;
}

/** The session cookie pair ("name=value") from a Set-Cookie response, or null. */
export const sessionCookieFrom = (res: Response) => cookieFrom(res, 'ontrackio_session');

/** One cookie, several (a session and a challenge), or none. */
export type CookieJar = string | null | (string | null)[];
const jar = (cookies: CookieJar) => [cookies].flat().filter(Boolean).join('; ');

function formInit(url: string, fields: Record<string, string>, cookies: CookieJar, address: string) {
  const headers: Record<string, string> = {
    origin: new URL(url).origin,
    'content-type': 'application/x-www-form-urlencoded',
    accept: 'text/html'
  };
  if (jar(cookies)) headers.cookie = jar(cookies);
  return { method: 'POST', body: new URLSearchParams(fields), headers, address };
}

/** A form post as a browser without JavaScript sends it: same origin, form-encoded, with cookies. */
export function postForm(
  url: string,
  fields: Record<string, string> = {},
  cookies: CookieJar = [],
  address = freshAddress()
) {
  return fetchWorker(url, formInit(url, fields, cookies, address));
}

/** postForm, then the work the action deferred past its response has finished (fetchSettled). */
export function postFormSettled(
  url: string,
  fields: Record<string, string> = {},
  cookies: CookieJar = [],
  address = freshAddress()
) {
  return fetchSettled(url, formInit(url, fields, cookies, address));
}

/** A plain request with cookies (any method through `init`). */
export function get(url: string, cookies: CookieJar = [], init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  if (jar(cookies)) headers.set('cookie', jar(cookies));
  return fetchWorker(url, { ...init, headers });
}

/** A page loaded the way a browser asks for it (Accept: text/html). */
export function pageGet(origin: string, path: string, cookie: string | null) {
  return get(`${origin}${path}`, cookie, { headers: { accept: 'text/html' } });
}

export function apiGet(origin: string, path: string, cookie: string | null) {
  return get(`${origin}/api/v1${path}`, cookie);
}

/** A same-origin JSON write through the API (body omitted = empty POST). */
export function apiWrite(
  origin: string,
  path: string,
  cookie: string | null,
  body?: unknown,
  method = 'POST'
) {
  const headers = new Headers({ origin });
  if (cookie) headers.set('cookie', cookie);
  if (body !== undefined) headers.set('content-type', 'application/json');
  else headers.set('content-length', '0');
  return fetchWorker(`${origin}/api/v1${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body)
  });
}

/** Signs in through the Sign in form (a SvelteKit form action), returning the cookie. */
export async function signInByForm(
  origin: string,
  email: string,
  password = DEMO_PASSWORD,
  opts: { remember?: boolean; address?: string } = {}
): Promise<{ res: Response; cookie: string | null }> {
  const fields: Record<string, string> = { email, password };
  if (opts.remember) fields.remember = 'on';
  const res = await postForm(`${origin}/login`, fields, [], opts.address ?? freshAddress());
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

/** A signed-in session cookie for a person (throws if sign-in fails): the usual test set-up. */
export async function cookieFor(origin: string, email: string, password = DEMO_PASSWORD): Promise<string> {
  const { cookie } = await signInByApi(origin, email, password);
  if (!cookie) throw new Error(`could not sign in ${email}`);
  return cookie;
}

/** Signed in as the workspace's seeded administrator. */
export const adminCookie = (origin: typeof ACME | typeof GLOBEX = ACME) =>
  cookieFor(origin, ADMIN_EMAIL[origin]);

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
