// Admin › Maintenance: the list's filters and search, the allowed transitions, resolution required to
// resolve, compare-and-set updates (a stale version or a concurrent change loses and writes nothing),
// notes, audit rows, the reporter's notifications honouring "Request alerts", the reporter's view on
// My hardware, and refusal to employees and to other workspaces.
import { beforeAll, describe, expect, it } from 'vitest';
import { ACME, adminCookie, apiGet, apiWrite, cookieFor, GLOBEX, pageGet, postForm } from './helpers';
import { acmeDb, globexDb, one, scalar, userId } from './helpers-data';
import { createUser } from './helpers-security';
import { insertAssetAssignedTo, insertProblem } from './helpers-maintenance';

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
const audits = (id: string, action: string) =>
  count('SELECT count(*) AS n FROM audit_log WHERE entity_id = ? AND action = ?', id, action);
const notesFor = (uid: string, kind: string) =>
  count('SELECT count(*) AS n FROM notifications WHERE user_id = ? AND kind = ?', uid, kind);
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
type Detail = {
  status: string;
  version: number;
  allowed: { to: string }[];
  resolution: string | null;
  notes: { author: string; body: string }[];
  reporter: string;
  assetTag: string;
};
const detail = async (id: string) =>
  (await (await apiGet(ACME, `/admin/maintenance/${id}`, admin)).json()) as Detail;
const change = (id: string, body: Record<string, unknown>) =>
  apiWrite(ACME, `/admin/maintenance/${id}/status`, admin, body);
const errorOf = async (res: Response) =>
  ((await res.json()) as { error: { code: string; message: string; fields?: Record<string, string[]> } })
    .error;

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

