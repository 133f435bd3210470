// Admin › Hardware in chromium: a location is added through the Locations tab (a duplicate name is
// shown beside the field), then a CSV import with one bad row is previewed (the row's error shown, no
// Import offered) and, after the file is corrected, imported; the new assets are listed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { gotoHydrated, launchBrowser, newContext, origin, screenshot, signIn } from './browser';
import { cloneDemoUsers } from './tenant-sql';

const RUN = Date.now().toString(36).toUpperCase();
const PREFIX = `CSV-${RUN}`;
const LOCATION = `Lisbon ${RUN}`;
// A throw-away employee (a copy of Grace), so the demo accounts other e2e files count on keep their figures.
const HOLDER = `e2e-csv-${Date.now()}@acme.example`;
const HEADER =
  'Asset tag,Serial,Manufacturer,Model,Category,Status,Location,Purchase date,Purchase cost,Warranty ends,Assignee email,Notes';
const rows = (badModel: string) =>
  [
    HEADER,
    `${PREFIX}-1,${PREFIX}-S1,Apple,"MacBook Pro 14"" (M3)",Laptop,In stock,${LOCATION},2026-03-01,"2,499.00",2029-03-01,,"Spare, for new starters"`,
    `${PREFIX}-2,${PREFIX}-S2,Dell,${badModel},,In stock,${LOCATION},,,,,`,
    `${PREFIX}-3,${PREFIX}-S3,Logitech,MX Keys,Keyboard,Assigned,,2026-03-01,99.99,,${HOLDER},`
  ].join('\r\n') + '\r\n';

let browser: Browser;
beforeAll(async () => {
  cloneDemoUsers([HOLDER]);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('hardware CSV import in chromium', () => {
  it('adds a location, previews a file with one bad row (no Import offered), then imports the corrected file', async () => {
    const page = await (await newContext(browser)).newPage();
    await signIn(page, 'acme', 'admin@acme.example');
    await gotoHydrated(page, `${origin('acme')}/admin/hardware`);
    const tabs = page.getByRole('navigation', { name: 'Hardware sections' });

    // The location the file refers to, added through the Locations tab.
    await tabs.getByRole('link', { name: 'Locations' }).click();
    await page.waitForURL(/\/admin\/hardware\/locations$/);
    await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
    await page.getByLabel('Name').fill('london hq');
    await page.getByRole('button', { name: 'Add location' }).click();
    await page.getByText('A location with this name already exists.').waitFor();
    await page.getByLabel('Name').fill(LOCATION);
    await page.getByRole('button', { name: 'Add location' }).click();
    await page.getByText(`Added “${LOCATION}”.`).waitFor();
    await page.getByRole('link', { name: LOCATION }).waitFor();

    await tabs.getByRole('link', { name: 'Import CSV' }).click();
    await page.waitForURL(/\/admin\/hardware\/import$/);
    await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
    await page.getByLabel('CSV file', { exact: true }).setInputFiles({
      name: 'assets.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(rows('Latitude 9999'))
    });
    await page.getByRole('button', { name: 'Preview import' }).click();
    const badRow = page.getByRole('row', { name: 'Row 3' });
    await badRow
      .getByText('Model: there is no “Dell Latitude 9999” under Hardware › Models.', { exact: false })
      .waitFor();
    await page.getByText('1 row has errors (of 3 rows). Nothing was imported.').waitFor();
    await expect(page.getByRole('button', { name: /^Import/ }).count()).resolves.toBe(0);
    await screenshot(page, 'admin-hardware-import-errors');

    await page.getByLabel('CSV file', { exact: true }).setInputFiles({
      name: 'assets-fixed.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(rows('Latitude 7450'))
    });
    await page.getByRole('button', { name: 'Preview import' }).click();
    await page.getByText('3 assets ready to import.').waitFor();
    await expect(page.getByRole('row', { name: 'Row 3' }).innerText()).resolves.toContain('OK');
    await screenshot(page, 'admin-hardware-import-ready');
    await page.getByRole('button', { name: 'Import 3 assets' }).click();
    await page.waitForURL(/\/admin\/hardware\?imported=3$/);
    await page.getByText('Imported 3 assets.').waitFor();

    await page.getByLabel('Search hardware').fill(PREFIX);
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(new RegExp(`q=${PREFIX}`));
    for (const n of [1, 2, 3]) await page.getByRole('link', { name: `${PREFIX}-${n}` }).waitFor();
    await expect(page.getByRole('row', { name: new RegExp(`${PREFIX}-3`) }).innerText()).resolves.toContain(
      `E2E ${HOLDER.split('@')[0]}`
    );
    await expect(page.getByRole('row', { name: new RegExp(`${PREFIX}-1`) }).innerText()).resolves.toContain(
      LOCATION
    );
    await screenshot(page, 'admin-hardware-imported');
  });
});
