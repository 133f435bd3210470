// The My portal in chromium, as ada (has everything), grace (empty states) and the admin's My view.
// Ada's figures that sign-in.test.ts asserts (3 items, 4 licences, 2 pending, 3 unread) are left as
// they were: her new request is cancelled again, and notifications are read in the admin's inbox.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { gotoHydrated, launchBrowser, newContext, origin, screenshot, signIn } from './browser';
import { cloneDemoUsers } from './tenant-sql';

const NOJS_USER = `nojs-cancel-${Date.now().toString(36)}@acme.example`;

let browser: Browser;
beforeAll(async () => {
  cloneDemoUsers([NOJS_USER]);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const sidebar = (page: Page) => page.getByRole('navigation', { name: 'My portal' });

describe('My portal in chromium', () => {
  it('ada raises a request (fixing a bad field), sees it pending, messages and cancels it', async () => {
    const page = await (await newContext(browser)).newPage();
    await signIn(page, 'acme', 'ada@acme.example');
    for (const label of [
      'Dashboard',
      'My hardware',
      'My software',
      'My loans',
      'My requests',
      'New request',
      'Notifications',
      'My profile'
    ]) {
      await expect(
        sidebar(page).getByRole('link', { name: label, exact: true }).isVisible(),
        label
      ).resolves.toBe(true);
    }
    await sidebar(page).getByRole('link', { name: 'New request' }).click();
    await page.waitForURL(/\/my\/requests\/new$/);
    await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
    await page.getByLabel('Request type').selectOption('hardware');
    await page.getByLabel('Title').fill('Standing desk converter');
    await page.getByLabel('Urgency').selectOption('low');
    await page.getByLabel('Estimated cost').fill('-20');
    await page.getByRole('button', { name: 'Submit request' }).click();
    await page.getByText('Explain why you need it.').waitFor();
    await page.getByText('The estimated cost can’t be negative.').waitFor();
    await expect(page.getByLabel('Title').inputValue()).resolves.toBe('Standing desk converter');
    await screenshot(page, 'my-new-request-errors');

    await page.getByLabel('Justification').fill('Back pain after long days of sitting.');
    await page.getByLabel('Estimated cost').fill('180');
    await page.getByRole('button', { name: 'Submit request' }).click();
    await page.waitForURL(/\/my\/requests\?created=/);
    await page.getByText('Your request was submitted').waitFor();
    const row = page.getByRole('row', { name: /Standing desk converter/ });
    await expect(row.innerText()).resolves.toMatch(/Pending/);
    await screenshot(page, 'my-requests-ada');

    await row.getByRole('link', { name: 'Standing desk converter' }).click();
    await page.waitForURL(/\/my\/requests\/[0-9a-f-]{36}$/);
    await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
    await page.getByLabel('Message to the reviewer').fill('Any model is fine.');
    await page.getByRole('button', { name: 'Send message' }).click();
    await page.getByText('Message sent.').waitFor();
    await expect(page.getByRole('region', { name: 'Messages' }).innerText()).resolves.toContain(
      'Any model is fine.'
    );
    await page.getByRole('button', { name: 'Cancel request' }).click();
    await page.getByRole('button', { name: 'Yes, cancel it' }).click();
    await page.getByText('Your request was cancelled.').waitFor();
    await expect(page.getByRole('region', { name: 'Status timeline' }).innerText()).resolves.toMatch(
      /Pending[\s\S]*Cancelled/
    );
    await page.getByText('Cancellation works only while a request is pending or approved').waitFor();
    await screenshot(page, 'my-request-cancelled');
  });

  it('without JavaScript: a request is cancelled after the same question, and "Keep it" keeps it', async () => {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 860 },
      javaScriptEnabled: false
    });
    const page = await context.newPage();
    await page.goto(`${origin('acme')}/login`);
    await page.getByLabel('Email').fill(NOJS_USER);
    await page.getByLabel('Password', { exact: true }).fill('demo-password-2026');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/my$/);
    await page.goto(`${origin('acme')}/my/requests/new`);
    await page.getByLabel('Request type').selectOption('hardware');
    await page.getByLabel('Title').fill('Second monitor');
    await page.getByLabel('Justification').fill('Two documents side by side.');
    await page.getByLabel('Urgency').selectOption('low');
    await page.getByRole('button', { name: 'Submit request' }).click();
    await page.getByText('Your request was submitted').waitFor();
    await page.getByRole('link', { name: 'Second monitor' }).click();
    await page.waitForURL(/\/my\/requests\/[0-9a-f-]{36}$/);

    await page.getByRole('button', { name: 'Cancel request' }).click();
    await page.getByText('Cancel this request? This can’t be undone.').waitFor();
    await page.getByRole('button', { name: 'Keep it' }).click();
    await page.getByRole('button', { name: 'Cancel request' }).waitFor();
    expect(new URL(page.url()).search).toBe('');

    await page.getByRole('button', { name: 'Cancel request' }).click();
    await page.getByRole('button', { name: 'Yes, cancel it' }).click();
    await page.getByText('Your request was cancelled.').waitFor();
    await page.getByText('Cancellation works only while a request is pending or approved').waitFor();
    await context.close();
  });

  it('ada acknowledges her laptop, reports a problem, and downloads her data', async () => {
    const page = await (await newContext(browser)).newPage();
    await signIn(page, 'acme', 'ada@acme.example');
    await page.getByRole('link', { name: /Confirm you received MacBook Pro/ }).click();
    await page.waitForURL(/\/my\/hardware\/[0-9a-f-]{36}$/);
    await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
    await page.getByRole('heading', { name: 'Apple MacBook Pro 14" (M3)' }).waitFor();
    await page.getByRole('button', { name: 'Acknowledge' }).click();
    await page.getByText('Received and confirmed by').waitFor();
    await expect(page.getByRole('button', { name: 'Acknowledge' }).count()).resolves.toBe(0);

    await page.getByLabel('Description').fill('The trackpad clicks on its own.');
    await page.getByLabel('Priority').selectOption('high');
    await page.getByRole('button', { name: 'Report a problem' }).click();
    await page.getByText('your problem report is with IT').waitFor();
    await expect(page.getByRole('region', { name: 'Problem reports' }).innerText()).resolves.toContain(
      'The trackpad clicks on its own.'
    );
    await screenshot(page, 'my-hardware-item-ada');

    await sidebar(page).getByRole('link', { name: 'My profile' }).click();
    await page.waitForURL(/\/my\/profile$/);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download a copy of your own data' }).click()
    ]);
    expect(download.suggestedFilename()).toMatch(/^ontrackio-acme-ada-\d{4}-\d{2}-\d{2}\.json$/);
    const data = JSON.parse(readFileSync(await download.path(), 'utf8')) as {
      profile: { email: string };
      requests: { title: string }[];
    };
    expect(data.profile.email).toBe('ada@acme.example');
    expect(data.requests.map((r) => r.title)).toContain('Standing desk converter');
  });

  it('the dashboard ships no validation library to the browser (zod stays on the server)', async () => {
    // A size guard that doesn't time anything: zod (24 KiB gzip) once rode into every page through a
    // route matcher (bench/README.md). Pages validate on the server; /my needs none of it.
    const page = await (await newContext(browser)).newPage();
    const scripts: Promise<string>[] = [];
    page.on('response', (r) => {
      if (r.request().resourceType() === 'script') scripts.push(r.text().catch(() => ''));
    });
    await signIn(page, 'acme', 'grace@acme.example');
    await page.waitForLoadState('networkidle');
    const bodies = await Promise.all(scripts);
    expect(bodies.length).toBeGreaterThan(0);
    expect(bodies.filter((b) => b.includes('ZodError'))).toEqual([]);
    await page.close();
  });

  it('grace sees empty states, no My loans entry, and switches theme', async () => {
    const page = await (await newContext(browser)).newPage();
    await signIn(page, 'acme', 'grace@acme.example');
    await expect(sidebar(page).getByRole('link', { name: 'My loans' }).count()).resolves.toBe(0);
    const empties: [string, string][] = [
      ['My hardware', 'No hardware is assigned to you'],
      ['My software', 'No software licenses are assigned to you'],
      ['My requests', 'You haven’t raised any requests yet'],
      ['Notifications', 'No notifications yet']
    ];
    for (const [link, text] of empties) {
      await sidebar(page).getByRole('link', { name: link, exact: true }).click();
      await page.getByText(text).waitFor();
    }
    await gotoHydrated(page, `${origin('acme')}/my/loans`);
    await page.getByText('Nothing is on loan to you').waitFor();
    await screenshot(page, 'my-loans-grace');

    await gotoHydrated(page, `${origin('acme')}/my/profile`);
    await page.getByRole('radio', { name: 'Dark' }).check();
    await page.getByRole('button', { name: 'Save theme' }).click();
    await page.getByText('Theme saved.').waitFor();
    await expect(page.locator('html').getAttribute('data-theme')).resolves.toBe('dark');
    await screenshot(page, 'my-profile-grace-dark');
    await page.getByRole('radio', { name: 'System' }).check();
    await page.getByRole('button', { name: 'Save theme' }).click();
    await page.getByText('Theme saved.').waitFor();
    await expect(page.locator('html').getAttribute('data-theme')).resolves.toBe('system');
  });

  it('the admin’s My view inbox: the bell opens it, mark one read, then all', async () => {
    const page = await (await newContext(browser)).newPage();
    await signIn(page, 'acme', 'admin@acme.example');
    await page.getByRole('link', { name: 'My view' }).click();
    await page.waitForURL(/\/my$/);
    const bell = page.getByTestId('bell');
    const unread = Number((await bell.getAttribute('aria-label'))!.split(' ')[0]);
    expect(unread).toBeGreaterThan(1); // the seed's note plus ada's request and problem report
    await bell.click();
    await page.waitForURL(/\/my\/notifications$/);
    await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
    await screenshot(page, 'my-notifications-admin');
    await page
      .getByRole('button', { name: /^Mark as read: / })
      .first()
      .click();
    await expect
      .poll(() => bell.getAttribute('aria-label'))
      .toBe(`${unread - 1} unread notification${unread - 1 === 1 ? '' : 's'}`);
    await page.getByRole('button', { name: 'Mark all as read' }).click();
    await page.getByText('You’re all caught up.').waitFor();
    await expect(bell.getAttribute('aria-label')).resolves.toBe('0 unread notifications');
  });

  it('reads well at phone width', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await signIn(page, 'acme', 'ada@acme.example');
    await gotoHydrated(page, `${origin('acme')}/my/hardware`);
    await page.getByRole('heading', { name: 'My hardware' }).waitFor();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'my-hardware-phone');
    await context.close();
  });
});
