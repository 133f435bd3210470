// Layout at a phone's width (390 px) and the keyboard's focus ring, in chromium: what a person sees
// before they read a word. Read-only: signs in as the seeded demo accounts and changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { gotoHydrated, launchBrowser, origin, screenshot, signIn } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function phonePage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  return context.newPage();
}

/** How far the document reaches past the viewport sideways (0 when nothing scrolls the page). */
const sidewaysOverflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

describe('at a phone’s width', () => {
  it('admin lists with an actions column scroll inside their card, never the whole page', async () => {
    const page = await phonePage();
    await signIn(page, 'acme', 'admin@acme.example');
    for (const path of ['/admin/devices', '/admin/loans', '/admin/hardware', '/admin/requests']) {
      await gotoHydrated(page, `${origin('acme')}${path}`);
      await expect(sidewaysOverflow(page), path).resolves.toBe(0);
    }
    await screenshot(page, 'phone-admin-loans');
  });

  it('the navigation is as tall as its links, even above a short page (grace has nothing)', async () => {
    const page = await phonePage();
    await signIn(page, 'acme', 'grace@acme.example');
    await gotoHydrated(page, `${origin('acme')}/my/requests`);
    const nav = page.getByRole('navigation', { name: 'My portal' });
    const lastLink = nav.getByRole('link', { name: 'My device', exact: true });
    const [linkBottom, navBottom] = await Promise.all([
      lastLink.evaluate((el) => el.getBoundingClientRect().bottom),
      nav.evaluate((el) => el.getBoundingClientRect().bottom)
    ]);
    expect(navBottom - linkBottom).toBeLessThan(40);
  });

  it('a badge and a row’s button keep their words on one line', async () => {
    const page = await phonePage();
    await signIn(page, 'acme', 'ada@acme.example');
    await gotoHydrated(page, `${origin('acme')}/my`);
    // Every badge of Needs attention soon (other files may acknowledge or return ada's items; the
    // licence renewal stays), each one line high.
    const heights = await page
      .locator('.badge')
      .evaluateAll((els) =>
        els.map((el) => el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight))
      );
    expect(heights.length).toBeGreaterThan(0);
    for (const lines of heights) expect(lines).toBeLessThan(1.8);

    await gotoHydrated(page, `${origin('acme')}/my/notifications`);
    const button = page.getByRole('button', { name: /^Mark as read: / }).first();
    const buttonLine = await button.evaluate((el) => parseFloat(getComputedStyle(el).lineHeight));
    expect((await button.boundingBox())!.height).toBeLessThan(buttonLine * 1.8 + 24);
    await screenshot(page, 'phone-my-notifications');
  });
});

describe('keyboard focus', () => {
  it('every field of the Sign in form shows a focus ring in the accent colour', async () => {
    const page = await browser.newPage();
    await gotoHydrated(page, `${origin('acme')}/login`);
    const accent = await page.evaluate(() =>
      getComputedStyle(document.querySelector('.btn-primary')!).getPropertyValue('background-color')
    );
    for (const label of ['Email', 'Password', 'Keep me signed in']) {
      const field = page.getByLabel(label, { exact: true });
      await field.focus();
      const ring = await field.evaluate((el) => {
        const s = getComputedStyle(el);
        return { style: s.outlineStyle, width: parseFloat(s.outlineWidth), color: s.outlineColor };
      });
      expect(ring.style, label).toBe('solid');
      expect(ring.width, label).toBeGreaterThanOrEqual(2);
      expect(ring.color, label).toBe(accent);
    }
    await page.close();
  });
});
