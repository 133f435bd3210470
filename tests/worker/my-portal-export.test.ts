// Split from my-portal-actions.test.ts (its header says what the set covers). This file: Download a copy of
// your own data.
import { beforeAll, describe, expect, it } from 'vitest';
import { ACME, apiGet, apiWrite, cookieFor, pageGet } from './helpers';
import { acmeDb, scalar, userId } from './helpers-data';
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

describe('Download a copy of your own data', () => {
  it('contains ada’s data and nobody else’s, with no secrets, as a JSON attachment (page and API)', async () => {
    // Something of ada's own in the audit log, whatever ran before this test.
    const raised = await apiWrite(ACME, '/my/requests', ada, {
      type: 'other',
      title: 'Export check',
      justification: 'So the export has an audit row of mine.',
      urgency: 'low'
    });
    expect(raised.status).toBe(201);
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
