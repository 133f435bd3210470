// Admin › Requests: the queue's filters, approve / reject (with a reason) / mark fulfilled, the thread,
// and the rules: conditional transitions under concurrency, audit + event rows, notifications that
// honour the requester's preferences.
import { beforeAll, describe, expect, it } from 'vitest';
import { ACME, adminCookie, apiGet, apiWrite, cookieFor, pageGet, postForm } from './helpers';
import { acmeDb, insertRequest, one, scalar, userId } from './helpers-data';
import { createUser } from './helpers-security';

let admin: string;
let adminId: string;
let adaId: string;
beforeAll(async () => {
  admin = await adminCookie(ACME);
  adminId = await userId(acmeDb(), 'admin@acme.example');
  adaId = await userId(acmeDb(), 'ada@acme.example');
});

const count = (sql: string, ...p: unknown[]) => scalar(acmeDb(), sql, ...p);
const notes = (uid: string, link: string) =>
  count('SELECT count(*) AS n FROM notifications WHERE user_id = ? AND link = ?', uid, link);

describe('the queue', () => {
  it('filters by status, type and urgency', async () => {
    const id = await insertRequest(
      acmeDb(),
      adaId,
      'pending',
      `Filter probe ${crypto.randomUUID().slice(0, 6)}`
    );
    await acmeDb()
      .prepare(`UPDATE requests SET type = 'access', urgency = 'critical' WHERE id = ?`)
      .bind(id)
      .run();
    const hit = (await (
      await apiGet(ACME, '/admin/requests?status=pending&type=access&urgency=critical', admin)
    ).json()) as {
      items: { id: string; status: string; type: string; urgency: string; requester: string }[];
    };
    expect(hit.items.map((r) => r.id)).toContain(id);
    expect(
      hit.items.every((r) => r.status === 'pending' && r.type === 'access' && r.urgency === 'critical')
    ).toBe(true);
    expect(hit.items.find((r) => r.id === id)!.requester).toBe('Ada Lovelace');
    const miss = (await (
      await apiGet(ACME, '/admin/requests?status=approved&type=access&urgency=critical', admin)
    ).json()) as { items: { id: string }[] };
    expect(miss.items.map((r) => r.id)).not.toContain(id);
    const bad = await apiGet(ACME, '/admin/requests?status=lost', admin);
    expect(bad.status).toBe(400);
    // The page shows the row and keeps the chosen filters.
    const html = await (
      await pageGet(ACME, '/admin/requests?status=pending&type=access&urgency=critical', admin)
    ).text();
    expect(html).toContain(`/admin/requests/${id}`);
    // A bad filter on the page is ignored, not a 500.
    expect((await pageGet(ACME, '/admin/requests?status=%00lost', admin)).status).toBe(200);
  });
});

