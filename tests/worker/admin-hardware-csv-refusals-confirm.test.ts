// Split from admin-hardware-csv.test.ts (its header says what the set covers). This file: Hardware CSV
// import: files refused whole; Hardware CSV import: confirm.
import { beforeAll, describe, expect, it } from 'vitest';
import { ACME, adminCookie, apiWrite, postForm } from './helpers';
import { acmeDb, one, scalar } from './helpers-data';
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

describe('Hardware CSV import: files refused whole', () => {
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
});

describe('Hardware CSV import: confirm', () => {
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
