// My device's "Download the endpoint agent" card in chromium, against the release that e2e/global-setup.ts
// published with `npm run agent:publish -- --targets node`: the link downloads through the Worker from R2,
// the downloaded bytes hash to the SHA-256 the card shows, and the installers that were not published are
// named with the reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { gotoHydrated, launchBrowser, newContext, origin, screenshot, signIn } from './browser';
import { seriousA11yViolations } from './axe';
import { cloneDemoUsers } from './tenant-sql';

const EMPLOYEE = `e2e-downloads-${Date.now()}@acme.example`;

let browser: Browser;
beforeAll(async () => {
  cloneDemoUsers([EMPLOYEE]);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('Download the endpoint agent', () => {
  it('downloads the published file; its SHA-256 matches the card; missing installers are explained', async () => {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 860 },
      acceptDownloads: true
    });
    const page = await context.newPage();
    await signIn(page, 'acme', EMPLOYEE);
    await gotoHydrated(page, `${origin('acme')}/my/agent`);
    const card = page.getByRole('region', { name: 'Download the endpoint agent' });
    const name = 'Agent for Node.js 24 (any system, for IT)';
    const link = card.getByRole('link', { name });
    await link.waitFor();
    const item = card.getByRole('listitem').filter({ has: page.getByRole('link', { name }) });
    const shown = (await item.locator('code').innerText()).replace(/^SHA-256\s+/, '').trim();
    expect(shown).toMatch(/^[0-9a-f]{64}$/);
    await expect(item.innerText()).resolves.toMatch(
      /Version \d+\.\d+\.\d+ · [\d.]+ (KB|MB) · needs Node\.js 24/
    );

    for (const label of ['macOS installer (.pkg)', 'Windows installer (.msi)']) {
      const gap = card.getByTestId('missing-installer').filter({ hasText: label });
      await expect(gap.innerText()).resolves.toMatch(/Not available here[\s\S]*Ask your IT team for it\./);
    }
    await screenshot(page, 'my-device-downloads');
    expect(await seriousA11yViolations(page)).toEqual([]);

    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(/^ontrackio-agent-\d+\.\d+\.\d+\.cjs$/);
    const bytes = readFileSync(await download.path());
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(shown);
    await context.close();
  });

  it('sends a visitor who is not signed in to Sign in instead of the file', async () => {
    const page = await (await newContext(browser)).newPage();
    await gotoHydrated(page, `${origin('acme')}/my/agent/downloads/ontrackio-agent-1.0.0.cjs`);
    await page.waitForURL(/\/login\?next=%2Fmy%2Fagent%2Fdownloads%2F/);
  });
});
