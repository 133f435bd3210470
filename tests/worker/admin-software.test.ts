// Admin › Software (issue 6, items 4 and 10): the approved catalog that the New request form offers,
// licences with seat limits enforced by the database (also under concurrency), device links only to
// the holder's own hardware, the role matrix and tenant walls, audit rows, and the daily renewal
// reminder cron (idempotent, preferences honoured, suspended and broken workspaces).
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { ACME, adminCookie, apiGet, apiWrite, cookieFor, GLOBEX, pageGet, postForm } from './helpers';
import { acmeDb, assetId, globexDb, one, scalar, userId } from './helpers-data';
import { createUser } from './helpers-security';
import { assignSeat, dayFromToday, newLicence, runCron } from './helpers-software';
import { runDailyJobs } from '../../worker/scheduled';

let admin: string;
let adminId: string;
let ada: string;
let adaId: string;
let globexAdmin: string;
beforeAll(async () => {
  [admin, ada, globexAdmin] = await Promise.all([
    adminCookie(ACME),
    cookieFor(ACME, 'ada@acme.example'),
    adminCookie(GLOBEX)
  ]);
  adminId = await userId(acmeDb(), 'admin@acme.example');
  adaId = await userId(acmeDb(), 'ada@acme.example');
});

const audits = (entityId: string, action: string, db = acmeDb()) =>
  scalar(db, 'SELECT count(*) AS n FROM audit_log WHERE entity_id = ? AND action = ?', entityId, action);
const seatCount = (licenceId: string) =>
  scalar(acmeDb(), 'SELECT count(*) AS n FROM licence_assignments WHERE licence_id = ?', licenceId);
type Json = Record<string, unknown>;
const body = async (res: Response) => (await res.json()) as Json;

describe('role matrix', () => {
  it('pages: 403 for employees, refused for another workspace’s admin, 200 for admins', async () => {
    const { productId, licenceId } = await newLicence(ACME, admin);
    for (const path of [
      '/admin/software',
      '/admin/software/products/new',
      `/admin/software/products/${productId}`,
      '/admin/software/licences/new',
      `/admin/software/licences/${licenceId}`
    ]) {
      expect((await pageGet(ACME, path, ada)).status, `employee ${path}`).toBe(403);
      expect([302, 303, 401, 403], `globex admin ${path}`).toContain(
        (await pageGet(ACME, path, globexAdmin)).status
      );
      expect((await pageGet(ACME, path, admin)).status, `admin ${path}`).toBe(200);
    }
    // Form actions are guarded on their own.
    expect(
      (await postForm(`${ACME}/admin/software/licences/${licenceId}?/assign`, { userId: adaId }, ada)).status
    ).toBe(403);
    expect(
      (await postForm(`${ACME}/admin/software/products/new`, { name: 'X', vendor: 'Y' }, ada)).status
    ).toBe(403);
    expect(await seatCount(licenceId)).toBe(0);
  });

  it('API: reads and writes refused to employees and to Globex’s admin, allowed to admins', async () => {
    const { productId, licenceId } = await newLicence(ACME, admin);
    for (const path of [
      '/admin/software',
      `/admin/software/${productId}`,
      '/admin/licences',
      `/admin/licences/${licenceId}`
    ]) {
      expect((await apiGet(ACME, path, ada)).status, `employee ${path}`).toBe(403);
      expect([401, 403], `globex admin ${path}`).toContain((await apiGet(ACME, path, globexAdmin)).status);
      expect((await apiGet(ACME, path, admin)).status, `admin ${path}`).toBe(200);
    }
    const writes: [string, string, unknown][] = [
      ['POST', '/admin/software', { name: 'Sneaky', vendor: 'X', approved: true }],
      ['PUT', `/admin/software/${productId}`, { name: 'Sneaky', vendor: 'X', approved: false }],
      ['POST', '/admin/licences', { productId, edition: 'X', seats: 1 }],
      ['PUT', `/admin/licences/${licenceId}`, { productId, edition: 'X', seats: 1 }],
      ['POST', `/admin/licences/${licenceId}/seats`, { userId: adaId }],
      ['DELETE', `/admin/licences/${licenceId}/seats/x`, undefined],
      ['PUT', `/admin/licences/${licenceId}/seats/x/devices`, { assetIds: [] }]
    ];
    for (const [method, path, payload] of writes) {
      expect((await apiWrite(ACME, path, ada, payload, method)).status, `employee ${method} ${path}`).toBe(
        403
      );
      expect([401, 403], `globex admin ${method} ${path}`).toContain(
        (await apiWrite(ACME, path, globexAdmin, payload, method)).status
      );
    }
    expect(await seatCount(licenceId)).toBe(0);
    expect(await scalar(acmeDb(), "SELECT count(*) AS n FROM software_products WHERE name = 'Sneaky'")).toBe(
      0
    );
  });

  it('another workspace: Acme ids are unknown to Globex’s admin, and Globex people can’t take Acme seats', async () => {
    const { productId, licenceId } = await newLicence(ACME, admin);
    expect((await apiGet(GLOBEX, `/admin/licences/${licenceId}`, globexAdmin)).status).toBe(404);
    expect((await apiGet(GLOBEX, `/admin/software/${productId}`, globexAdmin)).status).toBe(404);
    expect((await assignSeat(GLOBEX, globexAdmin, licenceId, adaId)).status).toBe(404);
    const hank = await userId(globexDb(), 'hank@globex.example');
    const res = await assignSeat(ACME, admin, licenceId, hank);
    expect(res.status).toBe(400);
    expect(((await body(res)).error as Json).fields).toEqual({
      userId: ['Choose an active person from the list.']
    });
    expect(await seatCount(licenceId)).toBe(0);
  });
});

