// The help desk's webhook (POST /api/v1/helpdesk/webhook): signed with HMAC-SHA256 over
// "<timestamp>.<raw body>", a 5-minute window, each event id once, a size limit, and a rate limit on
// refusals. A refused webhook writes nothing. (RT's real Scrip signs the same way: tests/helpdesk.)
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { openTenantDb } from '../../src/lib/server/db';
import { helpdeskConnection } from '../../src/lib/server/db/tenant-schema';
import { sealSecret } from '../../src/lib/server/auth/secret-box';
import { DEFAULT_STATUS_MAP } from '../../src/lib/server/helpdesk/status-map';
import { GLOBEX, fetchWorker, freshAddress } from './helpers';
import { globexDb, scalar } from './helpers-data';

const SECRET = 'whsec_test-only-signing-secret';
const URL_ = `${GLOBEX}/api/v1/helpdesk/webhook`;

async function sign(secret: string, timestamp: string, body: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign']
  );
  const mac = new Uint8Array(
    await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(`${timestamp}.${body}`))
  );
  return `v1=${[...mac].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

async function post(
  body: string,
  opts: { secret?: string; at?: number; address?: string; headers?: Record<string, string> } = {}
) {
  const ts = String(Math.floor((opts.at ?? Date.now()) / 1000));
  return fetchWorker(URL_, {
    method: 'POST',
    address: opts.address ?? freshAddress(),
    headers: {
      'content-type': 'application/json',
      'x-ontrackio-timestamp': ts,
      'x-ontrackio-signature': await sign(opts.secret ?? SECRET, ts, body),
      ...opts.headers
    },
    body
  });
}

const event = (id = crypto.randomUUID()) =>
  JSON.stringify({ event_id: `rt-1-${id}`, ticket_id: 1, transaction_id: 1, type: 'Correspond' });
const events = () => scalar(globexDb(), 'SELECT count(*) FROM helpdesk_webhook_events');

describe('the help-desk webhook', () => {
  it('404s while no help desk is connected', async () => {
    const res = await post(event());
    expect(res.status).toBe(404);
  });

  describe('with a connected help desk', () => {
    beforeAll(async () => {
      const now = Date.now();
      // Storage setup: a connection as Admin › Settings › Help desk saves it (that page needs a real help
      // desk to connect to; tests/helpdesk does it against Request Tracker). Its address answers nothing.
      await openTenantDb(env.DB_GLOBEX!)
        .insert(helpdeskConnection)
        .values({
          id: 1,
          provider: 'rt5',
          baseUrl: 'http://127.0.0.1:9',
          apiTokenSealed: await sealSecret(env, 'helpdesk:api-token', new TextEncoder().encode('1-2-token')),
          queue: 'IT Requests',
          referenceField: 'OnTrackio reference',
          statusMap: JSON.stringify(DEFAULT_STATUS_MAP),
          webhookSecretSealed: await sealSecret(
            env,
            'helpdesk:webhook-secret',
            new TextEncoder().encode(SECRET)
          ),
          publicOrigin: GLOBEX,
          enabled: true,
          cursor: '0',
          createdAt: now,
          updatedAt: now
        });
    });

    it('accepts a signed event once and refuses its replay with 409', async () => {
      const body = event();
      const first = await post(body);
      expect(first.status).toBe(202);
      expect(await first.json()).toMatchObject({ accepted: true });
      const before = await events();
      const replay = await post(body);
      expect(replay.status).toBe(409);
      expect(await events()).toBe(before);
    });

    it('refuses a forged signature, a wrong secret, a missing signature and a stale timestamp with 401', async () => {
      const before = await events();
      const body = event();
      const forged = await post(body, { headers: { 'x-ontrackio-signature': `v1=${'0'.repeat(64)}` } });
      expect(forged.status).toBe(401);
      expect((await post(body, { secret: 'whsec_guess' })).status).toBe(401);
      expect((await post(body, { headers: { 'x-ontrackio-signature': '' } })).status).toBe(401);
      const stale = await post(body, { at: Date.now() - 6 * 60_000 });
      expect(stale.status).toBe(401);
      expect(await stale.text()).toContain('outside the 5-minute window');
      // A body changed after signing no longer matches.
      const ts = String(Math.floor(Date.now() / 1000));
      const tampered = await fetchWorker(URL_, {
        method: 'POST',
        address: freshAddress(),
        headers: {
          'content-type': 'application/json',
          'x-ontrackio-timestamp': ts,
          'x-ontrackio-signature': await sign(SECRET, ts, body)
        },
        body: body.replace('Correspond', 'Comment')
      });
      expect(tampered.status).toBe(401);
      expect(await events()).toBe(before);
    });

    it('refuses an oversized body with 413 and a signed non-event with 400', async () => {
      const big = JSON.stringify({ event_id: 'rt-big-1', pad: 'x'.repeat(70 * 1024) });
      expect((await post(big)).status).toBe(413);
      expect((await post('not json')).status).toBe(400);
      expect((await post(JSON.stringify({ ticket_id: 1 }))).status).toBe(400);
    });

    it('stops listening to an address after 30 refusals (the signing secret is what it guesses)', async () => {
      const address = freshAddress();
      for (let i = 0; i < 30; i++)
        expect((await post(event(), { secret: 'whsec_guess', address })).status).toBe(401);
      const limited = await post(event(), { address });
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    });
  });
});
