// SCIM provisioning end to end: chromium, the real Worker (wrangler dev) and a real OpenID provider
// (oidc-provider on 127.0.0.1). The admin connects the provider, turns SCIM on with it as the sign-in
// connection, and creates the SCIM token on Settings › Provisioning; the "identity provider" (this test,
// over HTTP with that token) creates a person; the admin assigns them a laptop before they ever sign in;
// then the person signs in through the provider and lands on their portal with the laptop.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
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
const RUN = Date.now().toString(36);
const EMAIL = `new.hire.${RUN}@acme.example`;
const TAG = `SCIM-${RUN}`.toUpperCase();

beforeAll(async () => {
  idp = await startTestProvider({ redirectUris: [`${ACME}/login/sso/callback`] });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await idp?.close();
});

/**
 * The identity provider's call. Node does not resolve *.localhost and its fetch keeps its own Host
 * header, so this asks 127.0.0.1 with the workspace's Host through node:http (as saml-test-idp.ts does).
 */
interface ScimAnswer {
  totalResults?: number;
  active?: boolean;
  Resources?: { id: string }[];
  [key: string]: unknown;
}

function scimCall(token: string, method: string, path: string, body?: unknown) {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise<{ status: number; body: ScimAnswer }>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: inject('e2ePort'),
        method,
        path: `/scim/v2${path}`,
        headers: {
          host: new URL(ACME).host,
          authorization: `Bearer ${token}`,
          ...(payload
            ? { 'content-type': 'application/scim+json', 'content-length': Buffer.byteLength(payload) }
            : {})
        }
      },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : {} }));
      }
    );
    req.on('error', reject);
    req.end(payload);
  });
}

describe('a person provisioned by SCIM', () => {
  let token = '';

  it('the admin connects the provider and turns SCIM on; the token is shown once', async () => {
    const admin = await (await newContext(browser)).newPage();
    await signIn(admin, 'acme', 'admin@acme.example');
    await gotoHydrated(admin, `${ACME}/admin/settings/sso`);
    await admin.getByLabel('Google Workspace client ID').fill(TEST_CLIENT_ID);
    await admin.getByLabel('Google Workspace client secret').fill(TEST_CLIENT_SECRET);
    await admin.getByLabel('Test issuer URL (development only)').first().fill(idp.issuer);
    await admin.getByRole('button', { name: 'Save Google Workspace' }).click();
    await admin.getByText('Google connection saved.').waitFor();
    await admin.getByLabel('Approved domains').fill('acme.example');
    // No accounts on first sign-in: the person must come from provisioning.
    await admin.getByLabel('Create accounts on first sign-in').uncheck();
    await admin.getByRole('button', { name: 'Save sign-in rules' }).click();
    await admin.getByText('Sign-in rules saved.').waitFor();

    await admin.getByRole('link', { name: 'Provisioning' }).click();
    await admin.getByRole('heading', { name: 'Provisioning', level: 1 }).waitFor();
    await admin.locator('html[data-hydrated]').waitFor({ state: 'attached' });
    await expect(admin.getByTestId('scim-base-url').innerText()).resolves.toBe(`${ACME}/scim/v2`);
    await admin.getByLabel('Turn on SCIM provisioning').check();
    await admin.getByLabel('Single sign-on only').check();
    await admin.getByLabel('Sign-in connection').selectOption({ label: 'Google Workspace' });
    await admin.getByLabel('Their sign-in subject is the SCIM').selectOption('externalId');
    await admin.getByRole('button', { name: 'Save provisioning settings' }).click();
    await admin.getByText('Provisioning settings saved. SCIM is on.').waitFor();
    await admin.getByRole('button', { name: 'Create SCIM token' }).click();
    token = await admin.getByTestId('scim-token').innerText();
    expect(token).toMatch(/^otk_/);
    await screenshot(admin, 'admin-settings-provisioning');
  });

  it('Okta-style: look up, create; the admin assigns a laptop before the first sign-in', async () => {
    const lookup = await scimCall(
      token,
      'GET',
      `/Users?filter=${encodeURIComponent(`userName eq "${EMAIL}"`)}&startIndex=1&count=100`
    );
    expect(lookup.status, JSON.stringify(lookup.body)).toBe(200);
    expect(lookup.body.totalResults).toBe(0);
    const created = await scimCall(token, 'POST', '/Users', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: EMAIL,
      // The test provider's subject for this person ("sub-" + email), as Okta's user id would be.
      externalId: `sub-${EMAIL}`,
      name: { givenName: 'Nia', familyName: 'Hire' },
      emails: [{ primary: true, value: EMAIL, type: 'work' }],
      displayName: 'Nia Hire',
      active: true
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);

    const admin = await (await newContext(browser)).newPage();
    await signIn(admin, 'acme', 'admin@acme.example');
    await gotoHydrated(admin, `${ACME}/admin/hardware/new`);
    await admin.getByLabel('Asset tag').fill(TAG);
    await admin.getByLabel('Model').selectOption({ index: 1 });
    await admin.getByRole('button', { name: 'Add asset' }).click();
    await admin.waitForURL(/\/admin\/hardware\/[^/]+\?created=1/);
    await admin.locator('html[data-hydrated]').waitFor({ state: 'attached' });
    await admin.getByLabel('Assign to').selectOption({ label: `Nia Hire (${EMAIL})` });
    await admin.getByRole('button', { name: 'Assign', exact: true }).click();
    await admin.getByText('Assigned.', { exact: false }).first().waitFor();
  });

  it('signs in with the provider for the first time and lands on their portal with the laptop', async () => {
    const page = await (await newContext(browser)).newPage();
    await gotoHydrated(page, `${ACME}/login`);
    await page.getByRole('link', { name: 'Continue with Google' }).click();
    await page.getByLabel('Provider email').fill(EMAIL);
    await page.getByRole('button', { name: 'Sign in to provider' }).click();
    await page.waitForURL((u) => u.origin === ACME && u.pathname !== '/login/sso/callback');
    expect(new URL(page.url()).pathname).toBe('/my');
    await page.getByRole('heading', { name: /Nia/ }).first().waitFor();
    await gotoHydrated(page, `${ACME}/my/hardware`);
    await page.getByText(TAG).waitFor();
    await screenshot(page, 'scim-provisioned-person-hardware');
  });

  it('deactivated by the provider, their open session ends on the next page', async () => {
    const page = await (await newContext(browser)).newPage();
    await gotoHydrated(page, `${ACME}/login`);
    await page.getByRole('link', { name: 'Continue with Google' }).click();
    await page.getByLabel('Provider email').fill(EMAIL);
    await page.getByRole('button', { name: 'Sign in to provider' }).click();
    await page.waitForURL((u) => u.origin === ACME && u.pathname === '/my');
    const found = await scimCall(
      token,
      'GET',
      `/Users?filter=${encodeURIComponent(`userName eq "${EMAIL}"`)}`
    );
    const id = found.body.Resources![0]!.id;
    const off = await scimCall(token, 'PATCH', `/Users/${id}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'replace', value: { active: false } }]
    });
    expect(off.body.active).toBe(false);
    await page.goto(`${ACME}/my/hardware`);
    await page.waitForURL(/\/login/);
  });
});