describe('approved catalog', () => {
  it('a new approved product is offered by the New request form; unapproved, it is not', async () => {
    const { name, productId } = await newLicence(ACME, admin);
    const offered = async () => {
      const opts = (await body(await apiGet(ACME, '/my/requests/options', ada))) as {
        software: { id: string }[];
      };
      return opts.software.some((s) => s.id === productId);
    };
    expect(await offered()).toBe(true);
    expect(await (await pageGet(ACME, '/my/requests/new', ada)).text()).toContain(name);

    const res = await apiWrite(
      ACME,
      `/admin/software/${productId}`,
      admin,
      { name, vendor: 'Testware', approved: false },
      'PUT'
    );
    expect(res.status).toBe(200);
    expect(await offered()).toBe(false);
    // A request can't name it any more either.
    const req = await apiWrite(ACME, '/my/requests', ada, {
      type: 'software',
      title: 'Please',
      justification: 'Need it for work.',
      urgency: 'low',
      softwareId: productId
    });
    expect(req.status).toBe(400);
    expect(await audits(productId, 'software.created')).toBe(1);
    expect(await audits(productId, 'software.updated')).toBe(1);
    const row = await one<{ before: string; after: string }>(
      acmeDb(),
      "SELECT before, after FROM audit_log WHERE entity_id = ? AND action = 'software.updated'",
      productId
    );
    expect(JSON.parse(row!.before).approved).toBe(true);
    expect(JSON.parse(row!.after).approved).toBe(false);
  });

  it('vendor + name is unique: the clash is reported on the Name field (API and form)', async () => {
    const { name } = await newLicence(ACME, admin);
    const res = await apiWrite(ACME, '/admin/software', admin, { name, vendor: 'Testware', approved: true });
    expect(res.status).toBe(400);
    expect(((await body(res)).error as Json).fields).toEqual({
      name: ['This vendor already has a product with that name in the catalog.']
    });
    // Same name, other vendor: fine.
    expect(
      (await apiWrite(ACME, '/admin/software', admin, { name, vendor: 'Otherware', approved: true })).status
    ).toBe(201);
    const page = await postForm(
      `${ACME}/admin/software/products/new`,
      {
        name,
        vendor: 'Testware',
        approved: 'on'
      },
      admin
    );
    expect(page.status).toBe(400);
    const html = await page.text();
    expect(html).toContain('id="product-name-error"');
    expect(html).toContain('This vendor already has a product with that name in the catalog.');
    expect(
      await scalar(
        acmeDb(),
        "SELECT count(*) AS n FROM software_products WHERE name = ? AND vendor = 'Testware'",
        name
      )
    ).toBe(1);
  });

  it('bad input is a 400 with fields, never a 500', async () => {
    const res = await apiWrite(ACME, '/admin/software', admin, {
      name: '',
      vendor: 'x'.repeat(500),
      approved: 'maybe'
    });
    expect(res.status).toBe(400);
    expect(Object.keys(((await body(res)).error as Json).fields as Json)).toEqual(
      expect.arrayContaining(['name', 'vendor', 'approved'])
    );
    const lic = await apiWrite(ACME, '/admin/licences', admin, {
      productId: 'nope',
      edition: 'X',
      seats: 0,
      renewalDate: '2026-02-31'
    });
    expect(lic.status).toBe(400);
    expect(Object.keys(((await body(lic)).error as Json).fields as Json)).toEqual(
      expect.arrayContaining(['seats', 'renewalDate'])
    );
    const unknown = await apiWrite(ACME, '/admin/licences', admin, {
      productId: 'nope',
      edition: 'X',
      seats: 3
    });
    expect(((await body(unknown)).error as Json).fields).toEqual({
      productId: ['Choose a product from the catalog.']
    });
    expect(
      (
        await apiWrite(
          ACME,
          '/admin/licences/nope',
          admin,
          { productId: 'nope', edition: 'X', seats: 3 },
          'PUT'
        )
      ).status
    ).toBe(404);
    expect((await apiWrite(ACME, '/admin/licences/nope/seats', admin, { userId: adaId })).status).toBe(404);
  });
});

