// The My portal's request thread: messages, and Cancel in each status (races decided by the database).
import { beforeAll, describe, expect, it } from 'vitest';
import { ACME, apiGet, apiWrite, cookieFor, pageGet, postForm } from './helpers';
import { acmeDb, insertRequest, one, scalar, userId } from './helpers-data';

let ada: string;
let adaId: string;
beforeAll(async () => {
  ada = await cookieFor(ACME, 'ada@acme.example');
  adaId = await userId(acmeDb(), 'ada@acme.example');
});

const auditCount = (entityId: string, action: string) =>
  scalar(
    acmeDb(),
    'SELECT count(*) AS n FROM audit_log WHERE entity_id = ? AND action = ?',
    entityId,
    action
  );

describe('Messages and Cancel', () => {
  it('sends a message on ada’s own request and shows it in the thread', async () => {
    const id = await insertRequest(acmeDb(), adaId, 'pending');
    expect((await apiWrite(ACME, `/my/requests/${id}/messages`, ada, { body: '  ' })).status).toBe(400);
    expect(
      (await apiWrite(ACME, `/my/requests/${id}/messages`, ada, { body: 'm'.repeat(4001) })).status
    ).toBe(400);
    expect((await apiWrite(ACME, `/my/requests/${id}/messages`, ada, { body: 'Any update?' })).status).toBe(
      201
    );
    expect((await postForm(`${ACME}/my/requests/${id}?/message`, { body: 'Second note' }, ada)).status).toBe(
      200
    );
    const detail = (await (await apiGet(ACME, `/my/requests/${id}`, ada)).json()) as {
      messages: { body: string; mine: boolean; author: string }[];
    };
    expect(detail.messages.map((m) => [m.body, m.mine, m.author])).toEqual([
      ['Any update?', true, 'Ada Lovelace'],
      ['Second note', true, 'Ada Lovelace']
    ]);
    expect(await auditCount(id, 'request.message_sent')).toBe(2);
  });

  it('cancels only while pending or approved, in every status', async () => {
    const expected: Record<string, number> = {
      pending: 200,
      approved: 200,
      rejected: 409,
      fulfilled: 409,
      cancelled: 409
    };
    for (const [status, code] of Object.entries(expected)) {
      const id = await insertRequest(acmeDb(), adaId, status);
      const events = await scalar(
        acmeDb(),
        'SELECT count(*) AS n FROM request_events WHERE request_id = ?',
        id
      );
      const res = await apiWrite(ACME, `/my/requests/${id}/cancel`, ada);
      expect(res.status, status).toBe(code);
      const row = await one<{ status: string }>(acmeDb(), 'SELECT status FROM requests WHERE id = ?', id);
      if (code === 200) {
        expect(row!.status).toBe('cancelled');
        expect(
          await scalar(acmeDb(), 'SELECT count(*) AS n FROM request_events WHERE request_id = ?', id)
        ).toBe(events + 1);
        const ev = await one<{ from_status: string; to_status: string; actor_id: string }>(
          acmeDb(),
          `SELECT * FROM request_events WHERE request_id = ? AND to_status = 'cancelled'`,
          id
        );
        expect(ev).toMatchObject({ from_status: status, to_status: 'cancelled', actor_id: adaId });
        expect(await auditCount(id, 'request.cancelled')).toBe(1);
      } else {
        expect(row!.status).toBe(status);
        expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/cancell/);
        expect(
          await scalar(acmeDb(), 'SELECT count(*) AS n FROM request_events WHERE request_id = ?', id)
        ).toBe(events);
        expect(await auditCount(id, 'request.cancelled')).toBe(0);
      }
    }
  });

  it('the page says to message the reviewer when a request can no longer be cancelled', async () => {
    const id = await insertRequest(acmeDb(), adaId, 'fulfilled');
    const html = await (await pageGet(ACME, `/my/requests/${id}`, ada)).text();
    expect(html).toContain('Cancellation works only while a request is pending or approved');
    expect(html).not.toContain('>Cancel request</button>');
    const res = await postForm(`${ACME}/my/requests/${id}?/cancel`, {}, ada);
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('send the reviewer a message instead');
    const pending = await insertRequest(acmeDb(), adaId, 'pending');
    expect(await (await pageGet(ACME, `/my/requests/${pending}`, ada)).text()).toContain('Cancel request');
    expect((await postForm(`${ACME}/my/requests/${pending}?/cancel`, {}, ada)).status).toBe(200);
    expect(
      (await one<{ status: string }>(acmeDb(), 'SELECT status FROM requests WHERE id = ?', pending))!.status
    ).toBe('cancelled');
  });

  it('two concurrent cancels: exactly one wins, one event, one audit row', async () => {
    const id = await insertRequest(acmeDb(), adaId, 'pending');
    const results = await Promise.all([1, 2, 3].map(() => apiWrite(ACME, `/my/requests/${id}/cancel`, ada)));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    expect(
      await scalar(
        acmeDb(),
        `SELECT count(*) AS n FROM request_events WHERE request_id = ? AND to_status = 'cancelled'`,
        id
      )
    ).toBe(1);
    expect(await auditCount(id, 'request.cancelled')).toBe(1);
  });

  it('a cancel racing a reviewer’s rejection is decided once, by the database', async () => {
    for (let round = 0; round < 4; round++) {
      const id = await insertRequest(acmeDb(), adaId, 'pending');
      // The reviewer's side, as the admin console does it: a conditional UPDATE on status = 'pending'.
      const reject = acmeDb()
        .prepare(
          `UPDATE requests SET status = 'rejected', updated_at = ? WHERE id = ? AND status = 'pending'`
        )
        .bind(Date.now(), id)
        .run();
      const [cancel, rejected] = await Promise.all([
        apiWrite(ACME, `/my/requests/${id}/cancel`, ada),
        reject
      ]);
      const final = (await one<{ status: string }>(acmeDb(), 'SELECT status FROM requests WHERE id = ?', id))!
        .status;
      const cancelEvents = await scalar(
        acmeDb(),
        `SELECT count(*) AS n FROM request_events WHERE request_id = ? AND to_status = 'cancelled'`,
        id
      );
      if (final === 'cancelled') {
        expect(cancel.status).toBe(200);
        expect(rejected.meta.changes).toBe(0);
        expect(cancelEvents).toBe(1);
      } else {
        expect(final).toBe('rejected');
        expect(rejected.meta.changes).toBe(1);
        expect(cancel.status).toBe(409);
        expect(cancelEvents).toBe(0);
        expect(await auditCount(id, 'request.cancelled')).toBe(0);
      }
    }
  });
});
