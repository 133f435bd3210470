// "Download a copy of your own data" (seed 000, GDPR self-service export): everything held about the
// signed-in user, read in one batch, each query scoped to that user. Secrets are never exported:
// no password hash, TOTP secret, passkey public key, recovery code, session token hash or device
// credential hash; only the facts about them.
import type { TenantDb } from '../db';
import { auditStatement } from '../audit/record';
import { accountQueries, ownedThingsQueries, requestQueries } from './export-queries';

export const EXPORT_FORMAT = 'ontrackio.personal-data-export/1';

export async function exportDataForUser(
  db: TenantDb,
  userId: string,
  workspace: { slug: string; name: string },
  now = Date.now()
) {
  const [
    profile,
    prefs,
    deviceRows,
    deviceSoftware,
    sessionRows,
    totp,
    passkeyRows,
    auditRows,
    currentHardware,
    hardwareHistory,
    licenceRows,
    licenceDevices,
    loanRows,
    requestRows,
    eventRows,
    messageRows,
    notificationRows,
    problemReports
  ] = await db.batch([
    ...accountQueries(db, userId),
    ...ownedThingsQueries(db, userId),
    ...requestQueries(db, userId)
  ]);
  if (!profile[0]) return null;

  // Exporting is itself recorded (who took a copy of personal data, and when).
  await auditStatement(db, {
    actorId: userId,
    action: 'profile.data_exported',
    entityType: 'user',
    entityId: userId
  });

  return {
    format: EXPORT_FORMAT,
    exportedAt: new Date(now).toISOString(),
    workspace,
    profile: profile[0],
    notificationPreferences: prefs[0] ?? { renewalAlerts: true, requestAlerts: true },
    hardware: { current: currentHardware, assignmentHistory: hardwareHistory },
    licences: licenceRows.map((l) => ({
      ...l,
      devices: licenceDevices.filter((d) => d.assignmentId === l.id).map((d) => d.assetTag)
    })),
    loans: loanRows,
    requests: requestRows.map((r) => ({
      ...r,
      events: eventRows.filter((e) => e.requestId === r.id).map(({ requestId: _r, ...e }) => e),
      messages: messageRows
        .filter((m) => m.requestId === r.id)
        .map(({ requestId: _r, ...m }) => ({ ...m, mine: Boolean(m.mine) }))
    })),
    notifications: notificationRows,
    problemReports,
    pairedDevices: deviceRows.map((d) => ({
      ...d,
      software: deviceSoftware.filter((s) => s.deviceId === d.id).map(({ deviceId: _d, ...s }) => s)
    })),
    security: {
      authenticatorApp: totp[0] ? { confirmedAt: totp[0].confirmedAt, createdAt: totp[0].createdAt } : null,
      passkeys: passkeyRows,
      sessions: sessionRows
    },
    auditLog: auditRows.map((a) => ({ ...a, byMe: Boolean(a.byMe) }))
  };
}

export type MyDataExport = NonNullable<Awaited<ReturnType<typeof exportDataForUser>>>;
