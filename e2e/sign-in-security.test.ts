// Issue 3 end to end in chromium: authenticator app (codes from Debian's oathtool, an independent
// RFC 6238 implementation), recovery codes, a passkey through Chromium's virtual authenticator, and
// a password reset through the dev outbox.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import type { Browser, Page } from 'playwright-core';
import { gotoHydrated, launchBrowser, newContext, origin, screenshot } from './browser';
import { cloneDemoUsers, runTenantSql } from './tenant-sql';

const PASSWORD = 'demo-password-2026';
const stamp = Date.now().toString(36);
const TOTP_USER = `totp-${stamp}@acme.example`;
const PASSKEY_USER = `passkey-${stamp}@acme.example`;
const RESET_USER = `reset-${stamp}@acme.example`;
const NOJS_USER = `nojs-passkey-${stamp}@acme.example`;

let browser: Browser;
beforeAll(async () => {
  cloneDemoUsers([TOTP_USER, PASSKEY_USER, RESET_USER, NOJS_USER]);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** oathtool's code for the next 30-second step (the current one was spent confirming the app). */
const nextCode = (secret: string) =>
  execFileSync('oathtool', ['--totp', '-b', secret, '-N', 'now + 30 seconds']).toString().trim();

async function passwordStep(page: Page, email: string, password = PASSWORD) {
  await gotoHydrated(page, `${origin('acme')}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL(/\/login/);
}

describe('two-step verification in chromium', () => {
  it('enrols an authenticator app, signs in with its code, and takes a recovery code only once', async () => {
    const page = await (await newContext(browser)).newPage();
    await passwordStep(page, TOTP_USER);
    await page.waitForURL(/\/my$/);
    await gotoHydrated(page, `${origin('acme')}/my/profile/security`);
    await page.getByRole('button', { name: 'Set up authenticator app' }).click();
    const secret = (await page.getByTestId('totp-secret').innerText()).trim();
    await expect(
      page.getByRole('img', { name: 'QR code for your authenticator app' }).isVisible()
    ).resolves.toBe(true);
    const now = execFileSync('oathtool', ['--totp', '-b', secret]).toString().trim();
    await page.getByLabel('6-digit code from your authenticator app').fill(now);
    await page.getByRole('button', { name: 'Turn on' }).click();
    await page.getByText('Authenticator app turned on.').waitFor();
    const codes = (await page.getByTestId('recovery-codes').innerText())
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean);
    expect(codes).toHaveLength(10);
    await screenshot(page, 'security-recovery-codes');
    await signOut(page);

    await passwordStep(page, TOTP_USER);
    await page.waitForURL(/\/login\/two-factor$/);
    await page.getByText('Password accepted. Enter your code to continue.').waitFor();
    await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
    await screenshot(page, 'two-factor-challenge');
    await page.getByLabel('6-digit code from your authenticator app').fill(nextCode(secret));
    await page.getByRole('button', { name: 'Verify and sign in' }).click();
    await page.waitForURL(/\/my$/);
    await signOut(page);

    for (const attempt of [1, 2]) {
      await passwordStep(page, TOTP_USER);
      await page.waitForURL(/\/login\/two-factor$/);
      await page.getByRole('link', { name: 'Lost your phone? Use a recovery code' }).click();
      await page.getByLabel('Recovery code').fill(codes[0]);
      await page.getByRole('button', { name: 'Use recovery code' }).click();
      if (attempt === 1) {
        await page.waitForURL(/\/my\/profile\/security\?recovery-code-used$/);
        await page.getByText('You signed in with a recovery code. You have 9 left').waitFor();
        await signOut(page);
      } else {
        await page.getByText('That recovery code is not valid or has already been used.').waitFor();
        expect(new URL(page.url()).pathname).toBe('/login/two-factor');
        await screenshot(page, 'two-factor-recovery-refused');
      }
    }
  });

  it('registers a passkey with the virtual authenticator and uses it at the challenge', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true
      }
    });

    await passwordStep(page, PASSKEY_USER);
    await page.waitForURL(/\/my$/);
    await gotoHydrated(page, `${origin('acme')}/my/profile/security`);
    await page.getByLabel('Passkey name').fill('Test laptop');
    await page.getByRole('button', { name: 'Add a passkey' }).click();
    await page.getByText('Passkey “Test laptop” added.').waitFor();
    await page.getByRole('cell', { name: 'Test laptop', exact: true }).waitFor();
    await screenshot(page, 'security-passkey-added');
    await signOut(page);

    await passwordStep(page, PASSKEY_USER);
    await page.waitForURL(/\/login\/two-factor$/);
    await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
    await page.getByRole('button', { name: 'Use a passkey' }).click();
    await page.waitForURL(/\/my$/);
    await gotoHydrated(page, `${origin('acme')}/my/profile/security`);
    const row = page.getByRole('row', { name: /Test laptop/ });
    await expect(row.innerText()).resolves.not.toContain('Never');

    // Rename in place (with JavaScript the name field opens without loading the page).
    await page.getByRole('button', { name: 'Rename Test laptop' }).click();
    await page.getByLabel('New name for Test laptop').fill('Work laptop');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Passkey renamed.').waitFor();
    await page.getByRole('cell', { name: 'Work laptop', exact: true }).waitFor();
  });

  it('renames a passkey without JavaScript; a refused name keeps the field open with what was typed', async () => {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 860 },
      javaScriptEnabled: false
    });
    const page = await context.newPage();
    await page.goto(`${origin('acme')}/login`);
    await page.getByLabel('Email').fill(NOJS_USER);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/my$/);
    // A context without JavaScript cannot register a passkey: the row is written straight into the
    // workspace's database (after signing in, so the sign-in itself asks for no second step).
    runTenantSql(
      'DB_ACME',
      `INSERT INTO passkeys (id, user_id, name, public_key, counter, created_at) SELECT 'nojs-${stamp}', id, 'Desk key', 'unused', 0, 1764547200000 FROM users WHERE email = '${NOJS_USER}'`
    );
    await page.goto(`${origin('acme')}/my/profile/security`);
    await page.getByRole('button', { name: 'Rename Desk key' }).click();
    await page.getByLabel('New name for Desk key').fill('   ');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Name this passkey.').waitFor();
    expect(await page.getByLabel('New name for Desk key').inputValue()).toBe('   ');

    await page.getByLabel('New name for Desk key').fill('Office key');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Passkey renamed.').waitFor();
    await page.getByRole('cell', { name: 'Office key', exact: true }).waitFor();
    await expect(page.getByLabel('New name for Office key').count()).resolves.toBe(0);
    await screenshot(page, 'security-passkey-renamed-nojs');
    await context.close();
  });

  it('resets a forgotten password through the email in the dev outbox', async () => {
    const page = await (await newContext(browser)).newPage();
    await gotoHydrated(page, `${origin('acme')}/login`);
    await page.getByRole('link', { name: 'Forgot password?' }).click();
    await page.getByRole('heading', { name: 'Forgot your password?' }).waitFor();
    await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
    await page.getByLabel('Email').fill(RESET_USER);
    await page.getByRole('button', { name: 'Email me a reset link' }).click();
    await page.getByText('If an account exists for that email').waitFor();

    // The mail is written after the response: reload the outbox until it is there.
    let link = null;
    for (let i = 0; i < 20 && !link; i++) {
      await page.goto(`${origin('acme')}/dev/outbox`);
      const mail = page.getByRole('article').filter({ hasText: RESET_USER });
      if ((await mail.count()) > 0) link = mail.getByRole('link').first();
      else await page.waitForTimeout(250);
    }
    expect(link).not.toBeNull();
    await screenshot(page, 'dev-outbox');
    await link!.click();
    await page.getByRole('heading', { name: 'Set a new password' }).waitFor();
    await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
    await page.getByLabel('Email').fill(RESET_USER);
    await page.getByLabel('New password', { exact: true }).fill('a-new-password-2026');
    await page.getByLabel('Confirm new password').fill('a-new-password-2027');
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.getByText('The passwords don’t match.').waitFor();
    await page.getByLabel('Confirm new password').fill('a-new-password-2026');
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.getByText('Your new password is set.').waitFor();
    await screenshot(page, 'reset-done');
    await page.getByRole('link', { name: 'Go to Sign in' }).click();
    await passwordStep(page, RESET_USER, 'a-new-password-2026');
    await page.waitForURL(/\/my$/);
  });
});
