// Admin › Software (issue 6): the role matrix and tenant walls, and the approved catalog that the
// New request form offers.
import { beforeAll, describe, expect, it } from 'vitest';
import { ACME, adminCookie, apiGet, apiWrite, cookieFor, GLOBEX, pageGet, postForm } from './helpers';
import { acmeDb, globexDb, one, scalar, userId } from './helpers-data';
import { assignSeat, newLicence } from './helpers-software';

let admin: string;
let ada: string;
let adaId: string;
let globexAdmin: string;
beforeAll(async () => {
  admin = await adminCookie(ACME);
  ada = await cookieFor(ACME, 'ada@acme.example');
  globexAdmin = await adminCookie(GLOBEX);
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
