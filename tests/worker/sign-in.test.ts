import { describe, expect, it } from 'vitest';
import { env } from 'cloudflare:workers';
import { ACME, fetchSettled, fetchWorker, freshAddress, get, signInByApi, signInByForm } from './helpers';
import { hashToken } from '../../src/lib/server/auth/tokens';
import { SESSION_IDLE_MS } from '../../src/lib/server/auth/session';
import { LIMITS } from '../../src/lib/server/ratelimit/limits';

async function tokenOf(cookie: string | null): Promise<string> {
  expect(cookie).toBeTruthy();
  return cookie!.split('=')[1];
}

describe('password sign-in', () => {
  it('creates a session for ada and lands her on /my', async () => {
    const { res, cookie } = await signInByForm(ACME, 'ada@acme.example');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/my');
    const setCookie = res.headers.getSetCookie().join('\n');
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).not.toMatch(/Max-Age/i); // "Keep me signed in" is off by default
    const page = await get(`${ACME}/my`, cookie);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Welcome back, Ada');
  });

  it('lands administrators on /admin with real workspace figures', async () => {
    const { res, cookie } = await signInByForm(ACME, 'admin@acme.example');
    expect(res.headers.get('location')).toBe('/admin');
    const html = await (await get(`${ACME}/admin`, cookie)).text();
    expect(html).toContain('Admin dashboard');
    expect(html).toMatch(/>\s*44\s*<[\s\S]*Hardware assets/);
  });

  it('refuses employees the admin console', async () => {
    const { cookie } = await signInByForm(ACME, 'grace@acme.example');
    const res = await get(`${ACME}/admin`, cookie);
    expect(res.status).toBe(403);
  });

  it('makes the cookie persistent only with "Keep me signed in"', async () => {
    const { res } = await signInByForm(ACME, 'grace@acme.example', undefined, { remember: true });
    expect(res.headers.getSetCookie().join('\n')).toMatch(/Max-Age=\d+/);
  });

  it('stores only the SHA-256 of the token, in KV under the tenant prefix and in the ledger', async () => {
    const { cookie } = await signInByForm(ACME, 'grace@acme.example');
    const token = await tokenOf(cookie);
    expect(await env.SESSIONS.get(`acme:session:${token}`)).toBeNull();
    expect(await env.SESSIONS.get(`acme:session:${hashToken(token)}`)).not.toBeNull();
    const row = await env.DB_ACME.prepare('SELECT id FROM sessions WHERE id = ?')
      .bind(hashToken(token))
      .first();
    expect(row).not.toBeNull();
  });

  it('says "Those credentials do not match our records" for a wrong password and an unknown email alike', async () => {
    for (const email of ['ada@acme.example', 'nobody@acme.example']) {
      const { res, cookie } = await signInByForm(ACME, email, 'wrong-password-123');
      expect(res.status).toBe(400);
      expect(cookie).toBeNull();
      expect(await res.text()).toContain('Those credentials do not match our records');
    }
  });

  it('says "This account is not active" for a suspended account, and only with the right password', async () => {
    const right = await signInByForm(ACME, 'linus@acme.example');
    expect(right.res.status).toBe(403);
    expect(await right.res.text()).toContain('This account is not active');
    expect(right.cookie).toBeNull();
    const wrong = await signInByForm(ACME, 'linus@acme.example', 'wrong-password-123');
    expect(await wrong.res.text()).toContain('Those credentials do not match our records');
  });

  it('shows which field is missing and keeps the email typed', async () => {
    const res = await fetchWorker(`${ACME}/login`, {
      method: 'POST',
      address: freshAddress(),
      headers: { origin: ACME, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      body: new URLSearchParams({ email: 'ada@acme.example', password: '' })
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Enter your password.');
    expect(html).toContain('value="ada@acme.example"');
  });

  it('refuses a cross-site form post', async () => {
    const res = await fetchWorker(`${ACME}/login`, {
      method: 'POST',
      headers: { origin: 'http://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: 'ada@acme.example', password: 'demo-password-2026' })
    });
    expect(res.status).toBe(403);
  });
});

describe('sign-in rate limits (exact, in a Durable Object)', () => {
  it('blocks an account after 5 failures with "Too many login attempts" and the wait', async () => {
    const email = 'katherine@acme.example';
    for (let i = 0; i < LIMITS.signInAccount.limit; i++) {
      const { res } = await signInByForm(ACME, email, `wrong-password-${i}xx`);
      expect(res.status).toBe(400);
    }
    // Even the right password is refused now, from any address.
    const blocked = await signInByForm(ACME, email);
    expect(blocked.res.status).toBe(429);
    expect(await blocked.res.text()).toMatch(/Too many login attempts\. Try again in 15 minutes\./);
    expect(blocked.cookie).toBeNull();
    const api = await signInByApi(ACME, email);
    expect(api.res.status).toBe(429);
    expect(Number(api.res.headers.get('retry-after'))).toBeGreaterThan(800);
  });

  it('releases the account when the window has passed', async () => {
    const email = 'margaret@acme.example';
    for (let i = 0; i < LIMITS.signInAccount.limit; i++)
      await signInByForm(ACME, email, `wrong-password-${i}xx`);
    expect((await signInByForm(ACME, email)).res.status).toBe(429);
    // Move the recorded attempts back in time past the window, as the clock would.
    const id = env.RATE_LIMITER.idFromName(`acme:signInAccount:${email}`);
    const { runInDurableObject } = await import('cloudflare:test');
    await runInDurableObject(env.RATE_LIMITER.get(id), async (_instance, state) => {
      const stored = (await state.storage.get<{ hits: number[]; windowMs: number }>('state'))!;
      await state.storage.put('state', {
        ...stored,
        hits: stored.hits.map((t) => t - LIMITS.signInAccount.windowMs - 1000)
      });
    });
    const ok = await signInByForm(ACME, email);
    expect(ok.res.status).toBe(303);
    expect(ok.cookie).toBeTruthy();
  });

  it('resets the account counter after a successful sign-in', async () => {
    const email = 'tim@acme.example';
    for (let i = 0; i < LIMITS.signInAccount.limit - 1; i++)
      await signInByForm(ACME, email, `wrong-password-${i}xx`);
    expect((await signInByForm(ACME, email)).res.status).toBe(303);
    for (let i = 0; i < LIMITS.signInAccount.limit - 1; i++)
      await signInByForm(ACME, email, `wrong-password-${i}xx`);
    expect((await signInByForm(ACME, email)).res.status).toBe(303);
  });

  it('limits one client address across accounts', async () => {
    const address = freshAddress();
    const body = JSON.stringify({ email: 'nobody@acme.example', password: 'wrong-password-1' });
    let last: Response | null = null;
    for (let i = 0; i <= LIMITS.signInAddress.limit; i++) {
      last = await fetchWorker(`${ACME}/api/v1/auth/sign-in`, {
        method: 'POST',
        address,
        headers: { origin: ACME, 'content-type': 'application/json' },
        body: body.replace('nobody', `nobody${i}`)
      });
    }
    expect(last!.status).toBe(429);
    expect(((await last!.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
  }, 120_000); // 31 real scrypt verifications: slow on a loaded 2-core machine
});

describe('sessions', () => {
  it('treats malformed and unknown cookies as signed out, never as an error', async () => {
    for (const value of ['', 'garbage', 'a'.repeat(32), '<script>', '%%%', 'ontrackio_session']) {
      const res = await fetchWorker(`${ACME}/my`, { headers: { cookie: `ontrackio_session=${value}` } });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toMatch(/^\/login/);
    }
    const api = await fetchWorker(`${ACME}/api/v1/me`, { headers: { cookie: 'ontrackio_session=zzzz' } });
    expect(api.status).toBe(401);
  });

  it('ends a session after 8 hours without activity', async () => {
    const { cookie } = await signInByForm(ACME, 'hedy@acme.example');
    const id = hashToken(await tokenOf(cookie));
    // Age the session as 8 hours of idleness would, in both KV and the ledger.
    const key = `acme:session:${id}`;
    const kv = JSON.parse((await env.SESSIONS.get(key))!);
    const past = Date.now() - SESSION_IDLE_MS - 60_000;
    await env.SESSIONS.put(key, JSON.stringify({ ...kv, lastSeenAt: past }));
    await env.DB_ACME.prepare('UPDATE sessions SET last_seen_at = ? WHERE id = ?').bind(past, id).run();
    const res = await get(`${ACME}/my`, cookie);
    expect(res.status).toBe(303);
    expect((await get(`${ACME}/api/v1/me`, cookie)).status).toBe(401);
  });

  it('keeps a session alive while it is used', async () => {
    const { cookie } = await signInByForm(ACME, 'barbara@acme.example');
    const id = hashToken(await tokenOf(cookie));
    const key = `acme:session:${id}`;
    const kv = JSON.parse((await env.SESSIONS.get(key))!);
    const oneHourAgo = Date.now() - 60 * 60 * 1000;
    await env.SESSIONS.put(key, JSON.stringify({ ...kv, lastSeenAt: oneHourAgo }));
    await env.DB_ACME.prepare('UPDATE sessions SET last_seen_at = ? WHERE id = ?').bind(oneHourAgo, id).run();
    // Settled: the activity write-back runs after the response; it has finished when this returns.
    const res = await fetchSettled(`${ACME}/api/v1/me`, { headers: { cookie: cookie! } });
    expect(res.status).toBe(200);
    const seen = (await env.DB_ACME.prepare('SELECT last_seen_at AS t FROM sessions WHERE id = ?')
      .bind(id)
      .first<{ t: number }>())!.t;
    expect(seen).toBeGreaterThan(oneHourAgo);
  });

  it('refuses a signed-out session on the next request even while KV still holds it', async () => {
    const { cookie } = await signInByForm(ACME, 'dennis@acme.example');
    const id = hashToken(await tokenOf(cookie));
    const kvCopy = await env.SESSIONS.get(`acme:session:${id}`);
    const out = await fetchWorker(`${ACME}/logout`, {
      method: 'POST',
      headers: {
        cookie: cookie!,
        origin: ACME,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'text/html'
      },
      body: ''
    });
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/login?signed-out');
    // Simulate an edge location whose KV has not caught up yet: put the session back.
    await env.SESSIONS.put(`acme:session:${id}`, kvCopy!);
    expect((await get(`${ACME}/my`, cookie)).status).toBe(303);
    expect((await get(`${ACME}/api/v1/me`, cookie)).status).toBe(401);
  });

  it('refuses every session of a user who is suspended, on the very next request', async () => {
    const { cookie } = await signInByForm(ACME, 'radia@acme.example');
    expect((await get(`${ACME}/api/v1/me`, cookie)).status).toBe(200);
    await env.DB_ACME.prepare("UPDATE users SET status = 'suspended' WHERE email = ?")
      .bind('radia@acme.example')
      .run();
    expect((await get(`${ACME}/api/v1/me`, cookie)).status).toBe(401);
    await env.DB_ACME.prepare("UPDATE users SET status = 'active' WHERE email = ?")
      .bind('radia@acme.example')
      .run();
  });

  it('signs out through the API too', async () => {
    const { cookie } = await signInByApi(ACME, 'alan@acme.example');
    const out = await fetchWorker(`${ACME}/api/v1/auth/sign-out`, {
      method: 'POST',
      headers: { cookie: cookie!, origin: ACME }
    });
    expect(out.status).toBe(200);
    expect((await get(`${ACME}/api/v1/me`, cookie)).status).toBe(401);
  });
});
