// Split from admin-hardware-csv.test.ts (its header says what the set covers). This file: Hardware CSV
// import.
import { beforeAll, describe, expect, it } from 'vitest';
import { ACME, adminCookie, apiGet, cookieFor } from './helpers';
import { acmeDb, one, scalar } from './helpers-data';
import { createUser } from './helpers-security';
import {
  apiImport,
  apiPreview,
  assetsTagged,
  confirmCsv,
  csvOf,
  HEADER,
  row,
  rowErrors,
  uniq,
  uploadCsv
} from './helpers-csv';

let admin: string;

beforeAll(async () => {
  admin = await adminCookie(ACME);
});

describe('Hardware CSV import', () => {
  it('previews a good file (quotes, commas, line breaks, CRLF, BOM) without writing, then imports it all on confirm, audited', async () => {
    const p = `OK-${uniq()}`;
    const person = await createUser();
    const csv =
      '\uFEFF' +
      csvOf([
        HEADER,
        row({
          tag: `${p}-1`,
          serial: `${p}S1`,
          maker: 'Apple',
          model: 'MacBook Pro 14" (M3)',
          category: 'laptop',
          status: 'In stock',
          location: 'london hq',
          bought: '2026-01-15',
          cost: '2,499.00',
          warranty: '2029-01-15',
          notes: 'Spare, for "new starters"\nKeep charged'
        }),
        row({ tag: `${p}-2`, serial: `${p}S2`, status: '', email: person.email.toUpperCase() }),
        row({ tag: `${p}-3`, status: 'in_repair', notes: '=cmd|/c calc' }),
        row({ tag: `${p}-4`, status: 'Retired', location: 'Remote' })
      ]);
    const { status, body } = await apiPreview(admin, csv);
    expect(status).toBe(200);
    expect(body.preview).toMatchObject({ ok: true, fileErrors: [], rowsWithErrors: 0 });
    expect(body.preview.rows.map((r) => [r.row, r.values.assetTag, r.errors])).toEqual([
      [2, `${p}-1`, []],
      [3, `${p}-2`, []],
      [4, `${p}-3`, []],
      [5, `${p}-4`, []]
    ]);
    expect(await assetsTagged(p)).toBe(0);

    // The page: upload → preview offers Import; still nothing written.
    const page = await uploadCsv('/admin/hardware/import?/preview', admin, csv);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('4 assets ready to import.');
    expect(html).toContain('Import 4 assets');
    expect(await assetsTagged(p)).toBe(0);

    const done = await confirmCsv(admin, csv);
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/admin/hardware?imported=4');
    const first = await one<Record<string, unknown>>(
      acmeDb(),
      `SELECT a.serial, a.status, a.purchase_date, a.purchase_cost_cents, a.warranty_ends, a.notes, l.name AS location, m.name AS model
       FROM hardware_assets a JOIN hardware_models m ON m.id = a.model_id LEFT JOIN locations l ON l.id = a.location_id WHERE a.asset_tag = ?`,
      `${p}-1`
    );
    expect(first).toEqual({
      serial: `${p}S1`,
      status: 'in_stock',
      purchase_date: '2026-01-15',
      purchase_cost_cents: 249900,
      warranty_ends: '2029-01-15',
      notes: 'Spare, for "new starters"\nKeep charged',
      location: 'London HQ',
      model: 'MacBook Pro 14" (M3)'
    });
    const assigned = await one<{ id: string; status: string; assigned_to: string; assigned_at: number }>(
      acmeDb(),
      'SELECT id, status, assigned_to, assigned_at FROM hardware_assets WHERE asset_tag = ?',
      `${p}-2`
    );
    expect(assigned).toMatchObject({ status: 'assigned', assigned_to: person.id });
    expect(assigned!.assigned_at).toBeGreaterThan(0);
    expect(
      await scalar(
        acmeDb(),
        'SELECT count(*) AS n FROM hardware_assignments WHERE asset_id = ? AND user_id = ? AND returned_at IS NULL',
        assigned!.id,
        person.id
      )
    ).toBe(1);
    expect(
      await one(acmeDb(), 'SELECT notes, status FROM hardware_assets WHERE asset_tag = ?', `${p}-3`)
    ).toEqual({ notes: '=cmd|/c calc', status: 'in_repair' });
    // One audit row per created asset.
    expect(
      await scalar(
        acmeDb(),
        `SELECT count(*) AS n FROM audit_log a JOIN hardware_assets h ON h.id = a.entity_id WHERE a.action = 'hardware.imported' AND h.asset_tag LIKE ? || '%'`,
        p
      )
    ).toBe(4);
    // The person sees the imported laptop in My hardware.
    const mine = await cookieFor(ACME, person.email);
    expect((await apiGet(ACME, `/my/hardware/${assigned!.id}`, mine)).status).toBe(200);
    // Importing the same file again: every row clashes with what now exists, nothing is added.
    const again = await apiImport(admin, csv);
    expect(again.status).toBe(400);
    expect(rowErrors(again.body, 2)).toContain(
      `Asset tag “${p}-1” is already used by an existing asset. Asset tags must be unique.`
    );
    expect(rowErrors(again.body, 2)).toContain(`Serial “${p}S1” is already recorded on an existing asset.`);
    expect(await assetsTagged(p)).toBe(4);
  });

  it('reports every bad row with its own messages, offers no Import, and imports nothing (not even the good rows)', async () => {
    const p = `BAD-${uniq()}`;
    const suspended = await createUser(undefined, { status: 'suspended' });
    const existing = (await one<{ asset_tag: string; serial: string }>(
      acmeDb(),
      `SELECT asset_tag, serial FROM hardware_assets WHERE asset_tag = 'ACME-0010'`
    ))!;
    const rows = [
      HEADER,
      row({ tag: `${p}-good` }), // 2: fine on its own
      row({ tag: `${p}-m`, maker: 'Dell', model: 'Latitude 9999' }), // 3
      row({ tag: `${p}-l`, location: 'Atlantis' }), // 4
      row({ tag: `${p}-e`, email: 'nobody@nowhere.example' }), // 5
      row({ tag: `${p}-s`, email: suspended.email }), // 6
      row({ tag: `${p}-d`, bought: '15/01/2026', warranty: '2026-02-31' }), // 7
      row({ tag: `${p}-st`, status: 'Broken' }), // 8
      row({ tag: `${p}-c`, cost: 'lots' }), // 9
      row({ tag: `${p}-dup`, serial: `${p}-SER` }), // 10
      row({ tag: `${p}-dup`, serial: `${p}-SER` }), // 11
      row({ tag: existing.asset_tag, serial: existing.serial }), // 12
      row({ tag: `${p}-cat`, category: 'Phone' }), // 13
      row({ tag: `${p}-a`, status: 'Assigned' }), // 14
      row({ tag: `${p}-r`, status: 'Retired', email: 'ada@acme.example' }), // 15
      row({ tag: 'has space!' }), // 16
      [`${p}-short`, 'only two'], // 17
      row({ tag: '', maker: '', model: '' }) // 18
    ];
    const csv = csvOf(rows);
    const { status, body } = await apiPreview(admin, csv);
    expect(status).toBe(200);
    expect(body.preview.ok).toBe(false);
    expect(body.preview.rowsWithErrors).toBe(16);
    expect(rowErrors(body, 2)).toEqual([]);
    expect(rowErrors(body, 3)).toEqual([
      'Model: there is no “Dell Latitude 9999” under Hardware › Models. Add it there first, or correct the spelling.'
    ]);
    expect(rowErrors(body, 4)).toEqual([
      'Location: there is no location called “Atlantis” under Hardware › Locations.'
    ]);
    expect(rowErrors(body, 5)).toEqual([
      'Assignee email: no one in this workspace has the email “nobody@nowhere.example”.'
    ]);
    expect(rowErrors(body, 6)).toEqual([
      `Assignee email: ${suspended.email} is not an active account; hardware can be assigned to active people only.`
    ]);
    expect(rowErrors(body, 7)).toEqual([
      'Purchase date: Enter the purchase date as YYYY-MM-DD.',
      'Warranty ends: Enter a real date.'
    ]);
    expect(rowErrors(body, 8)).toEqual([
      'Status: “Broken” isn’t a status. Use In stock, Assigned, In repair, Retired or Lost.'
    ]);
    expect(rowErrors(body, 9)).toEqual(['Purchase cost: Enter the cost as a number, for example 1299.99.']);
    expect(rowErrors(body, 10)).toEqual([
      `Asset tag “${p}-dup” appears more than once in the file (rows 10, 11).`,
      `Serial “${p}-SER” appears more than once in the file (rows 10, 11).`
    ]);
    expect(rowErrors(body, 11)).toEqual(rowErrors(body, 10));
    expect(rowErrors(body, 12)).toEqual([
      `Asset tag “${existing.asset_tag}” is already used by an existing asset. Asset tags must be unique.`,
      `Serial “${existing.serial}” is already recorded on an existing asset.`
    ]);
    expect(rowErrors(body, 13)).toEqual([
      'Category: “Dell Latitude 7450” is in “Laptop”, not “Phone”. Correct the category or leave it empty.'
    ]);
    expect(rowErrors(body, 14)).toEqual(['Status: an Assigned asset needs an Assignee email.']);
    expect(rowErrors(body, 15)).toEqual([
      'Assignee email: only Assigned assets have an assignee; this row’s status is Retired. Set Status to Assigned or clear the email.'
    ]);
    expect(rowErrors(body, 16)).toEqual(['Asset tag: Use letters, digits and . _ - / only.']);
    expect(rowErrors(body, 17)).toEqual(['This row has 2 cells; the header has 12.']);
    expect(rowErrors(body, 18)).toEqual([
      'Asset tag: Enter an asset tag.',
      'Manufacturer: enter the manufacturer, as listed under Hardware › Models.',
      'Model: enter the model name, as listed under Hardware › Models.'
    ]);

    // The page shows the rows' errors and no Import button.
    const page = await uploadCsv('/admin/hardware/import?/preview', admin, csv);
    expect(page.status).toBe(400);
    const html = await page.text();
    expect(html).toContain('16 rows have errors (of 17 rows). Nothing was imported.');
    expect(html).toContain('there is no location called “Atlantis”');
    expect(html).not.toContain('Import 17 assets');
    expect(html).not.toContain('name="csvBase64"');
    // Confirming anyway (a hand-made request) and the API import both refuse, writing nothing.
    expect((await confirmCsv(admin, csv)).status).toBe(400);
    const api = await apiImport(admin, csv);
    expect(api.status).toBe(400);
    expect(api.body.error?.fields?.['row 3']).toEqual(rowErrors(body, 3));
    expect(await assetsTagged(p)).toBe(0);
    expect(
      await scalar(
        acmeDb(),
        `SELECT count(*) AS n FROM audit_log WHERE action = 'hardware.imported' AND after LIKE ?`,
        `%${p}%`
      )
    ).toBe(0);
  });
});
