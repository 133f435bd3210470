// The My portal's own actions: acknowledge once, report a problem, raise / message / cancel requests
// (each status, and races decided by the database), notifications, profile, and the data export.
import { beforeAll, describe, expect, it } from 'vitest';
import { ACME, apiGet, apiWrite, cookieFor, pageGet, postForm } from './helpers';
import { acmeDb, assetId, insertRequest, one, scalar, userId } from './helpers-data';
import { crc32 } from '../../src/lib/server/profile/zip';

/** Reads a ZIP of stored (uncompressed) entries, checking each entry's CRC-32. */
function readStoredZip(bytes: Uint8Array): Record<string, string> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: Record<string, string> = {};
  let at = 0;
  while (view.getUint32(at, true) === 0x04034b50) {
    const crc = view.getUint32(at + 14, true);
    const size = view.getUint32(at + 18, true);
    const nameLen = view.getUint16(at + 26, true);
    const extra = view.getUint16(at + 28, true);
    const name = new TextDecoder().decode(bytes.subarray(at + 30, at + 30 + nameLen));
    const data = bytes.subarray(at + 30 + nameLen + extra, at + 30 + nameLen + extra + size);
    if (crc32(data) !== crc) throw new Error(`bad CRC for ${name}`);
    out[name] = new TextDecoder().decode(data);
    at += 30 + nameLen + extra + size;
  }
  if (view.getUint32(at, true) !== 0x02014b50) throw new Error('no central directory after the entries');
  return out;
}

let ada: string;
let adaId: string;
let grace: string;
beforeAll(async () => {
  [ada, grace] = await Promise.all([
    cookieFor(ACME, 'ada@acme.example'),
    cookieFor(ACME, 'grace@acme.example')
  ]);
  adaId = await userId(acmeDb(), 'ada@acme.example');
});

const auditCount = (entityId: string, action: string) =>
  scalar(
    acmeDb(),
    'SELECT count(*) AS n FROM audit_log WHERE entity_id = ? AND action = ?',
    entityId,
    action
  );

describe('Acknowledge', () => {
  it('records once against ada’s name; a repeat (even concurrent) changes nothing', async () => {
    const laptop = await assetId(acmeDb(), 'ACME-0001');
    expect(
      (await one<{ acknowledged_at: number | null }>(
        acmeDb(),
        'SELECT acknowledged_at FROM hardware_assets WHERE id = ?',
        laptop
      ))!.acknowledged_at
    ).toBeNull();
    const [a, b] = await Promise.all([
      apiWrite(ACME, `/my/hardware/${laptop}/acknowledge`, ada),
      apiWrite(ACME, `/my/hardware/${laptop}/acknowledge`, ada)
    ]);
    const bodies = [
      (await a.json()) as { alreadyAcknowledged: boolean; acknowledgedAt: number },
      (await b.json()) as { alreadyAcknowledged: boolean; acknowledgedAt: number }
    ];
    expect(bodies.map((x) => x.alreadyAcknowledged).sort()).toEqual([false, true]);
    expect(bodies[0]!.acknowledgedAt).toBe(bodies[1]!.acknowledgedAt);
    const third = (await (await apiWrite(ACME, `/my/hardware/${laptop}/acknowledge`, ada)).json()) as {
      acknowledgedAt: number;
    };
    expect(third.acknowledgedAt).toBe(bodies[0]!.acknowledgedAt);
    expect(await auditCount(laptop, 'hardware.acknowledged')).toBe(1);
    const audit = await one<{ actor_id: string }>(
      acmeDb(),
      `SELECT actor_id FROM audit_log WHERE entity_id = ? AND action = 'hardware.acknowledged'`,
      laptop
    );
    expect(audit!.actor_id).toBe(adaId);
    // The page shows the recorded acknowledgement instead of the button, and the form post is harmless.
    expect((await postForm(`${ACME}/my/hardware/${laptop}?/acknowledge`, {}, ada)).status).toBe(200);
    const html = await (await pageGet(ACME, `/my/hardware/${laptop}`, ada)).text();
    expect(html).toContain('Received and confirmed by <strong>Ada Lovelace</strong>');
    expect(html).not.toContain('>Acknowledge</button>');
    expect(await auditCount(laptop, 'hardware.acknowledged')).toBe(1);
  });
});

