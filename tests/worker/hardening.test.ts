// Issue 3 §6: headers, JSON write guard, sign-in rate limit wording, equal work for unknown emails
// (compared as work done, not milliseconds), and the pinned password-hashing parameters.
import { describe, expect, it, vi } from 'vitest';
import { ACME, DEMO_PASSWORD, fetchWorker, freshAddress, postForm, signInByApi } from './helpers';
import { createUser } from './helpers-security';
import * as password from '../../src/lib/server/auth/password';
import { PASSWORD_HASH_PARAMS, hashPassword, verifyPassword } from '../../src/lib/server/auth/password';
import { SESSION_IDLE_MS, SESSION_MAX_MS } from '../../src/lib/server/auth/session';
import { LIMITS } from '../../src/lib/server/ratelimit/limits';

describe('security headers', () => {
  it('sends a strict CSP, nosniff, a referrer policy and no HSTS in local http development', async () => {
    for (const path of ['/login', '/forgot-password', '/login/two-factor']) {
      const res = await fetchWorker(`${ACME}${path}`);
      const csp = res.headers.get('content-security-policy') ?? '';
      const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1] ?? '';
      expect(scriptSrc).not.toContain('unsafe-inline');
      expect(scriptSrc).not.toContain('unsafe-eval');
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('strict-transport-security')).toBeNull();
    }
    const api = await fetchWorker(`${ACME}/api/v1/health`);
    expect(api.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('sends them on static files the assets binding serves too (_headers)', async () => {
    const appFile = /_app\/immutable\/[^"']+\.js/.exec(await (await fetchWorker(`${ACME}/login`)).text());
    expect(appFile).not.toBeNull();
    const paths = ['/favicon.svg', '/robots.txt', `/${appFile?.[0]}`];
    for (const path of paths) {
      const res = await fetchWorker(`${ACME}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
      expect(res.headers.get('referrer-policy'), path).toBe('strict-origin-when-cross-origin');
      expect(res.headers.get('content-security-policy'), path).toContain("default-src 'none'");
    }
  });

  it('adds HSTS over https', async () => {
    const res = await fetchWorker('https://acme.localhost/login');
    expect(res.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
  });
});

describe('JSON writes', () => {
  const body = JSON.stringify({ email: 'ada@acme.example', password: 'x' });
  it('need the workspace’s own Origin', async () => {
    for (const origin of [undefined, 'http://globex.localhost:8787', 'http://evil.example']) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (origin) headers.origin = origin;
      const res = await fetchWorker(`${ACME}/api/v1/auth/sign-in`, {
        method: 'POST',
        headers,
        body,
        address: freshAddress()
      });
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('forbidden');
    }
  });
  it('need a JSON content type', async () => {
    const res = await fetchWorker(`${ACME}/api/v1/auth/sign-in`, {
      method: 'POST',
      headers: { origin: ACME, 'content-type': 'text/plain' },
      body,
      address: freshAddress()
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('bad_request');
  });
  it('form posts from another origin are refused by SvelteKit', async () => {
    const res = await fetchWorker(`${ACME}/forgot-password`, {
      method: 'POST',
      headers: { origin: 'http://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'email=ada%40acme.example'
    });
    expect(res.status).toBe(403);
  });
});

describe('password sign-in hardening', () => {
  it('says "Too many login attempts" with the wait after five failures for an account', async () => {
    const u = await createUser();
    for (let i = 0; i < 5; i++) {
      const res = await postForm(`${ACME}/login`, { email: u.email, password: 'wrong-password' });
      expect(await res.text()).toContain('Those credentials do not match our records');
    }
    const res = await postForm(`${ACME}/login`, { email: u.email, password: DEMO_PASSWORD });
    expect(res.status).toBe(429);
    expect(await res.text()).toMatch(/Too many login attempts\. Try again in 1[45] minutes\./);
  });

  it('does the same password work for an unknown email, a password-less account and a wrong password', async () => {
    const u = await createUser();
    const ssoOnly = await createUser(undefined, { password: null });
    // why: a pass-through spy (no fake behaviour) counts the scrypt verifications sign-in runs; the
    // JSON sign-in calls the same signInWithPassword as the page, in this isolate's module graph.
    const verify = vi.spyOn(password, 'verifyPassword');
    try {
      const costOf = async (email: string) => {
        verify.mockClear();
        const { res } = await signInByApi(ACME, email, 'wrong-password');
        expect(res.status).toBe(401);
        expect(verify).toHaveBeenCalledTimes(1);
        // The stored hash's own parameters set the work: everything before the salt.
        return verify.mock.calls[0]![1].split('$').slice(0, 4).join('$');
      };
      const wrong = await costOf(u.email);
      expect(wrong).toBe(
        `scrypt$${PASSWORD_HASH_PARAMS.N}$${PASSWORD_HASH_PARAMS.r}$${PASSWORD_HASH_PARAMS.p}`
      );
      expect(await costOf(`nobody-${Date.now()}@example.test`)).toBe(wrong);
      expect(await costOf(ssoOnly.email)).toBe(wrong);
    } finally {
      verify.mockRestore();
    }
    // The stand-in hash derives a key of the same length as a real one, and nothing matches it.
    const real = await hashPassword('a-password-of-fair-length');
    expect(password.NEVER_MATCHING_HASH.split('$')[5]!.length).toBe(real.split('$')[5]!.length);
    expect(await verifyPassword('', password.NEVER_MATCHING_HASH)).toBe(false);
  });
});

describe('pinned parameters (docs/security.md)', () => {
  it('hashes passwords with scrypt N=2^14, r=8, p=5 (OWASP), 16-byte salt, 32-byte key', async () => {
    expect(PASSWORD_HASH_PARAMS).toEqual({ N: 16384, r: 8, p: 5, keyLength: 32, saltLength: 16 });
    const t = performance.now();
    const hash = await hashPassword('a-password-of-fair-length');
    const ms = performance.now() - t;
    console.log(JSON.stringify({ event: 'bench.scrypt', ms: Math.round(ms) }));
    expect(hash).toMatch(/^scrypt\$16384\$8\$5\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
    expect(await verifyPassword('a-password-of-fair-length', hash)).toBe(true);
    expect(await verifyPassword('a-password-of-fair-lengtH', hash)).toBe(false);
  });
  it('ends sessions after 8 idle hours and 30 days at most, and keeps the documented limits', () => {
    expect(SESSION_IDLE_MS).toBe(8 * 3600_000);
    expect(SESSION_MAX_MS).toBe(30 * 86_400_000);
    expect(LIMITS).toMatchObject({
      signInAccount: { limit: 5, windowMs: 900_000 },
      signInAddress: { limit: 30, windowMs: 900_000 },
      twoFactorUser: { limit: 5, windowMs: 900_000 },
      passwordConfirmUser: { limit: 5, windowMs: 900_000 },
      resetRequestEmail: { limit: 3, windowMs: 3_600_000 },
      resetRequestAddress: { limit: 10, windowMs: 3_600_000 }
    });
  });
});
