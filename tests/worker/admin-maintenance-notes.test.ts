// Admin › Maintenance notes: adding notes to a problem report, with their audit rows.
import { beforeAll, describe, expect, it } from 'vitest';
import { ACME, adminCookie, apiGet, apiWrite, cookieFor, pageGet, postForm } from './helpers';
import { acmeDb, scalar, userId } from './helpers-data';
import { createUser } from './helpers-security';
import { insertAssetAssignedTo, insertProblem } from './helpers-maintenance';

let admin: string;
let adaId: string;
beforeAll(async () => {
  admin = await adminCookie(ACME);
  adaId = await userId(acmeDb(), 'ada@acme.example');
});

const count = (sql: string, ...p: unknown[]) => scalar(acmeDb(), sql, ...p);
const audits = (id: string, action: string) =>
  count('SELECT count(*) AS n FROM audit_log WHERE entity_id = ? AND action = ?', id, action);
const notesFor = (uid: string, kind: string) =>
  count('SELECT count(*) AS n FROM notifications WHERE user_id = ? AND kind = ?', uid, kind);
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
