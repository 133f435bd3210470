// The help desk in chromium, end to end against a real Request Tracker 5: the administrator connects it
// on Admin › Settings › Help desk, ada creates a request, an RT agent replies through RT's API, and ada
// sees the reply on her request page. Ada's figures that sign-in.test.ts asserts are left as they were:
// her request is cancelled again and the reply's notification is read; the help desk is disconnected.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { gotoHydrated, launchBrowser, newContext, origin, screenshot, signIn } from './browser';
import { RT_BASE_PORT, RtServer, prepareTemplate } from '../tests/helpdesk/rt';

let browser: Browser;
let rt: RtServer;
let admin: Page;

beforeAll(async () => {
  const template = prepareTemplate();
  rt = new RtServer(RT_BASE_PORT + 9, template.tokens, template.db);
  await rt.start();
  browser = await launchBrowser();
});
afterAll(async () => {
  if (admin) {
    await gotoHydrated(admin, `${origin('acme')}/admin/settings/helpdesk`);
    if (await admin.getByRole('button', { name: 'Disconnect' }).isVisible()) {
      await admin.getByRole('button', { name: 'Disconnect' }).click();
      await admin.getByText('Help desk disconnected.').waitFor();
    }
  }
  await browser?.close();
  await rt?.stop();
});

async function ticketIdOf(reference: string): Promise<number | null> {
  const q = encodeURIComponent(`'CF.{OnTrackio reference}' = '${reference}'`);
  const res = await rt.json<{ items: { id: string }[] }>(`/tickets?query=${q}`);
  return res.items[0] ? Number(res.items[0].id) : null;
}

describe('Help desk in chromium', () => {
  it('admin connects RT; ada’s request becomes a ticket; the agent’s reply shows on her request page', async () => {
    admin = await (await newContext(browser)).newPage();
    await signIn(admin, 'acme', 'admin@acme.example');
    await admin
      .getByRole('navigation', { name: 'Admin console' })
      .getByRole('link', { name: 'Help desk' })
      .click();
    await admin.waitForURL(/\/admin\/settings\/helpdesk$/);
    await admin.locator('html[data-hydrated]').waitFor({ state: 'attached' });
    await admin.getByLabel('Help desk URL').fill(rt.baseUrl);
    await admin.getByLabel('API token').fill(rt.tokens.integration);
    await admin.getByLabel('Queue').fill('IT Requests');
    await admin.getByRole('button', { name: 'Test connection' }).click();
    await admin.getByText('Connected to Request Tracker: queue “IT Requests” is ready.').waitFor();
    await admin.getByRole('button', { name: 'Connect', exact: true }).click();
    await admin.getByText('Help desk connected.').waitFor();
    await admin.getByText('An API token is saved and encrypted. It is never shown again.').waitFor();
    await expect(admin.getByLabel('API token').inputValue()).resolves.toBe('');
    const webhookUrl = await admin.getByTestId('webhook-url').innerText();
    const secret = await admin.getByTestId('webhook-secret').innerText();
    expect(webhookUrl).toBe(`${origin('acme')}/api/v1/helpdesk/webhook`);
    await screenshot(admin, 'admin-helpdesk-connected');
    // RT's administrator pastes both into the OnTrackio Scrip (RT reaches us by address, with our Host).
    const u = new URL(webhookUrl);
    rt.installWebhookScrip(`http://127.0.0.1:${u.port}${u.pathname}`, secret, u.host);

    const ada = await (await newContext(browser)).newPage();
    await signIn(ada, 'acme', 'ada@acme.example');
    await gotoHydrated(ada, `${origin('acme')}/my/requests/new`);
    await ada.getByLabel('Request type').selectOption('hardware');
    await ada.getByLabel('Title').fill('Ergonomic mouse');
    await ada.getByLabel('Justification').fill('My wrist hurts after a long day.');
    await ada.getByLabel('Urgency').selectOption('medium');
    await ada.getByRole('button', { name: 'Submit request' }).click();
    await ada.waitForURL(/\/my\/requests\?created=/);
    await ada
      .getByRole('row', { name: /Ergonomic mouse/ })
      .getByRole('link', { name: 'Ergonomic mouse' })
      .click();
    await ada.waitForURL(/\/my\/requests\/[0-9a-f-]{36}$/);
    const requestId = ada.url().split('/').pop()!;

    let ticket: number | null = null;
    for (let i = 0; i < 240 && ticket === null; i++) {
      ticket = await ticketIdOf(`acme/request/${requestId}`);
      if (ticket === null) await new Promise((r) => setTimeout(r, 500));
    }
    expect(ticket).not.toBeNull();
    const reply = await rt.api(`/ticket/${ticket}/correspond`, {
      method: 'POST',
      json: { Content: 'Hi Ada, a vertical mouse is on its way.', ContentType: 'text/plain' }
    });
    expect(reply.status).toBe(201);

    await expect
      .poll(
        async () => {
          await gotoHydrated(ada, `${origin('acme')}/my/requests/${requestId}`);
          return ada.getByRole('region', { name: 'Messages' }).innerText();
        },
        { timeout: 60_000, interval: 1_000 }
      )
      .toContain('Hi Ada, a vertical mouse is on its way.');
    await expect(ada.getByRole('region', { name: 'Messages' }).innerText()).resolves.toContain(
      'Alex Agent (IT help desk)'
    );
    // The requester's page names no ticket and no help desk link.
    await expect(ada.getByTestId('helpdesk-ticket').count()).resolves.toBe(0);
    await screenshot(ada, 'my-request-helpdesk-reply');

    // The admin's page does.
    await gotoHydrated(admin, `${origin('acme')}/admin/requests/${requestId}`);
    await expect(admin.getByTestId('helpdesk-ticket').innerText()).resolves.toContain(`#${ticket}`);

    // Leave ada as sign-in.test.ts expects her: the notification read, the request cancelled.
    await gotoHydrated(ada, `${origin('acme')}/my/notifications`);
    await ada.getByRole('button', { name: 'Mark as read: Alex Agent replied on “Ergonomic mouse”' }).click();
    await ada
      .getByRole('button', { name: 'Mark as read: Alex Agent replied on “Ergonomic mouse”' })
      .waitFor({ state: 'detached' });
    await gotoHydrated(ada, `${origin('acme')}/my/requests/${requestId}`);
    await ada.getByRole('button', { name: 'Cancel request' }).click();
    await ada.getByRole('button', { name: 'Yes, cancel it' }).click();
    await ada.getByText('Your request was cancelled.').waitFor();
  }, 300_000);
});
