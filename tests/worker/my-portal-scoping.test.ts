// DESIGN §4 "Scoping": a user sees and acts on their own rows only. For every My page and API route,
// another employee's ids (real or guessed) and another workspace's ids answer 404 and change nothing.
import { beforeAll, describe, expect, it } from 'vitest';
import { ACME, apiGet, apiWrite, cookieFor, fetchWorker, GLOBEX, pageGet, postForm } from './helpers';
import { acmeDb, assetId, globexDb, insertRequest, one, scalar, userId } from './helpers-data';

let ada: string;
let grace: string;
let hank: string;
let alanAsset: string; // ACME-0005, assigned to alan
let alanRequest: string; // alan's pending "GPU workstation"
let adminNotification: string; // the admin's unread notification
let hankAsset: string; // GLX-0001 in Globex
let hankRequest: string;
const guessed = '00000000-0000-4000-a000-000000000000';

beforeAll(async () => {
  [ada, grace, hank] = await Promise.all([
    cookieFor(ACME, 'ada@acme.example'),
    cookieFor(ACME, 'grace@acme.example'),
    cookieFor(GLOBEX, 'hank@globex.example')
  ]);
  const db = acmeDb();
  alanAsset = await assetId(db, 'ACME-0005');
  // Make alan's device one that *could* be acknowledged, so a refused acknowledge proves the scope.
  await db
    .prepare('UPDATE hardware_assets SET acknowledged_at = NULL, acknowledgement_requested = 1 WHERE id = ?')
    .bind(alanAsset)
    .run();
  alanRequest = (await one<{ id: string }>(db, `SELECT id FROM requests WHERE title = 'GPU workstation'`))!
    .id;
  adminNotification = (await one<{ id: string }>(
    db,
    `SELECT n.id FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.email = 'admin@acme.example' AND n.read_at IS NULL`
  ))!.id;
  hankAsset = await assetId(globexDb(), 'GLX-0001');
  hankRequest = (await one<{ id: string }>(globexDb(), `SELECT id FROM requests LIMIT 1`))!.id;
});

