// The admin console in chromium. Throw-away employees (copies of Grace) stand in for "ada" and "grace"
// so the demo accounts other e2e files count on keep their figures: the admin approves the stand-in's
// pending request and they see the notification and the new status; the admin lends a pool item and
// the borrower's sidebar shows My loans.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { gotoHydrated, launchBrowser, newContext, origin, screenshot, signIn } from './browser';
import { cloneDemoUsers, runTenantSql } from './tenant-sql';

const REQUESTER = `e2e6-requester-${Date.now()}@acme.example`;
const BORROWER = `e2e6-borrower-${Date.now()}@acme.example`;
const TITLE = `Noise-cancelling headset ${Date.now().toString(36)}`;

let browser: Browser;
beforeAll(async () => {
  cloneDemoUsers([REQUESTER, BORROWER]);
  const now = Date.now();
  runTenantSql(
    'DB_ACME',
    `INSERT INTO requests (id, user_id, type, title, justification, urgency, status, created_at, updated_at)
     SELECT 'e2e6-req-${now}', id, 'hardware', '${TITLE}', 'Open-plan office calls.', 'high', 'pending', ${now}, ${now} FROM users WHERE email = '${REQUESTER}';
     INSERT INTO request_events (id, request_id, from_status, to_status, actor_id, created_at)
     SELECT 'e2e6-ev-${now}', 'e2e6-req-${now}', NULL, 'pending', id, ${now} FROM users WHERE email = '${REQUESTER}';`
  );
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('admin console in chromium', () => {
  it('the admin approves a pending request; the requester sees the notification and the new status', async () => {
    const admin = await (await newContext(browser)).newPage();
    await signIn(admin, 'acme', 'admin@acme.example');
    await gotoHydrated(admin, `${origin('acme')}/admin`);
    const nav = admin.getByRole('navigation', { name: 'Admin console' });
    await nav.getByRole('link', { name: 'Requests', exact: true }).click();
    await admin.waitForURL(/\/admin\/requests$/);
    await admin.getByLabel('Status').selectOption('pending');
    await admin.getByRole('button', { name: 'Filter' }).click();
    await admin.waitForURL(/status=pending/);
    await screenshot(admin, 'admin-requests-queue');
    await admin.getByRole('link', { name: TITLE }).click();
    await admin.waitForURL(/\/admin\/requests\/e2e6-req-/);
    await admin.locator('html[data-hydrated]').waitFor({ state: 'attached' });
    // Rejecting without a reason is refused beside the field.
    await admin.getByRole('button', { name: 'Reject' }).click();
    await admin.getByText('Give the requester a reason for the rejection.').waitFor();
    await admin.getByRole('button', { name: 'Approve' }).click();
    await admin.getByText('Request approved. The requester has been notified.').waitFor();
    await admin.getByRole('button', { name: 'Mark fulfilled' }).waitFor();
    await screenshot(admin, 'admin-request-approved');

    const requester = await (await newContext(browser)).newPage();
    await signIn(requester, 'acme', REQUESTER);
    await expect(requester.getByTestId('bell').getAttribute('aria-label')).resolves.toMatch(/1 unread/);
    await gotoHydrated(requester, `${origin('acme')}/my/notifications`);
    await requester.getByText(`Your request “${TITLE}” was approved`).waitFor();
    await gotoHydrated(requester, `${origin('acme')}/my/requests`);
    const row = requester.getByRole('row', { name: new RegExp(TITLE) });
    await expect(row.innerText()).resolves.toMatch(/Approved/);
    await screenshot(requester, 'my-requests-after-approval');
  });

  it('the admin lends a pool item; the borrower’s sidebar shows My loans', async () => {
    const borrower = await (await newContext(browser)).newPage();
    await signIn(borrower, 'acme', BORROWER);
    const sidebar = borrower.getByRole('navigation', { name: 'My portal' });
    await expect(sidebar.getByRole('link', { name: 'My loans' }).count()).resolves.toBe(0);

    const admin = await (await newContext(browser)).newPage();
    await signIn(admin, 'acme', 'admin@acme.example');
    await gotoHydrated(admin, `${origin('acme')}/admin/loans`);
    await admin.getByRole('link', { name: 'Lend Presentation clicker (LOAN-04)' }).click();
    await admin.getByLabel('Lend to').selectOption({ label: `E2E ${BORROWER.split('@')[0]} (${BORROWER})` });
    await admin.getByLabel('Due date').fill('2099-06-30');
    await admin.getByRole('button', { name: 'Lend item' }).click();
    await admin.getByText('Lent. It now shows in their My loans.').waitFor();
    await screenshot(admin, 'admin-loans-after-lend');

    await gotoHydrated(borrower, `${origin('acme')}/my`);
    await sidebar.getByRole('link', { name: 'My loans' }).click();
    await borrower.waitForURL(/\/my\/loans$/);
    await borrower.getByText('Presentation clicker').first().waitFor();
    await screenshot(borrower, 'my-loans-borrower');

    // Put the pool back as it was for anyone else using the demo data.
    await admin.getByRole('button', { name: 'Mark returned: Presentation clicker (LOAN-04)' }).click();
    await admin.getByText('Marked returned. The item is available again.').waitFor();
  });

  it('people, hardware (duplicate tag shown beside the field), devices and audit pages work for the admin', async () => {
    const admin = await (await newContext(browser)).newPage();
    await signIn(admin, 'acme', 'admin@acme.example');
    await gotoHydrated(admin, `${origin('acme')}/admin/people?q=ada`);
    await admin.getByRole('link', { name: 'Ada Lovelace' }).click();
    await admin.getByRole('heading', { name: 'Assignments' }).waitFor();
    await screenshot(admin, 'admin-person-ada');
    await gotoHydrated(admin, `${origin('acme')}/admin/hardware/new`);
    await admin.getByLabel('Asset tag').fill('ACME-0001');
    await admin.getByLabel('Model').selectOption({ index: 1 });
    await admin.getByRole('button', { name: 'Add asset' }).click();
    await admin.getByText('That asset tag is already in use. Asset tags must be unique.').waitFor();
    await screenshot(admin, 'admin-hardware-duplicate-tag');
    await gotoHydrated(admin, `${origin('acme')}/admin/hardware?q=lovelace`);
    await admin.getByRole('link', { name: 'ACME-0001' }).click();
    await admin.getByRole('heading', { name: 'History' }).waitFor();
    await screenshot(admin, 'admin-hardware-asset');
    await gotoHydrated(admin, `${origin('acme')}/admin/devices`);
    await screenshot(admin, 'admin-devices');
    await gotoHydrated(admin, `${origin('acme')}/admin/audit?action=request`);
    await admin.getByText('request.approved').first().waitFor();
    await screenshot(admin, 'admin-audit');
  });
});
