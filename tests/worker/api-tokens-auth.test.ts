// authenticateApiToken: every rule a bearer token passes on every request (issue 14 §1), called the
// way the API's token middleware calls it, against the real tenant databases and RateLimiter object.
import { describe, expect, it } from 'vitest';
import { env } from 'cloudflare:workers';
import { runInDurableObject } from 'cloudflare:test';
import {
  authenticateApiToken,
  TOKEN_LAST_USED_INTERVAL_MS
} from '../../src/lib/server/api-tokens/authenticate';
import { generateApiTokenSecret } from '../../src/lib/server/api-tokens/format';
import { revokeApiToken } from '../../src/lib/server/api-tokens/revoke';
import { setMaxLifetimeDays, DAY_MS } from '../../src/lib/server/api-tokens/lifetime';
import { auditActorOf } from '../../src/lib/server/authz/actor';
import { LIMITS } from '../../src/lib/server/ratelimit/limits';
import { acmeDb, one, userId } from './helpers-data';
import { ageRateLimit, createUser } from './helpers-security';
import { acme, bearer, deferred, makeToken, personActor } from './helpers-tokens';

const ADDRESS = '198.51.100.77';
const check = (
  header: string | null,
  opts: { address?: string; binding?: D1Database; slug?: string; now?: number } = {}
) => {
  const d = deferred();
  return authenticateApiToken(
    env,
    opts.slug ?? 'acme',
    opts.binding ?? env.DB_ACME,
    header,
    opts.address ?? ADDRESS,
    {
      defer: d.defer,
      now: opts.now
    }
  );
};

describe('a valid token', () => {
  it('a personal token resolves to its owner, with the role read now and the token name for the audit log', async () => {
    const user = await createUser(acmeDb());
    const t = await makeToken({ ownerId: user.id, scopes: ['my:read', 'my:write'], name: 'Laptop script' });
    const { name } = (await one<{ name: string }>(acmeDb(), 'SELECT name FROM users WHERE id = ?', user.id))!;
    const result = await check(bearer(t.secret));
    expect(result).toEqual({
      ok: true,
      token: {
        tokenId: t.id,
        tokenName: 'Laptop script',
        kind: 'personal',
        scopes: ['my:read', 'my:write'],
        actor: {
          kind: 'user',
          userId: user.id,
          name,
          role: 'employee',
          via: 'token',
          tokenName: 'Laptop script'
        }
      }
    });
    if (result.ok)
      expect(auditActorOf(result.token.actor)).toEqual({
        actorId: user.id,
        actorLabel: 'API token “Laptop script”'
      });
  });

  it('a service token acts for the workspace, not for the admin who created it', async () => {
    const adminId = await userId(acmeDb(), 'admin@acme.example');
    const t = await makeToken({
      ownerId: adminId,
      role: 'admin',
      kind: 'service',
      scopes: ['hardware:read', 'scim'],
      name: 'MDM sync'
    });
    const result = await check(bearer(t.secret));
    expect(result).toEqual({
      ok: true,
      token: {
        tokenId: t.id,
        tokenName: 'MDM sync',
        kind: 'service',
        scopes: ['hardware:read', 'scim'],
        actor: { kind: 'service', tokenId: t.id, tokenName: 'MDM sync' }
      }
    });
    if (result.ok)
      expect(auditActorOf(result.token.actor)).toEqual({
        actorId: null,
        actorLabel: 'Service token “MDM sync”'
      });
  });
});

