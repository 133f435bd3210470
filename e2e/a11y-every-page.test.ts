// axe-core on every admin page and every portal page, light and dark, failing on serious and critical
// findings (e2e/axe.ts). Detail pages are opened through the first link their list shows, so a new
// list without items fails here rather than being skipped. (The My pages' own sweep in my-portal.test.ts
// and the Pair this device page in agent-pairing.test.ts cover the same rules in their flows.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { gotoHydrated, launchBrowser, newContext, origin, signIn } from './browser';
import { seriousA11yViolations } from './axe';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** The first link on `listPath` whose href matches `pattern` (e.g. a row of the list). */
async function firstLink(page: Page, listPath: string, pattern: RegExp): Promise<string> {
  await gotoHydrated(page, `${origin('acme')}${listPath}`);
  const hrefs = await page.$$eval('a[href]', (as) => as.map((a) => a.getAttribute('href') ?? ''));
  const found = hrefs.find((h) => pattern.test(h));
  if (!found) throw new Error(`no link matching ${pattern} on ${listPath}: the sweep needs one item there`);
  return found;
}

const ID = '[0-9A-Za-z_-]+';

/** The hardware catalog's three lists and the first entry of each (one page: one navigation at a time). */
async function catalogPages(page: Page): Promise<string[]> {
  const out: string[] = [];
  for (const kind of ['models', 'categories', 'locations']) {
    out.push(`/admin/hardware/${kind}`);
    out.push(await firstLink(page, `/admin/hardware/${kind}`, new RegExp(`^/admin/hardware/${kind}/${ID}$`)));
  }
  return out;
}

/**
 * An endpoint's own page: the demo data has no webhook endpoint, so one is added through the form. It
 * points at the discard port on loopback (allowed in development) and listens to an event the sweep
 * never causes, so nothing is delivered while the sweep runs.
 */
async function webhookEndpointPage(page: Page): Promise<string> {
  const url = `http://127.0.0.1:9/a11y-sweep-${Date.now().toString(36)}`;
  await gotoHydrated(page, `${origin('acme')}/admin/settings/webhooks`);
  await page.getByLabel('Endpoint URL').fill(url);
  await page.getByRole('checkbox', { name: /device\.revoked/ }).check();
  await page.getByRole('button', { name: 'Add endpoint' }).click();
  await page.getByText('Endpoint added.').waitFor();
  return firstLink(page, '/admin/settings/webhooks', new RegExp(`^/admin/settings/webhooks/${ID}$`));
}

async function setTheme(page: Page, theme: 'Light' | 'Dark' | 'System'): Promise<void> {
  await gotoHydrated(page, `${origin('acme')}/my/profile`);
  await page.getByRole('radio', { name: theme }).check();
  await page.getByRole('button', { name: 'Save theme' }).click();
  await page.getByText('Theme saved.').waitFor();
}

async function sweep(page: Page, paths: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const theme of ['Light', 'Dark'] as const) {
    await setTheme(page, theme);
    for (const path of paths) {
      await gotoHydrated(page, `${origin('acme')}${path}`);
      for (const v of await seriousA11yViolations(page))
        found.push(`${theme} ${path}: ${v.id} (${v.impact}) ${v.help} at ${v.targets.join(', ')}`);
    }
  }
  await setTheme(page, 'System');
  return found;
}

describe('accessibility of every page (axe-core, serious and critical)', () => {
  it('every admin console page', async () => {
    const page = await (await newContext(browser)).newPage();
    await signIn(page, 'acme', 'admin@acme.example');
    const paths = [
      '/admin',
      '/admin/requests',
      await firstLink(page, '/admin/requests', new RegExp(`^/admin/requests/${ID}$`)),
      '/admin/people',
      await firstLink(page, '/admin/people', new RegExp(`^/admin/people/(?!invite)${ID}$`)),
      '/admin/people/invite',
      '/admin/hardware',
      await firstLink(
        page,
        '/admin/hardware',
        new RegExp(`^/admin/hardware/(?!new|import|models|categories|locations)${ID}$`)
      ),
      '/admin/hardware/new',
      '/admin/hardware/import',
      ...(await catalogPages(page)),
      '/admin/loans',
      (await firstLink(page, '/admin/loans', /^\?lend=/)).replace(/#.*$/, '').replace(/^/, '/admin/loans'),
      await firstLink(page, '/admin/loans', new RegExp(`^/admin/loans/items/(?!new)${ID}$`)),
      '/admin/loans/items/new',
      '/admin/maintenance',
      await firstLink(page, '/admin/maintenance', new RegExp(`^/admin/maintenance/${ID}$`)),
      '/admin/software',
      await firstLink(page, '/admin/software', new RegExp(`^/admin/software/licences/(?!new)${ID}$`)),
      await firstLink(page, '/admin/software', new RegExp(`^/admin/software/products/(?!new)${ID}$`)),
      '/admin/software/licences/new',
      '/admin/software/products/new',
      '/admin/devices',
      '/admin/audit',
      '/admin/settings/security',
      '/admin/settings/sso',
      '/admin/settings/helpdesk',
      '/admin/settings/api-tokens',
      '/admin/settings/webhooks',
      await webhookEndpointPage(page),
      '/admin/settings/provisioning'
    ];
    expect(await sweep(page, paths)).toEqual([]);
  }, 300_000);

  it('every portal page, and the pages before signing in', async () => {
    const page = await (await newContext(browser)).newPage();
    for (const path of ['/login', '/forgot-password']) {
      await gotoHydrated(page, `${origin('acme')}${path}`);
      expect(await seriousA11yViolations(page), path).toEqual([]);
    }
    await gotoHydrated(page, origin('app'));
    expect(await seriousA11yViolations(page), 'Find your workspace').toEqual([]);

    await signIn(page, 'acme', 'ada@acme.example');
    const paths = [
      '/my',
      '/my/hardware',
      await firstLink(page, '/my/hardware', new RegExp(`^/my/hardware/${ID}$`)),
      '/my/software',
      '/my/loans',
      '/my/requests',
      await firstLink(page, '/my/requests', new RegExp(`^/my/requests/(?!new)${ID}$`)),
      '/my/requests/new',
      '/my/notifications',
      '/my/agent',
      '/my/profile',
      '/my/profile/security',
      '/my/profile/api-tokens'
    ];
    expect(await sweep(page, paths)).toEqual([]);
  }, 180_000);
});