describe('reading someone else’s rows', () => {
  it('lists only ada’s own hardware, requests and notifications (API)', async () => {
    const hw = (await (await apiGet(ACME, '/my/hardware', ada)).json()) as {
      items: { assetTag: string }[];
      total: number;
    };
    expect(hw.items.map((h) => h.assetTag).sort()).toEqual(['ACME-0001', 'ACME-0002', 'ACME-0003']);
    const reqs = (await (await apiGet(ACME, '/my/requests', ada)).json()) as {
      items: { id: string; title: string }[];
    };
    expect(reqs.items.map((r) => r.title)).not.toContain('GPU workstation');
    // Only ada's requests, and some of them: every listed request is hers in the database.
    const adaId = await userId(acmeDb(), 'ada@acme.example');
    expect(reqs.items.length).toBeGreaterThan(0);
    for (const r of reqs.items)
      expect(
        await one(acmeDb(), 'SELECT 1 AS hers FROM requests WHERE id = ? AND user_id = ?', r.id, adaId)
      ).toEqual({
        hers: 1
      });
    const inbox = (await (await apiGet(ACME, '/my/notifications', ada)).json()) as {
      items: { id: string }[];
    };
    expect(inbox.items.map((n) => n.id)).not.toContain(adminNotification);
    const sw = (await (await apiGet(ACME, '/my/software', ada)).json()) as {
      items: { application: string }[];
    };
    expect(sw.items.map((s) => s.application).sort()).toEqual([
      'Figma',
      'IntelliJ IDEA',
      'Microsoft 365',
      'Slack'
    ]);
  });

  it('answers 404 for another employee’s, a guessed, or another workspace’s id (API)', async () => {
    for (const id of [alanAsset, guessed, hankAsset, 'not-an-id', "' OR 1=1 --"]) {
      const res = await apiGet(ACME, `/my/hardware/${encodeURIComponent(id)}`, ada);
      expect(res.status, id).toBe(404);
      expect(await res.json()).toEqual({
        error: { code: 'not_found', message: 'No hardware item of yours has that id.' }
      });
    }
    for (const id of [alanRequest, guessed, hankRequest]) {
      expect((await apiGet(ACME, `/my/requests/${id}`, ada)).status, id).toBe(404);
    }
  });

  it('answers 404 for another employee’s, a guessed, or another workspace’s id (pages)', async () => {
    for (const id of [alanAsset, guessed, hankAsset]) {
      const res = await pageGet(ACME, `/my/hardware/${id}`, ada);
      expect(res.status, id).toBe(404);
      expect(await res.text()).not.toContain('ACME-0005');
    }
    for (const id of [alanRequest, guessed, hankRequest]) {
      const res = await pageGet(ACME, `/my/requests/${id}`, ada);
      expect(res.status, id).toBe(404);
      expect(await res.text()).not.toContain('GPU workstation');
    }
    const list = await (await pageGet(ACME, '/my/hardware', ada)).text();
    expect(list).toContain('ACME-0001');
    expect(list).not.toContain('ACME-0005');
  });

  it('shows grace empty states and no My loans entry; ada has My loans', async () => {
    const graceHw = await (await pageGet(ACME, '/my/hardware', grace)).text();
    expect(graceHw).toContain('No hardware is assigned to you');
    expect(graceHw).not.toContain('href="/my/loans"');
    expect(await (await pageGet(ACME, '/my/software', grace)).text()).toContain(
      'No software licenses are assigned to you'
    );
    expect(await (await pageGet(ACME, '/my/requests', grace)).text()).toContain(
      'You haven’t raised any requests yet'
    );
    expect(await (await pageGet(ACME, '/my/notifications', grace)).text()).toContain('No notifications yet');
    const graceLoans = await pageGet(ACME, '/my/loans', grace);
    expect(graceLoans.status).toBe(200);
    expect(await graceLoans.text()).toContain('Nothing is on loan to you');
    const adaHw = await (await pageGet(ACME, '/my/hardware', ada)).text();
    expect(adaHw).toContain('href="/my/loans"');
    const adaLoans = await (await pageGet(ACME, '/my/loans', ada)).text();
    expect(adaLoans).toContain('Portable projector');
    expect(adaLoans).not.toContain('4G mobile hotspot'); // alan's loan
  });

  it('never accepts a Globex session on Acme (API 401, page to sign in), nor Acme on Globex', async () => {
    for (const path of [
      '/my/hardware',
      '/my/requests',
      '/my/notifications',
      '/my/profile',
      '/my/export',
      '/my/software',
      '/my/loans'
    ]) {
      expect((await apiGet(ACME, path, hank)).status, path).toBe(401);
      expect((await apiGet(GLOBEX, path, ada)).status, path).toBe(401);
    }
    expect((await apiWrite(ACME, `/my/requests/${alanRequest}/cancel`, hank)).status).toBe(401);
    const page = await pageGet(ACME, '/my/hardware', hank);
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toMatch(/^\/login/);
    // Ada's cookie cannot act on hank's rows in Globex either.
    expect((await apiWrite(GLOBEX, `/my/requests/${hankRequest}/cancel`, ada)).status).toBe(401);
    expect(
      (await one<{ status: string }>(globexDb(), 'SELECT status FROM requests WHERE id = ?', hankRequest))!
        .status
    ).toBe('pending');
  });

  it('refuses writes from another origin, even with ada’s own cookie and ids', async () => {
    const adaRequest = (await one<{ id: string }>(
      acmeDb(),
      `SELECT id FROM requests WHERE title = 'Tableau Creator licence'`
    ))!.id;
    const evil = new Headers({ origin: 'http://evil.example', cookie: ada, 'content-length': '0' });
    const res = await fetchWorker(`${ACME}/api/v1/my/requests/${adaRequest}/cancel`, {
      method: 'POST',
      headers: evil
    });
    expect(res.status).toBe(403);
    const page = await fetchWorker(`${ACME}/my/requests/${adaRequest}?/cancel`, {
      method: 'POST',
      headers: new Headers({
        origin: 'http://evil.example',
        cookie: ada,
        'content-type': 'application/x-www-form-urlencoded'
      }),
      body: ''
    });
    expect(page.status).toBe(403);
    expect(
      (await one<{ status: string }>(acmeDb(), 'SELECT status FROM requests WHERE id = ?', adaRequest))!
        .status
    ).toBe('pending');
  });

  it('refuses signed-out callers', async () => {
    expect((await apiGet(ACME, '/my/hardware', null)).status).toBe(401);
    expect((await pageGet(ACME, '/my/requests', null)).status).toBe(303);
  });
});

