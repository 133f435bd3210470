// Admin › Software (issue 6): licences with seat limits enforced by the database (also under
// concurrency), device links only to the holder's own hardware, and audit rows.
import { beforeAll, describe, expect, it } from 'vitest';
import { ACME, adminCookie, apiGet, apiWrite, cookieFor, postForm } from './helpers';
import { acmeDb, assetId, one, scalar, userId } from './helpers-data';
import { createUser } from './helpers-security';
import { assignSeat, dayFromToday, newLicence } from './helpers-software';

let admin: string;
let ada: string;
let adaId: string;
beforeAll(async () => {
  admin = await adminCookie(ACME);
  ada = await cookieFor(ACME, 'ada@acme.example');
  adaId = await userId(acmeDb(), 'ada@acme.example');
});

const audits = (entityId: string, action: string, db = acmeDb()) =>
  scalar(db, 'SELECT count(*) AS n FROM audit_log WHERE entity_id = ? AND action = ?', entityId, action);
const seatCount = (licenceId: string) =>
  scalar(acmeDb(), 'SELECT count(*) AS n FROM licence_assignments WHERE licence_id = ?', licenceId);
type Json = Record<string, unknown>;
const body = async (res: Response) => (await res.json()) as Json;

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
