// Admin › Maintenance: the list's filters and search, and refusal to employees and to other workspaces.
import { beforeAll, describe, expect, it } from 'vitest';
import { ACME, adminCookie, apiGet, apiWrite, cookieFor, GLOBEX, pageGet, postForm } from './helpers';
import { acmeDb, globexDb, one, scalar, userId } from './helpers-data';
import { insertProblem } from './helpers-maintenance';

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

const count = (sql: string, ...p: unknown[]) => scalar(acmeDb(), sql, ...p);
const record = (id: string) =>
  one<{
    status: string;
    resolution: string | null;
    resolved_at: number | null;
    updated_at: number;
    notes: string | null;
  }>(
    acmeDb(),
    'SELECT status, resolution, resolved_at, updated_at, notes FROM maintenance_records WHERE id = ?',
    id
  );

describe('the list', () => {
  it('filters by status and priority, searches by asset tag, and shows the seeded report', async () => {
    const { id } = await insertProblem(adaId, {
      tag: 'ACME-0002',
      priority: 'critical',
      status: 'in_progress'
    });
    const hit = (await (
      await apiGet(ACME, '/admin/maintenance?status=in_progress&priority=critical&q=acme-0002', admin)
    ).json()) as { items: { id: string; assetTag: string; reporter: string; status: string }[] };
    expect(hit.items.map((r) => r.id)).toContain(id);
    expect(hit.items.every((r) => r.assetTag === 'ACME-0002' && r.status === 'in_progress')).toBe(true);
    expect(hit.items.find((r) => r.id === id)!.reporter).toBe('Ada Lovelace');
    const miss = (await (await apiGet(ACME, '/admin/maintenance?status=open&q=ACME-0002', admin)).json()) as {
      items: { id: string }[];
    };
    expect(miss.items.map((r) => r.id)).not.toContain(id);
    // "active" = open or in progress (the dashboard's "Open problem reports" figure links here).
    const active = (await (await apiGet(ACME, '/admin/maintenance?status=active', admin)).json()) as {
      items: { id: string; description: string }[];
    };
    expect(active.items.map((r) => r.id)).toContain(id);
    expect(active.items.map((r) => r.description)).toContain('Screen flickers when the lid is half closed.');
    // LIKE wildcards are literal.
    expect(
      ((await (await apiGet(ACME, '/admin/maintenance?q=%25', admin)).json()) as { total: number }).total
    ).toBe(0);
    expect((await apiGet(ACME, '/admin/maintenance?status=broken', admin)).status).toBe(400);
    const html = await (
      await pageGet(ACME, '/admin/maintenance?q=ACME-0002&status=in_progress', admin)
    ).text();
    expect(html).toContain(`/admin/maintenance/${id}`);
    // A bad filter on the page is ignored; no match shows the empty state.
    expect((await pageGet(ACME, '/admin/maintenance?status=%00', admin)).status).toBe(200);
    expect(await (await pageGet(ACME, '/admin/maintenance?q=NO-SUCH-TAG', admin)).text()).toContain(
      'No problem reports match'
    );
  });

  it('the dashboard links its open problem reports figure to the list, and the sidebar has Maintenance', async () => {
    const html = await (await pageGet(ACME, '/admin', admin)).text();
    expect(html).toContain('href="/admin/maintenance?status=active"');
    expect(html).toMatch(/href="\/admin\/maintenance"[^>]*>\s*Maintenance/);
  });

  it('the link in the admins’ "reported a problem" notification opens the record', async () => {
    const phone = await one<{ id: string }>(
      acmeDb(),
      `SELECT id FROM hardware_assets WHERE asset_tag = 'ACME-0003'`
    );
    const res = await apiWrite(ACME, `/my/hardware/${phone!.id}/problems`, ada, {
      description: 'Camera shows a black image.',
      priority: 'low'
    });
    const { id } = (await res.json()) as { id: string };
    const link = (await one<{ link: string }>(
      acmeDb(),
      `SELECT link FROM notifications WHERE user_id = ? AND kind = 'problem_report' ORDER BY created_at DESC`,
      adminId
    ))!.link;
    expect(link).toBe(`/admin/maintenance/${id}`);
    const page = await pageGet(ACME, link, admin);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Camera shows a black image.');
    expect(html).toContain('Ada Lovelace');
    expect(html).toContain('ACME-0003');
  });
});

describe('access', () => {
  it('pages and API: 403 for employees, refused for another workspace’s admin, unknown ids are 404', async () => {
    const { id } = await insertProblem(adaId);
    for (const path of ['/admin/maintenance', `/admin/maintenance/${id}`]) {
      expect((await pageGet(ACME, path, ada)).status, `employee page ${path}`).toBe(403);
      expect([302, 303, 401, 403], `globex page ${path}`).toContain(
        (await pageGet(ACME, path, globexAdmin)).status
      );
      expect((await pageGet(ACME, path, admin)).status, `admin page ${path}`).toBe(200);
      expect((await apiGet(ACME, path, ada)).status, `employee api ${path}`).toBe(403);
      expect([401, 403], `globex api ${path}`).toContain((await apiGet(ACME, path, globexAdmin)).status);
    }
    expect(
      (await apiWrite(ACME, `/admin/maintenance/${id}/status`, ada, { status: 'in_progress' })).status
    ).toBe(403);
    expect((await apiWrite(ACME, `/admin/maintenance/${id}/notes`, ada, { body: 'hi' })).status).toBe(403);
    expect(
      (await postForm(`${ACME}/admin/maintenance/${id}?/status`, { status: 'in_progress' }, ada)).status
    ).toBe(403);
    expect((await postForm(`${ACME}/admin/maintenance/${id}?/note`, { body: 'hi' }, ada)).status).toBe(403);
    // Globex's admin on their own host: Acme's record id is unknown there.
    expect((await apiGet(GLOBEX, `/admin/maintenance/${id}`, globexAdmin)).status).toBe(404);
    expect(
      (await apiWrite(GLOBEX, `/admin/maintenance/${id}/status`, globexAdmin, { status: 'in_progress' }))
        .status
    ).toBe(404);
    expect(
      (await apiWrite(GLOBEX, `/admin/maintenance/${id}/notes`, globexAdmin, { body: 'x' })).status
    ).toBe(404);
    expect((await pageGet(GLOBEX, `/admin/maintenance/${id}`, globexAdmin)).status).toBe(404);
    expect(
      ((await (await apiGet(GLOBEX, '/admin/maintenance?q=ACME', globexAdmin)).json()) as { total: number })
        .total
    ).toBe(0);
    expect(await scalar(globexDb(), 'SELECT count(*) AS n FROM audit_log WHERE entity_id = ?', id)).toBe(0);
    expect(await record(id)).toMatchObject({ status: 'open', notes: null });
    expect(await count('SELECT count(*) AS n FROM audit_log WHERE entity_id = ?', id)).toBe(0);
    expect((await apiGet(ACME, '/admin/maintenance/nope', admin)).status).toBe(404);
    expect((await pageGet(ACME, '/admin/maintenance/nope', admin)).status).toBe(404);
  });
});
