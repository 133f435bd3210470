// The My portal's notifications, profile, and the download of a copy of your own data.
import { beforeAll, describe, expect, it } from 'vitest';
import { ACME, apiGet, apiWrite, cookieFor, pageGet, postForm } from './helpers';
import { acmeDb, one, scalar, userId } from './helpers-data';
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
