// Admin › Settings › Webhooks through its pages (form posts as a browser without JavaScript sends
// them) and the real delivery loop (the OutboxDelivery Durable Object), with the loopback receiver that
// verifies each delivery with the standardwebhooks package: add an endpoint (secret shown once, sealed
// at rest), SSRF refusals as field errors, Send test event, assigning a laptop, Redeliver, disable /
// enable, delete with confirmation, and admins only, this workspace only.
import { beforeAll, describe, expect, it } from 'vitest';
import { env } from 'cloudflare:workers';
import { runDurableObjectAlarm } from 'cloudflare:test';
import { ACME, GLOBEX, fetchWorker } from './helpers';
import { cookieFor, pageGet } from './helpers';
import { acmeDb, one, scalar } from './helpers-data';
import { signedInUser } from './helpers-security';
import { outboxLoopOf } from '../../src/lib/server/outbox/kick';
import {
  configureReceiver,
  messagesFor,
  receiverUrl,
  uniqueName,
  waitForDeliveries
} from './helpers-webhooks';

const PAGE = '/admin/settings/webhooks';

function post(path: string, cookie: string, fields: [string, string][], origin = ACME) {
  return fetchWorker(`${origin}${path}`, {
    method: 'POST',
    headers: { origin, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', cookie },
    body: new URLSearchParams(fields)
  });
}

const endpointFields = (url: string, events: string[], description = 'Chat bridge') =>
  [
    ['url', url],
    ['description', description],
    ...events.map((e) => ['eventTypes', e] as [string, string])
  ] as [string, string][];

/** Runs acme's delivery loop now (the page's own wake-up may already be running it: both are safe). */
async function runLoop() {
  const loop = outboxLoopOf(env, 'acme');
  await loop.kick('acme');
  await runDurableObjectAlarm(loop);
}

let admin: string;
beforeAll(async () => {
  admin = await cookieFor(ACME, 'admin@acme.example');
});

/** Adds an endpoint through the page and registers its secret with the receiver. */
async function addEndpoint(name: string, events: string[]) {
  const res = await post(`${PAGE}?/create`, admin, endpointFields(receiverUrl(name), events));
  expect(res.status).toBe(200);
  const html = await res.text();
  const secret =
    /data-testid="signing-secret"[^>]*value="(whsec_[^"]+)"|value="(whsec_[^"]+)"[^>]*data-testid="signing-secret"/.exec(
      html
    );
  const plain = secret?.[1] ?? secret?.[2];
  if (!plain) throw new Error('no signing secret on the page');
  const row = (await one<{ id: string; secret_sealed: string }>(
    acmeDb(),
    'SELECT id, secret_sealed FROM webhook_endpoints WHERE url = ?',
    receiverUrl(name)
  ))!;
  await configureReceiver(name, { secrets: [plain] });
  return { id: row.id, secret: plain, sealed: row.secret_sealed, html };
}

describe('adding an endpoint', () => {
  it('shows the whsec_ secret once, stores it sealed, audits, and lists the endpoint', async () => {
    const name = uniqueName();
    const e = await addEndpoint(name, ['hardware.assigned', 'request.created']);
    expect(e.html).toContain('Copy the signing secret now. You won’t be able to see it again.');
    expect(e.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(e.sealed).toMatch(/^v1:/);
    expect(e.sealed).not.toContain(e.secret.slice(6));
    expect(
      await scalar(
        acmeDb(),
        "SELECT count(*) AS n FROM audit_log WHERE action = 'webhook.created' AND entity_id = ?",
        e.id
      )
    ).toBe(1);
    const list = await (await pageGet(ACME, PAGE, admin)).text();
    expect(list).toContain(receiverUrl(name));
    expect(list).not.toContain(e.secret);
    const detail = await (await pageGet(ACME, `${PAGE}/${e.id}`, admin)).text();
    expect(detail).toContain('value="hardware.assigned" checked');
    expect(detail).not.toContain(e.secret);
  });

  it('refuses forbidden and malformed URLs beside the field, keeping what was typed', async () => {
    const cases: [string, string][] = [
      ['https://10.0.0.1/hook', '10.0.0.1 is a private address. Webhooks go only to public addresses.'],
      [
        'https://169.254.169.254/latest/meta-data',
        '169.254.169.254 is a link-local address (cloud metadata services live there).'
      ],
      ['https://[::1]:8443/hook', '::1 is a loopback address.'],
      ['https://localhost/hook', '“localhost” is a local name, not a public host.'],
      [
        'https://metadata.google.internal/computeMetadata',
        '“metadata.google.internal” is a local name, not a public host.'
      ],
      [
        'http://hooks.example.com/hook',
        'Use an https:// URL (in development, http:// is allowed only for 127.0.0.1).'
      ],
      ['https://bot:hunter2@hooks.example.com/hook', 'Remove the user name and password from the URL'],
      ['hooks.example.com', 'Enter a full URL, for example https://hooks.example.com/ontrackio.'],
      ['', 'Enter the endpoint URL, for example https://hooks.example.com/ontrackio.']
    ];
    const before = await scalar(acmeDb(), 'SELECT count(*) AS n FROM webhook_endpoints');
    for (const [url, message] of cases) {
      const res = await post(
        `${PAGE}?/create`,
        admin,
        endpointFields(url, ['request.created'], 'Kept description')
      );
      expect(res.status, url).toBe(400);
      const html = await res.text();
      expect(html, url).toContain(message);
      expect(html, url).toContain('value="Kept description"');
    }
    const noEvents = await post(`${PAGE}?/create`, admin, endpointFields('https://93.184.215.14/hook', []));
    expect(await noEvents.text()).toContain('Choose at least one event.');
    const unknown = await post(
      `${PAGE}?/create`,
      admin,
      endpointFields('https://93.184.215.14/hook', ['user.deleted'])
    );
    expect(await unknown.text()).toContain('Choose events from the list.');
    expect(await scalar(acmeDb(), 'SELECT count(*) AS n FROM webhook_endpoints')).toBe(before);
  });

  it('is for administrators of this workspace only', async () => {
    const employee = await signedInUser();
    expect((await pageGet(ACME, PAGE, employee.session)).status).toBe(403);
    expect(
      (
        await post(
          `${PAGE}?/create`,
          employee.session,
          endpointFields('https://93.184.215.14/h', ['request.created'])
        )
      ).status
    ).toBe(403);
    const e = await addEndpoint(uniqueName(), ['request.created']);
    const globexAdmin = await cookieFor(GLOBEX, 'admin@globex.example');
    expect((await pageGet(GLOBEX, `${PAGE}/${e.id}`, globexAdmin)).status).toBe(404);
    expect((await post(`${PAGE}/${e.id}?/test`, globexAdmin, [], GLOBEX)).status).toBe(404);
    expect((await post(`${PAGE}/${e.id}?/delete`, employee.session, [['confirm', 'yes']])).status).toBe(403);
    expect(await scalar(acmeDb(), 'SELECT count(*) AS n FROM webhook_endpoints WHERE id = ?', e.id)).toBe(1);
  });
});

describe('deliveries through the pages and the real loop', () => {
  it('Send test event, then Redeliver with the same webhook-id; the log shows both', async () => {
    const name = uniqueName();
    const e = await addEndpoint(name, ['request.created']);
    const sent = await post(`${PAGE}/${e.id}?/test`, admin, []);
    expect(sent.status).toBe(200);
    expect(await sent.text()).toContain('Test event sent.');
    await runLoop();
    const [first] = await waitForDeliveries(name, 1);
    expect(first.verifiedWith).toEqual([0]);
    expect(JSON.parse(first.body)).toMatchObject({ type: 'webhook.test', data: { endpoint: { id: e.id } } });

    const [message] = await messagesFor(e.id);
    const page = await (await pageGet(ACME, `${PAGE}/${e.id}`, admin)).text();
    expect(page).toContain('webhook.test');
    expect(page).toContain(first.webhookId!);
    expect(page).toContain('Delivered');

    const again = await post(`${PAGE}/${e.id}?/redeliver`, admin, [['messageId', message.id]]);
    expect(await again.text()).toContain('Redelivery queued with the same webhook-id.');
    await runLoop();
    const both = await waitForDeliveries(name, 2);
    expect(both[1].webhookId).toBe(first.webhookId);
    expect(both[1].verifiedWith).toEqual([0]);
    expect(
      await scalar(
        acmeDb(),
        "SELECT count(*) AS n FROM audit_log WHERE action = 'webhook.redelivered' AND entity_id = ?",
        e.id
      )
    ).toBe(1);
  });

  it('assigning a laptop on the hardware page sends hardware.assigned, signed', async () => {
    const name = uniqueName();
    await addEndpoint(name, ['hardware.assigned']);
    const model = (await one<{ id: string }>(acmeDb(), 'SELECT id FROM hardware_models LIMIT 1'))!;
    const assetId = crypto.randomUUID();
    const tag = `WH-${assetId.slice(0, 6)}`;
    await acmeDb()
      .prepare(
        "INSERT INTO hardware_assets (id, asset_tag, model_id, status, created_at, updated_at) VALUES (?, ?, ?, 'in_stock', 1, 1)"
      )
      .bind(assetId, tag, model.id)
      .run();
    const person = await signedInUser();
    const res = await post(`/admin/hardware/${assetId}?/assign`, admin, [['userId', person.id]]);
    expect(res.status).toBe(200);
    await runLoop();
    const [d] = await waitForDeliveries(name, 1);
    expect(d.verifiedWith).toEqual([0]);
    expect(JSON.parse(d.body)).toMatchObject({
      type: 'hardware.assigned',
      data: { asset: { id: assetId, assetTag: tag }, person: { id: person.id, email: person.email } }
    });
  });

  it('disable stops deliveries, enable brings them back; delete asks first', async () => {
    const name = uniqueName();
    const e = await addEndpoint(name, ['request.created']);
    expect(await (await post(`${PAGE}/${e.id}?/disable`, admin, [])).text()).toContain('Endpoint disabled.');
    const refused = await post(`${PAGE}/${e.id}?/test`, admin, []);
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('This endpoint is disabled. Enable it first.');
    expect(await (await post(`${PAGE}/${e.id}?/enable`, admin, [])).text()).toContain('Endpoint enabled.');

    const ask = await post(`${PAGE}/${e.id}?/delete`, admin, []);
    expect(await ask.text()).toContain('Yes, delete');
    expect(await scalar(acmeDb(), 'SELECT count(*) AS n FROM webhook_endpoints WHERE id = ?', e.id)).toBe(1);
    const yes = await post(`${PAGE}/${e.id}?/delete`, admin, [['confirm', 'yes']]);
    expect(yes.status).toBe(303);
    expect(yes.headers.get('location')).toBe(PAGE);
    expect(await scalar(acmeDb(), 'SELECT count(*) AS n FROM webhook_endpoints WHERE id = ?', e.id)).toBe(0);
  });

  it('rotating the secret shows the new one once; both sign for 24 hours', async () => {
    const name = uniqueName();
    const e = await addEndpoint(name, ['request.created']);
    const res = await post(`${PAGE}/${e.id}?/rotate`, admin, []);
    const html = await res.text();
    const fresh = /value="(whsec_[^"]+)"/.exec(html)?.[1];
    expect(fresh).toMatch(/^whsec_/);
    expect(fresh).not.toBe(e.secret);
    expect(html).toContain('A rotation is in progress: deliveries carry both signatures.');
    await configureReceiver(name, { secrets: [fresh!, e.secret] });
    await post(`${PAGE}/${e.id}?/test`, admin, []);
    await runLoop();
    const [d] = await waitForDeliveries(name, 1);
    expect(d.verifiedWith).toEqual([0, 1]);
  });
});
