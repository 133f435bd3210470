// Split from admin-people.test.ts (its header says what the set covers). This file: roles.
import { beforeAll, describe, expect, it } from 'vitest';
import { ACME, adminCookie, apiGet, apiWrite, GLOBEX, pageGet, postForm, signInByApi } from './helpers';
import { acmeDb, globexDb, one, scalar, userId } from './helpers-data';
import { createUser } from './helpers-security';
import { ROLES } from '../../src/lib/server/authz/roles';
import { ROLE_CHOICES } from '../../src/lib/contracts/admin-people';
import { LAST_ADMIN_MESSAGE } from '../../src/lib/server/people/admin-roles';

let admin: string;

let adminId: string;

let globexAdmin: string;

beforeAll(async () => {
  [admin, globexAdmin] = await Promise.all([adminCookie(ACME), adminCookie(GLOBEX)]);
  adminId = await userId(acmeDb(), 'admin@acme.example');
});

const audits = (db: D1Database, entityId: string, action: string) =>
  scalar(db, 'SELECT count(*) AS n FROM audit_log WHERE entity_id = ? AND action = ?', entityId, action);

describe('roles', () => {
  it('the contract’s role list is the permission matrix’s', () => {
    expect([...ROLE_CHOICES]).toEqual([...ROLES]);
  });

  it('promoting gives the admin console on the next request; demoting takes it away; each change audited once', async () => {
    const u = await createUser();
    const { cookie } = await signInByApi(ACME, u.email, u.password);
    expect((await pageGet(ACME, '/admin', cookie)).status).toBe(403);
    const res = await postForm(`${ACME}/admin/people/${u.id}?/role`, { role: 'admin' }, admin);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Role changed.');
    expect((await pageGet(ACME, '/admin', cookie)).status).toBe(200);
    const row = await one<{ before: string; after: string; actor_id: string }>(
      acmeDb(),
      "SELECT before, after, actor_id FROM audit_log WHERE entity_id = ? AND action = 'user.role_changed'",
      u.id
    );
    expect(row).toEqual({
      before: JSON.stringify({ role: 'employee' }),
      after: JSON.stringify({ role: 'admin' }),
      actor_id: adminId
    });
    // The same role again: refused, nothing written.
    const same = await apiWrite(ACME, `/admin/people/${u.id}/role`, admin, { role: 'admin' });
    expect(same.status).toBe(409);
    expect(await audits(acmeDb(), u.id, 'user.role_changed')).toBe(1);
    expect((await apiWrite(ACME, `/admin/people/${u.id}/role`, admin, { role: 'employee' })).status).toBe(
      200
    );
    expect((await apiGet(ACME, '/admin/people', cookie)).status).toBe(403);
    expect(await audits(acmeDb(), u.id, 'user.role_changed')).toBe(2);
    // Unknown roles and ids.
    expect((await apiWrite(ACME, `/admin/people/${u.id}/role`, admin, { role: 'owner' })).status).toBe(400);
    expect((await apiWrite(ACME, '/admin/people/nobody/role', admin, { role: 'admin' })).status).toBe(404);
  });

  it('the last active administrator can’t be demoted, and is told why', async () => {
    // Globex has exactly one administrator.
    const gAdminId = await userId(globexDb(), 'admin@globex.example');
    const res = await apiWrite(GLOBEX, `/admin/people/${gAdminId}/role`, globexAdmin, { role: 'employee' });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe(LAST_ADMIN_MESSAGE);
    const page = await postForm(
      `${GLOBEX}/admin/people/${gAdminId}?/role`,
      { role: 'employee' },
      globexAdmin
    );
    expect(page.status).toBe(409);
    expect(await page.text()).toContain('You can’t remove the last active administrator');
    expect(
      (await one<{ role: string }>(globexDb(), 'SELECT role FROM users WHERE id = ?', gAdminId))!.role
    ).toBe('admin');
    expect(await audits(globexDb(), gAdminId, 'user.role_changed')).toBe(0);
  });

  it('two admins demoting each other at once: exactly one wins, an active admin always remains', async () => {
    const a = await createUser(globexDb(), { role: 'admin' });
    const aCookie = (await signInByApi(GLOBEX, a.email, a.password)).cookie!;
    const gAdminId = await userId(globexDb(), 'admin@globex.example');
    // Make the two new admins the only active ones for this race (the seeded one is restored below).
    const b = await createUser(globexDb(), { role: 'admin' });
    const bCookie = (await signInByApi(GLOBEX, b.email, b.password)).cookie!;
    expect(
      (await apiWrite(GLOBEX, `/admin/people/${gAdminId}/role`, aCookie, { role: 'employee' })).status
    ).toBe(200);
    const [ra, rb] = await Promise.all([
      apiWrite(GLOBEX, `/admin/people/${b.id}/role`, aCookie, { role: 'employee' }),
      apiWrite(GLOBEX, `/admin/people/${a.id}/role`, bCookie, { role: 'employee' })
    ]);
    const statuses = [ra.status, rb.status].sort();
    // The loser is refused either by the guard (409) or, if the winner demoted it first, by the matrix (403).
    expect(statuses[0]).toBe(200);
    expect([403, 409]).toContain(statuses[1]);
    expect(
      await scalar(globexDb(), "SELECT count(*) AS n FROM users WHERE role = 'admin' AND status = 'active'")
    ).toBe(1);
    // Restore the seeded admin for the rest of the file.
    const survivor = ra.status === 200 ? aCookie : bCookie;
    expect(
      (await apiWrite(GLOBEX, `/admin/people/${gAdminId}/role`, survivor, { role: 'admin' })).status
    ).toBe(200);
  });

  it('two admins suspending each other at once: exactly one wins, an active admin always remains', async () => {
    const a = await createUser(globexDb(), { role: 'admin' });
    const b = await createUser(globexDb(), { role: 'admin' });
    const [aCookie, bCookie] = [
      (await signInByApi(GLOBEX, a.email, a.password)).cookie!,
      (await signInByApi(GLOBEX, b.email, b.password)).cookie!
    ];
    // Setup only: take every other admin out of the count so a and b are the only active admins.
    const others = (
      await globexDb()
        .prepare("SELECT id FROM users WHERE role = 'admin' AND status = 'active' AND id NOT IN (?, ?)")
        .bind(a.id, b.id)
        .all<{ id: string }>()
    ).results.map((r) => r.id);
    const setStatus = (status: string) =>
      globexDb().batch(
        others.map((id) => globexDb().prepare('UPDATE users SET status = ? WHERE id = ?').bind(status, id))
      );
    await setStatus('suspended');
    try {
      const [ra, rb] = await Promise.all([
        apiWrite(GLOBEX, `/admin/people/${b.id}/status`, aCookie, { status: 'suspended' }),
        apiWrite(GLOBEX, `/admin/people/${a.id}/status`, bCookie, { status: 'suspended' })
      ]);
      const statuses = [ra.status, rb.status].sort();
      expect(statuses[0]).toBe(200);
      // The loser: refused by the guard (409) or already signed out by the winner's suspension (401).
      expect([401, 409]).toContain(statuses[1]);
      expect(
        await scalar(globexDb(), "SELECT count(*) AS n FROM users WHERE role = 'admin' AND status = 'active'")
      ).toBe(1);
    } finally {
      await setStatus('active');
    }
  });

  it('suspending the other admin while you are the only other one: allowed; suspending yourself never', async () => {
    const other = await createUser(acmeDb(), { role: 'admin' });
    expect(
      (await apiWrite(ACME, `/admin/people/${other.id}/status`, admin, { status: 'suspended' })).status
    ).toBe(200);
    expect(
      (await apiWrite(ACME, `/admin/people/${adminId}/status`, admin, { status: 'suspended' })).status
    ).toBe(409);
  });

  it('an admin who demotes themselves (another admin remains) is sent to My view', async () => {
    const me = await createUser(acmeDb(), { role: 'admin' });
    const cookie = (await signInByApi(ACME, me.email, me.password)).cookie!;
    const res = await postForm(`${ACME}/admin/people/${me.id}?/role`, { role: 'employee' }, cookie);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/my');
    expect((await pageGet(ACME, '/admin', cookie)).status).toBe(403);
  });
});
