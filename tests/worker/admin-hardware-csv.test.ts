// Admin › Hardware CSV import and export: every bad-input class reported row by row (or for the file),
// nothing imported while any row has an error, confirm re-validates, one-batch import with audit rows,
// export filters and escaping, and an export that re-imports; plus the role matrix for these routes.
// Split by topic into this file and admin-hardware-csv-import.test.ts, admin-hardware-csv-refusals-confirm.test.ts, admin-hardware-csv-export.test.ts.
import { beforeAll, describe, expect, it } from 'vitest';
import { ACME, adminCookie, apiGet, apiWrite, cookieFor, GLOBEX, pageGet } from './helpers';
import { assetsTagged, confirmCsv, csvOf, HEADER, row, uniq, uploadCsv } from './helpers-csv';

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
