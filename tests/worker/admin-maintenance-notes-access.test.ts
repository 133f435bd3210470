// Split from admin-maintenance.test.ts (its header says what the set covers). This file: notes; access.
import { beforeAll, describe, expect, it } from 'vitest';
import { ACME, adminCookie, apiGet, apiWrite, cookieFor, GLOBEX, pageGet, postForm } from './helpers';
import { acmeDb, globexDb, one, scalar, userId } from './helpers-data';
import { createUser } from './helpers-security';
import { insertAssetAssignedTo, insertProblem } from './helpers-maintenance';

let admin: string;

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
