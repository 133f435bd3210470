// The admin console beyond requests: the role matrix for every admin page and /api/v1/admin route,
// People (search, suspend/reactivate ending sessions, reset two-step verification), the loan flow,
// Devices (list, serial mismatch, revoke) and the audit log (filters, CSV export).
// Split by topic into this file and admin-console-loans-devices-audit.test.ts.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ACME,
  adminCookie,
  apiGet,
  apiWrite,
  cookieFor,
  GLOBEX,
  pageGet,
  postForm,
  signInByApi
} from './helpers';
import { acmeDb, insertRequest, one, scalar, userId } from './helpers-data';
import { createUser } from './helpers-security';

let admin: string;

let adminId: string;

let ada: string;

let adaId: string;

let globexAdmin: string;

beforeAll(async () => {
  [admin, ada, globexAdmin] = await Promise.all([
    adminCookie(ACME),
    cookieFor(ACME, 'ada@acme.example'),
    adminCookie(GLOBEX)
  ]);
  adminId = await userId(acmeDb(), 'admin@acme.example');
  adaId = await userId(acmeDb(), 'ada@acme.example');
});

const audits = (entityId: string, action: string) =>
  scalar(
    acmeDb(),
    'SELECT count(*) AS n FROM audit_log WHERE entity_id = ? AND action = ?',
    entityId,
    action
  );

describe('role matrix', () => {
  const PAGES = [
    '/admin',
    '/admin/requests',
    '/admin/people',
    '/admin/people/invite',
    '/admin/loans',
    '/admin/loans?lend=x',
    '/admin/devices',
    '/admin/devices?seen=stale',
    '/admin/audit',
    '/admin/audit/export',
    '/admin/maintenance',
    '/admin/software'
  ];
  const APIS = [
    '/admin/requests',
    '/admin/people',
    '/admin/people/invitations',
    '/admin/loans',
    '/admin/devices',
    '/admin/devices?seen=stale',
    '/admin/dashboard',
    '/admin/audit',
    '/admin/audit.csv',
    '/admin/maintenance',
    '/admin/software',
    '/admin/licences'
  ];

  it('every admin page: 403 for employees, refused for another workspace’s admin, 200 for admins', async () => {
    const reqId = await insertRequest(acmeDb(), adaId, 'pending');
    const pages = [...PAGES, `/admin/requests/${reqId}`, `/admin/people/${adaId}`];
    for (const path of pages) {
      expect((await pageGet(ACME, path, ada)).status, `employee ${path}`).toBe(403);
      // A Globex session cookie means nothing on Acme's host: sent to sign in, never shown the page.
      const foreign = await pageGet(ACME, path, globexAdmin);
      expect([302, 303, 401, 403], `globex admin ${path}`).toContain(foreign.status);
      expect((await pageGet(ACME, path, admin)).status, `admin ${path}`).toBe(200);
    }
  });

  it('every /api/v1/admin route: 403 for employees, refused for another workspace’s admin, 200 for admins', async () => {
    const reqId = await insertRequest(acmeDb(), adaId, 'pending');
    for (const path of [...APIS, `/admin/requests/${reqId}`, `/admin/people/${adaId}`]) {
      expect((await apiGet(ACME, path, ada)).status, `employee ${path}`).toBe(403);
      expect([401, 403], `globex admin ${path}`).toContain((await apiGet(ACME, path, globexAdmin)).status);
      expect((await apiGet(ACME, path, admin)).status, `admin ${path}`).toBe(200);
    }
    // Writes too: an employee can't decide, suspend, lend or revoke.
    const writes: [string, unknown][] = [
      [`/admin/requests/${reqId}/decision`, { decision: 'approve' }],
      [`/admin/requests/${reqId}/messages`, { body: 'hi' }],
      [`/admin/people/${adaId}/status`, { status: 'suspended' }],
      [`/admin/people/${adaId}/two-factor/reset`, undefined],
      [`/admin/people/${adaId}/role`, { role: 'admin' }],
      [
        '/admin/people/invitations',
        { name: 'X', email: 'x@acme.example', role: 'admin', signIn: 'password' }
      ],
      [`/admin/people/invitations/${adaId}/resend`, undefined],
      ['/admin/loans/items/x/lend', { userId: adaId, dueDate: '2099-01-01' }],
      ['/admin/loans/x/return', undefined],
      ['/admin/devices/x/revoke', undefined],
      ['/admin/maintenance/x/status', { status: 'in_progress' }],
      ['/admin/maintenance/x/notes', { body: 'hi' }]
    ];
    for (const [path, body] of writes) {
      expect((await apiWrite(ACME, path, ada, body)).status, `employee ${path}`).toBe(403);
      expect([401, 403], `globex admin ${path}`).toContain(
        (await apiWrite(ACME, path, globexAdmin, body)).status
      );
    }
    expect(
      (await one<{ status: string }>(acmeDb(), 'SELECT status FROM requests WHERE id = ?', reqId))!.status
    ).toBe('pending');
    // Page form actions are guarded on their own, not only by the layout.
    expect(
      (await postForm(`${ACME}/admin/requests/${reqId}?/decide`, { decision: 'approve' }, ada)).status
    ).toBe(403);
    expect((await postForm(`${ACME}/admin/people/${adaId}?/suspend`, {}, ada)).status).toBe(403);
  });

  it('an admin of Globex sees only Globex: Acme ids are unknown there', async () => {
    const reqId = await insertRequest(acmeDb(), adaId, 'pending');
    expect((await apiGet(GLOBEX, `/admin/requests/${reqId}`, globexAdmin)).status).toBe(404);
    expect((await apiGet(GLOBEX, `/admin/people/${adaId}`, globexAdmin)).status).toBe(404);
    expect(
      (await apiWrite(GLOBEX, `/admin/requests/${reqId}/decision`, globexAdmin, { decision: 'approve' }))
        .status
    ).toBe(404);
    const people = (await (await apiGet(GLOBEX, '/admin/people?q=acme', globexAdmin)).json()) as {
      total: number;
    };
    expect(people.total).toBe(0);
  });
});

