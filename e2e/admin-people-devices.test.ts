// The admin console in chromium, People and Devices: the admin invites someone, the link from the dev
// outbox sets their password and they sign in; the real agent is paired, the admin revokes it on
// /admin/devices, and the agent's next call gets 401 so `report --now` and `status` say it is unpaired.
// A throw-away copy of Grace owns the device so the demo accounts other e2e files count on are untouched.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { gotoHydrated, launchBrowser, newContext, origin, screenshot, signIn } from './browser';
import { agentHome, runAgent } from './agent-helpers';
import { seriousA11yViolations } from './axe';
import { cloneDemoUsers, runTenantSql } from './tenant-sql';

const STAMP = Date.now().toString(36);
const DEVICE_OWNER = `e2e6-device-${STAMP}@acme.example`;
const INVITEE = `e2e6-invitee-${STAMP}@acme.example`;
const INVITEE_NAME = `Ivy Invitee ${STAMP}`;
const POOL_TAG = `NOJS-${STAMP}`;
const SUSPENDED = `e2e6-suspend-${STAMP}@acme.example`;

let browser: Browser;
beforeAll(async () => {
  cloneDemoUsers([DEVICE_OWNER, SUSPENDED]);
  runTenantSql(
    'DB_ACME',
    `INSERT INTO loan_pool_items (id, name, asset_tag, status) VALUES ('e2e6-pool-${STAMP}', 'Spare webcam', '${POOL_TAG}', 'available')`
  );
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('admin People and Devices in chromium', () => {
  it('the admin invites someone; the emailed link sets their password and they sign in', async () => {
    const admin = await (await newContext(browser)).newPage();
    await signIn(admin, 'acme', 'admin@acme.example');
    await gotoHydrated(admin, `${origin('acme')}/admin/people`);
    await admin.getByRole('link', { name: 'Invite person' }).click();
    await admin.getByRole('heading', { name: 'Invite person' }).waitFor();
    await admin.locator('html[data-hydrated]').waitFor({ state: 'attached' });
    // A duplicate address is refused beside the Email field.
    await admin.getByLabel('Name', { exact: true }).fill('Someone Else');
    await admin.getByLabel('Email', { exact: true }).fill('ada@acme.example');
    await admin.getByRole('button', { name: 'Send invitation' }).click();
    await admin.getByText('Someone in this workspace already uses that email.').waitFor();
    await screenshot(admin, 'admin-invite-duplicate');

    await admin.getByLabel('Name', { exact: true }).fill(INVITEE_NAME);
    await admin.getByLabel('Email', { exact: true }).fill(INVITEE);
    await admin.getByLabel('Role').selectOption({ label: 'Employee' });
    await admin.getByLabel('Email them a link to set a password').check();
    await admin.getByRole('button', { name: 'Send invitation' }).click();
    await admin.getByText(`Invitation sent to ${INVITEE}.`).waitFor();
    const pending = admin.getByRole('region', { name: 'Pending invitations' });
    await pending.getByRole('row', { name: new RegExp(INVITEE_NAME) }).waitFor();
    await screenshot(admin, 'admin-people-pending-invitation');
    expect(await seriousA11yViolations(admin)).toEqual([]);

    // The invitee opens the mail (the dev outbox) and follows the link.
    const invitee = await (await newContext(browser)).newPage();
    await gotoHydrated(invitee, `${origin('acme')}/dev/outbox`);
    const mail = invitee
      .getByRole('article', { name: 'You’re invited to Acme Corporation on OnTrackio' })
      .filter({ hasText: INVITEE });
    await mail.getByRole('link', { name: /\/reset-password\// }).click();
    await invitee.getByRole('heading', { name: 'Set a new password' }).waitFor();
    await invitee.getByText('Welcome! Choose the password for your account.').waitFor();
    await invitee.locator('html[data-hydrated]').waitFor({ state: 'attached' });
    await invitee.getByLabel('Email').fill(INVITEE);
    await invitee.getByLabel('New password', { exact: true }).fill('my-first-long-password');
    await invitee.getByLabel('Confirm new password').fill('my-first-long-password');
    await invitee.getByRole('button', { name: 'Set new password' }).click();
    await invitee.getByRole('link', { name: 'Go to Sign in' }).click();
    await invitee.getByLabel('Email').fill(INVITEE);
    await invitee.getByLabel('Password', { exact: true }).fill('my-first-long-password');
    await invitee.getByRole('button', { name: 'Sign in' }).click();
    await invitee.waitForURL(/\/my(\/|$)/);
    await screenshot(invitee, 'invitee-signed-in');

    // The admin's list no longer shows it as pending; the person is active.
    await admin.reload();
    await expect(admin.getByRole('region', { name: 'Pending invitations' }).count()).resolves.toBe(0);
    await expect(admin.getByRole('row', { name: new RegExp(INVITEE_NAME) }).innerText()).resolves.toMatch(
      /Active/
    );
    // Their page: how they sign in, and the role form.
    await admin.getByRole('link', { name: INVITEE_NAME }).click();
    await admin.getByRole('heading', { name: INVITEE_NAME }).waitFor();
    await expect(admin.getByText('Password', { exact: true }).isVisible()).resolves.toBe(true);
    await expect(admin.getByLabel('Role').inputValue()).resolves.toBe('employee');
    await screenshot(admin, 'admin-person-after-invite');
    expect(await seriousA11yViolations(admin)).toEqual([]);
  });

  it('lending works with JavaScript turned off', async () => {
    const admin = await (
      await browser.newContext({ viewport: { width: 1280, height: 860 }, javaScriptEnabled: false })
    ).newPage();
    await admin.goto(`${origin('acme')}/login`);
    await admin.getByLabel('Email').fill('admin@acme.example');
    await admin.getByLabel('Password', { exact: true }).fill('demo-password-2026');
    await admin.getByRole('button', { name: 'Sign in' }).click();
    await admin.waitForURL(/\/admin(\/|$)/);
    await admin.goto(`${origin('acme')}/admin/loans`);
    await admin.getByRole('link', { name: `Lend Spare webcam (${POOL_TAG})` }).click();
    await admin.waitForURL(/\?lend=/);
    // No person chosen: the error shows beside the field after a full page load.
    await admin.getByRole('button', { name: 'Lend item' }).click();
    await admin.getByText('Choose a person.').waitFor();
    await admin
      .getByLabel('Lend to')
      .selectOption({ label: `E2E ${DEVICE_OWNER.split('@')[0]} (${DEVICE_OWNER})` });
    await admin.getByLabel('Due date').fill('2099-07-31');
    await screenshot(admin, 'admin-loans-lend-no-js');
    await admin.getByRole('button', { name: 'Lend item' }).click();
    await admin.getByText('Lent. It now shows in their My loans.').waitFor();
    await expect(admin.getByRole('row', { name: new RegExp(POOL_TAG) }).innerText()).resolves.toMatch(
      /On loan/
    );
  });

  it('without JavaScript, Suspend account asks first, and "Keep active" keeps them active', async () => {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 860 },
      javaScriptEnabled: false
    });
    const admin = await context.newPage();
    await admin.goto(`${origin('acme')}/login`);
    await admin.getByLabel('Email').fill('admin@acme.example');
    await admin.getByLabel('Password', { exact: true }).fill('demo-password-2026');
    await admin.getByRole('button', { name: 'Sign in' }).click();
    await admin.waitForURL(/\/admin(\/|$)/);
    await admin.goto(`${origin('acme')}/admin/people?q=${encodeURIComponent(SUSPENDED)}`);
    await admin.getByRole('link', { name: `E2E ${SUSPENDED.split('@')[0]}` }).click();
    await admin.getByRole('button', { name: 'Suspend account' }).click();
    await admin.getByText('They are signed out everywhere and can’t sign in until reactivated.').waitFor();
    await admin.getByRole('button', { name: 'Keep active' }).click();
    await admin.getByRole('button', { name: 'Suspend account' }).waitFor();
    await admin.getByRole('button', { name: 'Suspend account' }).click();
    await admin.getByRole('button', { name: 'Yes, suspend' }).click();
    await admin.getByText('Account suspended. Their sessions have ended.').waitFor();
    await admin.getByRole('button', { name: 'Reactivate account' }).waitFor();
    await context.close();
  });

  it('a revoked device’s agent reports itself unpaired', async () => {
    const owner = await (await newContext(browser)).newPage();
    await signIn(owner, 'acme', DEVICE_OWNER);
    await gotoHydrated(owner, `${origin('acme')}/my/agent`);
    await owner.getByRole('button', { name: 'Generate pairing code' }).click();
    const code = (await owner.getByTestId('pairing-code').innerText()).trim();
    const home = agentHome();
    const paired = await runAgent(home, origin('acme'), ['pair', '--code', code]);
    expect(paired.code, paired.output).toBe(0);
    const before = await runAgent(home, origin('acme'), ['report', '--now']);
    expect(before.code, before.output).toBe(0);

    const admin = await (await newContext(browser)).newPage();
    await signIn(admin, 'acme', 'admin@acme.example');
    await gotoHydrated(admin, `${origin('acme')}/admin/devices`);
    const ownerName = `E2E ${DEVICE_OWNER.split('@')[0]}`;
    const row = admin.getByRole('row', { name: new RegExp(ownerName) });
    await row.getByRole('button', { name: /^Revoke / }).click();
    await admin.getByText('Pairing revoked.').waitFor();
    await expect(row.innerText()).resolves.toMatch(/Revoked/);
    await screenshot(admin, 'admin-devices-revoked');

    // The agent's next call is refused (401): it says so, forgets the credential and stops.
    const after = await runAgent(home, origin('acme'), ['report', '--now']);
    expect(after.code, after.output).not.toBe(0);
    expect(after.output).toContain('no longer paired');
    const status = await runAgent(home, origin('acme'), ['status']);
    expect(status.output).toContain('not paired (the pairing was revoked by IT)');
    // docs/agent.md: every command ends a revoked pairing with exit 3 (issue 17).
    expect(status.code).toBe(3);
  });
});
