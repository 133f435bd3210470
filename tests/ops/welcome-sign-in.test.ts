// A workspace made with the CLI, served by the real Worker (`wrangler dev` on the test's own copy of
// the configuration): its pages answer, `suspend` makes them say so within the registry cache's few
// seconds, and its first admin follows the welcome email's link in chromium, sets a password and signs in.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newContext, screenshot } from '../../e2e/browser';
import { cli, makeProject, query, type OpsProject } from './helpers-ops';
import { getPage, startDev, type DevServer } from './helpers-dev';
import { REGISTRY_TTL_MS } from '../../src/lib/server/tenancy/registry-cache';

let p: OpsProject;
let dev: DevServer;
let invitePath: string;
const PASSWORD = 'initech-first-admin-2026';

beforeAll(async () => {
  p = makeProject();
  const r = cli(
    p,
    'create',
    '--slug',
    'initech2',
    '--name',
    'Initech',
    '--admin-email',
    'boss@initech.example'
  );
  if (r.code !== 0) throw new Error(r.stderr);
  const mail = query<{ text_body: string }>(
    p,
    'DB_CONTROL',
    "SELECT text_body FROM email_outbox WHERE workspace_slug = 'initech2'"
  )[0];
  invitePath = new URL(
    mail.text_body.match(/http:\/\/initech2\.localhost:8787\/reset-password\/[a-z2-7]{32}/)![0]
  ).pathname;
  dev = await startDev(p);
});
afterAll(() => {
  dev?.stop();
  p?.cleanup();
});

// The Worker keeps a workspace's registry row for REGISTRY_TTL_MS per isolate (tenancy/registry-cache.ts):
// a suspension made by the CLI, which writes the control database directly, shows within that bound.
const REGISTRY_BOUND_MS = REGISTRY_TTL_MS + 3_000;

/** The login page's HTML once `ok` holds for it; fails if it does not within `ms`. */
async function pageWithin(ms: number, ok: (html: string) => boolean): Promise<string> {
  const deadline = Date.now() + ms;
  for (;;) {
    const { html } = await getPage(dev.port, 'initech2', '/login');
    if (ok(html)) return html;
    if (Date.now() > deadline) throw new Error(`the login page did not change within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('a newly created workspace', () => {
  it('is served at its own address, and suspend / resume take effect within seconds', async () => {
    const login = await getPage(dev.port, 'initech2', '/login');
    expect(login.status).toBe(200);
    expect(login.html).toContain('Sign in');

    expect(cli(p, 'suspend', '--slug', 'initech2').code).toBe(0);
    const suspended = await pageWithin(REGISTRY_BOUND_MS, (html) =>
      html.includes('This workspace is suspended')
    );
    expect(suspended).toContain('Initech is suspended, so nobody can sign in right now.');

    expect(cli(p, 'resume', '--slug', 'initech2').code).toBe(0);
    await pageWithin(REGISTRY_BOUND_MS, (html) => !html.includes('This workspace is suspended'));
  });

  it('lets the first admin set a password from the welcome link (Set a new password) and sign in', async () => {
    let browser: Browser | undefined;
    try {
      browser = await launchBrowser();
      const page = await (await newContext(browser)).newPage();
      const origin = `http://initech2.localhost:${dev.port}`;
      await page.goto(`${origin}${invitePath}`);
      await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
      await page.getByRole('heading', { name: 'Set a new password' }).waitFor();
      const email = page.getByLabel('Email');
      if ((await email.count()) > 0 && (await email.isEditable()) && !(await email.inputValue()))
        await email.fill('boss@initech.example');
      await page.getByLabel('New password', { exact: true }).fill(PASSWORD);
      await page.getByLabel('Confirm new password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Set new password' }).click();
      // Accepted: the form gives way to the confirmation.
      await page.getByLabel('New password', { exact: true }).waitFor({ state: 'detached' });
      await screenshot(page, 'ops-welcome-password-set');

      await page.goto(`${origin}/login`);
      await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
      await page.getByLabel('Email').fill('boss@initech.example');
      await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(/\/admin(\/|$)/);
      await screenshot(page, 'ops-welcome-admin-dashboard');

      // The invitation is single-use and the admin is active now.
      const [user] = query<{ status: string }>(
        p,
        'DB_INITECH2',
        "SELECT status FROM users WHERE email = 'boss@initech.example'"
      );
      expect(user.status).toBe('active');
      expect(
        query<{ used: number }>(
          p,
          'DB_INITECH2',
          "SELECT used_at IS NOT NULL AS used FROM auth_tokens WHERE purpose = 'invitation'"
        )[0].used
      ).toBe(1);
    } finally {
      await browser?.close();
    }
  });
});
