import { describe, expect, it } from 'vitest';
import { ACME, fetchWorker, get, GLOBEX, signInByForm } from './helpers';
import { classifyHost, isValidWorkspaceSlug } from '../../src/lib/server/tenancy/host';

describe('host classification', () => {
  it('maps workspace hosts, the central address and foreign hosts', () => {
    expect(classifyHost('acme.localhost', 'localhost')).toEqual({ kind: 'workspace', slug: 'acme' });
    expect(classifyHost('localhost', 'localhost')).toEqual({ kind: 'central' });
    expect(classifyHost('app.localhost', 'localhost')).toEqual({ kind: 'central' });
    expect(classifyHost('acme.app.ontrackio.com', 'app.ontrackio.com')).toEqual({
      kind: 'workspace',
      slug: 'acme'
    });
    expect(classifyHost('app.ontrackio.com', 'app.ontrackio.com')).toEqual({ kind: 'central' });
    expect(classifyHost('a.b.localhost', 'localhost')).toEqual({ kind: 'foreign' });
    expect(classifyHost('evil.example', 'localhost')).toEqual({ kind: 'foreign' });
    expect(classifyHost('-bad.localhost', 'localhost')).toEqual({ kind: 'foreign' });
  });
  it('refuses reserved and malformed slugs', () => {
    expect(isValidWorkspaceSlug('initech')).toBe(true);
    for (const s of ['app', 'www', 'api', 'A', 'a_b', '-a', 'a-', 'x'.repeat(41), ''])
      expect(isValidWorkspaceSlug(s)).toBe(false);
  });
});

describe('tenancy through the Worker', () => {
  it('serves the find-your-workspace page on the central address, with no sign-in form', async () => {
    for (const origin of ['http://localhost:8787', 'http://app.localhost:8787']) {
      const res = await fetchWorker(`${origin}/`);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain('Find your workspace');
      expect(html).toContain('Your workspace is ready');
      expect(html).not.toContain('type="password"');
    }
  });

  it('sends /login on the central address to find-your-workspace', async () => {
    const res = await fetchWorker('http://app.localhost:8787/login');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
  });

  it('turns a typed workspace name into that workspace URL, and rejects junk', async () => {
    const go = await fetchWorker('http://app.localhost:8787/?workspace=Acme');
    expect(go.headers.get('location')).toBe('http://acme.localhost:8787/');
    const bad = await fetchWorker('http://app.localhost:8787/?workspace=not%20a%20name');
    expect(bad.status).toBe(200);
    expect(await bad.text()).toContain('lowercase letters, digits and hyphens');
  });

  it('answers an unknown workspace with a 404 "no workspace at this address" page', async () => {
    for (const path of ['/', '/login', '/my']) {
      const res = await fetchWorker(`http://nosuch.localhost:8787${path}`);
      expect(res.status).toBe(404);
      expect(await res.text()).toContain('No workspace at this address');
    }
    const api = await fetchWorker('http://nosuch.localhost:8787/api/v1/me');
    expect(api.status).toBe(404);
    expect(await api.json()).toEqual({
      error: { code: 'workspace_not_found', message: 'There is no workspace at this address.' }
    });
  });

  it('says when a workspace is suspended', async () => {
    const res = await fetchWorker('http://initech.localhost:8787/login');
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('This workspace is suspended');
  });

  it('opens each workspace’s own database: the sign-in form shows the workspace name', async () => {
    expect(await (await fetchWorker(`${ACME}/login`)).text()).toContain('Acme Corporation');
    expect(await (await fetchWorker(`${GLOBEX}/login`)).text()).toContain('Globex');
  });

  it('never signs an Acme session in on Globex, and Acme users cannot sign in to Globex', async () => {
    const { cookie } = await signInByForm(ACME, 'ada@acme.example');
    expect(cookie).toBeTruthy();
    expect((await get(`${ACME}/api/v1/me`, cookie)).status).toBe(200);

    const me = await get(`${GLOBEX}/api/v1/me`, cookie);
    expect(me.status).toBe(401);
    const page = await get(`${GLOBEX}/my`, cookie);
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toMatch(/^\/login/);

    const cross = await signInByForm(GLOBEX, 'ada@acme.example');
    expect(cross.cookie).toBeNull();
    expect(await cross.res.text()).toContain('Those credentials do not match our records');
  });

  it('keeps Globex figures on Globex and Acme figures on Acme', async () => {
    const hank = await signInByForm(GLOBEX, 'hank@globex.example');
    const dash = await (
      await get(`${GLOBEX}/api/v1/my/dashboard`, hank.cookie)
    ).json<{ hardwareCount: number }>();
    expect(dash.hardwareCount).toBe(2);
    const html = await (await get(`${GLOBEX}/my`, hank.cookie)).text();
    expect(html).not.toMatch(/ACME-\d{4}|Acme Corporation/);
  });
});