describe('People', () => {
  it('search by name, email or department; wildcards are literal', async () => {
    const found = (await (await apiGet(ACME, '/admin/people?q=lovelace', admin)).json()) as {
      items: { email: string }[];
    };
    expect(found.items.map((p) => p.email)).toContain('ada@acme.example');
    const none = (await (await apiGet(ACME, '/admin/people?q=%25', admin)).json()) as { total: number };
    expect(none.total).toBe(0);
    const html = await (await pageGet(ACME, '/admin/people?q=ada', admin)).text();
    expect(html).toContain('ada@acme.example');
  });

  it('a person page lists their hardware, licences and loans', async () => {
    const person = (await (await apiGet(ACME, `/admin/people/${adaId}`, admin)).json()) as {
      hardware: { assetTag: string }[];
      loans: { item: string }[];
      licences: unknown[];
    };
    expect(person.hardware.map((h) => h.assetTag)).toContain('ACME-0001');
    expect(person.loans.map((l) => l.item)).toContain('Portable projector');
    expect(person.licences.length).toBeGreaterThan(0);
  });

  it('suspend ends the person’s sessions at once; sign-in says the account is not active; reactivate restores it', async () => {
    const u = await createUser();
    const { cookie } = await signInByApi(ACME, u.email, u.password);
    expect((await apiGet(ACME, '/my/requests', cookie)).status).toBe(200);
    const res = await apiWrite(ACME, `/admin/people/${u.id}/status`, admin, { status: 'suspended' });
    expect(res.status).toBe(200);
    expect((await apiGet(ACME, '/my/requests', cookie)).status).toBe(401);
    expect(
      await scalar(
        acmeDb(),
        'SELECT count(*) AS n FROM sessions WHERE user_id = ? AND revoked_at IS NULL',
        u.id
      )
    ).toBe(0);
    const again = await signInByApi(ACME, u.email, u.password);
    expect(again.cookie).toBeNull();
    expect(await again.res.text()).toContain('This account is not active');
    expect(await audits(u.id, 'user.suspended')).toBe(1);
    // A repeat is refused and writes nothing.
    expect(
      (await apiWrite(ACME, `/admin/people/${u.id}/status`, admin, { status: 'suspended' })).status
    ).toBe(409);
    expect(await audits(u.id, 'user.suspended')).toBe(1);
    expect((await postForm(`${ACME}/admin/people/${u.id}?/reactivate`, {}, admin)).status).toBe(200);
    expect(await audits(u.id, 'user.reactivated')).toBe(1);
    expect((await signInByApi(ACME, u.email, u.password)).cookie).toBeTruthy();
  });

  it('an admin can’t suspend themselves', async () => {
    const res = await apiWrite(ACME, `/admin/people/${adminId}/status`, admin, { status: 'suspended' });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe(
      'You can’t suspend your own account.'
    );
  });

  it('reset two-step verification removes every factor and is audited', async () => {
    const u = await createUser();
    const now = Date.now();
    await acmeDb().batch([
      acmeDb()
        .prepare(
          'INSERT INTO totp_credentials (user_id, secret_encrypted, confirmed_at, created_at) VALUES (?, ?, ?, ?)'
        )
        .bind(u.id, 'x', now, now),
      acmeDb()
        .prepare(
          'INSERT INTO passkeys (id, user_id, name, public_key, counter, created_at) VALUES (?, ?, ?, ?, 0, ?)'
        )
        .bind(crypto.randomUUID(), u.id, 'Key', 'pk', now),
      acmeDb()
        .prepare('INSERT INTO recovery_codes (id, user_id, code_hash, created_at) VALUES (?, ?, ?, ?)')
        .bind(crypto.randomUUID(), u.id, 'h', now)
    ]);
    const before = (await (await apiGet(ACME, `/admin/people/${u.id}`, admin)).json()) as {
      twoFactor: { totp: boolean; passkeys: number };
    };
    expect(before.twoFactor).toEqual({ totp: true, passkeys: 1 });
    expect((await postForm(`${ACME}/admin/people/${u.id}?/resetTwoFactor`, {}, admin)).status).toBe(200);
    for (const t of ['totp_credentials', 'passkeys', 'recovery_codes']) {
      expect(await scalar(acmeDb(), `SELECT count(*) AS n FROM ${t} WHERE user_id = ?`, u.id), t).toBe(0);
    }
    expect(await audits(u.id, 'user.two_factor_reset')).toBe(1);
  });
});
