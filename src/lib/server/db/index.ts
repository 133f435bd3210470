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
 * the isolate's handle for `d1` for everything but the connection: the dialect and the relational
 * config are reused, and the relational builders (`db.query.<table>`) are copied from the binding's
 * handle with this session, one table at a time and only when used. A per-request handle therefore
 * costs a few objects, not a walk over every table.
 * Assumes drizzle-orm 0.45's D1 driver layout (DrizzleD1Database + SQLiteD1Session, as `drizzle()`
 * builds them; a relational builder holds its session in `session`).
 */
export function openTenantDbOver(d1: D1Database, client: D1DatabaseSession): TenantDb {
  const base = openTenantDb(d1);
  const { dialect } = base as unknown as { dialect: SQLiteAsyncDialect };
  const schema = base._ as ConstructorParameters<typeof DrizzleD1Database>[3];
  const session = new SQLiteD1Session(client as unknown as D1Database, dialect, schema, {});
  // No schema here: the constructor would build a relational builder for every table.
  const db = new DrizzleD1Database('async', dialect, session, undefined) as unknown as TenantDb;
  const copies = new Map<PropertyKey, unknown>();
  Object.assign(db, {
    _: base._,
    $client: d1,
    query: new Proxy(base.query, {
      get(target, table) {
        if (!copies.has(table)) {
          const shared = Reflect.get(target, table) as object | undefined;
          copies.set(
            table,
            shared && Object.assign(Object.create(Object.getPrototypeOf(shared)), shared, { session })
          );
        }
        return copies.get(table);
      }
    })
  });
  return db;
}

export { tenantSchema, controlSchema };
