// The data export as a ZIP: the full JSON plus one CSV per list, for people who open it in a
// spreadsheet. CSV cells that a spreadsheet would run as a formula (=, +, -, @, tab, CR) are
// prefixed with an apostrophe (OWASP "CSV injection").
import type { MyDataExport } from './export';
import { zipStore } from './zip';

function cell(v: unknown): string {
  let s = v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(rows: Record<string, unknown>[]): string {
  if (rows.length === 0) return '';
  const headers = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return (
    [headers.join(','), ...rows.map((r) => headers.map((h) => cell(r[h])).join(','))].join('\r\n') + '\r\n'
  );
}

export function exportZip(data: MyDataExport): Uint8Array<ArrayBuffer> {
  const requests = data.requests.map(({ events: _e, messages: _m, ...r }) => r);
  const messages = data.requests.flatMap((r) =>
    r.messages.map((m) => ({ requestId: r.id, requestTitle: r.title, ...m }))
  );
  const events = data.requests.flatMap((r) =>
    r.events.map((e) => ({ requestId: r.id, requestTitle: r.title, ...e }))
  );
  return zipStore([
    { name: 'data.json', text: JSON.stringify(data, null, 2) },
    { name: 'profile.csv', text: toCsv([{ ...data.profile, ...data.notificationPreferences }]) },
    { name: 'hardware.csv', text: toCsv(data.hardware.current) },
    { name: 'hardware-history.csv', text: toCsv(data.hardware.assignmentHistory) },
    { name: 'licences.csv', text: toCsv(data.licences.map((l) => ({ ...l, devices: l.devices.join(' ') }))) },
    { name: 'loans.csv', text: toCsv(data.loans) },
    { name: 'requests.csv', text: toCsv(requests) },
    { name: 'request-events.csv', text: toCsv(events) },
    { name: 'request-messages.csv', text: toCsv(messages) },
    { name: 'notifications.csv', text: toCsv(data.notifications) },
    { name: 'problem-reports.csv', text: toCsv(data.problemReports) },
    { name: 'devices.csv', text: toCsv(data.pairedDevices.map(({ software: _s, ...d }) => d)) },
    {
      name: 'device-software.csv',
      text: toCsv(
        data.pairedDevices.flatMap((d) =>
          d.software.map((s) => ({ deviceId: d.id, hostname: d.hostname, ...s }))
        )
      )
    },
    { name: 'sessions.csv', text: toCsv(data.security.sessions) },
    { name: 'audit-log.csv', text: toCsv(data.auditLog) }
  ]);
}
