// Admin › Hardware CSV import and export: every bad-input class reported row by row (or for the file),
// nothing imported while any row has an error, confirm re-validates, one-batch import with audit rows,
// export filters and escaping, and an export that re-imports; plus the role matrix for these routes.
import { beforeAll, describe, expect, it } from 'vitest';
import { ACME, adminCookie, apiGet, apiWrite, cookieFor, GLOBEX, pageGet, postForm } from './helpers';
import { acmeDb, one, scalar } from './helpers-data';
import { createUser } from './helpers-security';
import { apiImport, apiPreview, confirmCsv, csvOf, HEADER, rowErrors, uploadCsv } from './helpers-csv';

let admin: string;
let ada: string;
let globexAdmin: string;
beforeAll(async () => {
  [admin, ada, globexAdmin] = await Promise.all([
    adminCookie(ACME),
    cookieFor(ACME, 'ada@acme.example'),
    adminCookie(GLOBEX)
  ]);
});

const uniq = () => crypto.randomUUID().slice(0, 6).toUpperCase();
const assetsTagged = (prefix: string) =>
  scalar(acmeDb(), `SELECT count(*) AS n FROM hardware_assets WHERE asset_tag LIKE ? || '%'`, prefix);
/** A row in HEADER order from the fields that matter. */
function row(
  v: Partial<
    Record<
      | 'tag'
      | 'serial'
      | 'maker'
      | 'model'
      | 'category'
      | 'status'
      | 'location'
      | 'bought'
      | 'cost'
      | 'warranty'
      | 'email'
      | 'notes',
      string
    >
  >
): string[] {
  return [
    v.tag ?? '',
    v.serial ?? '',
    v.maker ?? 'Dell',
    v.model ?? 'Latitude 7450',
    v.category ?? '',
    v.status ?? '',
    v.location ?? '',
    v.bought ?? '',
    v.cost ?? '',
    v.warranty ?? '',
    v.email ?? '',
    v.notes ?? ''
  ];
}