describe('licences and seats', () => {
  it('lists seats used / total; the last seat is taken, one more is refused with a clear message', async () => {
    const { name, licenceId } = await newLicence(ACME, admin, { seats: 2 });
    const [a, b, c] = await Promise.all([createUser(), createUser(), createUser()]);
    expect((await assignSeat(ACME, admin, licenceId, a.id)).status).toBe(201);
    expect((await assignSeat(ACME, admin, licenceId, b.id)).status).toBe(201);
    const full = await assignSeat(ACME, admin, licenceId, c.id);
    expect(full.status).toBe(409);
    expect(((await body(full)).error as Json).message).toBe(
      `All 2 seats of ${name} Team are assigned. Unassign a seat or add seats before assigning another.`
    );
    expect(await seatCount(licenceId)).toBe(2);
    expect(await audits(licenceId, 'licence.seat_assigned')).toBe(2);
    const list = (await body(await apiGet(ACME, '/admin/licences', admin))) as {
      items: { id: string; seats: number; seatsUsed: number }[];
    };
    expect(list.items.find((l) => l.id === licenceId)).toMatchObject({ seats: 2, seatsUsed: 2 });
    // The same person twice (on a licence with room): refused on the field.
    const roomy = (await newLicence(ACME, admin, { seats: 3 })).licenceId;
    expect((await assignSeat(ACME, admin, roomy, a.id)).status).toBe(201);
    const twice = await assignSeat(ACME, admin, roomy, a.id);
    expect(twice.status).toBe(400);
    expect((((await body(twice)).error as Json).fields as Json).userId).toEqual([
      expect.stringContaining('already has a seat of this licence')
    ]);
    expect(await seatCount(roomy)).toBe(1);
    // The page's Assign seat form shows the refusal as an alert.
    const page = await postForm(
      `${ACME}/admin/software/licences/${licenceId}?/assign`,
      {
        userId: c.id
      },
      admin
    );
    expect(page.status).toBe(409);
    expect(await page.text()).toContain(`All 2 seats of ${name} Team are assigned.`);
  });

  it('concurrent assignments for the last seats never exceed the licence', async () => {
    const { licenceId } = await newLicence(ACME, admin, { seats: 2 });
    const people = await Promise.all(Array.from({ length: 6 }, () => createUser()));
    const results = await Promise.all(people.map((p) => assignSeat(ACME, admin, licenceId, p.id)));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 201, 409, 409, 409, 409]);
    expect(await seatCount(licenceId)).toBe(2);
    expect(await audits(licenceId, 'licence.seat_assigned')).toBe(2);
    // Exactly the two winners were told.
    const told = await scalar(
      acmeDb(),
      `SELECT count(*) AS n FROM notifications WHERE kind = 'licence_assigned' AND user_id IN (${people.map(() => '?').join(',')})`,
      ...people.map((p) => p.id)
    );
    expect(told).toBe(2);
  });

  it('reducing seats below the number assigned is refused; down to it is fine; audited', async () => {
    const { productId, licenceId } = await newLicence(ACME, admin, { seats: 4 });
    const [a, b, c] = await Promise.all([createUser(), createUser(), createUser()]);
    for (const p of [a, b, c]) expect((await assignSeat(ACME, admin, licenceId, p.id)).status).toBe(201);
    const lower = await apiWrite(
      ACME,
      `/admin/licences/${licenceId}`,
      admin,
      { productId, edition: 'Team', seats: 2 },
      'PUT'
    );
    expect(lower.status).toBe(400);
    expect(((await body(lower)).error as Json).fields).toEqual({
      seats: ['3 seats are assigned. Unassign seats before reducing the total below 3.']
    });
    expect(await scalar(acmeDb(), 'SELECT seats AS n FROM licences WHERE id = ?', licenceId)).toBe(4);
    expect(await audits(licenceId, 'licence.updated')).toBe(0);
    // The form shows it beside the Seats field.
    const page = await postForm(
      `${ACME}/admin/software/licences/${licenceId}?/save`,
      {
        productId,
        edition: 'Team',
        seats: '1'
      },
      admin
    );
    expect(page.status).toBe(400);
    expect(await page.text()).toContain('id="licence-seats-error"');
    const ok = await apiWrite(
      ACME,
      `/admin/licences/${licenceId}`,
      admin,
      { productId, edition: 'Team Plus', seats: 3, renewalDate: dayFromToday(100), cost: 1234.5 },
      'PUT'
    );
    expect(ok.status).toBe(200);
    expect(
      await one(acmeDb(), 'SELECT seats, edition, cost_cents FROM licences WHERE id = ?', licenceId)
    ).toEqual({ seats: 3, edition: 'Team Plus', cost_cents: 123450 });
    expect(await audits(licenceId, 'licence.updated')).toBe(1);
    expect(await audits(licenceId, 'licence.created')).toBe(1);
  });

  it('unassign frees the seat (and its device links) once; a repeat is 404', async () => {
    const { licenceId } = await newLicence(ACME, admin, { seats: 1 });
    const a = await createUser();
    const seatId = ((await body(await assignSeat(ACME, admin, licenceId, a.id))) as { id: string }).id;
    expect(
      (await apiWrite(ACME, `/admin/licences/${licenceId}/seats/${seatId}`, admin, undefined, 'DELETE'))
        .status
    ).toBe(200);
    expect(
      (await apiWrite(ACME, `/admin/licences/${licenceId}/seats/${seatId}`, admin, undefined, 'DELETE'))
        .status
    ).toBe(404);
    expect(await seatCount(licenceId)).toBe(0);
    expect(await audits(licenceId, 'licence.seat_unassigned')).toBe(1);
    // The seat is free for someone else.
    expect((await assignSeat(ACME, admin, licenceId, (await createUser()).id)).status).toBe(201);
  });

  it('a seat links only to devices assigned to its holder; the holder sees it in My software', async () => {
    const { name, licenceId } = await newLicence(ACME, admin, { seats: 3 });
    const seatId = ((await body(await assignSeat(ACME, admin, licenceId, adaId))) as { id: string }).id;
    const adaLaptop = await assetId(acmeDb(), 'ACME-0001');
    const adminLaptop = await assetId(acmeDb(), 'ACME-0004');
    const path = `/admin/licences/${licenceId}/seats/${seatId}/devices`;

    const foreign = await apiWrite(ACME, path, admin, { assetIds: [adaLaptop, adminLaptop] }, 'PUT');
    expect(foreign.status).toBe(400);
    expect(((await body(foreign)).error as Json).fields).toEqual({
      assetIds: ['Link only devices assigned to Ada Lovelace.']
    });
    expect(
      await scalar(
        acmeDb(),
        'SELECT count(*) AS n FROM licence_assignment_devices WHERE assignment_id = ?',
        seatId
      )
    ).toBe(0);

    expect((await apiWrite(ACME, path, admin, { assetIds: [adaLaptop] }, 'PUT')).status).toBe(200);
    expect(await audits(licenceId, 'licence.seat_devices_set')).toBe(1);
    const detail = (await body(await apiGet(ACME, `/admin/licences/${licenceId}`, admin))) as {
      seatList: { id: string; devices: { assetTag: string }[]; holderDevices: { assetTag: string }[] }[];
    };
    const seat = detail.seatList.find((s) => s.id === seatId)!;
    expect(seat.devices.map((d) => d.assetTag)).toEqual(['ACME-0001']);
    expect(seat.holderDevices.map((d) => d.assetTag)).toContain('ACME-0001');

    // Ada's My software shows the seat with its device; the page too.
    const mine = (await body(await apiGet(ACME, '/my/software?page=1', ada))) as {
      items: { id: string; application: string; devices: { assetTag: string }[] }[];
      total: number;
    };
    const held = mine.items.find((i) => i.id === seatId) ?? (await findOnLaterPages(mine.total, seatId));
    expect(held).toMatchObject({ application: name, devices: [{ assetTag: 'ACME-0001' }] });
    // Another seat id of another licence can't be used through this licence.
    const other = await newLicence(ACME, admin);
    expect(
      (
        await apiWrite(
          ACME,
          `/admin/licences/${other.licenceId}/seats/${seatId}/devices`,
          admin,
          { assetIds: [] },
          'PUT'
        )
      ).status
    ).toBe(404);
    expect(
      await scalar(
        acmeDb(),
        'SELECT count(*) AS n FROM licence_assignment_devices WHERE assignment_id = ?',
        seatId
      )
    ).toBe(1);
  });
});

