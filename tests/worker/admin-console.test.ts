// The admin console beyond requests: the role matrix for every admin page and /api/v1/admin route,
// People (search, suspend/reactivate ending sessions, reset two-step verification), the loan flow,
// Devices (list, serial mismatch, revoke) and the audit log (filters, CSV export).
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

describe('Loan pool', () => {
  async function poolItem() {
    const id = crypto.randomUUID();
    await acmeDb()
      .prepare(
        `INSERT INTO loan_pool_items (id, name, asset_tag, status) VALUES (?, 'Test loaner', ?, 'available')`
      )
      .bind(id, `T-${id.slice(0, 8)}`)
      .run();
    return id;
  }

  it('lend → the borrower’s My loans and sidebar show it at once → mark returned → gone', async () => {
    const u = await createUser();
    const { cookie } = await signInByApi(ACME, u.email, u.password);
    expect(await (await pageGet(ACME, '/my', cookie)).text()).not.toContain('My loans');
    const item = await poolItem();
    const res = await apiWrite(ACME, `/admin/loans/items/${item}/lend`, admin, {
      userId: u.id,
      dueDate: '2099-12-31',
      notes: 'Offsite'
    });
    expect(res.status).toBe(201);
    const { id: loanId } = (await res.json()) as { id: string };
    expect(
      (await one<{ status: string }>(acmeDb(), 'SELECT status FROM loan_pool_items WHERE id = ?', item))!
        .status
    ).toBe('on_loan');
    expect(await audits(loanId, 'loan.lent')).toBe(1);
    expect(
      await scalar(
        acmeDb(),
        `SELECT count(*) AS n FROM notifications WHERE user_id = ? AND kind = 'loan_lent'`,
        u.id
      )
    ).toBe(1);
    expect(await (await pageGet(ACME, '/my', cookie)).text()).toContain('My loans');
    const mine = (await (await apiGet(ACME, '/my/loans', cookie)).json()) as unknown;
    expect(JSON.stringify(mine)).toContain('Test loaner');

    // Lending it again is refused: one open loan per item.
    const twice = await apiWrite(ACME, `/admin/loans/items/${item}/lend`, admin, {
      userId: adaId,
      dueDate: '2099-12-31'
    });
    expect(twice.status).toBe(409);

    expect((await postForm(`${ACME}/admin/loans?/return`, { loanId }, admin)).status).toBe(200);
    expect(
      (await one<{ status: string }>(acmeDb(), 'SELECT status FROM loan_pool_items WHERE id = ?', item))!
        .status
    ).toBe('available');
    expect(await audits(loanId, 'loan.returned')).toBe(1);
    expect(await (await pageGet(ACME, '/my', cookie)).text()).not.toContain('My loans');
    // Returning twice is refused and writes nothing.
    expect((await apiWrite(ACME, `/admin/loans/${loanId}/return`, admin)).status).toBe(409);
    expect(await audits(loanId, 'loan.returned')).toBe(1);
  });

  it('two admins lending one item at once: exactly one loan', async () => {
    const item = await poolItem();
    const grace = await userId(acmeDb(), 'grace@acme.example');
    const [a, b] = await Promise.all([
      apiWrite(ACME, `/admin/loans/items/${item}/lend`, admin, { userId: adaId, dueDate: '2099-12-31' }),
      apiWrite(ACME, `/admin/loans/items/${item}/lend`, admin, { userId: grace, dueDate: '2099-12-31' })
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    expect(await scalar(acmeDb(), 'SELECT count(*) AS n FROM loans WHERE item_id = ?', item)).toBe(1);
    expect(
      await scalar(
        acmeDb(),
        `SELECT count(*) AS n FROM audit_log WHERE action = 'loan.lent' AND after LIKE ?`,
        `%${item}%`
      )
    ).toBe(1);
    await acmeDb().prepare('UPDATE loans SET returned_at = 1 WHERE item_id = ?').bind(item).run();
  });

  it('validates the form: person, due date (not in the past); overdue loans are flagged', async () => {
    const item = await poolItem();
    const bad = await apiWrite(ACME, `/admin/loans/items/${item}/lend`, admin, {
      userId: '',
      dueDate: 'soon'
    });
    expect(bad.status).toBe(400);
    const fields = ((await bad.json()) as { error: { fields: Record<string, string[]> } }).error.fields;
    expect(fields.userId).toEqual(['Choose a person.']);
    expect(fields.dueDate).toEqual(['Enter a due date as YYYY-MM-DD.']);
    const past = await postForm(
      `${ACME}/admin/loans?/lend`,
      {
        itemId: item,
        userId: adaId,
        dueDate: '2000-01-01'
      },
      admin
    );
    expect(past.status).toBe(400);
    const suspended = await userId(acmeDb(), 'linus@acme.example');
    const toSuspended = await apiWrite(ACME, `/admin/loans/items/${item}/lend`, admin, {
      userId: suspended,
      dueDate: '2099-01-01'
    });
    expect(toSuspended.status).toBe(400);
    expect(
      (await apiWrite(ACME, `/admin/loans/items/nope/lend`, admin, { userId: adaId, dueDate: '2099-01-01' }))
        .status
    ).toBe(404);
    const pool = (await (await apiGet(ACME, '/admin/loans', admin)).json()) as {
      items: { assetTag: string; loan: { overdue: boolean } | null }[];
    };
    expect(pool.items.find((i) => i.assetTag === 'LOAN-03')!.loan!.overdue).toBe(true);
    expect(pool.items.find((i) => i.assetTag === 'LOAN-02')!.loan!.overdue).toBe(false);
  });
});

describe('Devices', () => {
  it('lists paired agents with a serial-mismatch flag, and revoke stops the pairing (audited)', async () => {
    const u = await createUser();
    const deviceId = crypto.randomUUID();
    await acmeDb()
      .prepare(
        `INSERT INTO agent_devices (id, user_id, credential_hash, hostname, os_name, os_version, serial, agent_version, status, enrolled_at, last_seen_at) VALUES (?, ?, ?, 'test-host', 'Ubuntu', '24.04', 'NOT-ASSIGNED-1', '1.2.3', 'active', ?, ?)`
      )
      .bind(deviceId, u.id, crypto.randomUUID(), Date.now(), Date.now())
      .run();
    const list = (await (await apiGet(ACME, '/admin/devices', admin)).json()) as {
      items: {
        id: string;
        hostname: string;
        serialMismatch: boolean;
        agentVersion: string;
        person: string;
      }[];
    };
    const row = list.items.find((d) => d.id === deviceId)!;
    expect(row).toMatchObject({ hostname: 'test-host', serialMismatch: true, agentVersion: '1.2.3' });
    expect(row.person).toMatch(/^Test User/);
    const html = await (await pageGet(ACME, '/admin/devices', admin)).text();
    expect(html).toContain('Serial differs from the hardware assigned to');
    expect((await postForm(`${ACME}/admin/devices?/revoke`, { deviceId }, admin)).status).toBe(200);
    expect(
      (await one<{ status: string }>(acmeDb(), 'SELECT status FROM agent_devices WHERE id = ?', deviceId))!
        .status
    ).toBe('revoked');
    expect(await audits(deviceId, 'device.revoked')).toBe(1);
    expect((await apiWrite(ACME, `/admin/devices/${deviceId}/revoke`, admin)).status).toBe(404);
  });
});

describe('Audit log', () => {
  it('filters by actor, entity, action and date; exports CSV with the same filters', async () => {
    const id = await insertRequest(acmeDb(), adaId, 'pending');
    expect(
      (await apiWrite(ACME, `/admin/requests/${id}/decision`, admin, { decision: 'approve' })).status
    ).toBe(200);
    const today = new Date().toISOString().slice(0, 10);
    const q = `actor=admin%40acme&entity=request&action=request&from=${today}&to=${today}`;
    const page = (await (await apiGet(ACME, `/admin/audit?${q}`, admin)).json()) as {
      items: { entityId: string; action: string; actorEmail: string }[];
    };
    expect(page.items.some((e) => e.entityId === id && e.action === 'request.approved')).toBe(true);
    expect(
      page.items.every((e) => e.action.startsWith('request.') && e.actorEmail === 'admin@acme.example')
    ).toBe(true);
    const past = (await (await apiGet(ACME, `/admin/audit?entity=request&to=2000-01-01`, admin)).json()) as {
      total: number;
    };
    expect(past.total).toBe(0);
    expect((await apiGet(ACME, '/admin/audit?from=yesterday', admin)).status).toBe(400);
    expect((await pageGet(ACME, '/admin/audit?from=yesterday', admin)).status).toBe(200);

    const csv = await pageGet(ACME, `/admin/audit/export?${q}`, admin);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toContain('attachment');
    const text = await csv.text();
    expect(text.split('\r\n')[0]).toBe(
      'id,time_utc,actor,actor_email,action,entity_type,entity_id,before,after,ip_address'
    );
    expect(text).toContain(`request.approved,request,${id}`);
    const api = await apiGet(ACME, `/admin/audit.csv?${q}`, admin);
    expect(await api.text()).toContain(id);
  });
});
