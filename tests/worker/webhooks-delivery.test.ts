// Webhook delivery (issue 14 §3) against a real loopback receiver that verifies every delivery with the
// standardwebhooks npm package: the signature and headers, retries while the receiver is down with the
// same webhook-id, about three days of retries and then the endpoint disabled with the admins told, a
// 410 disabling at once, redirects not followed, answers logged cut at 2 KB, redeliver, two signatures
// during a secret rotation. The loop runs with a chosen clock (drainAt), so days of backoff take no time.
import { describe, expect, it } from 'vitest';
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { createRequestForUser } from '../../src/lib/server/requests/create-request';
import { webhookAttempts } from '../../src/lib/server/db/tenant-schema';
import { WEBHOOK_RETRY_POLICY } from '../../src/lib/server/webhooks/retry-schedule';
import { RESPONSE_BODY_LIMIT } from '../../src/lib/server/webhooks/deliver';
import { rotateWebhookSecret, deleteWebhookEndpoint } from '../../src/lib/server/webhooks/endpoints';
import { redeliverWebhookMessage } from '../../src/lib/server/webhooks/log-actions';
import { acmeDb, one, scalar, userId } from './helpers-data';
import { adminActor } from './helpers';
import {
  acme,
  configureReceiver,
  drainAt,
  endpointRow,
  messagesFor,
  outboxRowsFor,
  receivedBy,
  receiverEndpoint,
  uniqueName
} from './helpers-webhooks';

/** Raises a request as ada: the event `request.created` goes to every endpoint subscribed to it. */
async function raiseRequest(title = `Webhook test ${crypto.randomUUID().slice(0, 6)}`) {
  const adaId = await userId(acmeDb(), 'ada@acme.example');
  const result = await createRequestForUser(acme(), { id: adaId, name: 'Ada Lovelace' }, {
    type: 'hardware',
    title,
    justification: 'For a webhook test.',
    urgency: 'low'
  } as Parameters<typeof createRequestForUser>[2]);
  if (!result.ok) throw new Error('could not raise a request');
  return { id: result.id, title };
}

describe('a delivery', () => {
  it('is signed per Standard Webhooks and verified by the standardwebhooks package', async () => {
    const name = uniqueName();
    const endpoint = await receiverEndpoint(name, ['request.created']);
    const request = await raiseRequest();
    expect(await outboxRowsFor(endpoint.id)).toHaveLength(1);
    await drainAt(Date.now());

    const [d] = await receivedBy(name);
    expect(d.verifiedWith).toEqual([0]);
    expect(d.contentType).toBe('application/json');
    expect(d.webhookId).toMatch(/^msg_[0-9a-f]{32}$/);
    expect(d.signature).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(Math.abs(Number(d.timestamp) - Date.now() / 1000)).toBeLessThan(300);
    const body = JSON.parse(d.body);
    expect(body).toMatchObject({
      type: 'request.created',
      data: {
        request: { id: request.id, title: request.title, status: 'pending' },
        requester: { name: 'Ada Lovelace' }
      }
    });
    expect(new Date(body.timestamp).toString()).not.toBe('Invalid Date');

    const [m] = await messagesFor(endpoint.id);
    expect(m).toMatchObject({
      status: 'delivered',
      attempts: 1,
      lastResponseStatus: 200,
      eventId: d.webhookId
    });
    expect(m.payload).toBe(d.body);
  });

  it('an endpoint not subscribed to the event, or disabled, gets nothing (no outbox row at all)', async () => {
    const other = await receiverEndpoint(uniqueName(), ['hardware.assigned']);
    await raiseRequest();
    expect(await outboxRowsFor(other.id)).toHaveLength(0);
  });
});