describe('acting on someone else’s rows changes nothing', () => {
  it('acknowledge, report a problem: 404 through API and page, no row written', async () => {
    const db = acmeDb();
    const maintBefore = await scalar(db, 'SELECT count(*) AS n FROM maintenance_records');
    const auditBefore = await scalar(db, 'SELECT count(*) AS n FROM audit_log');
    const notesBefore = await scalar(db, 'SELECT count(*) AS n FROM notifications');
    for (const id of [alanAsset, guessed, hankAsset]) {
      expect((await apiWrite(ACME, `/my/hardware/${id}/acknowledge`, ada)).status).toBe(404);
      expect(
        (
          await apiWrite(ACME, `/my/hardware/${id}/problems`, ada, {
            description: 'Broken',
            priority: 'high'
          })
        ).status
      ).toBe(404);
      expect((await postForm(`${ACME}/my/hardware/${id}?/acknowledge`, {}, ada)).status).toBe(404);
      expect(
        (
          await postForm(
            `${ACME}/my/hardware/${id}?/report`,
            { description: 'Broken', priority: 'high' },
            ada
          )
        ).status
      ).toBe(404);
    }
    expect(
      (await one<{ acknowledged_at: number | null }>(
        db,
        'SELECT acknowledged_at FROM hardware_assets WHERE id = ?',
        alanAsset
      ))!.acknowledged_at
    ).toBeNull();
    expect(await scalar(db, 'SELECT count(*) AS n FROM maintenance_records')).toBe(maintBefore);
    expect(await scalar(db, 'SELECT count(*) AS n FROM audit_log')).toBe(auditBefore);
    expect(await scalar(db, 'SELECT count(*) AS n FROM notifications')).toBe(notesBefore);
  });

  it('cancel, message: 404 through API and page, request untouched', async () => {
    const db = acmeDb();
    const msgsBefore = await scalar(db, 'SELECT count(*) AS n FROM request_messages');
    const eventsBefore = await scalar(db, 'SELECT count(*) AS n FROM request_events');
    for (const id of [alanRequest, guessed, hankRequest]) {
      expect((await apiWrite(ACME, `/my/requests/${id}/cancel`, ada)).status).toBe(404);
      expect((await apiWrite(ACME, `/my/requests/${id}/messages`, ada, { body: 'Hello' })).status).toBe(404);
      expect((await postForm(`${ACME}/my/requests/${id}?/cancel`, {}, ada)).status).toBe(404);
      expect((await postForm(`${ACME}/my/requests/${id}?/message`, { body: 'Hello' }, ada)).status).toBe(404);
    }
    expect(
      (await one<{ status: string }>(db, 'SELECT status FROM requests WHERE id = ?', alanRequest))!.status
    ).toBe('pending');
    expect(await scalar(db, 'SELECT count(*) AS n FROM request_messages')).toBe(msgsBefore);
    expect(await scalar(db, 'SELECT count(*) AS n FROM request_events')).toBe(eventsBefore);
  });

  it('marking another user’s notification read: 404, still unread', async () => {
    expect((await apiWrite(ACME, `/my/notifications/${adminNotification}/read`, ada)).status).toBe(404);
    expect((await postForm(`${ACME}/my/notifications?/read`, { id: adminNotification }, ada)).status).toBe(
      404
    );
    // "Mark all as read" only ever touches the caller's own rows.
    expect((await apiWrite(ACME, '/my/notifications/read-all', grace)).status).toBe(200);
    expect(
      (await one<{ read_at: number | null }>(
        acmeDb(),
        'SELECT read_at FROM notifications WHERE id = ?',
        adminNotification
      ))!.read_at
    ).toBeNull();
  });

  it('a request raised by grace is invisible to ada', async () => {
    const graceId = await userId(acmeDb(), 'grace@acme.example');
    const id = await insertRequest(acmeDb(), graceId, 'pending', 'Grace’s secret request');
    expect((await apiGet(ACME, `/my/requests/${id}`, ada)).status).toBe(404);
    expect(await (await pageGet(ACME, '/my/requests', ada)).text()).not.toContain('Grace’s secret request');
    expect((await apiGet(ACME, `/my/requests/${id}`, grace)).status).toBe(200);
  });
});
