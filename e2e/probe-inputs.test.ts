// Issue 17 (probe), as a person meets it: a search too long for the database gets a message beside the
// box (and keeps the text), and a form sent as text/plain (an HTML form can do that) gets the portal's
// error page instead of a 500.
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

describe('bad input in chromium', () => {
  it('a long search on Admin › People says what to do and keeps what was typed', async () => {
    const page = await (await newContext(browser)).newPage();
    await signIn(page, 'acme', 'admin@acme.example');
    await gotoHydrated(page, `${origin('acme')}/admin/people`);
    const term = 'Ada Lovelace, Analytical Engine, Difference Engine';
    await page.getByLabel('Search people').fill(term);
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByText('Use a shorter search: up to 48 letters').waitFor();
    await expect(page.getByLabel('Search people').inputValue()).resolves.toBe(term);
    await expect(page.getByLabel('Search people').getAttribute('aria-invalid')).resolves.toBe('true');
    await screenshot(page, 'admin-people-search-too-long');
  });

  it('a text/plain form post gets the error page, and changes nothing', async () => {
    const page = await (await newContext(browser)).newPage();
    await signIn(page, 'acme', 'ada@acme.example');
    await gotoHydrated(page, `${origin('acme')}/my/profile`);
    const before = {
      name: await page.getByLabel('Name', { exact: true }).inputValue(),
      phone: await page.getByLabel('Phone').inputValue()
    };
    const response = page.waitForResponse((r) => r.request().method() === 'POST');
    await page.evaluate(() => {
      const form = document.createElement('form');
      form.method = 'POST';
      form.action = '/my/profile?/contact';
      form.enctype = 'text/plain';
      for (const [name, value] of [
        ['name', 'Changed By Probe'],
        ['phone', '+1 555 0100']
      ]) {
        const field = document.createElement('input');
        field.name = name;
        field.value = value;
        form.appendChild(field);
      }
      document.body.appendChild(form);
      form.submit();
    });
    expect((await response).status()).toBe(415);
    await page.getByRole('heading', { name: 'That form couldn’t be read' }).waitFor();
    await page.getByText('We couldn’t read that form. Reload the page and try again.').waitFor();
    await screenshot(page, 'form-guard-text-plain');
    await gotoHydrated(page, `${origin('acme')}/my/profile`);
    await expect(page.getByLabel('Name', { exact: true }).inputValue()).resolves.toBe(before.name);
    await expect(page.getByLabel('Phone').inputValue()).resolves.toBe(before.phone);
  });
});
