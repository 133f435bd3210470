// Issue 3 §4: "Require two-step verification" (admin › Settings › Security) and its exceptions.
// Runs on Globex so that switching the workspace setting never touches the Acme tests.
import { afterAll, describe, expect, it } from 'vitest';
import { env } from 'cloudflare:workers';
import { fetchWorker, get, GLOBEX, postForm } from './helpers';
import { enrolTotp, signedInUser } from './helpers-security';
import { createSession } from '../../src/lib/server/auth/session';
import { openTenantDb } from '../../src/lib/server/db';

const SETTINGS = `${GLOBEX}/admin/settings/security`;
const user = (opts?: { role?: 'employee' | 'admin' }) => signedInUser(env.DB_GLOBEX, opts, GLOBEX);
/** An administrator with an authenticator app: the requirement applies to admins too. */
async function admin() {
  const a = await user({ role: 'admin' });
  await enrolTotp(a.session, GLOBEX);
  return a;
}

async function setRequired(adminSession: string, on: boolean) {
  const res = await postForm(SETTINGS, on ? { requireTwoFactor: 'on' } : {}, [adminSession]);
  expect(res.status).toBe(200);
}

describe('required two-step verification', () => {
  let adminSession: string;
  afterAll(async () => {
    if (adminSession)
      await env.DB_GLOBEX.prepare(
        "DELETE FROM workspace_settings WHERE key = 'security.require_two_factor'"
      ).run();
  });

  it('is a setting only administrators can see and change', async () => {
    const employee = await user();
    expect((await get(SETTINGS, [employee.session])).status).toBe(403);
    expect((await postForm(SETTINGS, { requireTwoFactor: 'on' }, [employee.session])).status).toBe(403);
    const a = await user({ role: 'admin' });
    adminSession = a.session;
    const page = await (await get(SETTINGS, [a.session])).text();
    expect(page).toContain('Require two-step verification');
    expect(page).toContain('href="/admin/settings/security"'); // the admin nav entry
  });

  it('sends a user without 2FA to the security settings before any other page, keeping export and sign-out', async () => {
    const adm = await admin();
    adminSession = adm.session;
    const u = await user();
    expect((await get(`${GLOBEX}/my`, [u.session])).status).toBe(200);
    await setRequired(adm.session, true);

    for (const path of ['/my', '/admin', '/']) {
      const res = await get(`${GLOBEX}${path}`, [u.session]);
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/my/profile/security?required');
    }
    // Client-side navigation gets the redirect in SvelteKit's data format.
    const data = await get(`${GLOBEX}/my/__data.json`, [u.session]);
    expect(await data.json()).toEqual({ type: 'redirect', location: '/my/profile/security?required' });

    const security = await get(`${GLOBEX}/my/profile/security?required`, [u.session]);
    expect(security.status).toBe(200);
    expect(await security.text()).toContain('Your workspace requires two-step verification.');
    // The GDPR data export stays reachable, as a download and through the API.
    expect((await get(`${GLOBEX}/my/profile/export`, [u.session])).status).toBe(200);
    expect((await get(`${GLOBEX}/api/v1/my/export`, [u.session])).status).toBe(200);
    // The API refuses portal data but not who-am-I or sign-out.
    const api = await get(`${GLOBEX}/api/v1/my/dashboard`, [u.session]);
    expect(api.status).toBe(403);
    expect(((await api.json()) as { error: { code: string } }).error.code).toBe('two_factor_setup_required');
    expect((await get(`${GLOBEX}/api/v1/me`, [u.session])).status).toBe(200);

    // Setting it up clears the prompt.
    await enrolTotp(u.session, GLOBEX);
    expect((await get(`${GLOBEX}/my`, [u.session])).status).toBe(200);
    expect((await get(`${GLOBEX}/api/v1/my/dashboard`, [u.session])).status).toBe(200);

    // Sign-out stays reachable for a user still without 2FA.
    const other = await user();
    const out = await postForm(`${GLOBEX}/logout`, {}, [other.session]);
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/login?signed-out');
    await setRequired(adm.session, false);
    expect((await get(`${GLOBEX}/my`, [other.session])).status).toBe(303);
  });

  it('refuses to remove the last factor while it is required', async () => {
    const adm = await admin();
    adminSession = adm.session;
    const u = await user();
    await enrolTotp(u.session, GLOBEX);
    await setRequired(adm.session, true);
    await postForm(`${GLOBEX}/my/profile/security?/sudo`, { password: u.password }, [u.session]);
    const off = await postForm(`${GLOBEX}/my/profile/security?/totpDisable`, {}, [u.session]);
    expect(off.status).toBe(409);
    expect(await off.text()).toContain(
      'Your workspace requires two-step verification. Add another method before removing this one.'
    );
    await setRequired(adm.session, false);
  });

  it('never applies to single sign-on sessions', async () => {
    const adm = await admin();
    adminSession = adm.session;
    const u = await user();
    await setRequired(adm.session, true);
    // why: SSO sign-in belongs to another issue; a session made the way it will make them stands in.
    const { token } = await createSession(env, 'globex', openTenantDb(env.DB_GLOBEX), {
      userId: u.id,
      persistent: false,
      authMethod: 'sso:google',
      userAgent: null,
      ipAddress: null
    });
    expect((await get(`${GLOBEX}/my`, [`ontrackio_session=${token}`])).status).toBe(200);
    expect((await get(`${GLOBEX}/my`, [u.session])).status).toBe(303);
    await setRequired(adm.session, false);
  });

  it('applies to administrators too: one without 2FA who turns it on is sent to set it up', async () => {
    const a = await user({ role: 'admin' });
    adminSession = a.session;
    await setRequired(a.session, true);
    const res = await get(SETTINGS, [a.session]);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/my/profile/security?required');
    await enrolTotp(a.session, GLOBEX);
    await setRequired(a.session, false);
  });

  it('answers an unauthenticated settings request with the sign-in redirect', async () => {
    const res = await fetchWorker(SETTINGS);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toContain('/login?next=');
  });
});