describe('retries', () => {
  it('retries while the receiver is down, with the same webhook-id, then delivers', async () => {
    const name = uniqueName();
    const endpoint = await receiverEndpoint(name, ['request.created'], 'down');
    await raiseRequest();
    const t0 = Date.now();
    await drainAt(t0);
    let [row] = await outboxRowsFor(endpoint.id);
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    // The first wait is about 5 seconds (±10 %); nothing is due before it.
    expect(row.nextAttemptAt - t0).toBeGreaterThanOrEqual(4_500);
    expect(row.nextAttemptAt - t0).toBeLessThanOrEqual(5_500);
    await drainAt(row.nextAttemptAt - 1);
    expect((await receivedBy(name)).length).toBe(1);

    await drainAt(row.nextAttemptAt);
    [row] = await outboxRowsFor(endpoint.id);
    expect(row).toMatchObject({ status: 'pending', attempts: 2 });

    await configureReceiver(name, { mode: 'ok' });
    await drainAt(row.nextAttemptAt);
    [row] = await outboxRowsFor(endpoint.id);
    expect(row.status).toBe('delivered');
    const got = await receivedBy(name);
    expect(got).toHaveLength(3);
    expect(new Set(got.map((d) => d.webhookId)).size).toBe(1);
    expect(got.every((d) => d.verifiedWith.length === 1)).toBe(true);
    const [m] = await messagesFor(endpoint.id);
    expect(m).toMatchObject({ status: 'delivered', attempts: 3 });
    const attempts = await acme()
      .select()
      .from(webhookAttempts)
      .where(eq(webhookAttempts.messageId, m.id))
      .all();
    expect(attempts.map((a) => a.responseStatus)).toEqual([null, null, 200]);
    expect(attempts[0].error).toMatch(/unreachable|no answer/);
  });

  it('keeps trying for about three days, then disables the endpoint and tells the admins', async () => {
    const name = uniqueName();
    const endpoint = await receiverEndpoint(name, ['request.created'], 'status:503');
    await raiseRequest();
    const t0 = Date.now();
    let at = t0;
    for (let i = 0; i < WEBHOOK_RETRY_POLICY.maxAttempts; i++) {
      await drainAt(at);
      const [row] = await outboxRowsFor(endpoint.id);
      if (row.status !== 'pending') break;
      at = row.nextAttemptAt;
    }
    const [row] = await outboxRowsFor(endpoint.id);
    expect(row).toMatchObject({ status: 'failed', attempts: WEBHOOK_RETRY_POLICY.maxAttempts });
    // The last attempt came between 2.5 and 3.5 days after the first.
    expect((at - t0) / 86_400_000).toBeGreaterThan(2.5);
    expect((at - t0) / 86_400_000).toBeLessThan(3.5);
    const got = await receivedBy(name);
    expect(got).toHaveLength(WEBHOOK_RETRY_POLICY.maxAttempts);
    expect(new Set(got.map((d) => d.webhookId)).size).toBe(1);
    expect(got.every((d) => d.verifiedWith.length === 1)).toBe(true);

    expect(await endpointRow(endpoint.id)).toMatchObject({ status: 'disabled', disabledReason: 'failing' });
    const admins = await scalar(
      acmeDb(),
      "SELECT count(*) AS n FROM users WHERE role = 'admin' AND status = 'active'"
    );
    expect(
      await scalar(
        acmeDb(),
        "SELECT count(*) AS n FROM notifications WHERE kind = 'webhook_disabled' AND link = ?",
        `/admin/settings/webhooks/${endpoint.id}`
      )
    ).toBe(admins);
    expect(
      await one(
        acmeDb(),
        "SELECT actor_id, actor_label FROM audit_log WHERE action = 'webhook.disabled_automatically' AND entity_id = ?",
        endpoint.id
      )
    ).toEqual({ actor_id: null, actor_label: 'Webhooks' });
    // Disabled: a new event writes nothing for it.
    await raiseRequest();
    expect(await outboxRowsFor(endpoint.id)).toHaveLength(1);
  });

  it('a 410 Gone disables the endpoint at once; the answer is logged, cut at 2 KB', async () => {
    const name = uniqueName();
    const endpoint = await receiverEndpoint(name, ['request.created'], 'status:410');
    await raiseRequest();
    await drainAt(Date.now());
    expect((await outboxRowsFor(endpoint.id))[0].status).toBe('failed');
    expect(await endpointRow(endpoint.id)).toMatchObject({ status: 'disabled', disabledReason: 'gone' });
    const [m] = await messagesFor(endpoint.id);
    const [a] = await acme().select().from(webhookAttempts).where(eq(webhookAttempts.messageId, m.id)).all();
    expect(a.responseStatus).toBe(410);
    expect(a.responseBody!.length).toBe(RESPONSE_BODY_LIMIT);
    expect(a.responseBody!.startsWith('receiver says 410')).toBe(true);
  });

  it('a 4xx other than 410/408/429 fails this message only; a redirect is not followed', async () => {
    const bad = uniqueName();
    const badEndpoint = await receiverEndpoint(bad, ['request.created'], 'status:400');
    const moved = uniqueName();
    const movedEndpoint = await receiverEndpoint(moved, ['request.created'], 'redirect');
    await raiseRequest();
    await drainAt(Date.now());
    expect((await outboxRowsFor(badEndpoint.id))[0].status).toBe('failed');
    expect(await endpointRow(badEndpoint.id)).toMatchObject({ status: 'enabled' });
    const [row] = await outboxRowsFor(movedEndpoint.id);
    expect(row.status).toBe('failed');
    expect(row.lastError).toMatch(
      /^Redirects are not followed \(HTTP 302 to http:\/\/127\.0\.0\.1:1\/elsewhere\)/
    );
    expect(await receivedBy(moved)).toHaveLength(1);
  });
});

