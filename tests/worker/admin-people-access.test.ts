// Split from admin-people.test.ts (its header says what the set covers). This file: who may do this; Invite
// when the mail can’t go out.
import { beforeAll, describe, expect, it } from 'vitest';
import { env } from 'cloudflare:workers';
import {
  ACME,
  actorFor,
  adminCookie,
  apiGet,
  apiWrite,
  cookieFor,
  GLOBEX,
  pageGet,
  postForm
} from './helpers';
import { freshInviteeEmail, invitationLinkFor, inviteByApi } from './helpers-people';
import { acmeDb, one, scalar, userId } from './helpers-data';
import { createUser } from './helpers-security';
import { openTenantDb } from '../../src/lib/server/db';

let admin: string;
const invite = (body: Record<string, unknown>, cookie = admin, origin = ACME) =>
  inviteByApi(body, cookie, origin);

let ada: string;

let adaId: string;

let globexAdmin: string;

beforeAll(async () => {
  [admin, ada, globexAdmin] = await Promise.all([
    adminCookie(ACME),
    cookieFor(ACME, 'ada@acme.example'),
    adminCookie(GLOBEX)
  ]);
  adaId = await userId(acmeDb(), 'ada@acme.example');
});

describe('who may do this', () => {
  it('employees get 403 on every new page, action and API route; nothing changes', async () => {
    const target = await createUser(acmeDb(), { status: 'invited', password: null });
    const email = freshInviteeEmail();
    for (const path of ['/admin/people/invite', '/admin/people', `/admin/people/${target.id}`]) {
      expect((await pageGet(ACME, path, ada)).status, path).toBe(403);
    }
    expect(
      (
        await postForm(
          `${ACME}/admin/people/invite`,
          {
            name: 'X',
            email,
            role: 'admin',
            signIn: 'password'
          },
          ada
        )
      ).status
    ).toBe(403);
    expect((await postForm(`${ACME}/admin/people?/resend`, { userId: target.id }, ada)).status).toBe(403);
    expect((await postForm(`${ACME}/admin/people?/revoke`, { userId: target.id }, ada)).status).toBe(403);
    expect((await postForm(`${ACME}/admin/people/${adaId}?/role`, { role: 'admin' }, ada)).status).toBe(403);
    expect((await apiGet(ACME, '/admin/people/invitations', ada)).status).toBe(403);
    expect(
      (
        await apiWrite(ACME, '/admin/people/invitations', ada, {
          name: 'X',
          email,
          role: 'admin',
          signIn: 'password'
        })
      ).status
    ).toBe(403);
    expect((await apiWrite(ACME, `/admin/people/invitations/${target.id}/resend`, ada)).status).toBe(403);
    expect(
      (await apiWrite(ACME, `/admin/people/invitations/${target.id}`, ada, undefined, 'DELETE')).status
    ).toBe(403);
    expect((await apiWrite(ACME, `/admin/people/${adaId}/role`, ada, { role: 'admin' })).status).toBe(403);
    expect((await apiGet(ACME, '/admin/dashboard', ada)).status).toBe(403);
    expect(await scalar(acmeDb(), 'SELECT count(*) AS n FROM users WHERE email = ?', email)).toBe(0);
    expect((await one<{ role: string }>(acmeDb(), 'SELECT role FROM users WHERE id = ?', adaId))!.role).toBe(
      'employee'
    );
    expect(await scalar(acmeDb(), 'SELECT count(*) AS n FROM users WHERE id = ?', target.id)).toBe(1);
  });

  it('another workspace’s admin: refused on this host, and this workspace’s ids are unknown on theirs', async () => {
    const target = await createUser(acmeDb(), { status: 'invited', password: null });
    const email = freshInviteeEmail();
    expect([401, 403]).toContain(
      (
        await apiWrite(ACME, '/admin/people/invitations', globexAdmin, {
          name: 'X',
          email,
          role: 'admin',
          signIn: 'password'
        })
      ).status
    );
    expect([401, 403]).toContain(
      (await apiWrite(ACME, `/admin/people/${adaId}/role`, globexAdmin, { role: 'admin' })).status
    );
    expect([302, 303, 401, 403]).toContain(
      (
        await postForm(
          `${ACME}/admin/people/invite`,
          {
            name: 'X',
            email,
            role: 'admin',
            signIn: 'password'
          },
          globexAdmin
        )
      ).status
    );
    // On Globex's own host, Acme's people don't exist.
    expect(
      (await apiWrite(GLOBEX, `/admin/people/${adaId}/role`, globexAdmin, { role: 'admin' })).status
    ).toBe(404);
    expect(
      (await apiWrite(GLOBEX, `/admin/people/invitations/${target.id}/resend`, globexAdmin)).status
    ).toBe(404);
    expect(
      (await apiWrite(GLOBEX, `/admin/people/invitations/${target.id}`, globexAdmin, undefined, 'DELETE'))
        .status
    ).toBe(404);
    const list = (await (await apiGet(GLOBEX, '/admin/people/invitations', globexAdmin)).json()) as {
      items: { id: string }[];
    };
    expect(list.items.map((i) => i.id)).not.toContain(target.id);
    // An invitation sent from Globex lands in Globex only, with a Globex link.
    const gEmail = freshInviteeEmail();
    expect(
      (
        await invite(
          { name: 'Globex Guest', email: gEmail, role: 'employee', signIn: 'password' },
          globexAdmin,
          GLOBEX
        )
      ).res.status
    ).toBe(201);
    expect(await invitationLinkFor(gEmail)).toMatch(/^http:\/\/globex\.localhost:8787\/reset-password\//);
    expect(await scalar(acmeDb(), 'SELECT count(*) AS n FROM users WHERE email = ?', gEmail)).toBe(0);
    expect(await scalar(acmeDb(), 'SELECT count(*) AS n FROM users WHERE email = ?', email)).toBe(0);
    expect((await one<{ role: string }>(acmeDb(), 'SELECT role FROM users WHERE id = ?', adaId))!.role).toBe(
      'employee'
    );
  });
});

describe('Invite when the mail can’t go out', () => {
  it('keeps the invited person, reports the unsent mail, and Resend says so instead of failing', async () => {
    const { inviteUserForWorkspace, resendInvitationForWorkspace } =
      await import('../../src/lib/server/people/invitations');
    // why: a mail provider outage can't be produced for real here; a control DB whose writes throw stands in for it.
    const brokenControl = {
      prepare: () => {
        throw new Error('mail store unavailable');
      }
    } as unknown as D1Database;
    const ctx = {
      env: { ...env, DB_CONTROL: brokenControl, APP_ENV: 'development' },
      slug: 'acme',
      workspaceName: 'Acme Corporation',
      origin: ACME
    };
    const db = openTenantDb(acmeDb());
    const admin = await actorFor(acmeDb(), 'admin@acme.example');
    const email = `unsent-${crypto.randomUUID().slice(0, 8)}@acme.example`;
    const result = await inviteUserForWorkspace(ctx as never, db, admin, {
      name: 'Unsent Person',
      email,
      role: 'employee',
      signIn: 'password'
    });
    expect(result).toMatchObject({ ok: true, mailSent: false });
    expect(
      (await one<{ status: string }>(acmeDb(), 'SELECT status FROM users WHERE email = ?', email))!.status
    ).toBe('invited');
    const resent = await resendInvitationForWorkspace(
      ctx as never,
      db,
      admin,
      (result as { userId: string }).userId
    );
    expect(resent).toMatchObject({ ok: false, code: 'mail_failed' });
  });
});