describe('Hardware CSV: role matrix', () => {
  it('pages and API refused to employees and Globex admins, allowed to Acme admins', async () => {
    for (const path of [
      '/admin/hardware/import',
      '/admin/hardware/import/template',
      '/admin/hardware/export'
    ]) {
      expect((await pageGet(ACME, path, ada)).status, path).toBe(403);
      expect([302, 303, 401, 403]).toContain((await pageGet(ACME, path, globexAdmin)).status);
      expect((await pageGet(ACME, path, admin)).status, path).toBe(200);
    }
    for (const path of ['/admin/hardware.csv', '/admin/hardware/import/template.csv']) {
      expect((await apiGet(ACME, path, ada)).status, path).toBe(403);
      expect([401, 403]).toContain((await apiGet(ACME, path, globexAdmin)).status);
      expect((await apiGet(ACME, path, admin)).status, path).toBe(200);
    }
    const tag = `RM-${uniq()}`;
    const csv = csvOf([HEADER, row({ tag })]);
    for (const cookie of [ada, globexAdmin]) {
      expect([401, 403]).toContain(
        (await apiWrite(ACME, '/admin/hardware/import/preview', cookie, { csv })).status
      );
      expect([401, 403]).toContain((await apiWrite(ACME, '/admin/hardware/import', cookie, { csv })).status);
      expect([302, 303, 401, 403]).toContain(
        (await uploadCsv('/admin/hardware/import?/preview', cookie, csv)).status
      );
      expect([302, 303, 401, 403]).toContain((await confirmCsv(cookie, csv)).status);
    }
    expect(await assetsTagged(tag)).toBe(0);
  });
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

  it('refuses whole files: missing, unknown or repeated columns, no rows, too many rows, unclosed quotes, text after a quote', async () => {
    const cases: [string, string[]][] = [
      [
        csvOf([
          ['Asset tag', 'Serial'],
          ['X-1', 'S']
        ]),
        ['The “Manufacturer” column is missing.', 'The “Model” column is missing.']
      ],
      [
        csvOf([
          [...HEADER, 'Colour'],
          [...row({ tag: 'X-2' }), 'red']
        ]),
        [`Unknown column “Colour”. The columns are: ${HEADER.join(', ')}.`]
      ],
      [
        csvOf([
          ['Asset tag', 'Manufacturer', 'Model', 'asset_tag'],
          ['X', 'Dell', 'Latitude 7450', 'X']
        ]),
        ['The column “Asset tag” appears more than once.']
      ],
      [csvOf([['Asset tag', '', 'Manufacturer', 'Model']]), ['Column 2 has no name in the header row.']],
      ['', ['The file is empty. Start from the template: its first row names the columns.']],
      [csvOf([HEADER]), ['The file has a header row but no assets to import.']],
      [
        `${HEADER.join(',')}\r\nX-3,"unterminated\r\n`,
        ['Row 2: a quoted cell is never closed (a " is missing).']
      ],
      [
        csvOf([HEADER, ...Array.from({ length: 1001 }, (_, i) => row({ tag: `MANY-${i}` }))]),
        ['The file has 1,001 rows; import at most 1,000 at a time. Split it into smaller files.']
      ]
    ];
    for (const [csv, fileErrors] of cases) {
      if (csv.length > 60_000) {
        // Over the API's 64 KB body limit: this one goes through the page, as a file.
        const page = await uploadCsv('/admin/hardware/import?/preview', admin, csv);
        expect(page.status).toBe(400);
        expect(await page.text()).toContain(fileErrors[0]);
        continue;
      }
      const { body } = await apiPreview(admin, csv);
      expect(body.preview.fileErrors, csv.slice(0, 80)).toEqual(fileErrors);
      expect(body.preview.ok).toBe(false);
      expect((await apiImport(admin, csv)).status).toBe(400);
    }
    // Text after a closing quote is a row error.
    const { body } = await apiPreview(
      admin,
      `${HEADER.join(',')}\r\n"X-4"junk,,Dell,Latitude 7450,,,,,,,,\r\n`
    );
    expect(rowErrors(body, 2)).toEqual(['A quoted cell must end right after its closing quote.']);
    expect(await assetsTagged('MANY-')).toBe(0);
  });

  it('refuses a file that is not UTF-8, an empty upload and a file over 1 MB', async () => {
    // "Café" in Latin-1: 0xE9 alone is not UTF-8.
    const latin1 = new Uint8Array([
      ...new TextEncoder().encode(`${HEADER.join(',')}\r\nLAT-1,,Dell,Latitude 7450,,,,,,,,Caf`),
      0xe9,
      0x0d,
      0x0a
    ]);
    const page = await uploadCsv('/admin/hardware/import?/preview', admin, latin1);
    expect(page.status).toBe(400);
    expect(await page.text()).toContain(
      'The file isn’t UTF-8 text. Save it from your spreadsheet as “CSV UTF-8” and try again.'
    );
    const api = await apiWrite(ACME, '/admin/hardware/import/preview', admin, {
      csvBase64: btoa(String.fromCharCode(...latin1))
    });
    expect(api.status).toBe(400);
    expect(((await api.json()) as { error: { fields: Record<string, string[]> } }).error.fields.file).toEqual(
      ['The file isn’t UTF-8 text. Save it from your spreadsheet as “CSV UTF-8” and try again.']
    );
    expect((await confirmCsv(admin, latin1)).status).toBe(400);
    expect(await assetsTagged('LAT-')).toBe(0);

    const empty = await uploadCsv('/admin/hardware/import?/preview', admin, '');
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('Choose a CSV file to preview.');
    const big = await uploadCsv(
      '/admin/hardware/import?/preview',
      admin,
      `${HEADER.join(',')}\r\n${'x'.repeat(1_000_001)}`
    );
    expect(big.status).toBe(400);
    expect(await big.text()).toContain('The file is larger than 1 MB. Split it into smaller files.');
    // Bad API bodies answer 400, never 500.
    expect((await apiWrite(ACME, '/admin/hardware/import', admin, { csvBase64: '***' })).status).toBe(400);
    expect((await apiWrite(ACME, '/admin/hardware/import', admin, {})).status).toBe(400);
    expect(
      (await apiWrite(ACME, '/admin/hardware/import', admin, { csv: 'a', csvBase64: 'YQ==' })).status
    ).toBe(400);
    expect(
      (await postForm(`${ACME}/admin/hardware/import?/confirm`, { csvBase64: '%%%' }, admin)).status
    ).toBe(400);
  });

  it('confirm re-validates: a clash created after the preview is reported on its row and nothing is imported', async () => {
    const p = `RV-${uniq()}`;
    const csv = csvOf([HEADER, row({ tag: `${p}-1` }), row({ tag: `${p}-2` }), row({ tag: `${p}-3` })]);
    const preview = await uploadCsv('/admin/hardware/import?/preview', admin, csv);
    expect(await preview.text()).toContain('Import 3 assets');
    // Meanwhile another admin adds an asset with the second row's tag.
    const modelId = (await one<{ id: string }>(
      acmeDb(),
      `SELECT id FROM hardware_models WHERE name = 'Latitude 7450'`
    ))!.id;
    expect(
      (await apiWrite(ACME, '/admin/hardware', admin, { assetTag: `${p}-2`, modelId, status: 'in_stock' }))
        .status
    ).toBe(201);
    const confirm = await confirmCsv(admin, csv);
    expect(confirm.status).toBe(400);
    const html = await confirm.text();
    expect(html).toContain(`Asset tag “${p}-2” is already used by an existing asset.`);
    expect(html).toContain('1 row has errors (of 3 rows). Nothing was imported.');
    expect(await assetsTagged(p)).toBe(1);
  });

  it('imports a file of 1,000 rows (the limit) in one batch', async () => {
    const p = `K-${uniq()}`;
    const csv = csvOf([
      ['Asset tag', 'Manufacturer', 'Model', 'Serial'],
      ...Array.from({ length: 1000 }, (_, i) => [`${p}-${i}`, 'Dell', 'Latitude 7450', `${p}-S${i}`])
    ]);
    const res = await apiImport(admin, csv);
    expect(res.status).toBe(201);
    expect(res.body.imported).toBe(1000);
    expect(await assetsTagged(p)).toBe(1000);
    expect(
      await scalar(
        acmeDb(),
        `SELECT count(*) AS n FROM audit_log a JOIN hardware_assets h ON h.id = a.entity_id WHERE a.action = 'hardware.imported' AND h.asset_tag LIKE ? || '%'`,
        p
      )
    ).toBe(1000);
  });

  it('two imports of one file at once: exactly one lands, the other imports nothing and names the rows', async () => {
    const p = `RACE-${uniq()}`;
    const csv = csvOf([HEADER, row({ tag: `${p}-1` }), row({ tag: `${p}-2` })]);
    const [a, b] = await Promise.all([apiImport(admin, csv), apiImport(admin, csv)]);
    expect([a.status, b.status].sort()).toEqual([201, 400]);
    const loser = a.status === 400 ? a : b;
    expect(rowErrors(loser.body, 2)).toContain(
      `Asset tag “${p}-1” is already used by an existing asset. Asset tags must be unique.`
    );
    expect(await assetsTagged(p)).toBe(2);
    expect(
      await scalar(
        acmeDb(),
        `SELECT count(*) AS n FROM audit_log a JOIN hardware_assets h ON h.id = a.entity_id WHERE a.action = 'hardware.imported' AND h.asset_tag LIKE ? || '%'`,
        p
      )
    ).toBe(2);
  });
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
