// Helpers for the My portal tests: signed-in JSON and form calls, and direct reads of a tenant
// database to check what a call did (or did not) change.
import { env } from 'cloudflare:workers';
import { ACME, fetchWorker, signInByApi } from './helpers';

export async function cookieFor(origin: string, email: string): Promise<string> {
  const { cookie } = await signInByApi(origin, email);
  if (!cookie) throw new Error(`could not sign in ${email}`);
  return cookie;
}

export function apiGet(origin: string, path: string, cookie: string | null) {
  const headers = new Headers();
  if (cookie) headers.set('cookie', cookie);
  return fetchWorker(`${origin}/api/v1${path}`, { headers });
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

/** A page's form action posted the way a browser without JavaScript would. */
export function formPost(
  origin: string,
  pathAndAction: string,
  cookie: string | null,
  fields: Record<string, string> = {}
) {
  const headers = new Headers({
    origin,
    'content-type': 'application/x-www-form-urlencoded',
    accept: 'text/html'
  });
  if (cookie) headers.set('cookie', cookie);
  return fetchWorker(`${origin}${pathAndAction}`, {
    method: 'POST',
    headers,
    body: new URLSearchParams(fields)
  });
}

export function pageGet(origin: string, path: string, cookie: string | null) {
  const headers = new Headers({ accept: 'text/html' });
  if (cookie) headers.set('cookie', cookie);
  return fetchWorker(`${origin}${path}`, { headers });
}

export const acmeDb = () => env.DB_ACME;
export const globexDb = () => env.DB_GLOBEX;

export async function one<T = Record<string, unknown>>(
  db: D1Database,
  query: string,
  ...params: unknown[]
): Promise<T | null> {
  return (
    (await db
      .prepare(query)
      .bind(...params)
      .first<T>()) ?? null
  );
}

export async function scalar(db: D1Database, query: string, ...params: unknown[]): Promise<number> {
  const row = await db
    .prepare(query)
    .bind(...params)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

export async function userId(db: D1Database, email: string): Promise<string> {
  const row = await one<{ id: string }>(db, 'SELECT id FROM users WHERE email = ?', email);
  if (!row) throw new Error(`no user ${email}`);
  return row.id;
}

export async function assetId(db: D1Database, tag: string): Promise<string> {
  const row = await one<{ id: string }>(db, 'SELECT id FROM hardware_assets WHERE asset_tag = ?', tag);
  if (!row) throw new Error(`no asset ${tag}`);
  return row.id;
}

/** Inserts a request row for a user directly (the state the test needs), returning its id. */
export async function insertRequest(
  db: D1Database,
  ownerId: string,
  status: string,
  title = `Test ${status} ${crypto.randomUUID().slice(0, 8)}`
): Promise<string> {
  const id = crypto.randomUUID();
  const now = Date.now();
  await db.batch([
    db
      .prepare(
        `INSERT INTO requests (id, user_id, type, title, justification, urgency, status, created_at, updated_at) VALUES (?, ?, 'other', ?, 'For a test.', 'low', ?, ?, ?)`
      )
      .bind(id, ownerId, title, status, now, now),
    db
      .prepare(
        `INSERT INTO request_events (id, request_id, from_status, to_status, actor_id, created_at) VALUES (?, ?, NULL, 'pending', ?, ?)`
      )
      .bind(crypto.randomUUID(), id, ownerId, now)
  ]);
  return id;
}

export { ACME };