describe('redeliver and rotation', () => {
  it('Redeliver sends the logged body again with the same webhook-id', async () => {
    const name = uniqueName();
    const endpoint = await receiverEndpoint(name, ['request.created'], 'status:400');
    await raiseRequest();
    await drainAt(Date.now());
    const [m] = await messagesFor(endpoint.id);
    expect(m.status).toBe('failed');
    await configureReceiver(name, { mode: 'ok' });
    expect(await redeliverWebhookMessage(acme(), await adminActor(), endpoint.id, m.id)).toEqual({
      ok: true
    });
    await drainAt(Date.now());
    const got = await receivedBy(name);
    expect(got).toHaveLength(2);
    expect(got[1].webhookId).toBe(got[0].webhookId);
    expect(got[1].body).toBe(got[0].body);
    expect(got[1].verifiedWith).toEqual([0]);
    expect((await messagesFor(endpoint.id))[0]).toMatchObject({ status: 'delivered', attempts: 2 });
    // Another endpoint's message id is not found through this endpoint.
    const other = await receiverEndpoint(uniqueName(), ['hardware.assigned']);
    expect((await redeliverWebhookMessage(acme(), await adminActor(), other.id, m.id)).ok).toBe(false);
  });

  it('during a rotation each delivery carries two signatures: the new secret and the old one both verify', async () => {
    const name = uniqueName();
    const endpoint = await receiverEndpoint(name, ['request.created']);
    const rotated = await rotateWebhookSecret(env, acme(), await adminActor(), endpoint.id);
    if (!rotated.ok) throw new Error('rotation failed');
    expect(rotated.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(rotated.secret).not.toBe(endpoint.secret);
    await configureReceiver(name, { secrets: [rotated.secret, endpoint.secret] });
    await raiseRequest();
    await drainAt(Date.now());
    const [d] = await receivedBy(name);
    expect(d.signature!.split(' ')).toHaveLength(2);
    expect(d.verifiedWith).toEqual([0, 1]);
    // After the 24-hour grace period only the new secret signs.
    await raiseRequest();
    await drainAt(Date.now() + 25 * 3600_000);
    const after = (await receivedBy(name))[1];
    expect(after.signature!.split(' ')).toHaveLength(1);
    expect(after.verifiedWith).toEqual([0]);
  });

  it('a deleted endpoint’s waiting deliveries are skipped', async () => {
    const name = uniqueName();
    const endpoint = await receiverEndpoint(name, ['request.created']);
    await raiseRequest();
    expect((await deleteWebhookEndpoint(acme(), await adminActor(), endpoint.id)).ok).toBe(true);
    await drainAt(Date.now());
    expect((await outboxRowsFor(endpoint.id))[0].status).toBe('skipped');
    expect(await receivedBy(name)).toHaveLength(0);
  });
});
