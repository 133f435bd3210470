// Drizzle handles. Bindings are passed in; there is no module-level database (DESIGN §7).
//
// A drizzle handle is built once per isolate and binding: `drizzle(d1, { schema })` walks the whole
// schema to build its relational config, which cost more CPU than the queries of a page when it ran
// per request. The handles are immutable (they hold the binding, the dialect and that config), so
// sharing them between requests shares no request state. A handle over a D1 read session
// (`withSession`, see read-session.ts) is per request by nature; it reuses the binding handle's
// dialect and relational config, so building it costs a few object allocations.
import { drizzle, DrizzleD1Database } from 'drizzle-orm/d1';
import { SQLiteD1Session } from 'drizzle-orm/d1/session';
import type { SQLiteAsyncDialect } from 'drizzle-orm/sqlite-core';
import * as tenantSchema from './tenant-schema';
import * as controlSchema from './control-schema';

const tenantHandles = new WeakMap<D1Database, TenantDb>();
const controlHandles = new WeakMap<D1Database, ControlDb>();

const buildTenantDb = (d1: D1Database) => drizzle(d1, { schema: tenantSchema });
const buildControlDb = (d1: D1Database) => drizzle(d1, { schema: controlSchema });
export type TenantDb = ReturnType<typeof buildTenantDb>;
export type ControlDb = ReturnType<typeof buildControlDb>;

export function openTenantDb(d1: D1Database): TenantDb {
  let db = tenantHandles.get(d1);
  if (!db) tenantHandles.set(d1, (db = buildTenantDb(d1)));
  return db;
}

export function openControlDb(d1: D1Database): ControlDb {
  let db = controlHandles.get(d1);
  if (!db) controlHandles.set(d1, (db = buildControlDb(d1)));
  return db;
}

/**
 * A tenant handle whose queries go through `client` (a D1 Sessions API session of `d1`), sharing
 * the isolate's handle for `d1` for everything but the connection.
 * Assumes drizzle-orm 0.45's D1 driver layout (DrizzleD1Database + SQLiteD1Session, as `drizzle()`
 * itself builds them).
 */
export function openTenantDbOver(d1: D1Database, client: D1DatabaseSession): TenantDb {
  const base = openTenantDb(d1);
  const { dialect } = base as unknown as { dialect: SQLiteAsyncDialect };
  const schema = base._ as ConstructorParameters<typeof DrizzleD1Database>[3];
  const session = new SQLiteD1Session(client as unknown as D1Database, dialect, schema, {});
  const db = new DrizzleD1Database('async', dialect, session, schema) as TenantDb;
  db.$client = d1;
  return db;
}

export { tenantSchema, controlSchema };
