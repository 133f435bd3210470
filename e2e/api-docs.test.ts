// The API reference page (/api/docs) in chromium with the network closed: everything it loads comes
// from the Worker's own origin, nothing is refused by the page's CSP, and a signed-in admin tries a call.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, newContext, origin, screenshot, signIn } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('the API reference page', () => {
  it('loads from the Worker alone under the product CSP, and a signed-in admin tries GET /me', async () => {
    const context = await newContext(browser);
    const elsewhere: string[] = [];
    // The network is closed: only this Worker (a *.localhost host) answers.
    await context.route('**/*', (route) => {
      const host = new URL(route.request().url()).hostname;
      if (host === 'localhost' || host.endsWith('.localhost')) return route.continue();
      elsewhere.push(route.request().url());
      return route.abort();
    });
    const page = await context.newPage();
    const refused: string[] = [];
    page.on('console', (m) => {
      if (/Content.Security.Policy|Refused to/i.test(m.text())) refused.push(m.text());
    });
    await signIn(page, 'acme', 'admin@acme.example');
    await page.goto(`${origin('acme')}/api/docs`);
    await page.getByRole('heading', { name: /OnTrackio API/ }).waitFor();

    const me = page.locator('.opblock').filter({ hasText: '/api/v1/me' }).first();
    await me.locator('.opblock-summary').first().click();
    await me.getByRole('button', { name: 'Try it out' }).click();
    await me.getByRole('button', { name: 'Execute' }).click();
    const live = me.locator('.live-responses-table');
    await live.getByText('admin@acme.example').first().waitFor();
    expect(await live.locator('tbody .response-col_status').first().innerText()).toContain('200');
    await screenshot(page, 'api-docs');

    expect(elsewhere).toEqual([]);
    expect(refused).toEqual([]);
    await context.close();
  });
});
