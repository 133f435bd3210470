// Fixed queries (src/lib/server/db/fixed-query.ts) build their SQL once per isolate and share it
// between requests: each request must still get its own user's rows, in its own workspace's
// database, and a value that is not given must fail rather than run unscoped.
import { describe, expect, it } from 'vitest';
import { ACME, apiGet, cookieFor, GLOBEX } from './helpers';
import { acmeDb, globexDb, scalar, userId } from './helpers-data';
import { asc, eq } from 'drizzle-orm';
import { aliased } from '../../src/lib/server/db/aliased';
import { openTenantDb } from '../../src/lib/server/db';
import { fixedQuery, runFixedBatch } from '../../src/lib/server/db/fixed-query';
import { hardwareAssets, hardwareModels, users } from '../../src/lib/server/db/tenant-schema';
import { assignedHardwareCount, frameFigures } from '../../src/lib/server/portal/user-counts';

interface Dashboard {
  hardwareCount: number;
  licenceCount: number;
  unreadNotificationCount: number;
}

async function dashboardOf(origin: string, email: string): Promise<Dashboard> {
  const res = await apiGet(origin, '/my/dashboard', await cookieFor(origin, email));
  expect(res.status).toBe(200);
  return (await res.json()) as Dashboard;
}

async function expectedFor(db: D1Database, email: string): Promise<Dashboard> {
  const id = await userId(db, email);
  return {
    hardwareCount: await scalar(db, 'SELECT count(*) AS n FROM hardware_assets WHERE assigned_to = ?', id),
    licenceCount: await scalar(db, 'SELECT count(*) AS n FROM licence_assignments WHERE user_id = ?', id),
    unreadNotificationCount: await scalar(
      db,
      'SELECT count(*) AS n FROM notifications WHERE user_id = ? AND read_at IS NULL',
      id
    )
  };
}

describe('fixed queries shared by every request of an isolate', () => {
  it('answer each user with their own figures, in their own workspace, one request after another', async () => {
    const people = [
      [ACME, acmeDb(), 'ada@acme.example'],
      [ACME, acmeDb(), 'admin@acme.example'],
      [GLOBEX, globexDb(), 'hank@globex.example'],
      [ACME, acmeDb(), 'ada@acme.example']
    ] as const;
    const seen = new Set<string>();
    for (const [origin, db, email] of people) {
      const got = await dashboardOf(origin, email);
      expect(got, email).toMatchObject(await expectedFor(db, email));
      seen.add(JSON.stringify([got.hardwareCount, got.licenceCount, got.unreadNotificationCount]));
    }
    // The demo people hold different things: identical answers would mean one user's values stuck.
    expect(seen.size).toBeGreaterThan(1);
  });

  it('run on whichever database they are given, with the values of that call', async () => {
    const acme = openTenantDb(acmeDb());
    const globex = openTenantDb(globexDb());
    const ada = await userId(acmeDb(), 'ada@acme.example');
    const hank = await userId(globexDb(), 'hank@globex.example');
    const [a] = await assignedHardwareCount.all(acme, { userId: ada });
    const [h] = await assignedHardwareCount.all(globex, { userId: hank });
    expect(a.n).toBe(
      await scalar(acmeDb(), 'SELECT count(*) AS n FROM hardware_assets WHERE assigned_to = ?', ada)
    );
    expect(h.n).toBe(
      await scalar(globexDb(), 'SELECT count(*) AS n FROM hardware_assets WHERE assigned_to = ?', hank)
    );
    expect(a.n).toBeGreaterThan(0);
    expect(h.n).toBeGreaterThan(0);
  });

  it('refuse to run without a value for every placeholder', async () => {
    await expect(assignedHardwareCount.all(openTenantDb(acmeDb()), {} as { userId: string })).rejects.toThrow(
      /userId/
    );
  });

  it('map rows exactly as drizzle does: decoded columns, aliases, left-join nulls, counts, nested objects', async () => {
    const db = openTenantDb(acmeDb());
    const ada = await userId(acmeDb(), 'ada@acme.example');
    // Every fixed query has flat fields (flat-row-mapper.ts); the nested one takes drizzle's mapper.
    const flat = (d: typeof db) =>
      d
        .select({
          id: hardwareAssets.id,
          model: aliased(hardwareModels.name, 'model_name'),
          assignee: aliased(users.name, 'user_name'),
          assignedAt: hardwareAssets.assignedAt,
          acknowledgementRequested: hardwareAssets.acknowledgementRequested,
          acknowledgedAt: hardwareAssets.acknowledgedAt,
          models: d.$count(hardwareModels)
        })
        .from(hardwareAssets)
        .innerJoin(hardwareModels, eq(hardwareModels.id, hardwareAssets.modelId))
        .leftJoin(users, eq(users.id, hardwareAssets.assignedTo))
        .orderBy(asc(hardwareAssets.assetTag));
    const nested = (d: typeof db) =>
      d
        .select({ id: hardwareAssets.id, holder: { name: users.name } })
        .from(hardwareAssets)
        .leftJoin(users, eq(users.id, hardwareAssets.assignedTo))
        .orderBy(asc(hardwareAssets.assetTag));
    const [flatRows, nestedRows, [figures]] = await runFixedBatch(db, [
      fixedQuery([], (d) => flat(d)).with({}),
      fixedQuery([], (d) => nested(d)).with({}),
      frameFigures.with({ userId: ada })
    ]);
    expect(flatRows).toEqual(await flat(db));
    expect(nestedRows).toEqual(await nested(db));
    // The seed has devices in stock (no holder) and assigned ones: both branches of the mapping ran.
    expect(nestedRows.some((r) => r.holder === null) && nestedRows.some((r) => r.holder !== null)).toBe(true);
    expect(flatRows.some((r) => r.assignee === null)).toBe(true);
    expect(typeof flatRows[0].models).toBe('number');
    expect(figures).toEqual({
      unread: await scalar(
        acmeDb(),
        'SELECT count(*) AS n FROM notifications WHERE user_id = ? AND read_at IS NULL',
        ada
      ),
      activeLoans: await scalar(
        acmeDb(),
        'SELECT count(*) AS n FROM loans WHERE user_id = ? AND returned_at IS NULL',
        ada
      )
    });
  });
});
