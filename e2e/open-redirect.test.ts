// Issue 17 (probe): the open redirect, checked where it matters: Chromium follows the redirect
// (it strips tabs and newlines from URLs and reads "\" as "/"), and must stay on the workspace for
// every classic bypass of next= on Sign in (signed in, and after signing in) and back= on the theme
// switch. No request may leave for another host and no javascript: URL may run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { gotoHydrated, launchBrowser, newContext, origin, screenshot, signIn } from './browser';

/** As they appear in a phishing link's query string: raw, encoded, double-encoded. */
const TARGETS = [
  '/%09/evil.example',
  '/%0D/evil.example',
  '/%0A/evil.example',
  '/%09/%09/evil.example',
  '%5Cevil.example',
  '/%5Cevil.example',
  '/%5C/evil.example',
  '/\\evil.example',
  '//evil.example',
  '%2F%2Fevil.example',
  '/%2F%2Fevil.example',
  '/%2509/evil.example',
  '%252F%252Fevil.example',
  '/.//evil.example',
  'https://evil.example/',
  'javascript:alert(document.domain)',
  'javascript%3Aalert(document.domain)'
];

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Records every host the page asks for and every dialog a script opens. */
function watch(page: Page) {
  const hosts = new Set<string>();
  const dialogs: string[] = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.protocol === 'http:' || u.protocol === 'https:') hosts.add(u.host);
  });
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  return { hosts, dialogs };
}

function expectOnWorkspace(page: Page, seen: ReturnType<typeof watch>, label: string) {
  const here = new URL(origin('acme'));
  expect(new URL(page.url()).origin, label).toBe(here.origin);
  expect([...seen.hosts], label).toEqual([here.host]);
  expect(seen.dialogs, label).toEqual([]);
}

describe('redirect targets in chromium', () => {
  it('next= for a signed-in visitor never leaves the workspace', async () => {
    const page = await (await newContext(browser)).newPage();
    await signIn(page, 'acme', 'ada@acme.example');
    const seen = watch(page);
    for (const target of TARGETS) {
      await page.goto(`${origin('acme')}/login?next=${target}`);
      await page.waitForLoadState('load');
      expectOnWorkspace(page, seen, target);
      expect(new URL(page.url()).pathname, target).toBe('/my');
    }
    await page.goto(`${origin('acme')}/login?next=%2Fmy%2Fhardware`);
    expect(new URL(page.url()).pathname).toBe('/my/hardware');
  });

  it('next= after signing in never leaves the workspace', async () => {
    for (const target of ['/%09/evil.example', '%5Cevil.example', '/%0A/evil.example']) {
      const context = await newContext(browser);
      const page = await context.newPage();
      const seen = watch(page);
      await gotoHydrated(page, `${origin('acme')}/login?next=${target}`);
      await page.getByLabel('Email').fill('grace@acme.example');
      await page.getByLabel('Password', { exact: true }).fill('demo-password-2026');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(/\/my$/);
      expectOnWorkspace(page, seen, target);
      await context.close();
    }
  });

  it('back= on the theme switch never leaves the workspace', async () => {
    const page = await (await newContext(browser)).newPage();
    await signIn(page, 'acme', 'ada@acme.example');
    const seen = watch(page);
    // "System" is the theme Ada already has: the switch is used without changing shared demo data.
    for (const back of ['/\t/evil.example', '/\\evil.example', '//evil.example', '/\r\n/evil.example']) {
      await gotoHydrated(page, `${origin('acme')}/my/requests`);
      // The switch's hidden field, as a forged page would fill it.
      await page.locator('form[action="/preferences/theme"] input[name="back"]').evaluate((el, v) => {
        (el as HTMLInputElement).value = v;
      }, back);
      await Promise.all([
        page.waitForURL((u) => u.pathname !== '/my/requests'),
        page.getByRole('button', { name: 'System' }).click()
      ]);
      await page.waitForLoadState('load');
      expectOnWorkspace(page, seen, JSON.stringify(back));
      expect(new URL(page.url()).pathname, JSON.stringify(back)).toBe('/my');
    }
    await screenshot(page, 'open-redirect-theme-back');
  });
});
