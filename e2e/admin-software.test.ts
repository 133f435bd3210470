// Admin › Software in chromium: the admin reaches Software from the sidebar, adds a catalog product
// (a duplicate is refused beside the Name field), assigns a Figma seat to a throw-away employee (a
// copy of Grace, so the demo accounts other files count on keep their figures), and that employee
// sees the licence in My software.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { gotoHydrated, launchBrowser, newContext, origin, screenshot, signIn } from './browser';
import { cloneDemoUsers } from './tenant-sql';
import { seriousA11yViolations } from './axe';

const HOLDER = `e2e-seat-${Date.now()}@acme.example`;
const PRODUCT = `Sketchbook ${Date.now().toString(36)}`;

let browser: Browser;
beforeAll(async () => {
  cloneDemoUsers([HOLDER]);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('Admin › Software in chromium', () => {
  it('the admin adds a product and assigns a seat; the employee sees it in My software', async () => {
    const admin = await (await newContext(browser)).newPage();
    await signIn(admin, 'acme', 'admin@acme.example');
    await gotoHydrated(admin, `${origin('acme')}/admin`);
    await admin
      .getByRole('navigation', { name: 'Admin console' })
      .getByRole('link', { name: 'Software', exact: true })
      .click();
    await admin.waitForURL(/\/admin\/software$/);
    await admin.getByRole('heading', { name: 'Approved catalog' }).waitFor();

    // A catalog product; the same vendor + name again is refused beside the Name field.
    for (const attempt of [1, 2]) {
      await gotoHydrated(admin, `${origin('acme')}/admin/software/products/new`);
      await admin.getByLabel('Name').fill(PRODUCT);
      await admin.getByLabel('Vendor').fill('Autodesk');
      await admin.getByRole('button', { name: 'Add product' }).click();
      if (attempt === 1) await admin.getByText(`${PRODUCT} was added to the catalog.`).waitFor();
    }
    await admin
      .locator('#product-name-error')
      .getByText('This vendor already has a product with that name in the catalog.')
      .waitFor();
    await screenshot(admin, 'admin-software-duplicate-product');

    await gotoHydrated(admin, `${origin('acme')}/admin/software`);
    await screenshot(admin, 'admin-software');
    expect(await seriousA11yViolations(admin)).toEqual([]);
    await admin
      .getByRole('table', { name: 'Licences' })
      .getByRole('link', { name: 'Figma', exact: true })
      .click();
    await admin.waitForURL(/\/admin\/software\/licences\//);
    await admin.locator('html[data-hydrated]').waitFor({ state: 'attached' });
    await admin
      .getByLabel('Assign a seat to')
      .selectOption({ label: `E2E ${HOLDER.split('@')[0]} (${HOLDER})` });
    await admin.getByRole('button', { name: 'Assign seat' }).click();
    await admin.getByText('Seat assigned.').waitFor();
    await screenshot(admin, 'admin-licence-seat-assigned');
    await admin.getByRole('link', { name: `E2E ${HOLDER.split('@')[0]}` }).waitFor();
    expect(await seriousA11yViolations(admin)).toEqual([]);

    const holder = await (await newContext(browser)).newPage();
    await signIn(holder, 'acme', HOLDER);
    await gotoHydrated(holder, `${origin('acme')}/my/software`);
    const row = holder.getByRole('row', { name: /Figma/ });
    await expect(row.innerText()).resolves.toMatch(/Professional/);
    await screenshot(holder, 'my-software-after-seat');
  });
});
