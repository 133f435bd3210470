// "Download a copy of your own data" (seed 000, GDPR self-service export): everything held about the
// signed-in user, read in one batch, each query scoped to that user. Secrets are never exported:
// no password hash, TOTP secret, passkey public key, recovery code, session token hash or device
// credential hash; only the facts about them.
import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import type { TenantDb } from '../db';
import {
  agentDevices,
  agentSoftware,
  auditLog,
  hardwareAssets,
  hardwareAssignments,
  hardwareModels,
  licenceAssignmentDevices,
  licenceAssignments,
  licences,
  loanPoolItems,
  loans,
  maintenanceRecords,
  notificationPreferences,
  notifications,
  passkeys,
  requestEvents,
  requestMessages,
  requests,
  sessions,
  softwareProducts,
  totpCredentials,
  users
} from '../db/tenant-schema';
import { auditStatement } from '../audit/record';

export const EXPORT_FORMAT = 'ontrackio.personal-data-export/1';

export async function exportDataForUser(
  db: TenantDb,
  userId: string,
  workspace: { slug: string; name: string },
  now = Date.now()
) {
  const ownRequestIds = db.select({ id: requests.id }).from(requests).where(eq(requests.userId, userId));
  const ownDeviceIds = db
    .select({ id: agentDevices.id })
    .from(agentDevices)
    .where(eq(agentDevices.userId, userId));
  const ownAssignmentIds = db
    .select({ id: licenceAssignments.id })
    .from(licenceAssignments)
    .where(eq(licenceAssignments.userId, userId));
  const [
    profile,
    prefs,
    currentHardware,
    hardwareHistory,
    licenceRows,
    licenceDevices,
    loanRows,
    requestRows,
    eventRows,
    messageRows,
    notificationRows,
    problemReports,
    deviceRows,
    deviceSoftware,
    sessionRows,
    totp,
    passkeyRows,
    auditRows
  ] = await db.batch([
    db
      .select({
        id: users.id,
        email: users.email,
        name: users.name,
        role: users.role,
        status: users.status,
        jobTitle: users.jobTitle,
        department: users.department,
        phone: users.phone,
        theme: users.theme,
        createdAt: users.createdAt,
        updatedAt: users.updatedAt
      })
      .from(users)
      .where(eq(users.id, userId)),
    db
      .select({
        renewalAlerts: notificationPreferences.renewalAlerts,
        requestAlerts: notificationPreferences.requestAlerts
      })
      .from(notificationPreferences)
      .where(eq(notificationPreferences.userId, userId)),
    db
      .select({
        id: hardwareAssets.id,
        assetTag: hardwareAssets.assetTag,
        serial: hardwareAssets.serial,
        manufacturer: hardwareModels.manufacturer,
        model: hardwareModels.name,
        status: hardwareAssets.status,
        assignedAt: hardwareAssets.assignedAt,
        acknowledgedAt: hardwareAssets.acknowledgedAt
      })
      .from(hardwareAssets)
      .innerJoin(hardwareModels, eq(hardwareModels.id, hardwareAssets.modelId))
      .where(eq(hardwareAssets.assignedTo, userId)),
    db
      .select({
        assetTag: hardwareAssets.assetTag,
        model: hardwareModels.name,
        assignedAt: hardwareAssignments.assignedAt,
        returnedAt: hardwareAssignments.returnedAt
      })
      .from(hardwareAssignments)
      .innerJoin(hardwareAssets, eq(hardwareAssets.id, hardwareAssignments.assetId))
      .innerJoin(hardwareModels, eq(hardwareModels.id, hardwareAssets.modelId))
      .where(eq(hardwareAssignments.userId, userId))
      .orderBy(asc(hardwareAssignments.assignedAt)),
    db
      .select({
        id: licenceAssignments.id,
        application: softwareProducts.name,
        vendor: softwareProducts.vendor,
        edition: licences.edition,
        renewalDate: licences.renewalDate,
        assignedAt: licenceAssignments.assignedAt
      })
      .from(licenceAssignments)
      .innerJoin(licences, eq(licences.id, licenceAssignments.licenceId))
      .innerJoin(softwareProducts, eq(softwareProducts.id, licences.productId))
      .where(eq(licenceAssignments.userId, userId)),
    db
      .select({ assignmentId: licenceAssignmentDevices.assignmentId, assetTag: hardwareAssets.assetTag })
      .from(licenceAssignmentDevices)
      .innerJoin(hardwareAssets, eq(hardwareAssets.id, licenceAssignmentDevices.assetId))
      .where(inArray(licenceAssignmentDevices.assignmentId, ownAssignmentIds)),
    db
      .select({
        item: loanPoolItems.name,
        assetTag: loanPoolItems.assetTag,
        lentAt: loans.lentAt,
        dueDate: loans.dueDate,
        returnedAt: loans.returnedAt,
        notes: loans.notes
      })
      .from(loans)
      .innerJoin(loanPoolItems, eq(loanPoolItems.id, loans.itemId))
      .where(eq(loans.userId, userId))
      .orderBy(asc(loans.lentAt)),
    db
      .select({
        id: requests.id,
        type: requests.type,
        title: requests.title,
        justification: requests.justification,
        urgency: requests.urgency,
        specificModel: requests.specificModel,
        estimatedCostCents: requests.estimatedCostCents,
        status: requests.status,
        decisionReason: requests.decisionReason,
        createdAt: requests.createdAt,
        updatedAt: requests.updatedAt
      })
      .from(requests)
      .where(eq(requests.userId, userId))
      .orderBy(asc(requests.createdAt)),
    db
      .select({
        requestId: requestEvents.requestId,
        from: requestEvents.fromStatus,
        to: requestEvents.toStatus,
        note: requestEvents.note,
        at: requestEvents.createdAt
      })
      .from(requestEvents)
      .where(inArray(requestEvents.requestId, ownRequestIds))
      .orderBy(asc(requestEvents.createdAt)),
    // Messages on the user's own requests (including the reviewer's replies to them) and any message they wrote.
    db
      .select({
        requestId: requestMessages.requestId,
        // A help-desk reply has no OnTrackio author, only the agent's label.
        author: sql<string>`coalesce(${users.name}, ${requestMessages.authorLabel}, '')`.as('author_name'),
        mine: eq(requestMessages.authorId, userId),
        body: requestMessages.body,
        at: requestMessages.createdAt
      })
      .from(requestMessages)
      .leftJoin(users, eq(users.id, requestMessages.authorId))
      .where(or(inArray(requestMessages.requestId, ownRequestIds), eq(requestMessages.authorId, userId)))
      .orderBy(asc(requestMessages.createdAt)),
    db
      .select({
        kind: notifications.kind,
        title: notifications.title,
        body: notifications.body,
        link: notifications.link,
        readAt: notifications.readAt,
        createdAt: notifications.createdAt
      })
      .from(notifications)
      .where(eq(notifications.userId, userId))
      .orderBy(asc(notifications.createdAt)),
    db
      .select({
        assetTag: hardwareAssets.assetTag,
        description: maintenanceRecords.description,
        priority: maintenanceRecords.priority,
        status: maintenanceRecords.status,
        createdAt: maintenanceRecords.createdAt
      })
      .from(maintenanceRecords)
      .innerJoin(hardwareAssets, eq(hardwareAssets.id, maintenanceRecords.assetId))
      .where(eq(maintenanceRecords.reportedBy, userId)),
    db
      .select({
        id: agentDevices.id,
        hostname: agentDevices.hostname,
        osName: agentDevices.osName,
        osVersion: agentDevices.osVersion,
        cpu: agentDevices.cpu,
        serial: agentDevices.serial,
        agentVersion: agentDevices.agentVersion,
        status: agentDevices.status,
        enrolledAt: agentDevices.enrolledAt,
        lastSeenAt: agentDevices.lastSeenAt,
        lastReportAt: agentDevices.lastReportAt,
        revokedAt: agentDevices.revokedAt
      })
      .from(agentDevices)
      .where(eq(agentDevices.userId, userId)),
    db
      .select({
        deviceId: agentSoftware.deviceId,
        name: agentSoftware.name,
        version: agentSoftware.version,
        publisher: agentSoftware.publisher
      })
      .from(agentSoftware)
      .where(inArray(agentSoftware.deviceId, ownDeviceIds)),
    db
      .select({
        createdAt: sessions.createdAt,
        lastSeenAt: sessions.lastSeenAt,
        revokedAt: sessions.revokedAt,
        authMethod: sessions.authMethod,
        userAgent: sessions.userAgent,
        ipAddress: sessions.ipAddress
      })
      .from(sessions)
      .where(eq(sessions.userId, userId))
      .orderBy(asc(sessions.createdAt)),
    db
      .select({ confirmedAt: totpCredentials.confirmedAt, createdAt: totpCredentials.createdAt })
      .from(totpCredentials)
      .where(eq(totpCredentials.userId, userId)),
    db
      .select({ name: passkeys.name, createdAt: passkeys.createdAt, lastUsedAt: passkeys.lastUsedAt })
      .from(passkeys)
      .where(eq(passkeys.userId, userId)),
    // What the user did, and what was done to their account.
    db
      .select({
        at: auditLog.createdAt,
        action: auditLog.action,
        entityType: auditLog.entityType,
        entityId: auditLog.entityId,
        byMe: eq(auditLog.actorId, userId),
        before: auditLog.before,
        after: auditLog.after
      })
      .from(auditLog)
      .where(
        or(eq(auditLog.actorId, userId), and(eq(auditLog.entityType, 'user'), eq(auditLog.entityId, userId)))
      )
      .orderBy(asc(auditLog.id))
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
