// Webhooks as an IT admin would try them (issue 14 "How it will be checked"): point an endpoint at a
// local receiver, assign a laptop, and check the signature with an independent library (the
// standardwebhooks npm package inside the receiver); stop the receiver and see the retry in the log.
// The receiver runs in this test process on 127.0.0.1 (allowed over http in development only).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Server } from 'node:http';
import { gotoHydrated, launchBrowser, newContext, origin, screenshot, signIn } from './browser';
import { seriousA11yViolations } from './axe';
import { cloneDemoUsers, runTenantSql } from './tenant-sql';
import { startWebhookReceiver, type ReceivedDelivery } from '../tests/worker/webhook-receiver';

const STAMP = Date.now().toString(36);
const PERSON = `e2e14-hooks-${STAMP}@acme.example`;
const TAG = `HOOK-${STAMP}`;
const ASSET = `e2e14-asset-${STAMP}`;

let browser: Browser;
let receiver: { url: string; server: Server };
beforeAll(async () => {
  receiver = await startWebhookReceiver();
  cloneDemoUsers([PERSON]);
  runTenantSql(
    'DB_ACME',
    `INSERT INTO hardware_assets (id, asset_tag, model_id, status, created_at, updated_at) SELECT '${ASSET}', '${TAG}', id, 'in_stock', 1, 1 FROM hardware_models LIMIT 1`
  );
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  receiver?.server.close();
});

const control = (name: string, patch?: object) =>
  fetch(`${receiver.url}/_control/${name}`, {
    method: patch ? 'PUT' : 'GET',
    body: patch ? JSON.stringify(patch) : undefined
  });

async function deliveries(name: string, atLeast: number): Promise<ReceivedDelivery[]> {
  const until = Date.now() + 30_000;
  for (;;) {
    const got = ((await (await control(name)).json()) as { deliveries: ReceivedDelivery[] }).deliveries;
    if (got.length >= atLeast) return got;
    if (Date.now() > until) throw new Error(`the receiver got ${got.length} of ${atLeast} deliveries`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Reloads the endpoint page until `text` shows in its delivery log. */
async function logShows(page: Page, text: string) {
  const until = Date.now() + 30_000;
  for (;;) {
    await page.reload();
    if ((await page.locator('table').getByText(text).count()) > 0) return;
    if (Date.now() > until) throw new Error(`the delivery log never showed “${text}”`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

describe('webhooks in chromium', () => {
  it('an admin adds an endpoint, assigns a laptop, the receiver verifies the signature; a stopped receiver is retried', async () => {
    const name = `e2e${STAMP}`;
    const admin = await (await newContext(browser)).newPage();
    await signIn(admin, 'acme', 'admin@acme.example');
    await gotoHydrated(admin, `${origin('acme')}/admin`);
    await admin
      .getByRole('navigation', { name: 'Admin console' })
      .getByRole('link', { name: 'Webhooks' })
      .click();
    await admin.getByRole('heading', { name: 'Add endpoint' }).waitFor();
    await admin.locator('html[data-hydrated]').waitFor({ state: 'attached' });

    // A private address is refused beside the field.
    await admin.getByLabel('Endpoint URL').fill('https://192.168.1.20/hooks');
    await admin.getByRole('checkbox', { name: /hardware\.assigned/ }).check();
    await admin.getByRole('button', { name: 'Add endpoint' }).click();
    await admin
      .getByText('192.168.1.20 is a private address. Webhooks go only to public addresses.')
      .waitFor();
    await screenshot(admin, 'webhooks-ssrf-refused');

    await admin.getByLabel('Endpoint URL').fill(`${receiver.url}/hooks/${name}`);
    await admin.getByLabel('Description (optional)').fill('Chat bridge');
    await admin.getByRole('button', { name: 'Add endpoint' }).click();
    const secret = await admin.getByTestId('signing-secret').inputValue();
    expect(secret).toMatch(/^whsec_/);
    await control(name, { secrets: [secret] });
    await screenshot(admin, 'webhooks-added');
    expect(await seriousA11yViolations(admin)).toEqual([]);

    // Assign a laptop on its hardware page.
    await gotoHydrated(admin, `${origin('acme')}/admin/hardware/${ASSET}`);
    await admin.getByLabel('Assign to').selectOption({ label: `E2E e2e14-hooks-${STAMP} (${PERSON})` });
    await admin.getByRole('button', { name: 'Assign' }).click();
    await admin
      .getByText(/Assigned to/)
      .first()
      .waitFor();

    const [d] = await deliveries(name, 1);
    expect(d.verifiedWith).toEqual([0]);
    const body = JSON.parse(d.body);
    expect(body).toMatchObject({ type: 'hardware.assigned', data: { asset: { id: ASSET, assetTag: TAG } } });

    await gotoHydrated(admin, `${origin('acme')}/admin/settings/webhooks`);
    await admin.getByRole('link', { name: `${receiver.url}/hooks/${name}` }).click();
    await admin.getByRole('heading', { name: 'Delivery log' }).waitFor();
    await logShows(admin, 'hardware.assigned');
    await admin.getByText('Delivered').first().waitFor();

    // "Stop" the receiver: it now drops every connection. A test event is retried, same webhook-id.
    await control(name, { mode: 'down' });
    await admin.locator('html[data-hydrated]').waitFor({ state: 'attached' });
    await admin.getByRole('button', { name: 'Send test event' }).click();
    await admin.getByText('Test event sent.').waitFor();
    await deliveries(name, 2);
    await logShows(admin, 'Retrying');
    await admin.getByText('Request and answers').first().click();
    await screenshot(admin, 'webhooks-log-retrying');
    expect(await seriousA11yViolations(admin)).toEqual([]);
  });
});
