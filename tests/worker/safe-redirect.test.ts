// Issue 17 (probe): one safe-redirect rule for every redirect target that comes from outside: next= on
// Sign in (signed in, and after signing in), the two-step challenge, the SSO start, back= on the theme
// switch. The classic bypass list, as the rule and as every route answers it.
import { describe, expect, it } from 'vitest';
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { ACME, SETUP_ACTOR, fetchWorker, freshAddress, postForm } from './helpers';
import { challengeOf, createUser, enrolTotp, signedInUser, totpCode } from './helpers-security';
import { safeRedirectPath } from '../../src/lib/server/http/safe-redirect';
import { startChallenge } from '../../src/lib/server/auth/challenge';
import { openTenantDb } from '../../src/lib/server/db';
import { samlRequests, ssoConnections } from '../../src/lib/server/db/tenant-schema';
import { addSamlConnection } from '../../src/lib/server/sso/connections';
import { IDP_CERT_BODY, IDP_SSO_URL, startSaml } from './helpers-saml';
import { HOSTILE_QUERY_VALUES, HOSTILE_TARGETS, staysOnWorkspace } from './helpers-sweep';

const ORIGIN = ACME;

describe('the rule', () => {
  it('refuses every classic bypass', () => {
    for (const target of HOSTILE_TARGETS) expect(safeRedirectPath(target, ORIGIN), target).toBeNull();
    for (const raw of HOSTILE_QUERY_VALUES) {
      const decoded = new URLSearchParams(`next=${raw}`).get('next');
      const safe = safeRedirectPath(decoded, ORIGIN);
      expect(staysOnWorkspace(safe), raw).toBe(true);
      if (safe !== null) expect(safe.startsWith('/') && !safe.startsWith('//'), raw).toBe(true);
    }
  });

  it('keeps same-workspace paths with their query and fragment, as plain ASCII', () => {
    expect(safeRedirectPath('/my/agent/pair/abc?t=xyz', ORIGIN)).toBe('/my/agent/pair/abc?t=xyz');
    expect(safeRedirectPath('/admin/people?q=ada#list', ORIGIN)).toBe('/admin/people?q=ada#list');
    expect(safeRedirectPath('/my/requests?title=Café €', ORIGIN)).toBe(
      '/my/requests?title=Caf%C3%A9%20%E2%82%AC'
    );
    // An encoded double slash is a path segment, not a host: it stays here.
    expect(safeRedirectPath('/%2F%2Fevil.example', ORIGIN)).toBe('/%2F%2Fevil.example');
    expect(safeRedirectPath(null, ORIGIN)).toBeNull();
    expect(safeRedirectPath('', ORIGIN)).toBeNull();
  });
});

describe('Sign in: next=', () => {
  it('for a signed-in visitor, never leaves the workspace and never answers 500', async () => {
    const u = await signedInUser();
    for (const raw of [...HOSTILE_QUERY_VALUES, ...HOSTILE_TARGETS.map(encodeURIComponent)]) {
      const res = await fetchWorker(`${ACME}/login?next=${raw}`, { headers: { cookie: u.session } });
      expect(res.status, raw).toBe(303);
      expect(res.headers.get('location'), raw).toBe('/my');
    }
    const ok = await fetchWorker(`${ACME}/login?next=${encodeURIComponent('/my/requests?x=1')}`, {
      headers: { cookie: u.session }
    });
    expect(ok.headers.get('location')).toBe('/my/requests?x=1');
  });

  it('after signing in, goes to the default page for a hostile target', async () => {
    const u = await createUser();
    for (const raw of ['/%09/evil.example', '/%0D/x', '/%0A/x', '%5Cevil.example', '%2F%2Fevil.example']) {
      const res = await postForm(`${ACME}/login?next=${raw}`, { email: u.email, password: u.password });
      expect(res.status, raw).toBe(303);
      expect(res.headers.get('location'), raw).toBe('/my');
    }
    const ok = await postForm(`${ACME}/login?next=%2Fmy%2Fhardware`, {
      email: u.email,
      password: u.password
    });
    expect(ok.headers.get('location')).toBe('/my/hardware');
  });

  it('the two-step challenge carries only a checked target, and checks it again at the end', async () => {
    const u = await signedInUser();
    const { secret } = await enrolTotp(u.session);
    const step = await postForm(`${ACME}/login?next=/%09/evil.example`, {
      email: u.email,
      password: u.password
    });
    expect(step.headers.get('location')).toBe('/login/two-factor');
    const challenge = challengeOf(step);
    expect(challenge).not.toBeNull();
    const stored = await env.SESSIONS.list({ prefix: 'acme:2fa:' });
    const carried = await Promise.all(stored.keys.map((k) => env.SESSIONS.get(k.name)));
    expect(carried.some((v) => v?.includes('evil.example'))).toBe(false);

    // A challenge written before this rule (or by any other path) with a hostile target: the final
    // redirect checks it again.
    const planted = await startChallenge(env, 'acme', {
      userId: u.id,
      persistent: false,
      next: '/\t/evil.example'
    });
    const done = await postForm(`${ACME}/login/two-factor?/totp`, { code: totpCode(secret, 1) }, [
      `ontrackio_2fa=${planted.token}`
    ]);
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/my');
  });

  it('the SSO start stores only a checked target', async () => {
    const db = openTenantDb(env.DB_ACME);
    const name = `Redirect Probe ${crypto.randomUUID().slice(0, 8)}`;
    expect(
      await addSamlConnection(db, SETUP_ACTOR, {
        name,
        idpEntityId: `https://idp.test.example/${name.replace(/ /g, '-')}`,
        ssoUrl: IDP_SSO_URL,
        certificate: IDP_CERT_BODY
      })
    ).toEqual({ ok: true });
    const conn = (await db.query.ssoConnections.findFirst({ where: eq(ssoConnections.name, name) }))!;
    for (const [raw, expected] of [
      ['/%09/evil.example', null],
      ['%5Cevil.example', null],
      ['/%0D/x', null],
      ['%2Fmy%2Fagent', '/my/agent']
    ] as const) {
      const started = await startSaml(conn.id, freshAddress(), `?next=${raw}`);
      expect(started.res.status, raw).toBe(303);
      expect(started.location.startsWith(IDP_SSO_URL), raw).toBe(true);
      const row = await db.query.samlRequests.findFirst({ where: eq(samlRequests.id, started.requestId) });
      expect(row?.next, raw).toBe(expected);
    }
  });
});

describe('the theme switch: back=', () => {
  it('goes to My portal for a hostile target, never 500, and keeps a good one', async () => {
    const u = await signedInUser();
    for (const target of [...HOSTILE_TARGETS, ...HOSTILE_QUERY_VALUES.map(decodeURIComponent)]) {
      const res = await postForm(`${ACME}/preferences/theme`, { theme: 'dark', back: target }, [u.session]);
      expect(res.status, JSON.stringify(target)).toBe(303);
      expect(res.headers.get('location'), JSON.stringify(target)).toBe('/my');
    }
    const ok = await postForm(`${ACME}/preferences/theme`, { theme: 'light', back: '/my/requests' }, [
      u.session
    ]);
    expect(ok.headers.get('location')).toBe('/my/requests');
  });
});