describe('status changes', () => {
  it('walks open → in progress → resolved → closed: audit rows and a notification to the reporter for each', async () => {
    const { id, assetId } = await insertProblem(adaId);
    const start = await change(id, { status: 'in_progress' });
    expect(start.status).toBe(200);
    expect(((await start.json()) as { status: string }).status).toBe('in_progress');
    expect(await audits(id, 'maintenance.in_progress')).toBe(1);
    const started = await one<{ title: string; link: string }>(
      acmeDb(),
      `SELECT title, link FROM notifications WHERE user_id = ? AND kind = 'maintenance_in_progress' ORDER BY created_at DESC`,
      adaId
    );
    expect(started).toEqual({
      title: 'IT started work on your problem report for iPhone 15 (ACME-0003)',
      link: `/my/hardware/${assetId}`
    });

    const resolve = await postForm(
      `${ACME}/admin/maintenance/${id}?/status`,
      {
        status: 'resolved',
        resolution: 'Replaced the battery.',
        version: String((await detail(id)).version)
      },
      admin
    );
    expect(resolve.status).toBe(200);
    expect(await record(id)).toMatchObject({ status: 'resolved', resolution: 'Replaced the battery.' });
    expect((await record(id))!.resolved_at).toBeGreaterThan(0);
    const resolved = await one<{ title: string; body: string }>(
      acmeDb(),
      `SELECT title, body FROM notifications WHERE user_id = ? AND kind = 'maintenance_resolved' ORDER BY created_at DESC`,
      adaId
    );
    expect(resolved).toEqual({
      title: 'Your problem report for iPhone 15 (ACME-0003) was resolved',
      body: 'Replaced the battery.'
    });
    const audit = await one<{ actor_id: string; before: string; after: string }>(
      acmeDb(),
      `SELECT actor_id, before, after FROM audit_log WHERE entity_id = ? AND action = 'maintenance.resolved'`,
      id
    );
    expect(audit!.actor_id).toBe(adminId);
    expect(JSON.parse(audit!.before)).toEqual({ status: 'in_progress', resolution: null });
    expect(JSON.parse(audit!.after)).toEqual({ status: 'resolved', resolution: 'Replaced the battery.' });

    expect((await change(id, { status: 'closed' })).status).toBe(200);
    expect(await record(id)).toMatchObject({ status: 'closed', resolution: 'Replaced the battery.' });
    expect((await record(id))!.resolved_at).toBeGreaterThan(0);
    expect(await audits(id, 'maintenance.closed')).toBe(1);
    expect(await notesFor(adaId, 'maintenance_closed')).toBeGreaterThan(0);
    expect((await detail(id)).allowed).toEqual([]);

    // Closed is final.
    const reopen = await change(id, { status: 'in_progress' });
    expect(reopen.status).toBe(409);
    expect((await errorOf(reopen)).message).toBe(
      'A problem report that is closed can’t be moved to in progress.'
    );
    expect(await count('SELECT count(*) AS n FROM audit_log WHERE entity_id = ?', id)).toBe(3);
  });

  it('resolving needs a resolution, beside the field on the page and in the API; nothing is written', async () => {
    const { id } = await insertProblem(adaId);
    const api = await change(id, { status: 'resolved', resolution: '   ' });
    expect(api.status).toBe(400);
    expect((await errorOf(api)).fields).toEqual({
      resolution: ['Describe the resolution before resolving.']
    });
    const page = await postForm(
      `${ACME}/admin/maintenance/${id}?/status`,
      {
        status: 'resolved',
        resolution: ''
      },
      admin
    );
    expect(page.status).toBe(400);
    expect(await page.text()).toContain('Describe the resolution before resolving.');
    expect((await record(id))!.status).toBe('open');
    expect(await count('SELECT count(*) AS n FROM audit_log WHERE entity_id = ?', id)).toBe(0);
    // Other bad input is a 400, never a 500.
    expect((await change(id, { status: 'fixed' })).status).toBe(400);
    expect((await change(id, { status: 'in_progress', version: 'yesterday' })).status).toBe(400);
    expect((await change(id, { status: 'resolved', resolution: 'x'.repeat(4001) })).status).toBe(400);
  });

  it('only allowed transitions: open can’t close; reopening clears the resolution', async () => {
    const { id } = await insertProblem(adaId);
    const close = await change(id, { status: 'closed' });
    expect(close.status).toBe(409);
    expect((await errorOf(close)).message).toBe('A problem report that is open can’t be moved to closed.');
    expect((await change(id, { status: 'resolved', resolution: 'Restarted it.' })).status).toBe(200);
    const reopen = await change(id, { status: 'in_progress' });
    expect(reopen.status).toBe(200);
    expect(await record(id)).toMatchObject({ status: 'in_progress', resolution: null, resolved_at: null });
    const n = await one<{ title: string }>(
      acmeDb(),
      `SELECT title FROM notifications WHERE user_id = ? AND kind = 'maintenance_in_progress' ORDER BY created_at DESC`,
      adaId
    );
    expect(n!.title).toBe('Your problem report for iPhone 15 (ACME-0003) was reopened');
  });

  it('a stale version loses: the admin sees that it changed, and nothing is overwritten', async () => {
    const { id } = await insertProblem(adaId);
    const seen = (await detail(id)).version;
    // Another admin starts work first.
    expect((await change(id, { status: 'in_progress', version: seen })).status).toBe(200);
    const stale = await change(id, { status: 'resolved', resolution: 'Mine', version: seen });
    expect(stale.status).toBe(409);
    expect((await errorOf(stale)).message).toBe(
      'This problem report changed while you were looking at it: it is now in progress. Reload to see the latest.'
    );
    expect(await record(id)).toMatchObject({ status: 'in_progress', resolution: null });
    // The page says the same.
    const page = await postForm(
      `${ACME}/admin/maintenance/${id}?/status`,
      {
        status: 'resolved',
        resolution: 'Mine',
        version: String(seen)
      },
      admin
    );
    expect(page.status).toBe(409);
    expect(await page.text()).toContain('changed while you were looking at it');
    // A note counts as a change too: a page loaded before it must reload before resolving.
    const before = (await detail(id)).version;
    expect(
      (await apiWrite(ACME, `/admin/maintenance/${id}/notes`, admin, { body: 'Ordered a part.' })).status
    ).toBe(201);
    expect((await change(id, { status: 'resolved', resolution: 'Mine', version: before })).status).toBe(409);
  });

  it('of two concurrent resolutions exactly one wins; the loser writes no audit row or notification', async () => {
    const { id } = await insertProblem(adaId);
    const version = (await detail(id)).version;
    const before = await notesFor(adaId, 'maintenance_resolved');
    const results = await Promise.all([
      change(id, { status: 'resolved', resolution: 'Fix A', version }),
      change(id, { status: 'resolved', resolution: 'Fix B', version })
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = results[0]!.status === 200 ? 'Fix A' : 'Fix B';
    expect((await record(id))!.resolution).toBe(winner);
    expect(await audits(id, 'maintenance.resolved')).toBe(1);
    expect(await notesFor(adaId, 'maintenance_resolved')).toBe(before + 1);
  });

  it('honours the reporter’s "Request alerts" preference (audit still written)', async () => {
    const quiet = await createUser();
    await acmeDb()
      .prepare(
        'INSERT INTO notification_preferences (user_id, renewal_alerts, request_alerts) VALUES (?, 1, 0)'
      )
      .bind(quiet.id)
      .run();
    const loud = await createUser();
    const q = await insertProblem(quiet.id);
    const l = await insertProblem(loud.id);
    for (const r of [q, l]) {
      expect((await change(r.id, { status: 'in_progress' })).status).toBe(200);
      expect(
        (await apiWrite(ACME, `/admin/maintenance/${r.id}/notes`, admin, { body: 'Looking at it.' })).status
      ).toBe(201);
    }
    expect(await count('SELECT count(*) AS n FROM notifications WHERE user_id = ?', quiet.id)).toBe(0);
    expect(await count('SELECT count(*) AS n FROM notifications WHERE user_id = ?', loud.id)).toBe(2);
    expect(await audits(q.id, 'maintenance.in_progress')).toBe(1);
    expect(await audits(q.id, 'maintenance.note_added')).toBe(1);
  });
});

describe('notes', () => {
  it('are appended (concurrent notes all kept), audited, shown to admins and to the reporter on My hardware', async () => {
    // A reporter and a laptop of this test's own: the notification count below is exact.
    const reporter = await createUser();
    const reporterCookie = await cookieFor(ACME, reporter.email, reporter.password);
    const tag = await insertAssetAssignedTo(reporter.id);
    const { id, assetId } = await insertProblem(reporter.id, { tag, description: 'Speaker crackles.' });
    const bodies = ['First look: loose connector.', 'Second admin: same here.', 'Third: part ordered.'];
    const res = await Promise.all(
      bodies.map((body) => apiWrite(ACME, `/admin/maintenance/${id}/notes`, admin, { body }))
    );
    expect(res.map((r) => r.status)).toEqual([201, 201, 201]);
    const d = await detail(id);
    expect(d.notes.map((n) => n.body).sort()).toEqual([...bodies].sort());
    expect(d.notes.every((n) => n.author === 'Morgan Reyes')).toBe(true);
    expect(await audits(id, 'maintenance.note_added')).toBe(3);
    expect(await notesFor(reporter.id, 'maintenance_note')).toBe(3);
    // The page form: an empty note is refused beside the field.
    const empty = await postForm(`${ACME}/admin/maintenance/${id}?/note`, { body: '  ' }, admin);
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('Write a note.');
    expect(
      (await postForm(`${ACME}/admin/maintenance/${id}?/note`, { body: 'Via the page.' }, admin)).status
    ).toBe(200);
    // The reporter sees their report's status, resolution and the notes where they reported it.
    expect((await change(id, { status: 'resolved', resolution: 'Reseated the connector.' })).status).toBe(
      200
    );
    const mine = (await (await apiGet(ACME, `/my/hardware/${assetId}`, reporterCookie)).json()) as {
      problemReports: {
        id: string;
        status: string;
        resolution: string | null;
        mine: boolean;
        notes: { body: string; by?: string }[];
      }[];
      openProblems: { id: string }[];
    };
    const report = mine.problemReports.find((p) => p.id === id)!;
    expect(report).toMatchObject({ status: 'resolved', resolution: 'Reseated the connector.', mine: true });
    expect(report.notes.map((n) => n.body)).toContain('Via the page.');
    expect(report.notes[0]).not.toHaveProperty('by');
    expect(mine.openProblems.map((p) => p.id)).not.toContain(id);
    const html = await (await pageGet(ACME, `/my/hardware/${assetId}`, reporterCookie)).text();
    expect(html).toContain('Resolved');
    expect(html).toContain('Reseated the connector.');
  });

  it('a plain-text notes value (not JSON) reads as one older note and survives an append', async () => {
    const { id } = await insertProblem(adaId);
    await acmeDb()
      .prepare('UPDATE maintenance_records SET notes = ? WHERE id = ?')
      .bind('Called the vendor.', id)
      .run();
    expect(
      (await apiWrite(ACME, `/admin/maintenance/${id}/notes`, admin, { body: 'Vendor sent a part.' })).status
    ).toBe(201);
    expect((await detail(id)).notes.map((n) => n.body)).toEqual([
      'Called the vendor.',
      'Vendor sent a part.'
    ]);
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
