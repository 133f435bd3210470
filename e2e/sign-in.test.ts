import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { gotoHydrated, launchBrowser, newContext, origin, screenshot, signIn } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('password sign-in in chromium', () => {
  it('signs ada in through the page and shows her dashboard figures', async () => {
    const page = await (await newContext(browser)).newPage();
    await signIn(page, 'acme', 'ada@acme.example');
    expect(new URL(page.url()).pathname).toBe('/my');
    await expect(page.getByRole('heading', { name: 'Welcome back, Ada' }).isVisible()).resolves.toBe(true);
    const summary = page.getByRole('region', { name: 'Summary' });
    await expect(summary.innerText()).resolves.toMatch(/3\s*Hardware items/);
    await expect(summary.innerText()).resolves.toMatch(/4\s*Software licenses/);
    await expect(summary.innerText()).resolves.toMatch(/2\s*Pending requests/);
    await expect(page.getByText('Figma Professional renews soon').isVisible()).resolves.toBe(true);
    await expect(page.getByTestId('bell').getAttribute('aria-label')).resolves.toBe('3 unread notifications');
    await screenshot(page, 'my-dashboard-ada');
  });

  it('shows the wrong-password message and keeps the email typed', async () => {
    const page = await (await newContext(browser)).newPage();
    await gotoHydrated(page, `${origin('acme')}/login`);
    await page.getByLabel('Email').fill('grace@acme.example');
    await page.getByLabel('Password', { exact: true }).fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Those credentials do not match our records').waitFor();
    await expect(page.getByLabel('Email').inputValue()).resolves.toBe('grace@acme.example');
    await screenshot(page, 'sign-in-wrong-password');
  });

  it('tells a suspended account it is not active', async () => {
    const page = await (await newContext(browser)).newPage();
    await gotoHydrated(page, `${origin('acme')}/login`);
    await page.getByLabel('Email').fill('linus@acme.example');
    await page.getByLabel('Password', { exact: true }).fill('demo-password-2026');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('This account is not active').waitFor();
  });

  it('lands the administrator on the admin dashboard, with the toggle to My view', async () => {
    const page = await (await newContext(browser)).newPage();
    await signIn(page, 'acme', 'admin@acme.example');
    expect(new URL(page.url()).pathname).toBe('/admin');
    await page.getByRole('heading', { name: 'Admin dashboard' }).waitFor();
    await screenshot(page, 'admin-dashboard');
    await page.getByRole('link', { name: 'My view' }).click();
    await page.waitForURL(/\/my$/);
    await page.getByRole('heading', { name: 'Welcome back, Morgan' }).waitFor();
  });

  it('ends the session in every tab when one tab signs out', async () => {
    const context = await newContext(browser);
    const first = await context.newPage();
    await signIn(first, 'globex', 'hank@globex.example');
    const second = await context.newPage();
    await second.goto(`${origin('globex')}/my`);
    await second.getByRole('heading', { name: 'Welcome back, Hank' }).waitFor();

    await first.getByRole('button', { name: 'Sign out' }).click();
    await first.waitForURL(/\/login/);
    await second.reload();
    expect(new URL(second.url()).pathname).toBe('/login');
  });
});
