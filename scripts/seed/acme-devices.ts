// Acme demo seed: paired computers for the Devices page and ada's notifications.
import { insertOrIgnore, stableId } from './sql.ts';
import { DAY, seedIds } from './demo-common.ts';

export function acmeDeviceAndNotificationRows(now: number): string[] {
  const ws = 'acme';
  const { uid } = seedIds(ws);
  const out: string[] = [];
  // Paired computers for the admin's Devices page (ada and grace stay unpaired: the pairing demos and
  // tests start from there). Barbara and Margaret report the serial of the laptop assigned to them;
  // Dennis's computer went quiet 12 days ago and reports a serial IT has no record of; Tim's old
  // pairing was revoked.
  type DemoDevice = {
    key: string;
    holder: string;
    hostname: string;
    os: [string, string];
    cpu: string;
    serial: string;
    seenAgo: number;
    status?: 'revoked';
  };
  const devices: DemoDevice[] = [
    {
      key: 'barbara',
      holder: 'barbara',
      hostname: 'barbara-x1',
      os: ['Ubuntu', '24.04.1 LTS'],
      cpu: 'Intel Core Ultra 7 155U',
      serial: 'SN26629921',
      seenAgo: 3 * 3600_000
    },
    {
      key: 'margaret',
      holder: 'margaret',
      hostname: 'MHAMILTON-LAT',
      os: ['Windows 11 Pro', '23H2'],
      cpu: 'Intel Core i7-1365U',
      serial: 'SN17919010',
      seenAgo: 40 * 60_000
    },
    {
      key: 'dennis',
      holder: 'dennis',
      hostname: 'dmr-workstation',
      os: ['Debian GNU/Linux', '12'],
      cpu: 'AMD Ryzen 7 7840U',
      serial: 'PF4DMR0099',
      seenAgo: 12 * DAY
    },
    {
      key: 'tim-old',
      holder: 'tim',
      hostname: 'tbl-old-mac',
      os: ['macOS', '14.6'],
      cpu: 'Apple M1',
      serial: 'C02TBL00OLD',
      seenAgo: 60 * DAY,
      status: 'revoked'
    }
  ];
  for (const d of devices) {
    const id = stableId(`${ws}:device:${d.key}`);
    out.push(
      insertOrIgnore('agent_devices', {
        id,
        user_id: uid(d.holder),
        // Not hex: no presented credential can ever hash to it, so these demo pairings can't be used.
        credential_hash: `demo-unusable:${ws}:${d.key}`,
        hostname: d.hostname,
        os_name: d.os[0],
        os_version: d.os[1],
        cpu: d.cpu,
        serial: d.serial,
        agent_version: '1.0.0',
        status: d.status ?? 'active',
        enrolled_at: now - 90 * DAY,
        last_seen_at: now - d.seenAgo,
        last_report_at: now - d.seenAgo,
        revoked_at: d.status === 'revoked' ? now - 45 * DAY : null,
        revoked_by: d.status === 'revoked' ? uid('admin') : null
      })
    );
    const apps: [string, string, string][] = [
      ['Google Chrome', '131.0.6778.85', 'Google LLC'],
      ['Slack', '4.41.105', 'Slack Technologies'],
      ['Visual Studio Code', '1.95.3', 'Microsoft Corporation'],
      ['Zoom Workplace', '6.2.11', 'Zoom Video Communications']
    ];
    for (const [name, version, publisher] of apps)
      out.push(insertOrIgnore('agent_software', { device_id: id, name, version, publisher }));
  }

  // Ada's notifications: three unread, two read.
  const notes: [string, string, string, string, boolean, number][] = [
    [
      'n1',
      'request_update',
      'Your request “Adobe Creative Cloud for diagrams” was approved',
      '/my/requests',
      false,
      5
    ],
    ['n2', 'request_message', 'New message on “Second monitor for home office”', '/my/requests', false, 1],
    ['n3', 'renewal_reminder', 'Figma Professional renews soon', '/my/software', false, 2],
    ['n4', 'request_update', 'Your request “Gaming chair” was rejected', '/my/requests', true, 29],
    ['n5', 'hardware_assigned', 'MacBook Pro 14" (M3) was assigned to you', '/my/hardware', true, 3]
  ];
  for (const [k, kind, title, link, read, daysAgo] of notes) {
    out.push(
      insertOrIgnore('notifications', {
        id: stableId(`${ws}:notif:ada:${k}`),
        user_id: uid('ada'),
        kind,
        title,
        body: null,
        link,
        read_at: read ? now - (daysAgo - 1) * DAY : null,
        created_at: now - daysAgo * DAY
      })
    );
  }
  out.push(
    insertOrIgnore('notifications', {
      id: stableId(`${ws}:notif:admin:n1`),
      user_id: uid('admin'),
      kind: 'request_new',
      title: 'Ada Lovelace asked for “Second monitor for home office”',
      body: null,
      link: '/admin',
      read_at: null,
      created_at: now - 2 * DAY
    })
  );
  return out;
}
