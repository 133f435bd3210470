// API tokens in chromium (issue 14 §1): a person creates a personal token on My profile › API tokens,
// sees the secret once with a Copy button, then revokes it after the confirmation; without JavaScript
// a bad address gets its field error and the typed values stay; an admin creates a service token on
// Admin › Settings › API tokens, reached from the sidebar.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { gotoHydrated, launchBrowser, newContext, origin, screenshot, signIn } from './browser';
import { seriousA11yViolations } from './axe';

const STAMP = Date.now().toString(36);
const SECRET = /^otk_[0-9A-Za-z]{36}$/;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('API tokens in chromium', () => {
  it('a person creates a personal token, sees it once, and revokes it', async () => {
    const page = await (await newContext(browser)).newPage();
    await signIn(page, 'acme', 'ada@acme.example');
    await gotoHydrated(page, `${origin('acme')}/my/profile`);
    await page.getByRole('link', { name: 'Manage API tokens' }).click();
    await page.getByRole('heading', { name: 'API tokens', level: 1 }).waitFor();
    await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
    // An employee is offered only their own scopes.
    expect(await page.getByRole('checkbox', { name: /hardware:read/ }).count()).toBe(0);

    const name = `Laptop script ${STAMP}`;
    await page.getByLabel('Token name').fill(name);
    await page.getByRole('checkbox', { name: /my:read/ }).check();
    await page.getByLabel('30 days').check();
    await page.getByRole('button', { name: 'Create token' }).click();
    await page.getByText('Copy this token now. You won’t be able to see it again.').waitFor();
    const secret = await page.getByTestId('new-token-secret').inputValue();
    expect(secret).toMatch(SECRET);
    await page.getByRole('button', { name: 'Copy' }).waitFor();
    // The form is fresh again, with the default expiry chosen.
    expect(await page.getByLabel('Token name').inputValue()).toBe('');
    expect(await page.getByLabel('90 days').isChecked()).toBe(true);
    await screenshot(page, 'api-tokens-created');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Shown once: a reload lists the token without its secret.
    await gotoHydrated(page, `${origin('acme')}/my/profile/api-tokens`);
    await page.getByRole('cell', { name, exact: true }).waitFor();
    expect(await page.content()).not.toContain(secret);

    await page.getByRole('button', { name: `Revoke ${name}` }).click();
    await page.getByText(`Revoke “${name}”?`).waitFor();
    await screenshot(page, 'api-tokens-confirm-revoke');
    await page.getByRole('button', { name: 'Yes, revoke' }).click();
    await page.getByText(`Token “${name}” revoked.`).waitFor();
    await page.getByText('Revoked', { exact: true }).first().waitFor();
  });

  it('without JavaScript: a bad address is refused beside the field and nothing typed is lost', async () => {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 860 },
      javaScriptEnabled: false
    });
    const page = await context.newPage();
    await page.goto(`${origin('acme')}/login`);
    await page.getByLabel('Email').fill('grace@acme.example');
    await page.getByLabel('Password', { exact: true }).fill('demo-password-2026');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/my/);
    await page.goto(`${origin('acme')}/my/profile/api-tokens`);
    const name = `No-JS token ${STAMP}`;
    await page.getByLabel('Token name').fill(name);
    await page.getByRole('checkbox', { name: /my:read/ }).check();
    await page.getByLabel('Allowed client addresses (optional)').fill('203.0.113.7\n10.1.0.0/8');
    await page.getByRole('button', { name: 'Create token' }).click();
    await page
      .getByText('“10.1.0.0/8” has address bits set after the /8. Did you mean 10.0.0.0/8?')
      .waitFor();
    expect(await page.getByLabel('Token name').inputValue()).toBe(name);
    expect(await page.getByRole('checkbox', { name: /my:read/ }).isChecked()).toBe(true);
    await screenshot(page, 'api-tokens-field-error-nojs');
    await page.getByLabel('Allowed client addresses (optional)').fill('203.0.113.7\n10.0.0.0/8');
    await page.getByRole('button', { name: 'Create token' }).click();
    expect(await page.getByTestId('new-token-secret').inputValue()).toMatch(SECRET);
    await context.close();
  });

  it('an admin creates a service token from Admin › Settings › API tokens', async () => {
    const page = await (await newContext(browser)).newPage();
    await signIn(page, 'acme', 'admin@acme.example');
    await gotoHydrated(page, `${origin('acme')}/admin`);
    await page
      .getByRole('navigation', { name: 'Admin console' })
      .getByRole('link', { name: 'API tokens' })
      .click();
    await page.getByRole('heading', { name: 'Service tokens' }).waitFor();
    await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
    const name = `MDM sync ${STAMP}`;
    await page.getByLabel('Token name').fill(name);
    await page.getByRole('checkbox', { name: /hardware:read/ }).check();
    await page.getByRole('button', { name: 'Create service token' }).click();
    expect(await page.getByTestId('new-token-secret').inputValue()).toMatch(SECRET);
    await page.getByRole('cell', { name, exact: true }).waitFor();
    await screenshot(page, 'api-tokens-service');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});
