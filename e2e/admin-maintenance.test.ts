// Maintenance in chromium: an employee reports a problem on My hardware, the admin starts work on it and
// resolves it on /admin/maintenance/<id>, and the employee sees the notification and the new status
// where they reported it. A throw-away copy of Ada (a Grace clone holding one fresh device) stands in
// for her, so the demo accounts other e2e files count on keep their unread figures. The three pages
// pass axe-core's serious/critical WCAG checks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { gotoHydrated, launchBrowser, newContext, origin, screenshot, signIn } from './browser';
import { cloneDemoUsers, runTenantSql } from './tenant-sql';
import { seriousA11yViolations } from './axe';

const STAMP = Date.now().toString(36);
const REPORTER = `e2e7-ada-${STAMP}@acme.example`;
const TAG = `E2E7-${STAMP}`.toUpperCase();
const PROBLEM = `The trackpad stops responding after sleep (${STAMP}).`;

let browser: Browser;
beforeAll(async () => {
  cloneDemoUsers([REPORTER]);
  const now = Date.now();
  runTenantSql(
    'DB_ACME',
    `INSERT INTO hardware_assets (id, asset_tag, serial, model_id, status, assigned_to, assigned_at, acknowledgement_requested, created_at, updated_at)
     SELECT 'e2e7-asset-${STAMP}', '${TAG}', 'SER-${STAMP}', m.id, 'assigned', u.id, ${now}, 0, ${now}, ${now}
     FROM hardware_models m, users u WHERE m.name = 'iPhone 15' AND u.email = '${REPORTER}';`
  );
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('maintenance in chromium', () => {
  it('the employee reports a problem; the admin resolves it; the employee sees the notification and the status', async () => {
    const employee = await (await newContext(browser)).newPage();
    await signIn(employee, 'acme', REPORTER);
    await gotoHydrated(employee, `${origin('acme')}/my/hardware`);
    await employee
      .getByRole('row', { name: new RegExp(TAG) })
      .getByRole('link')
      .first()
      .click();
    await employee.waitForURL(/\/my\/hardware\/e2e7-asset-/);
    await employee.locator('html[data-hydrated]').waitFor({ state: 'attached' });
    await employee.getByLabel('Description').fill(PROBLEM);
    await employee.getByLabel('Priority').selectOption('high');
    await employee.getByRole('button', { name: 'Report a problem' }).click();
    await employee.getByText('Thanks: your problem report is with IT.').waitFor();
    const reports = employee.getByRole('region', { name: 'Problem reports' });
    await expect(reports.innerText()).resolves.toMatch(/Open[\s\S]*trackpad stops responding/);

    const admin = await (await newContext(browser)).newPage();
    await signIn(admin, 'acme', 'admin@acme.example');
    await gotoHydrated(admin, `${origin('acme')}/admin`);
    await admin
      .getByRole('navigation', { name: 'Admin console' })
      .getByRole('link', { name: 'Maintenance', exact: true })
      .click();
    await admin.waitForURL(/\/admin\/maintenance$/);
    await admin.getByLabel('Asset tag').fill(TAG);
    await admin.getByRole('button', { name: 'Filter' }).click();
    await admin.waitForURL(/q=/);
    await screenshot(admin, 'admin-maintenance-list');
    expect(await seriousA11yViolations(admin)).toEqual([]);
    await admin.getByRole('link', { name: TAG }).click();
    await admin.waitForURL(/\/admin\/maintenance\/[0-9a-f-]{36}$/);
    await admin.locator('html[data-hydrated]').waitFor({ state: 'attached' });
    await admin.getByText(PROBLEM).waitFor();
    await admin.getByRole('button', { name: 'Start work' }).click();
    await admin.getByText('Status changed to in progress.').waitFor();
    await admin.getByLabel('Add a note').fill('Reproduced it; updating the firmware.');
    await admin.getByRole('button', { name: 'Add note' }).click();
    await admin.getByText('Note added. The reporter has been notified.').waitFor();
    // Resolving without a resolution is refused beside the field.
    await admin.getByRole('button', { name: 'Resolve' }).click();
    await admin.getByText('Describe the resolution before resolving.').waitFor();
    await admin.getByLabel('Resolution').fill('Updated the trackpad firmware; tested after sleep.');
    await admin.getByRole('button', { name: 'Resolve' }).click();
    await admin.getByText('Status changed to resolved.').waitFor();
    await admin.getByRole('button', { name: 'Close' }).waitFor();
    await screenshot(admin, 'admin-maintenance-resolved');
    expect(await seriousA11yViolations(admin)).toEqual([]);

    // Three updates (started, note, resolved): the bell counts them, the inbox names them.
    await gotoHydrated(employee, `${origin('acme')}/my/notifications`);
    await expect(employee.getByTestId('bell').getAttribute('aria-label')).resolves.toMatch(/^3 unread/);
    await employee.getByText(`Your problem report for iPhone 15 (${TAG}) was resolved`).waitFor();
    await employee
      .getByRole('link', { name: `Your problem report for iPhone 15 (${TAG}) was resolved` })
      .click();
    await employee.waitForURL(/\/my\/hardware\/e2e7-asset-/);
    const after = employee.getByRole('region', { name: 'Problem reports' });
    await expect(after.innerText()).resolves.toMatch(
      /Resolved[\s\S]*Updated the trackpad firmware[\s\S]*Reproduced it/
    );
    await screenshot(employee, 'my-hardware-problem-resolved');
    expect(await seriousA11yViolations(employee)).toEqual([]);
  });
});
