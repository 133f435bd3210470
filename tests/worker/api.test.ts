import '@hono/zod-openapi'; // why: extends zod with .openapi() before any contract schema is created (the API registers them).
import { describe, expect, it } from 'vitest';
import { ACME, fetchWorker, freshAddress, get, GLOBEX, signInByApi } from './helpers';
import { apiErrorSchema } from '../../src/lib/contracts/errors';
import { myDashboardSchema } from '../../src/lib/contracts/dashboard';
import { meSchema } from '../../src/lib/contracts/auth';

function postJson(url: string, body: string, headers: Record<string, string> = {}) {
  return fetchWorker(url, {
    method: 'POST',
    address: freshAddress(),
    headers: { origin: new URL(url).origin, 'content-type': 'application/json', ...headers },
    body
  });
}

async function expectError(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  const body = apiErrorSchema.parse(await res.json());
  expect(body.error.code).toBe(code);
  return body;
}

describe('JSON API', () => {
  it('answers health without touching a database', async () => {
    const res = await fetchWorker('http://localhost:8787/api/v1/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok' });
  });

  it('serves /me and /my/dashboard for the signed-in user only', async () => {
    const { cookie } = await signInByApi(ACME, 'ada@acme.example');
    const me = meSchema.parse(await (await get(`${ACME}/api/v1/me`, cookie)).json());
    expect(me.user.email).toBe('ada@acme.example');
    expect(me.workspace).toEqual({ slug: 'acme', name: 'Acme Corporation' });
    const dash = myDashboardSchema.parse(await (await get(`${ACME}/api/v1/my/dashboard`, cookie)).json());
    expect(dash).toMatchObject({
      hardwareCount: 3,
      licenceCount: 4,
      pendingRequestCount: 2,
      activeLoanCount: 1,
      unreadNotificationCount: 3
    });
    expect(dash.attention.map((a) => a.kind).sort()).toEqual([
      'acknowledge_hardware',
      'licence_renewal',
      'loan_due'
    ]);

    const { cookie: grace } = await signInByApi(ACME, 'grace@acme.example');
    const empty = myDashboardSchema.parse(await (await get(`${ACME}/api/v1/my/dashboard`, grace)).json());
    expect(empty).toEqual({
      hardwareCount: 0,
      licenceCount: 0,
      pendingRequestCount: 0,
      activeLoanCount: 0,
      unreadNotificationCount: 0,
      attention: []
    });
  });

  it('needs a session', async () => {
    await expectError(await fetchWorker(`${ACME}/api/v1/my/dashboard`), 401, 'unauthenticated');
  });

  it('answers 400 with field errors for invalid input, and writes nothing', async () => {
    const body = await expectError(
      await postJson(`${ACME}/api/v1/auth/sign-in`, JSON.stringify({ email: 'not-an-email' })),
      400,
      'validation_failed'
    );
    expect(Object.keys(body.error.fields ?? {}).sort()).toEqual(['email', 'password']);
    expect(body.error.fields?.email).toEqual(['Enter a valid email address.']);
  });

  it('answers 400 for a body that is not JSON', async () => {
    await expectError(await postJson(`${ACME}/api/v1/auth/sign-in`, '{"email": '), 400, 'bad_request');
  });

  it('answers 413 for an oversized body', async () => {
    const huge = JSON.stringify({ email: 'ada@acme.example', password: 'x'.repeat(70 * 1024) });
    await expectError(await postJson(`${ACME}/api/v1/auth/sign-in`, huge), 413, 'payload_too_large');
  });

  it('refuses writes from another origin, including another workspace', async () => {
    const body = JSON.stringify({ email: 'ada@acme.example', password: 'demo-password-2026' });
    await expectError(
      await postJson(`${ACME}/api/v1/auth/sign-in`, body, { origin: GLOBEX }),
      403,
      'forbidden'
    );
    await expectError(
      await postJson(`${ACME}/api/v1/auth/sign-in`, body, { origin: 'http://evil.example' }),
      403,
      'forbidden'
    );
    const noOrigin = await fetchWorker(`${ACME}/api/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body
    });
    await expectError(noOrigin, 403, 'forbidden');
  });

  it('refuses JSON writes sent as another content type', async () => {
    const res = await postJson(`${ACME}/api/v1/auth/sign-in`, 'email=a', {
      'content-type': 'application/x-www-form-urlencoded'
    });
    await expectError(res, 400, 'bad_request');
  });

  it('answers unknown endpoints with the error shape', async () => {
    await expectError(await fetchWorker(`${ACME}/api/v1/nope`), 404, 'not_found');
    await expectError(await fetchWorker(`${ACME}/api/nope`), 404, 'not_found');
  });

  it('sends security headers and no-store on API responses', async () => {
    const res = await fetchWorker(`${ACME}/api/v1/health`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });
});

describe('pages', () => {
  it('answers unknown routes with a 404 page in the portal style', async () => {
    const res = await fetchWorker(`${ACME}/definitely/not/here`);
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain('Page not found');
    expect(html).toContain('OnTrackio');
  });

  it('sends a strict Content-Security-Policy without unsafe-inline scripts', async () => {
    const res = await fetchWorker(`${ACME}/login`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/script-src 'self'/);
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it('sends signed-out visitors of /my to Sign in and back again', async () => {
    const res = await fetchWorker(`${ACME}/my`);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/login?next=%2Fmy');
  });
});