async function findOnLaterPages(total: number, seatId: string) {
  for (let page = 2; page <= Math.ceil(total / 10) + 1; page++) {
    const res = (await body(await apiGet(ACME, `/my/software?page=${page}`, ada))) as {
      items: { id: string }[];
    };
    const hit = res.items.find((i) => i.id === seatId);
    if (hit) return hit;
  }
  return undefined;
}

describe('renewal reminders (daily cron)', () => {
  const remindersFor = (userId: string, title: string, db = acmeDb()) =>
    scalar(
      db,
      "SELECT count(*) AS n FROM notifications WHERE user_id = ? AND kind = 'renewal_reminder' AND title = ?",
      userId,
      title
    );

  it('notifies holders and admins once per threshold; a second run sends nothing; preferences honoured', async () => {
    const { name, licenceId, productId } = await newLicence(ACME, admin, {
      seats: 5,
      renewalDate: dayFromToday(7)
    });
    const [holder, optedOut, suspended] = await Promise.all([createUser(), createUser(), createUser()]);
    for (const p of [holder, optedOut, suspended])
      expect((await assignSeat(ACME, admin, licenceId, p.id)).status).toBe(201);
    await acmeDb()
      .prepare(
        'INSERT INTO notification_preferences (user_id, renewal_alerts, request_alerts) VALUES (?, 0, 1)'
      )
      .bind(optedOut.id)
      .run();
    await acmeDb().prepare("UPDATE users SET status = 'suspended' WHERE id = ?").bind(suspended.id).run();
    const title = `${name} Team renews in 7 days`;

    await runCron();
    await runCron();

    expect(await remindersFor(holder.id, title)).toBe(1);
    expect(await remindersFor(adminId, title)).toBe(1);
    expect(await remindersFor(optedOut.id, title)).toBe(0);
    expect(await remindersFor(suspended.id, title)).toBe(0);
    expect(await remindersFor(adaId, title)).toBe(0); // not a holder, not an admin
    expect(
      await one(acmeDb(), 'SELECT link FROM notifications WHERE user_id = ? AND title = ?', holder.id, title)
    ).toEqual({ link: '/my/software' });
    expect(
      await one(acmeDb(), 'SELECT link FROM notifications WHERE user_id = ? AND title = ?', adminId, title)
    ).toEqual({ link: `/admin/software/licences/${licenceId}` });
    expect(await audits(licenceId, 'licence.renewal_reminder_sent')).toBe(1);
    expect(
      await scalar(
        acmeDb(),
        'SELECT count(*) AS n FROM licence_reminders_sent WHERE licence_id = ?',
        licenceId
      )
    ).toBe(1);

    // The next threshold (1 day) is a new reminder, once; a changed renewal date re-arms.
    const put = await apiWrite(
      ACME,
      `/admin/licences/${licenceId}`,
      admin,
      { productId, edition: 'Team', seats: 5, renewalDate: dayFromToday(1) },
      'PUT'
    );
    expect(put.status).toBe(200);
    await runCron();
    await runCron();
    expect(await remindersFor(holder.id, `${name} Team renews tomorrow`)).toBe(1);
    expect(await remindersFor(holder.id, title)).toBe(1);
    expect(await audits(licenceId, 'licence.renewal_reminder_sent')).toBe(2);
  });

  it('a day inside a threshold sends only that threshold; outside 30 days nothing', async () => {
    const far = await newLicence(ACME, admin, { renewalDate: dayFromToday(31) });
    const near = await newLicence(ACME, admin, { renewalDate: dayFromToday(20) });
    await runCron();
    expect(
      await scalar(
        acmeDb(),
        'SELECT count(*) AS n FROM licence_reminders_sent WHERE licence_id = ?',
        far.licenceId
      )
    ).toBe(0);
    expect(
      await one(acmeDb(), 'SELECT threshold FROM licence_reminders_sent WHERE licence_id = ?', near.licenceId)
    ).toEqual({ threshold: 30 });
    expect(await remindersFor(adminId, `${near.name} Team renews in 20 days`)).toBe(1);
  });

  it('suspended workspaces are skipped; a broken workspace is logged and the others still run', async () => {
    const control = env.DB_CONTROL;
    const globexAdminId = await userId(globexDb(), 'admin@globex.example');
    const g = await newLicence(GLOBEX, globexAdmin, { renewalDate: dayFromToday(3) });
    const a = await newLicence(ACME, admin, { renewalDate: dayFromToday(3) });
    const gTitle = `${g.name} Team renews in 3 days`;
    await control.prepare("UPDATE workspaces SET status = 'suspended' WHERE slug = 'globex'").run();
    // A registry row whose binding this deploy lacks: sorted first ("aaa…"), so it fails before the others.
    await control
      .prepare(
        "INSERT INTO workspaces (slug, name, status, db_binding, created_at, updated_at) VALUES ('aaa-broken', 'Broken', 'active', 'DB_AAA_BROKEN', 1, 1)"
      )
      .run();
    try {
      const result = await runDailyJobs(env, Date.now());
      expect(result.failed).toEqual(['aaa-broken']);
      expect(Object.keys(result.workspaces)).toEqual(['acme']);
      expect(await remindersFor(adminId, `${a.name} Team renews in 3 days`)).toBe(1);
      expect(await remindersFor(globexAdminId, gTitle, globexDb())).toBe(0);
    } finally {
      await control.prepare("UPDATE workspaces SET status = 'active' WHERE slug = 'globex'").run();
      await control.prepare("DELETE FROM workspaces WHERE slug = 'aaa-broken'").run();
    }
    await runCron();
    expect(await remindersFor(globexAdminId, gTitle, globexDb())).toBe(1);
    expect(await audits(g.licenceId, 'licence.renewal_reminder_sent', globexDb())).toBe(1);
  });
});
