// SAML single sign-on end to end: chromium, the real Worker (wrangler dev) and a real SAML IdP
// (samlify in IdP mode, e2e/saml-test-idp.ts) that signs its responses. The admin adds the
// connection from the IdP's metadata XML; people then sign in through the redirects and the IdP's
// cross-site POST to the ACS.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { gotoHydrated, launchBrowser, newContext, origin, screenshot, signIn } from './browser';
import { startTestIdp, type TestIdp } from './saml-test-idp';

let browser: Browser;
let idp: TestIdp;
const ACME = origin('acme');

beforeAll(async () => {
  idp = await startTestIdp({ workspaceOrigin: ACME });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await idp?.close();
});

async function continueWithTestIdp(page: Page, idpEmail: string | null) {
  await gotoHydrated(page, `${ACME}/login`);
  await page.getByRole('link', { name: 'Continue with Test IdP' }).click();
  if (idpEmail) {
    await page.getByLabel('IdP email').fill(idpEmail);
    await page.getByRole('button', { name: 'Sign in to IdP' }).click();
  }
  await page.waitForURL((u) => u.origin === ACME && u.pathname !== '/login/sso/saml/acs');
}

describe('SAML with a real signing IdP', () => {
  it('an admin adds a SAML connection from IdP metadata; malformed metadata saves nothing', async () => {
    const page = await (await newContext(browser)).newPage();
    await signIn(page, 'acme', 'admin@acme.example');
    await gotoHydrated(page, `${ACME}/admin/settings/sso`);
    await expect(page.getByTestId('sp-acs-url').textContent()).resolves.toBe(`${ACME}/login/sso/saml/acs`);
    await expect(page.getByTestId('sp-entity-id').textContent()).resolves.toBe(
      `${ACME}/login/sso/saml/metadata`
    );

    await page.getByLabel('Connection name').fill('Test IdP');
    await page.getByLabel('IdP metadata XML').fill('<md:EntityDescriptor entityID="x"><broken');
    await page.getByRole('button', { name: 'Add SAML connection' }).click();
    await page.getByText('This is not well-formed XML').waitFor();
    await expect(page.getByText('No SAML connections yet.').count()).resolves.toBe(1);

    await page.getByLabel('IdP metadata XML').fill(idp.metadataXml);
    await page.getByRole('button', { name: 'Read metadata' }).click();
    await page.getByText('Metadata read.').waitFor();
    await expect(page.getByLabel('IdP entity ID').inputValue()).resolves.toBe(idp.entityId);
    await expect(page.getByLabel('SSO URL').inputValue()).resolves.toBe(idp.ssoUrl);
    await expect(page.getByLabel('Signing certificate').inputValue()).resolves.toContain('BEGIN CERTIFICATE');
    await expect(page.getByLabel('Connection name').inputValue()).resolves.toBe('Test IdP');
    await page.getByRole('button', { name: 'Add SAML connection' }).click();
    await page.getByText('SAML connection “Test IdP” added.').waitFor();

    await page.getByLabel('Approved domains').fill('acme.example');
    await page.getByLabel('Create accounts on first sign-in').uncheck();
    await page.getByRole('button', { name: 'Save sign-in rules' }).click();
    await page.getByText('Sign-in rules saved.').waitFor();
    await screenshot(page, 'admin-sso-saml');
  });

  it('signs grace in through the IdP and lands on her dashboard; an active IdP session returns straight back', async () => {
    const page = await (await newContext(browser)).newPage();
    await gotoHydrated(page, `${ACME}/login`);
    await screenshot(page, 'sign-in-with-saml-button');
    await continueWithTestIdp(page, 'grace@acme.example');
    expect(new URL(page.url()).pathname).toBe('/my');
    await page.getByRole('heading', { name: /Grace/ }).first().waitFor();

    await page.context().clearCookies({ domain: 'acme.localhost' });
    await continueWithTestIdp(page, null);
    expect(new URL(page.url()).pathname).toBe('/my');
  });

  it('refuses an unapproved domain with the seed message, and an unknown person while auto-create is off', async () => {
    const page = await (await newContext(browser)).newPage();
    await continueWithTestIdp(page, 'someone@elsewhere.example');
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.getByText('Access is restricted to approved company domains').waitFor();
    await screenshot(page, 'sign-in-saml-domain-refused');

    const page2 = await (await newContext(browser)).newPage();
    await continueWithTestIdp(page2, 'nobody.yet@acme.example');
    await page2.getByText('There’s no account for that email in this workspace').waitFor();
  });
});