describe('decisions', () => {
  it('approve then mark fulfilled: events, audit rows and notifications for the requester', async () => {
    const id = await insertRequest(acmeDb(), adaId, 'pending');
    const res = await apiWrite(ACME, `/admin/requests/${id}/decision`, admin, { decision: 'approve' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, status: 'approved' });
    const row = await one<{ status: string; decided_by: string }>(
      acmeDb(),
      'SELECT status, decided_by FROM requests WHERE id = ?',
      id
    );
    expect(row).toMatchObject({ status: 'approved', decided_by: adminId });
    expect(
      await count(
        `SELECT count(*) AS n FROM request_events WHERE request_id = ? AND to_status = 'approved' AND actor_id = ?`,
        id,
        adminId
      )
    ).toBe(1);
    expect(
      await count(
        `SELECT count(*) AS n FROM audit_log WHERE entity_id = ? AND action = 'request.approved' AND actor_id = ?`,
        id,
        adminId
      )
    ).toBe(1);
    expect(await notes(adaId, `/my/requests/${id}`)).toBe(1);

    const fulfil = await apiWrite(ACME, `/admin/requests/${id}/decision`, admin, { decision: 'fulfil' });
    expect(fulfil.status).toBe(200);
    expect(
      await count(
        `SELECT count(*) AS n FROM audit_log WHERE entity_id = ? AND action = 'request.fulfilled'`,
        id
      )
    ).toBe(1);
    expect(await notes(adaId, `/my/requests/${id}`)).toBe(2);
    // Ada's own view shows the new status.
    const mine = (await (
      await apiGet(ACME, `/my/requests/${id}`, await cookieFor(ACME, 'ada@acme.example'))
    ).json()) as { status: string };
    expect(mine.status).toBe('fulfilled');
  });

  it('reject needs a reason, stores it and shows it to the requester', async () => {
    const id = await insertRequest(acmeDb(), adaId, 'pending');
    const noReason = await apiWrite(ACME, `/admin/requests/${id}/decision`, admin, { decision: 'reject' });
    expect(noReason.status).toBe(400);
    expect(
      ((await noReason.json()) as { error: { fields: Record<string, string[]> } }).error.fields.reason
    ).toEqual(['Give the requester a reason for the rejection.']);
    // The page form shows the same error beside the field.
    const page = await postForm(
      `${ACME}/admin/requests/${id}?/decide`,
      {
        decision: 'reject',
        reason: '  '
      },
      admin
    );
    expect(page.status).toBe(400);
    const ok = await postForm(
      `${ACME}/admin/requests/${id}?/decide`,
      {
        decision: 'reject',
        reason: 'Use the shared scanner on floor 2.'
      },
      admin
    );
    expect(ok.status).toBe(200);
    const row = await one<{ status: string; decision_reason: string }>(
      acmeDb(),
      'SELECT status, decision_reason FROM requests WHERE id = ?',
      id
    );
    expect(row).toEqual({ status: 'rejected', decision_reason: 'Use the shared scanner on floor 2.' });
    const detail = (await (await apiGet(ACME, `/admin/requests/${id}`, admin)).json()) as Record<
      string,
      unknown
    >;
    expect(detail).toMatchObject({
      status: 'rejected',
      decidedBy: 'Morgan Reyes',
      decisionReason: 'Use the shared scanner on floor 2.',
      requester: 'Ada Lovelace',
      allowed: []
    });
    const n = await one<{ title: string; body: string }>(
      acmeDb(),
      'SELECT title, body FROM notifications WHERE user_id = ? AND link = ?',
      adaId,
      `/my/requests/${id}`
    );
    expect(n!.title).toContain('was rejected');
    expect(n!.body).toBe('Use the shared scanner on floor 2.');
  });

  it('two concurrent decisions: exactly one wins, the other is told the request changed; one set of rows', async () => {
    const id = await insertRequest(acmeDb(), adaId, 'pending');
    const [a, b] = await Promise.all([
      apiWrite(ACME, `/admin/requests/${id}/decision`, admin, { decision: 'approve' }),
      apiWrite(ACME, `/admin/requests/${id}/decision`, admin, {
        decision: 'reject',
        reason: 'Budget freeze.'
      })
    ]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect(((await loser.json()) as { error: { message: string } }).error.message).toMatch(
      /^This request changed while you were looking at it: it is now (approved|rejected)\./
    );
    expect(
      await count(
        `SELECT count(*) AS n FROM request_events WHERE request_id = ? AND from_status = 'pending'`,
        id
      )
    ).toBe(1);
    expect(
      await count(
        `SELECT count(*) AS n FROM audit_log WHERE entity_id = ? AND action IN ('request.approved', 'request.rejected')`,
        id
      )
    ).toBe(1);
    expect(await notes(adaId, `/my/requests/${id}`)).toBe(1);
  });

  it('a decision on a cancelled request is refused on the page with clear words', async () => {
    const id = await insertRequest(acmeDb(), adaId, 'cancelled');
    const res = await postForm(`${ACME}/admin/requests/${id}?/decide`, { decision: 'approve' }, admin);
    expect(res.status).toBe(409);
    expect(await count(`SELECT count(*) AS n FROM audit_log WHERE entity_id = ?`, id)).toBe(0);
    const fulfilPending = await apiWrite(
      ACME,
      `/admin/requests/${await insertRequest(acmeDb(), adaId, 'pending')}/decision`,
      admin,
      { decision: 'fulfil' }
    );
    expect(fulfilPending.status).toBe(409);
    expect(((await fulfilPending.json()) as { error: { message: string } }).error.message).toContain(
      'approve it before marking it fulfilled'
    );
    expect(
      (await apiWrite(ACME, `/admin/requests/nope/decision`, admin, { decision: 'approve' })).status
    ).toBe(404);
  });

  it('honours the requester’s "Request alerts" preference', async () => {
    const quiet = await createUser();
    await acmeDb()
      .prepare(
        'INSERT INTO notification_preferences (user_id, renewal_alerts, request_alerts) VALUES (?, 1, 0)'
      )
      .bind(quiet.id)
      .run();
    const id = await insertRequest(acmeDb(), quiet.id, 'pending');
    expect(
      (await apiWrite(ACME, `/admin/requests/${id}/decision`, admin, { decision: 'approve' })).status
    ).toBe(200);
    expect(await notes(quiet.id, `/my/requests/${id}`)).toBe(0);
    expect(
      await count(
        `SELECT count(*) AS n FROM audit_log WHERE entity_id = ? AND action = 'request.approved'`,
        id
      )
    ).toBe(1);
  });
});

describe('the thread', () => {
  it('an admin message reaches the requester’s thread and notifications; empty messages are refused', async () => {
    const id = await insertRequest(acmeDb(), adaId, 'pending');
    const res = await postForm(
      `${ACME}/admin/requests/${id}?/message`,
      {
        body: 'Which team is this for?'
      },
      admin
    );
    expect(res.status).toBe(200);
    const ada = await cookieFor(ACME, 'ada@acme.example');
    const mine = (await (await apiGet(ACME, `/my/requests/${id}`, ada)).json()) as {
      messages: { body: string; mine: boolean; author: string }[];
    };
    expect(mine.messages).toEqual([
      expect.objectContaining({ body: 'Which team is this for?', mine: false })
    ]);
    expect(await notes(adaId, `/my/requests/${id}`)).toBe(1);
    expect(
      await count(
        `SELECT count(*) AS n FROM audit_log WHERE entity_id = ? AND action = 'request.message_sent' AND actor_id = ?`,
        id,
        adminId
      )
    ).toBe(1);
    expect((await apiWrite(ACME, `/admin/requests/${id}/messages`, admin, { body: '' })).status).toBe(400);
    const detail = (await (await apiGet(ACME, `/admin/requests/${id}`, admin)).json()) as {
      messages: { fromRequester: boolean }[];
      allowed: string[];
    };
    expect(detail.messages[0]!.fromRequester).toBe(false);
    // Every field lands in its own place (same-named columns in a batch must not shift the mapping).
    expect(detail).toMatchObject({
      id,
      requester: 'Ada Lovelace',
      requesterId: adaId,
      requesterEmail: 'ada@acme.example',
      justification: 'For a test.',
      status: 'pending',
      decidedBy: null,
      decisionReason: null
    });
    expect(detail.allowed).toEqual(['approve', 'reject']);
  });
});
