// compiledMapResultRow (src/lib/server/db/compiled-row-mapper.ts), which the build puts in place of
// drizzle's mapResultRow, must build exactly the objects drizzle builds: here both map the same raw
// rows of real queries on the seeded database, for every shape drizzle maps (flat, nested, left and
// inner joins with their nulling, SQL fields with and without a decoder, counts, booleans, aliases).
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import * as drizzleOrm from 'drizzle-orm';
import {
  Column,
  eq,
  getTableName,
  is,
  Param,
  Placeholder,
  sql,
  SQL,
  Subquery,
  Table,
  View
} from 'drizzle-orm';
import { openTenantDb } from '../../src/lib/server/db';
import { aliased } from '../../src/lib/server/db/aliased';
import { compiledMapResultRow } from '../../src/lib/server/db/compiled-row-mapper';
import { entityKindsOf } from '../../src/lib/server/db/entity-kinds';
import { hardwareAssets, hardwareModels, locations, users } from '../../src/lib/server/db/tenant-schema';

interface Prepared {
  fields: unknown;
  joinsNotNullableMap?: Record<string, boolean>;
}
interface Mappable {
  prepare(): unknown;
  values(): Promise<unknown[][]>;
}

// drizzle's own function: exported at run time, not in its type declarations.
const { mapResultRow } = drizzleOrm as unknown as {
  mapResultRow(columns: unknown, row: unknown[], joins?: Record<string, boolean>): Record<string, unknown>;
};
const compiled = compiledMapResultRow({ is, Column, SQL, Subquery, getTableName });

async function bothMappings(query: Mappable) {
  const { fields, joinsNotNullableMap } = query.prepare() as Prepared;
  const rows = await query.values();
  const drizzle = rows.map((r) => mapResultRow(fields, r, joinsNotNullableMap));
  // Twice: the second run uses the selection compiled by the first.
  compiled(fields, rows[0] ?? [], joinsNotNullableMap);
  const ours = rows.map((r) => compiled(fields, r, joinsNotNullableMap));
  return { drizzle, ours, rows };
}

describe('compiled row mapping', () => {
  const db = openTenantDb(env.DB_ACME);

  it('maps flat selections like drizzle: columns, aliases, booleans, SQL with and without decoder', async () => {
    const { drizzle, ours, rows } = await bothMappings(
      db
        .select({
          id: hardwareAssets.id,
          model: aliased(hardwareModels.name, 'model_name'),
          requested: hardwareAssets.acknowledgementRequested,
          lower: sql<string>`lower(${hardwareAssets.assetTag})`,
          number: sql`1 + 1`.mapWith(Number),
          models: db.$count(hardwareModels)
        })
        .from(hardwareAssets)
        .innerJoin(hardwareModels, eq(hardwareModels.id, hardwareAssets.modelId))
    );
    expect(rows.length).toBeGreaterThan(3);
    expect(ours).toEqual(drizzle);
    expect(typeof ours[0].requested).toBe('boolean');
  });

  it('maps nested selections and nulls a left-joined object that is all null, like drizzle', async () => {
    const { drizzle, ours } = await bothMappings(
      db
        .select({
          asset: { id: hardwareAssets.id, tag: hardwareAssets.assetTag },
          holder: { id: users.id, name: users.name },
          place: { name: locations.name, note: sql<string>`'x'` }
        })
        .from(hardwareAssets)
        .leftJoin(users, eq(users.id, hardwareAssets.assignedTo))
        .leftJoin(locations, eq(locations.id, hardwareAssets.locationId))
    );
    expect(ours).toEqual(drizzle);
    expect(ours.some((r) => r.holder === null)).toBe(true);
    expect(ours.some((r) => r.holder !== null)).toBe(true);
  });

  it('maps whole-table selections of a join like drizzle', async () => {
    const { drizzle, ours } = await bothMappings(
      db
        .select()
        .from(hardwareAssets)
        .leftJoin(users, eq(users.id, hardwareAssets.assignedTo))
        .innerJoin(hardwareModels, eq(hardwareModels.id, hardwareAssets.modelId))
    );
    expect(ours).toEqual(drizzle);
    expect(ours.some((r) => r.users === null)).toBe(true);
  });
});

describe('entity kinds collected once per class', () => {
  it('answers every (value, kind) pair as drizzle’s is() does', () => {
    const db = openTenantDb(env.DB_ACME);
    const subquery = db.select({ id: users.id }).from(users).as('u');
    const values: unknown[] = [
      users,
      users.id,
      hardwareAssets.acknowledgementRequested,
      sql`1`,
      sql`1`.as('one'),
      sql.placeholder('x'),
      new Param(1),
      subquery,
      db.select().from(users),
      eq(users.id, 'x'),
      {},
      [],
      new Date(),
      Object.create(Object.create(null) as object) as object
    ];
    const kinds = [Column, SQL, SQL.Aliased, Table, Param, Placeholder, Subquery, View];
    const entityKind = Symbol.for('drizzle:entityKind');
    for (const value of values)
      for (const kind of kinds) {
        const proto = Object.getPrototypeOf(value) as { constructor?: unknown } | null;
        if (proto === null) continue;
        // drizzle's is() after its instanceof test, answered from the collected kinds.
        const ours =
          value instanceof kind ||
          entityKindsOf(proto.constructor).has((kind as unknown as Record<symbol, unknown>)[entityKind]);
        expect(ours, `${String(proto.constructor?.['name' as never])} / ${kind.name}`).toBe(is(value, kind));
        // A class's kinds are collected once; the second answer reads them.
        if (typeof proto.constructor === 'function')
          expect(entityKindsOf(proto.constructor)).toBe(entityKindsOf(proto.constructor));
      }
  });
});
