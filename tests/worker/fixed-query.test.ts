// Fixed queries (src/lib/server/db/fixed-query.ts) build their SQL once per isolate and share it
// between requests: each request must still get its own user's rows, in its own workspace's
// database, and a value that is not given must fail rather than run unscoped.
import { describe, expect, it } from 'vitest';
import { ACME, apiGet, cookieFor, GLOBEX } from './helpers';
import { acmeDb, globexDb, scalar, userId } from './helpers-data';
import { openTenantDb } from '../../src/lib/server/db';
import { assignedHardwareCount } from '../../src/lib/server/portal/user-counts';

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
});
