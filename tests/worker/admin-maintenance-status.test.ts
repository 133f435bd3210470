// Admin › Maintenance status changes: the allowed transitions, resolution required to resolve,
// compare-and-set updates (a stale version or a concurrent change loses and writes nothing), audit rows,
// the reporter's notifications honouring "Request alerts", and the reporter's view on My hardware.
import { beforeAll, describe, expect, it } from 'vitest';
import { ACME, adminCookie, apiGet, apiWrite, postForm } from './helpers';
import { acmeDb, one, scalar, userId } from './helpers-data';
import { createUser } from './helpers-security';
import { insertProblem } from './helpers-maintenance';

let admin: string;
let adminId: string;
let adaId: string;
beforeAll(async () => {
  admin = await adminCookie(ACME);
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
