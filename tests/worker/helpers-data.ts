// Direct reads of a tenant database, to check what a call through the Worker did (or did not)
// change, and test data inserted straight into the state a test needs.
import { env } from 'cloudflare:workers';

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