describe('refusals are one `invalid`, with no hint of which', () => {
  it('no header, another scheme, a malformed token, a bad checksum, an unknown token', async () => {
    const user = await createUser(acmeDb());
    const t = await makeToken({ ownerId: user.id });
    const flipped = t.secret.slice(0, 10) + (t.secret[10] === 'A' ? 'B' : 'A') + t.secret.slice(11);
    for (const header of [
      null,
      '',
      `Basic ${btoa('x:y')}`,
      'Bearer',
      'Bearer otk_short',
      bearer(flipped),
      bearer(generateApiTokenSecret()),
      t.secret
    ])
      expect(await check(header), String(header)).toEqual({ ok: false, code: 'invalid' });
  });

  it('a token of another workspace never works on this host', async () => {
    const user = await createUser(acmeDb());
    const t = await makeToken({ ownerId: user.id });
    expect(await check(bearer(t.secret), { binding: env.DB_GLOBEX, slug: 'globex' })).toEqual({
      ok: false,
      code: 'invalid'
    });
    expect((await check(bearer(t.secret))).ok).toBe(true);
  });

  it('an expired token (its own expiry)', async () => {
    const user = await createUser(acmeDb());
    const t = await makeToken({ ownerId: user.id, expiry: '7' });
    const row = (await one<{ expires_at: number }>(
      acmeDb(),
      'SELECT expires_at FROM api_tokens WHERE id = ?',
      t.id
    ))!;
    expect((await check(bearer(t.secret), { now: row.expires_at - 1 })).ok).toBe(true);
    expect(await check(bearer(t.secret), { now: row.expires_at })).toEqual({ ok: false, code: 'invalid' });
  });

  it('a token older than the workspace maximum stops working when the maximum is lowered', async () => {
    const adminId = await userId(acmeDb(), 'admin@acme.example');
    const user = await createUser(acmeDb());
    const t = await makeToken({ ownerId: user.id, expiry: '90' });
    const created = (await one<{ created_at: number }>(
      acmeDb(),
      'SELECT created_at FROM api_tokens WHERE id = ?',
      t.id
    ))!.created_at;
    const at = created + 20 * DAY_MS;
    expect((await check(bearer(t.secret), { now: at })).ok).toBe(true);
    await setMaxLifetimeDays(acme(), personActor(adminId, 'admin'), 10);
    try {
      expect(await check(bearer(t.secret), { now: at })).toEqual({ ok: false, code: 'invalid' });
      expect((await check(bearer(t.secret), { now: created + 9 * DAY_MS })).ok).toBe(true);
    } finally {
      await setMaxLifetimeDays(acme(), personActor(adminId, 'admin'), 365);
    }
  });

  it('revocation takes effect on the next request', async () => {
    const user = await createUser(acmeDb());
    const t = await makeToken({ ownerId: user.id });
    expect((await check(bearer(t.secret))).ok).toBe(true);
    expect((await revokeApiToken(acme(), personActor(user.id), 'personal', t.id)).ok).toBe(true);
    expect(await check(bearer(t.secret))).toEqual({ ok: false, code: 'invalid' });
  });

  it('a suspended owner’s token, even one not revoked', async () => {
    const user = await createUser(acmeDb());
    const t = await makeToken({ ownerId: user.id });
    await acmeDb().prepare("UPDATE users SET status = 'suspended' WHERE id = ?").bind(user.id).run();
    expect(await check(bearer(t.secret))).toEqual({ ok: false, code: 'invalid' });
    await acmeDb().prepare("UPDATE users SET status = 'active' WHERE id = ?").bind(user.id).run();
    expect((await check(bearer(t.secret))).ok).toBe(true);
  });
});

describe('the owner’s permission is re-read on every request', () => {
  it('a demoted admin’s token loses its admin scopes at once and acts with the employee role', async () => {
    const admin = await createUser(acmeDb(), { role: 'admin' });
    const t = await makeToken({
      ownerId: admin.id,
      role: 'admin',
      scopes: ['my:read', 'hardware:read', 'people:write']
    });
    const before = await check(bearer(t.secret));
    expect(before.ok && before.token.scopes).toEqual(['my:read', 'hardware:read', 'people:write']);
    expect(before.ok && before.token.actor).toMatchObject({ kind: 'user', role: 'admin' });
    await acmeDb().prepare("UPDATE users SET role = 'employee' WHERE id = ?").bind(admin.id).run();
    const after = await check(bearer(t.secret));
    expect(after.ok && after.token.scopes).toEqual(['my:read']);
    expect(after.ok && after.token.actor).toMatchObject({ kind: 'user', role: 'employee' });
  });
});

