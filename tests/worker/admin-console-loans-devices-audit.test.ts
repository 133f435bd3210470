// Split from admin-console.test.ts (its header says what the set covers). This file: Loan pool; Devices;
// Audit log.
import { beforeAll, describe, expect, it } from 'vitest';
import { ACME, adminCookie, apiGet, apiWrite, pageGet, postForm, signInByApi } from './helpers';
import { acmeDb, insertRequest, one, scalar, userId } from './helpers-data';
import { createUser } from './helpers-security';

let admin: string;

let adaId: string;

beforeAll(async () => {
  admin = await adminCookie(ACME);
  adaId = await userId(acmeDb(), 'ada@acme.example');
});

const audits = (entityId: string, action: string) =>
  scalar(
    acmeDb(),
    'SELECT count(*) AS n FROM audit_log WHERE entity_id = ? AND action = ?',
    entityId,
    action
  );

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
