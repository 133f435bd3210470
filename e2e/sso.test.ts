// Single sign-on end to end: chromium, the real Worker (wrangler dev) and a real OpenID provider
// (oidc-provider on 127.0.0.1). The admin connects "Google" to the test provider through the
// SSO settings page; people then sign in through the redirects.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { gotoHydrated, launchBrowser, newContext, origin, screenshot, signIn } from './browser';
import {
  startTestProvider,
  TEST_CLIENT_ID,
  TEST_CLIENT_SECRET,
  type TestProvider
} from './oidc-test-provider';

let browser: Browser;
let idp: TestProvider;
const ACME = origin('acme');

beforeAll(async () => {
  idp = await startTestProvider({ redirectUris: [`${ACME}/login/sso/callback`] });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await idp?.close();
});

async function continueWithGoogle(page: Page, providerEmail: string | null) {
  await gotoHydrated(page, `${ACME}/login`);
  await page.getByRole('link', { name: 'Continue with Google' }).click();
  if (providerEmail) {
    await page.getByLabel('Provider email').fill(providerEmail);
    await page.getByRole('button', { name: 'Sign in to provider' }).click();
  }
  await page.waitForURL((u) => u.origin === ACME && u.pathname !== '/login/sso/callback');
}

describe('SSO with a real OpenID provider', () => {
  it('an admin connects Google and sets approved domains; the secret is never shown again', async () => {
    const page = await (await newContext(browser)).newPage();
    await signIn(page, 'acme', 'admin@acme.example');
    await page.getByRole('link', { name: 'Single sign-on' }).click();
    await page.getByRole('heading', { name: 'Single sign-on', level: 1 }).waitFor();
    await page.getByLabel('Google Workspace client ID').fill(TEST_CLIENT_ID);
    await page.getByLabel('Google Workspace client secret').fill(TEST_CLIENT_SECRET);
    await page.getByLabel('Test issuer URL (development only)').first().fill(idp.issuer);
    await page.getByRole('button', { name: 'Save Google Workspace' }).click();
    await page.getByText('Google connection saved.').waitFor();
    await expect(page.getByLabel('Google Workspace client secret').inputValue()).resolves.toBe('');
    await expect(page.content()).resolves.not.toContain(TEST_CLIENT_SECRET);

    await page.getByLabel('Approved domains').fill('acme.example');
    await page.getByLabel('Create accounts on first sign-in').check();
    await page.getByRole('button', { name: 'Save sign-in rules' }).click();
    await page.getByText('Sign-in rules saved.').waitFor();
    await screenshot(page, 'admin-sso-settings');
  });

  it('shows only the connected provider on the Sign in page', async () => {
    const page = await (await newContext(browser)).newPage();
    await gotoHydrated(page, `${ACME}/login`);
    await expect(page.getByRole('link', { name: 'Continue with Google' }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('link', { name: 'Continue with Microsoft' }).count()).resolves.toBe(0);
    await screenshot(page, 'sign-in-with-sso-buttons');
  });

  it('links ada by verified email, lands on her dashboard, and returns straight back while the provider session is active', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await continueWithGoogle(page, 'ada@acme.example');
    expect(new URL(page.url()).pathname).toBe('/my');
    await page.getByRole('heading', { name: 'Welcome back, Ada' }).waitFor();

    // Sign out of OnTrackio only; the provider session is still active.
    await page.context().clearCookies({ domain: 'acme.localhost' });
    await continueWithGoogle(page, null);
    expect(new URL(page.url()).pathname).toBe('/my');
  });

  it('creates an account on first sign-in for an approved domain', async () => {
    const page = await (await newContext(browser)).newPage();
    await continueWithGoogle(page, 'new.starter@acme.example');
    expect(new URL(page.url()).pathname).toBe('/my');
  });

  it('refuses an unapproved domain and a suspended account with the seed messages', async () => {
    const page = await (await newContext(browser)).newPage();
    await continueWithGoogle(page, 'someone@elsewhere.example');
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.getByText('Access is restricted to approved company domains').waitFor();
    await screenshot(page, 'sign-in-sso-domain-refused');

    const page2 = await (await newContext(browser)).newPage();
    await continueWithGoogle(page2, 'linus@acme.example');
    await page2.getByText('This account is not active').waitFor();
  });

  it('an admin connects Microsoft too; "Continue with Microsoft" signs in through the same kind of provider', async () => {
    const admin = await (await newContext(browser)).newPage();
    await signIn(admin, 'acme', 'admin@acme.example');
    await gotoHydrated(admin, `${ACME}/admin/settings/sso`);
    await admin.getByLabel('Microsoft Entra client ID').fill(TEST_CLIENT_ID);
    await admin.getByLabel('Microsoft Entra client secret').fill(TEST_CLIENT_SECRET);
    await admin.getByLabel('Entra tenant ID').fill('organizations');
    await admin.locator('#microsoft-dev-issuer').fill(idp.issuer);
    await admin.getByRole('button', { name: 'Save Microsoft Entra' }).click();
    await admin.getByText('Microsoft connection saved.').waitFor();

    const page = await (await newContext(browser)).newPage();
    await gotoHydrated(page, `${ACME}/login`);
    await page.getByRole('link', { name: 'Continue with Microsoft' }).click();
    await page.getByLabel('Provider email').fill('grace@acme.example');
    await page.getByRole('button', { name: 'Sign in to provider' }).click();
    await page.waitForURL((u) => u.origin === ACME && u.pathname !== '/login/sso/callback');
    expect(new URL(page.url()).pathname).toBe('/my');
  });
});