describe('allowed client addresses', () => {
  it('refuses other addresses with its own reason; IPv4 and IPv6 ranges', async () => {
    const user = await createUser(acmeDb());
    const t = await makeToken({ ownerId: user.id, allowedAddresses: ['203.0.113.0/24', '2001:db8:7::/48'] });
    expect((await check(bearer(t.secret), { address: '203.0.113.9' })).ok).toBe(true);
    expect((await check(bearer(t.secret), { address: '2001:db8:7:1::9' })).ok).toBe(true);
    expect(await check(bearer(t.secret), { address: '198.51.100.1' })).toEqual({
      ok: false,
      code: 'address_not_allowed'
    });
    expect(await check(bearer(t.secret), { address: '2001:db8:8::1' })).toEqual({
      ok: false,
      code: 'address_not_allowed'
    });
    expect(await check(bearer(t.secret), { address: 'unknown' })).toEqual({
      ok: false,
      code: 'address_not_allowed'
    });
  });
});

describe('per-token rate limit (exact, in the RateLimiter Durable Object)', () => {
  it('refuses once the token has used its allowance, with the wait; other tokens are not affected', async () => {
    const user = await createUser(acmeDb());
    const t = await makeToken({ ownerId: user.id });
    const other = await makeToken({ ownerId: user.id });
    expect((await check(bearer(t.secret))).ok).toBe(true);
    // Fill the window as if the token had made its full allowance of requests just now.
    const key = `acme:apiToken:${t.id}`;
    const { limit, windowMs } = LIMITS.apiToken;
    const stub = env.RATE_LIMITER.get(env.RATE_LIMITER.idFromName(key));
    await runInDurableObject(stub, async (_i, state) => {
      const now = Date.now();
      await state.storage.put('state', {
        hits: Array.from({ length: limit }, (_, i) => now - limit + i),
        windowMs
      });
    });
    const refused = await check(bearer(t.secret));
    expect(refused.ok).toBe(false);
    if (!refused.ok && refused.code === 'rate_limited') {
      expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect(refused.retryAfterSeconds).toBeLessThanOrEqual(windowMs / 1000);
    } else throw new Error(`expected rate_limited, got ${JSON.stringify(refused)}`);
    expect((await check(bearer(other.secret))).ok).toBe(true);
    await ageRateLimit(key, windowMs);
    expect((await check(bearer(t.secret))).ok).toBe(true);
  });

  it('a refused address does not use up the token’s allowance', async () => {
    const user = await createUser(acmeDb());
    const t = await makeToken({ ownerId: user.id, allowedAddresses: ['203.0.113.1'] });
    for (let i = 0; i < 3; i++) await check(bearer(t.secret), { address: '198.51.100.1' });
    const stub = env.RATE_LIMITER.get(env.RATE_LIMITER.idFromName(`acme:apiToken:${t.id}`));
    const count = await runInDurableObject(
      stub,
      async (_i, state) => (await state.storage.get<{ hits: number[] }>('state'))?.hits.length ?? 0
    );
    expect(count).toBe(0);
  });
});

describe('last used', () => {
  it('is written after the response, at most once per interval, never once per request', async () => {
    const user = await createUser(acmeDb());
    const t = await makeToken({ ownerId: user.id });
    const lastUsed = async () =>
      (await one<{ last_used_at: number | null }>(
        acmeDb(),
        'SELECT last_used_at FROM api_tokens WHERE id = ?',
        t.id
      ))!.last_used_at;
    expect(await lastUsed()).toBeNull();

    const first = deferred();
    const now = Date.now();
    await authenticateApiToken(env, 'acme', env.DB_ACME, bearer(t.secret), ADDRESS, {
      defer: first.defer,
      now
    });
    expect(first.work).toHaveLength(1);
    await first.settle();
    expect(await lastUsed()).toBe(now);

    const again = deferred();
    await authenticateApiToken(env, 'acme', env.DB_ACME, bearer(t.secret), ADDRESS, {
      defer: again.defer,
      now: now + 1000
    });
    expect(again.work).toHaveLength(0);

    const later = deferred();
    const next = now + TOKEN_LAST_USED_INTERVAL_MS;
    await authenticateApiToken(env, 'acme', env.DB_ACME, bearer(t.secret), ADDRESS, {
      defer: later.defer,
      now: next
    });
    expect(later.work).toHaveLength(1);
    await later.settle();
    expect(await lastUsed()).toBe(next);
  });
});
