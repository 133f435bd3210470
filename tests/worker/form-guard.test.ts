// Issue 17 (probe): a body that is not a readable form, posted to any form action (or the theme
// switch), gets 415 and the portal's error page before any action code runs: never a 500, nothing
// written. And handleError logs only what is unexpected.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { env } from 'cloudflare:workers';
import { ACME, fetchWorker, cookieFor } from './helpers';
import { NON_FORM_BODIES, everyFormAction, fingerprint } from './helpers-sweep';

function post(url: string, cookie: string, type: string | null, body: BodyInit, extra: HeadersInit = {}) {
  const headers = new Headers({ origin: ACME, accept: 'text/html', cookie, ...extra });
  if (type) headers.set('content-type', type);
  return fetchWorker(`${ACME}${url}`, { method: 'POST', headers, body });
}

afterEach(() => vi.restoreAllMocks());

/** Actions the probe named, plus sign-out (which reads no field at all). Every action: bad-input.test.ts. */
const SAMPLE = [
  '/my/hardware/x0000000-probe?/report',
  '/my/profile?/contact',
  '/my/profile?/theme',
  '/my/profile/security?/sudo',
  '/admin/people?/revoke',
  '/login',
  '/logout'
];

describe('the form guard', () => {
  it('finds every form action of the portal', () => {
    const actions = everyFormAction();
    expect(actions.length).toBeGreaterThan(60);
    expect(actions.map((a) => a.url)).toEqual(
      expect.arrayContaining(['/login', '/my/hardware/x0000000-probe?/report', '/my/profile/security?/sudo'])
    );
  });

  it('refuses non-form bodies with 415 and the portal’s error page, before the action runs', async () => {
    const admin = await cookieFor(ACME, 'admin@acme.example');
    const before = await fingerprint(env.DB_ACME);
    for (const url of SAMPLE) {
      for (const [type, body] of NON_FORM_BODIES) {
        const res = await post(url, admin, type, body);
        expect(res.status, `${url} ${type}`).toBe(415);
        const html = await res.text();
        expect(html, url).toContain('That form couldn’t be read');
        expect(html, url).toContain('We couldn’t read that form. Reload the page and try again.');
      }
    }
    expect(await fingerprint(env.DB_ACME)).toEqual(before);
    // Sign out was among them: the session is still good.
    expect((await fetchWorker(`${ACME}/my`, { headers: { cookie: admin } })).status).toBe(200);
  }, 60_000);

  it('refuses them on the theme switch (a +server.ts form endpoint) too', async () => {
    const admin = await cookieFor(ACME, 'admin@acme.example');
    for (const [type, body] of NON_FORM_BODIES) {
      const res = await post('/preferences/theme', admin, type, body);
      expect(res.status, `${type}`).toBe(415);
    }
  });

  it('leaves foreign-Origin posts to the Origin check (403) or refuses them (415)', async () => {
    const admin = await cookieFor(ACME, 'admin@acme.example');
    for (const [type, body] of NON_FORM_BODIES) {
      const res = await post('/my/profile?/theme', admin, type, body, { origin: 'http://evil.example' });
      expect([403, 415], `${type}`).toContain(res.status);
    }
  });

  it('answers an enhanced form post with the JSON error that use:enhance reads', async () => {
    const admin = await cookieFor(ACME, 'admin@acme.example');
    const res = await post('/my/profile?/theme', admin, 'text/plain', 'theme=dark', {
      accept: 'application/json',
      'x-sveltekit-action': 'true'
    });
    expect(res.status).toBe(415);
    expect(await res.json()).toMatchObject({
      type: 'error',
      error: { message: 'We couldn’t read that form. Reload the page and try again.' }
    });
  });

  it('lets real forms through, urlencoded and multipart alike', async () => {
    const admin = await cookieFor(ACME, 'admin@acme.example');
    const form = new FormData();
    form.set('theme', 'dark');
    form.set('back', '/my/requests');
    const multipart = await fetchWorker(`${ACME}/preferences/theme`, {
      method: 'POST',
      headers: { origin: ACME, cookie: admin },
      body: form
    });
    expect(multipart.status).toBe(303);
    expect(multipart.headers.get('location')).toBe('/my/requests');
    const urlencoded = await post(
      '/preferences/theme',
      admin,
      'application/x-www-form-urlencoded',
      'theme=system&back=%2Fmy'
    );
    expect(urlencoded.status).toBe(303);
    expect(urlencoded.headers.get('location')).toBe('/my');
  });
});

describe('handleError', () => {
  it('does not log the 4xx answers SvelteKit and the API give for bad requests', async () => {
    // why: the operator's log is the thing under test; the spy only records what the Worker writes.
    const logged = vi.spyOn(console, 'error');
    const admin = await cookieFor(ACME, 'admin@acme.example');
    await post('/my/profile?/theme', admin, 'text/plain', 'x');
    await post('/my/profile?/no-such-action', admin, 'application/x-www-form-urlencoded', 'a=1');
    await fetchWorker(`${ACME}/my/profile`, { method: 'PUT', headers: { origin: ACME, cookie: admin } });
    await fetchWorker(`${ACME}/no/such/page`, { headers: { cookie: admin } });
    await fetchWorker(`${ACME}/api/v1/no-such-endpoint`, { headers: { cookie: admin } });
    await fetchWorker(`${ACME}/api/v1/admin/people?page=0`, { headers: { cookie: admin } });
    await fetchWorker(`${ACME}/api/v1/my/requests`, {
      method: 'POST',
      headers: { origin: ACME, cookie: admin, 'content-type': 'application/json' },
      body: '{"broken'
    });
    const lines = logged.mock.calls.map((c) => String(c[0]));
    expect(lines.filter((l) => l.includes('unhandled_error'))).toEqual([]);
  });
});
