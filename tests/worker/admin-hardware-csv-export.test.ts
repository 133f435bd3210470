// Split from admin-hardware-csv.test.ts (its header says what the set covers). This file: Hardware CSV
// export.
import { beforeAll, describe, expect, it } from 'vitest';
import { ACME, adminCookie, apiGet, pageGet } from './helpers';
import { acmeDb } from './helpers-data';
import { createUser } from './helpers-security';
import { apiImport, csvOf, HEADER, row, uniq } from './helpers-csv';

let admin: string;

beforeAll(async () => {
  admin = await adminCookie(ACME);
});

describe('Hardware CSV export', () => {
  it('the template is the header row', async () => {
    const res = await pageGet(ACME, '/admin/hardware/import/template', admin);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toContain(
      'attachment; filename="hardware-import-template.csv"'
    );
    expect(await res.text()).toBe(`${HEADER.join(',')}\r\n`);
  });

  it('respects the filters, escapes cells, guards formulas, and re-imports to the same export', async () => {
    const p = `EX-${uniq()}`;
    const person = await createUser();
    const csv = csvOf([
      HEADER,
      row({
        tag: `${p}-1`,
        serial: `${p}-S1`,
        maker: 'Apple',
        model: 'MacBook Pro 14" (M3)',
        category: 'Laptop',
        status: 'Assigned',
        location: 'Berlin Office',
        bought: '2025-11-02',
        cost: '2499.5',
        warranty: '2028-11-02',
        email: person.email,
        notes: 'Line one, with a comma\nLine "two"'
      }),
      row({
        tag: `${p}-2`,
        serial: `-neg${p}`,
        status: 'In repair',
        notes: '=HYPERLINK("http://evil.example","click")'
      }),
      row({ tag: `${p}-3`, status: 'Lost', notes: '@SUM(1+1)' })
    ]);
    expect((await apiImport(admin, csv)).status).toBe(201);

    const res = await apiGet(ACME, `/admin/hardware.csv?q=${p}`, admin);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="hardware-acme-\d{4}-\d{2}-\d{2}\.csv"$/
    );
    const exported = await res.text();
    const lines = exported.split('\r\n');
    expect(lines[0]).toBe(HEADER.join(','));
    expect(lines[1]).toBe(
      `${p}-1,${p}-S1,Apple,"MacBook Pro 14"" (M3)",Laptop,Assigned,Berlin Office,2025-11-02,2499.50,2028-11-02,${person.email},"Line one, with a comma\nLine ""two"""`
    );
    // (the line break inside the quoted notes stays as it was, LF; records end with CRLF)
    expect(lines[2]).toBe(
      `${p}-2,'-neg${p},Dell,Latitude 7450,Laptop,In repair,,,,,,"'=HYPERLINK(""http://evil.example"",""click"")"`
    );
    expect(lines[3]).toBe(`${p}-3,,Dell,Latitude 7450,Laptop,Lost,,,,,,'@SUM(1+1)`);
    expect(lines.length).toBe(5);
    // The page export takes the same filters: status narrows it.
    const page = await pageGet(ACME, `/admin/hardware/export?q=${p}&status=lost`, admin);
    expect((await page.text()).split('\r\n').filter(Boolean)).toEqual([HEADER.join(','), lines[3]]);
    expect((await pageGet(ACME, '/admin/hardware/export?status=melted', admin)).status).toBe(400);

    // Round trip: remove the assets, import the export, export again: the same file.
    const ids = acmeDb().prepare(`SELECT id FROM hardware_assets WHERE asset_tag LIKE ? || '%'`).bind(p);
    await acmeDb().batch([
      acmeDb()
        .prepare(
          `DELETE FROM hardware_assignments WHERE asset_id IN (SELECT id FROM hardware_assets WHERE asset_tag LIKE ? || '%')`
        )
        .bind(p),
      acmeDb().prepare(`DELETE FROM hardware_assets WHERE asset_tag LIKE ? || '%'`).bind(p)
    ]);
    expect((await ids.all()).results).toHaveLength(0);
    const back = await apiImport(admin, exported);
    expect(back.status, JSON.stringify(back.body)).toBe(201);
    expect(back.body.imported).toBe(3);
    expect(await (await apiGet(ACME, `/admin/hardware.csv?q=${p}`, admin)).text()).toBe(exported);
  });
});
