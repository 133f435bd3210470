// Lists beyond a page, ordering, the agent's software on a device record, and preference-aware
// notifications (the helper the admin console's request decisions and renewal reminders use).
import { beforeAll, describe, expect, it } from 'vitest';
import { env } from 'cloudflare:workers';
import { ACME, apiGet, cookieFor, pageGet } from './helpers';
import { acmeDb, assetId, insertRequest, scalar, userId } from './helpers-data';
import { openTenantDb } from '../../src/lib/server/db';
import { notifyUserStatement } from '../../src/lib/server/notifications/notify';

let ada: string;
let grace: string;
beforeAll(async () => {
  [ada, grace] = await Promise.all([
    cookieFor(ACME, 'ada@acme.example'),
    cookieFor(ACME, 'grace@acme.example')
  ]);
});

describe('lists', () => {
  it('orders ada’s hardware most recently assigned first', async () => {
    const hw = (await (await apiGet(ACME, '/my/hardware', ada)).json()) as { items: { assetTag: string }[] };
    expect(hw.items.map((h) => h.assetTag)).toEqual(['ACME-0001', 'ACME-0003', 'ACME-0002']);
  });

  it('paginates requests beyond a page, newest first, on the page and the API', async () => {
    const graceId = await userId(acmeDb(), 'grace@acme.example');
    for (let i = 0; i < 55; i++)
      await insertRequest(acmeDb(), graceId, 'pending', `Bulk request ${String(i).padStart(2, '0')}`);
    const first = (await (await apiGet(ACME, '/my/requests', grace)).json()) as {
      items: { createdAt: number }[];
      total: number;
      pageCount: number;
      pageSize: number;
    };
    expect(first.total).toBe(55);
    expect(first.pageSize).toBe(50);
    expect(first.pageCount).toBe(2);
    expect(first.items).toHaveLength(50);
    const times = first.items.map((r) => r.createdAt);
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const second = (await (await apiGet(ACME, '/my/requests?page=2', grace)).json()) as { items: unknown[] };
    expect(second.items).toHaveLength(5);
    const html = await (await pageGet(ACME, '/my/requests', grace)).text();
    expect(html).toContain('Page 1 of 2');
    expect(html).toContain('href="?page=2"');
  });
});

describe('software on a device record', () => {
  it('comes from the paired agent when there is one, else from licences linked to the device', async () => {
    const laptop = await assetId(acmeDb(), 'ACME-0001');
    const before = (await (await apiGet(ACME, `/my/hardware/${laptop}`, ada)).json()) as {
      softwareSource: string;
      software: { name: string }[];
    };
    expect(before.softwareSource).toBe('licences');
    expect(before.software.map((s) => s.name)).toContain('Figma Professional');

    const adaId = await userId(acmeDb(), 'ada@acme.example');
    const device = crypto.randomUUID();
    await acmeDb().batch([
      acmeDb()
        .prepare(
          `INSERT INTO agent_devices (id, user_id, credential_hash, hostname, os_name, serial, status, enrolled_at, last_report_at) VALUES (?, ?, ?, 'ada-mbp', 'macOS', 'C02ZK1ADA001', 'active', ?, ?)`
        )
        .bind(device, adaId, crypto.randomUUID(), Date.now(), Date.now()),
      acmeDb()
        .prepare(
          `INSERT INTO agent_software (device_id, name, version, publisher) VALUES (?, 'Visual Studio Code', '1.96.0', 'Microsoft')`
        )
        .bind(device)
    ]);
    const after = (await (await apiGet(ACME, `/my/hardware/${laptop}`, ada)).json()) as {
      softwareSource: string;
      software: { name: string; version: string }[];
    };
    expect(after.softwareSource).toBe('agent');
    expect(after.software).toEqual([
      { name: 'Visual Studio Code', version: '1.96.0', publisher: 'Microsoft' }
    ]);
    // The export lists the paired device and the software it reported.
    const export_ = (await (await apiGet(ACME, '/my/export', ada)).json()) as {
      pairedDevices: { hostname: string; software: unknown[] }[];
    };
    expect(export_.pairedDevices.map((d) => d.hostname)).toEqual(['ada-mbp']);
    expect(export_.pairedDevices[0]!.software).toHaveLength(1);
  });
});

describe('notification preferences are honoured by notifyUserStatement', () => {
  it('skips request alerts when Request alerts is off, keeps other kinds', async () => {
    const db = openTenantDb(env.DB_ACME);
    const graceId = await userId(acmeDb(), 'grace@acme.example');
    const count = () =>
      scalar(acmeDb(), 'SELECT count(*) AS n FROM notifications WHERE user_id = ?', graceId);
    const start = await count();
    await db.batch([
      notifyUserStatement(db, graceId, 'request', { kind: 'request_update', title: 'Approved' })
    ]);
    expect(await count()).toBe(start + 1);
    await acmeDb()
      .prepare('UPDATE notification_preferences SET request_alerts = 0 WHERE user_id = ?')
      .bind(graceId)
      .run();
    await db.batch([
      notifyUserStatement(db, graceId, 'request', { kind: 'request_update', title: 'Rejected' }),
      notifyUserStatement(db, graceId, 'renewal', { kind: 'renewal_reminder', title: 'Renews soon' }),
      notifyUserStatement(db, graceId, null, { kind: 'problem_update', title: 'Repaired' })
    ]);
    expect(await count()).toBe(start + 3);
    expect(
      await scalar(
        acmeDb(),
        `SELECT count(*) AS n FROM notifications WHERE user_id = ? AND title = 'Rejected'`,
        graceId
      )
    ).toBe(0);
  });
});