describe('Report a problem', () => {
  it('opens a maintenance record, notifies every active admin, audits, and shows on the item', async () => {
    const phone = await assetId(acmeDb(), 'ACME-0003');
    const admins = await scalar(
      acmeDb(),
      `SELECT count(*) AS n FROM users WHERE role = 'admin' AND status = 'active'`
    );
    const before = await scalar(
      acmeDb(),
      `SELECT count(*) AS n FROM notifications WHERE kind = 'problem_report'`
    );
    const res = await apiWrite(ACME, `/my/hardware/${phone}/problems`, ada, {
      description: 'Battery drains in two hours.',
      priority: 'high'
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const rec = await one<{ asset_id: string; reported_by: string; priority: string; status: string }>(
      acmeDb(),
      'SELECT * FROM maintenance_records WHERE id = ?',
      id
    );
    expect(rec).toMatchObject({ asset_id: phone, reported_by: adaId, priority: 'high', status: 'open' });
    expect(
      await scalar(acmeDb(), `SELECT count(*) AS n FROM notifications WHERE kind = 'problem_report'`)
    ).toBe(before + admins);
    const adminNote = await one<{ title: string }>(
      acmeDb(),
      `SELECT n.title FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.role = 'admin' AND n.kind = 'problem_report' ORDER BY n.created_at DESC`
    );
    expect(adminNote!.title).toContain('Ada Lovelace reported a problem with iPhone 15 (ACME-0003)');
    expect(
      await scalar(
        acmeDb(),
        `SELECT count(*) AS n FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.role <> 'admin' AND n.kind = 'problem_report'`
      )
    ).toBe(0);
    expect(await auditCount(id, 'maintenance.reported')).toBe(1);
    const detail = (await (await apiGet(ACME, `/my/hardware/${phone}`, ada)).json()) as {
      openProblems: { description: string }[];
    };
    expect(detail.openProblems.map((p) => p.description)).toContain('Battery drains in two hours.');
  });

  it('validates description and priority, through the page (kept values) and the API', async () => {
    const phone = await assetId(acmeDb(), 'ACME-0003');
    const before = await scalar(acmeDb(), 'SELECT count(*) AS n FROM maintenance_records');
    const api = await apiWrite(ACME, `/my/hardware/${phone}/problems`, ada, {
      description: '',
      priority: 'urgent'
    });
    expect(api.status).toBe(400);
    expect(((await api.json()) as { error: { fields: Record<string, string[]> } }).error.fields).toEqual({
      description: ['Describe the problem.'],
      priority: ['Choose a priority.']
    });
    const page = await postForm(
      `${ACME}/my/hardware/${phone}?/report`,
      {
        description: 'x'.repeat(4001),
        priority: 'low'
      },
      ada
    );
    expect(page.status).toBe(400);
    expect(await page.text()).toContain('Keep the description to 4,000 characters or fewer.');
    expect(await scalar(acmeDb(), 'SELECT count(*) AS n FROM maintenance_records')).toBe(before);
  });
});

describe('New request', () => {
  const valid = {
    type: 'hardware',
    title: 'USB-C dock',
    justification: 'One cable for the monitor and power.',
    urgency: 'medium'
  };

  it('creates a pending request with its first timeline event, notifies admins, and lists it first', async () => {
    const res = await apiWrite(ACME, '/my/requests', ada, {
      ...valid,
      specificModel: 'CalDigit TS4',
      estimatedCost: 349.99
    });
    expect(res.status).toBe(201);
    const created = (await res.json()) as {
      id: string;
      status: string;
      estimatedCostCents: number;
      timeline: { status: string }[];
    };
    expect(created.status).toBe('pending');
    expect(created.estimatedCostCents).toBe(34999);
    expect(created.timeline.map((e) => e.status)).toEqual(['pending']);
    const list = (await (await apiGet(ACME, '/my/requests', ada)).json()) as { items: { id: string }[] };
    expect(list.items[0]!.id).toBe(created.id);
    expect(await auditCount(created.id, 'request.created')).toBe(1);
    expect(
      await scalar(
        acmeDb(),
        `SELECT count(*) AS n FROM notifications WHERE kind = 'request_new' AND link = ?`,
        `/admin/requests/${created.id}`
      )
    ).toBeGreaterThan(0);
  });

  it('takes the form post, redirects to My requests and shows it pending', async () => {
    const res = await postForm(
      `${ACME}/my/requests/new`,
      {
        ...valid,
        title: 'Grace’s form request',
        categoryId: '',
        softwareId: '',
        specificModel: '',
        estimatedCost: ''
      },
      grace
    );
    expect(res.status).toBe(303);
    const location = res.headers.get('location')!;
    expect(location).toMatch(/^\/my\/requests\?created=/);
    const html = await (await pageGet(ACME, location, grace)).text();
    expect(html).toContain('Grace’s form request');
    expect(html).toContain('Your request was submitted');
    expect(html).toContain('Pending');
  });

  it('enforces the limits at each boundary: 191/192, 4,000/4,001, cost non-negative', async () => {
    const db = acmeDb();
    const count = () => scalar(db, 'SELECT count(*) AS n FROM requests');
    const post = (body: object) => apiWrite(ACME, '/my/requests', ada, body);
    const fields = async (res: Response) =>
      ((await res.json()) as { error: { fields: Record<string, string[]> } }).error.fields;

    const before = await count();
    let res = await post({ ...valid, title: 't'.repeat(192) });
    expect(res.status).toBe(400);
    expect(await fields(res)).toEqual({ title: ['Keep the title to 191 characters or fewer.'] });
    res = await post({ ...valid, justification: 'j'.repeat(4001) });
    expect(await fields(res)).toEqual({
      justification: ['Keep the justification to 4,000 characters or fewer.']
    });
    res = await post({ ...valid, specificModel: 'm'.repeat(192) });
    expect(await fields(res)).toEqual({ specificModel: ['Keep the model to 191 characters or fewer.'] });
    res = await post({ ...valid, estimatedCost: -0.01 });
    expect(await fields(res)).toEqual({ estimatedCost: ['The estimated cost can’t be negative.'] });
    res = await post({ ...valid, estimatedCost: 'twelve' });
    expect(await fields(res)).toEqual({
      estimatedCost: ['Enter the estimated cost as a number, for example 250 or 249.99.']
    });
    res = await post({ ...valid, type: 'holiday', urgency: 'yesterday', title: '   ', justification: 42 });
    expect(Object.keys(await fields(res)).sort()).toEqual(['justification', 'title', 'type', 'urgency']);
    res = await post({ ...valid, categoryId: '00000000-0000-4000-a000-000000000000' });
    expect(await fields(res)).toEqual({ categoryId: ['Choose a hardware category from the list.'] });
    expect(await count()).toBe(before); // nothing partial was written

    res = await post({
      ...valid,
      title: 't'.repeat(191),
      justification: 'j'.repeat(4000),
      specificModel: 'm'.repeat(191),
      estimatedCost: 0
    });
    expect(res.status).toBe(201);
    expect(await count()).toBe(before + 1);
  });

  it('offers and accepts software from the approved catalog only', async () => {
    const db = acmeDb();
    const unapproved = crypto.randomUUID();
    await db
      .prepare(
        `INSERT INTO software_products (id, name, vendor, approved) VALUES (?, 'Pirate Tool', 'Shady Inc', 0)`
      )
      .bind(unapproved)
      .run();
    const options = (await (await apiGet(ACME, '/my/requests/options', ada)).json()) as {
      software: { id: string; name: string }[];
    };
    expect(options.software.map((s) => s.name)).toContain('Figma');
    expect(options.software.map((s) => s.id)).not.toContain(unapproved);
    expect(await (await pageGet(ACME, '/my/requests/new', ada)).text()).not.toContain('Pirate Tool');

    const res = await apiWrite(ACME, '/my/requests', ada, {
      ...valid,
      type: 'software',
      softwareId: unapproved
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { fields: Record<string, string[]> } }).error.fields).toEqual({
      softwareId: ['Choose software from the approved catalog.']
    });
    const figma = options.software.find((s) => s.name === 'Figma')!.id;
    expect(
      (await apiWrite(ACME, '/my/requests', ada, { ...valid, type: 'software', softwareId: figma })).status
    ).toBe(201);
  });

  it('shows each field error beside its field on the page and keeps everything typed', async () => {
    const res = await postForm(
      `${ACME}/my/requests/new`,
      {
        type: 'software',
        title: 'Keep this title',
        justification: '',
        urgency: 'high',
        categoryId: '',
        softwareId: '',
        specificModel: 'Model kept',
        estimatedCost: '-5'
      },
      ada
    );
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toMatch(/id="justification-error"[^>]*>Explain why you need it\.</);
    expect(html).toMatch(/id="estimatedCost-error"[^>]*>The estimated cost can’t be negative\.</);
    expect(html).toContain('value="Keep this title"');
    expect(html).toContain('value="Model kept"');
    expect(html).toContain('value="-5"');
    expect(html).toMatch(/<option value="software" selected/);
    expect(html).toMatch(/<option value="high" selected/);
  });

  it('answers wrong-typed and oversized bodies with 400/413, never 500', async () => {
    expect((await apiWrite(ACME, '/my/requests', ada, ['not', 'an', 'object'])).status).toBe(400);
    expect(
      (await apiWrite(ACME, '/my/requests', ada, { ...valid, justification: 'j'.repeat(70_000) })).status
    ).toBe(413);
    expect((await apiGet(ACME, '/my/requests?page=abc', ada)).status).toBe(400);
    expect((await pageGet(ACME, '/my/requests?page=-1', ada)).status).toBe(400);
  });
});

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

describe('Notifications', () => {
  it('marks one read, then all read; the bell follows', async () => {
    const inbox = (await (await apiGet(ACME, '/my/notifications', ada)).json()) as {
      unread: number;
      items: { id: string; read: boolean; createdAt: number }[];
    };
    expect(inbox.unread).toBeGreaterThan(1);
    const times = inbox.items.map((n) => n.createdAt);
    expect(times).toEqual([...times].sort((a, b) => b - a)); // newest first
    const first = inbox.items.find((n) => !n.read)!;
    expect((await apiWrite(ACME, `/my/notifications/${first.id}/read`, ada)).status).toBe(200);
    const after = (await (await apiGet(ACME, '/my/notifications', ada)).json()) as { unread: number };
    expect(after.unread).toBe(inbox.unread - 1);
    expect(await (await pageGet(ACME, '/my', ada)).text()).toContain(
      `aria-label="${after.unread} unread notification${after.unread === 1 ? '' : 's'}"`
    );
    expect((await postForm(`${ACME}/my/notifications?/readAll`, {}, ada)).status).toBe(200);
    expect(((await (await apiGet(ACME, '/my/notifications', ada)).json()) as { unread: number }).unread).toBe(
      0
    );
    const html = await (await pageGet(ACME, '/my/notifications', ada)).text();
    expect(html).toContain('You’re all caught up.');
    expect(html).toContain('aria-label="0 unread notifications"');
    expect(html).toContain('href="/my/notifications"');
  });
});

describe('My profile', () => {
  it('updates contact details and preferences, validates, and audits', async () => {
    const bad = await apiWrite(
      ACME,
      '/my/profile',
      grace,
      { name: '', phone: 'call me maybe', surprise: 1 },
      'PATCH'
    );
    expect(bad.status).toBe(400);
    const ok = await apiWrite(
      ACME,
      '/my/profile',
      grace,
      { phone: '+44 20 7946 0000', requestAlerts: false },
      'PATCH'
    );
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({
      name: 'Grace Hopper',
      jobTitle: 'Engineer',
      phone: '+44 20 7946 0000',
      requestAlerts: false,
      renewalAlerts: true
    });
    const graceId = await userId(acmeDb(), 'grace@acme.example');
    expect(
      (await one<{ request_alerts: number }>(
        acmeDb(),
        'SELECT request_alerts FROM notification_preferences WHERE user_id = ?',
        graceId
      ))!.request_alerts
    ).toBe(0);
    // The form: contact details with a field error, then preferences (unchecked box = off), then theme.
    const form = await postForm(
      `${ACME}/my/profile?/contact`,
      {
        name: 'Grace Hopper',
        jobTitle: 'j'.repeat(192),
        department: '',
        phone: ''
      },
      grace
    );
    expect(form.status).toBe(400);
    expect(await form.text()).toContain('Keep the job title to 191 characters or fewer.');
    expect((await postForm(`${ACME}/my/profile?/preferences`, { requestAlerts: 'on' }, grace)).status).toBe(
      200
    );
    expect(
      await one(
        acmeDb(),
        'SELECT renewal_alerts, request_alerts FROM notification_preferences WHERE user_id = ?',
        graceId
      )
    ).toEqual({ renewal_alerts: 0, request_alerts: 1 });
    expect((await postForm(`${ACME}/my/profile?/theme`, { theme: 'dark' }, grace)).status).toBe(303);
    expect(await (await pageGet(ACME, '/my/profile', grace)).text()).toContain('data-theme="dark"');
    expect(
      await scalar(
        acmeDb(),
        `SELECT count(*) AS n FROM audit_log WHERE actor_id = ? AND action LIKE 'profile.%'`,
        graceId
      )
    ).toBe(3); // PATCH, preferences, theme (the refused form wrote nothing)
    const html = await (await pageGet(ACME, '/my/profile', grace)).text();
    expect(html).toContain('Two-step verification and security');
    expect(html).toContain('href="/my/profile/security"');
  });
});

describe('Download a copy of your own data', () => {
  it('contains ada’s data and nobody else’s, with no secrets, as a JSON attachment (page and API)', async () => {
    const exports = () =>
      scalar(
        acmeDb(),
        `SELECT count(*) AS n FROM audit_log WHERE actor_id = ? AND action = 'profile.data_exported'`,
        adaId
      );
    const exportsBefore = await exports();
    for (const res of [
      await apiGet(ACME, '/my/export', ada),
      await pageGet(ACME, '/my/profile/export', ada)
    ]) {
      expect(res.status).toBe(200);
      expect(res.headers.get('content-disposition')).toMatch(
        /^attachment; filename="ontrackio-acme-ada-\d{4}-\d{2}-\d{2}\.json"$/
      );
      const text = await res.text();
      const data = JSON.parse(text) as {
        profile: { email: string };
        requests: { title: string; messages: { body: string }[] }[];
        hardware: { current: { assetTag: string }[] };
        licences: unknown[];
        loans: { item: string }[];
        notifications: unknown[];
        auditLog: unknown[];
      };
      expect(data.profile.email).toBe('ada@acme.example');
      expect(data.requests.map((r) => r.title)).toContain('Second monitor for home office');
      expect(data.requests.flatMap((r) => r.messages.map((m) => m.body))).toContain(
        '27", USB-C if possible.'
      );
      expect(data.hardware.current.map((h) => h.assetTag).sort()).toEqual([
        'ACME-0001',
        'ACME-0002',
        'ACME-0003'
      ]);
      expect(data.licences).toHaveLength(4);
      expect(data.loans.map((l) => l.item)).toEqual(['Portable projector']);
      expect(data.notifications.length).toBeGreaterThan(0);
      expect(data.auditLog.length).toBeGreaterThan(0);
      for (const foreign of [
        'GPU workstation',
        'alan@acme.example',
        'grace@acme.example',
        'ACME-0005',
        '4G mobile hotspot',
        'Doomsday',
        'password_hash',
        'passwordHash',
        'credential_hash',
        'pbkdf2'
      ]) {
        expect(text, foreign).not.toContain(foreign);
      }
    }
    // Exactly one audit row per download (page and API), whatever other tests exported before.
    expect(await exports()).toBe(exportsBefore + 2);
  });

  it('also comes as a ZIP holding the JSON and a CSV per list, with formula cells neutralised', async () => {
    // A request title that a spreadsheet would run as a formula.
    expect(
      (
        await apiWrite(ACME, '/my/requests', ada, {
          type: 'other',
          title: '=HYPERLINK("http://evil.example")',
          justification: 'CSV check.',
          urgency: 'low'
        })
      ).status
    ).toBe(201);
    for (const res of [
      await apiGet(ACME, '/my/export?format=zip', ada),
      await pageGet(ACME, '/my/profile/export?format=zip', ada)
    ]) {
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/zip');
      expect(res.headers.get('content-disposition')).toMatch(
        /filename="ontrackio-acme-ada-\d{4}-\d{2}-\d{2}\.zip"$/
      );
      const files = readStoredZip(new Uint8Array(await res.arrayBuffer()));
      expect(Object.keys(files)).toEqual(
        expect.arrayContaining([
          'data.json',
          'requests.csv',
          'request-messages.csv',
          'hardware.csv',
          'audit-log.csv'
        ])
      );
      expect((JSON.parse(files['data.json']!) as { profile: { email: string } }).profile.email).toBe(
        'ada@acme.example'
      );
      const csv = files['requests.csv']!;
      expect(csv.split('\r\n')[0]).toContain('title');
      expect(csv).toContain('Second monitor for home office');
      expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
      expect(csv).not.toContain('GPU workstation');
    }
  });

  it('for grace: an export with empty lists', async () => {
    const data = (await (await apiGet(ACME, '/my/export', grace)).json()) as {
      profile: { email: string };
      requests: unknown[];
      hardware: { current: unknown[] };
    };
    expect(data.profile.email).toBe('grace@acme.example');
    expect(data.hardware.current).toEqual([]);
  });
});
