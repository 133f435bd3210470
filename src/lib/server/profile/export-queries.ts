// The reads behind the personal data export (profile/export.ts): each query is scoped to one user,
// and each function returns a tuple so that export.ts can run them all in one db.batch().
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

const ownRequestIds = (db: TenantDb, userId: string) =>
  db.select({ id: requests.id }).from(requests).where(eq(requests.userId, userId));
const ownDeviceIds = (db: TenantDb, userId: string) =>
  db.select({ id: agentDevices.id }).from(agentDevices).where(eq(agentDevices.userId, userId));
const ownAssignmentIds = (db: TenantDb, userId: string) =>
  db
    .select({ id: licenceAssignments.id })
    .from(licenceAssignments)
    .where(eq(licenceAssignments.userId, userId));

// The account itself: profile, preferences, paired devices, sign-in facts and the audit trail.
export function accountQueries(db: TenantDb, userId: string) {
  return [
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
      .where(inArray(agentSoftware.deviceId, ownDeviceIds(db, userId))),
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
  ] as const;
}

// What the user holds: hardware (now and before), licences with their devices, loans.
export function ownedThingsQueries(db: TenantDb, userId: string) {
  return [
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
      .where(inArray(licenceAssignmentDevices.assignmentId, ownAssignmentIds(db, userId))),
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
      .orderBy(asc(loans.lentAt))
  ] as const;
}

// What the user asked for and was told: requests, their events and messages, notifications, problem reports.
export function requestQueries(db: TenantDb, userId: string) {
  return [
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
      .where(inArray(requestEvents.requestId, ownRequestIds(db, userId)))
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
      .where(
        or(
          inArray(requestMessages.requestId, ownRequestIds(db, userId)),
          eq(requestMessages.authorId, userId)
        )
      )
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
      .where(eq(maintenanceRecords.reportedBy, userId))
  ] as const;
}
