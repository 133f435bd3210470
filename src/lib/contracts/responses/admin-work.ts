// Response shapes of /api/v1/admin/{requests,maintenance,devices,audit} (services in
// src/lib/server/{requests,maintenance,devices,audit}).
import * as z from 'zod';
import { DEVICE_STATUSES, MAINTENANCE_STATUSES, REQUEST_STATUSES } from '../enums';
import { REQUEST_DECISIONS } from '../admin';
import { epochMs, paged } from './common';
import { requestTimelineSchema } from './my';

const requestStatus = z.enum(REQUEST_STATUSES);

const queueRow = z.strictObject({
  id: z.string(),
  title: z.string(),
  type: z.string(),
  urgency: z.string(),
  status: requestStatus,
  requester: z.string(),
  createdAt: epochMs,
  updatedAt: epochMs
});
export const requestQueuePageSchema = paged(queueRow.meta({ id: 'RequestQueueRow' }));

export const adminRequestDetailSchema = queueRow
  .extend({
    requesterId: z.string(),
    requesterEmail: z.string(),
    justification: z.string(),
    category: z.string().nullable(),
    software: z.string().nullable(),
    specificModel: z.string().nullable(),
    estimatedCostCents: z.number().int().nullable(),
    decisionReason: z.string().nullable(),
    decidedBy: z.string().nullable(),
    decidedAt: epochMs.nullable(),
    allowed: z.array(z.enum(REQUEST_DECISIONS)),
    timeline: requestTimelineSchema,
    messages: z.array(
      z.strictObject({
        id: z.string(),
        author: z.string(),
        fromRequester: z.boolean(),
        body: z.string(),
        at: epochMs
      })
    )
  })
  .meta({ id: 'AdminRequestDetail' });

export const decidedSchema = z.strictObject({ ok: z.literal(true), status: requestStatus });

const maintenanceStatus = z.enum(MAINTENANCE_STATUSES);
const maintenanceRow = z.strictObject({
  id: z.string(),
  assetId: z.string(),
  assetTag: z.string(),
  model: z.string(),
  reporter: z.string(),
  description: z.string(),
  priority: z.string(),
  status: maintenanceStatus,
  createdAt: epochMs,
  updatedAt: epochMs
});
export const maintenancePageSchema = paged(maintenanceRow.meta({ id: 'MaintenanceRow' }));

export const maintenanceDetailSchema = maintenanceRow
  .extend({
    manufacturer: z.string(),
    serial: z.string().nullable(),
    assetStatus: z.string(),
    reporterId: z.string(),
    reporterEmail: z.string(),
    resolution: z.string().nullable(),
    resolvedAt: epochMs.nullable(),
    version: z.number().int(),
    allowed: z.array(z.strictObject({ to: maintenanceStatus, label: z.string() })),
    notes: z.array(
      z.strictObject({
        id: z.string(),
        at: epochMs,
        by: z.string().nullable(),
        author: z.string(),
        body: z.string()
      })
    )
  })
  .meta({ id: 'MaintenanceDetail' });

export const maintenanceChangedSchema = z.strictObject({
  ok: z.literal(true),
  status: maintenanceStatus,
  version: z.number().int()
});
export const maintenanceNoteAddedSchema = z.strictObject({ id: z.string(), version: z.number().int() });

export const adminDeviceListSchema = z.strictObject({
  items: z.array(
    z
      .strictObject({
        id: z.string(),
        person: z.string(),
        personId: z.string(),
        hostname: z.string(),
        operatingSystem: z.string(),
        agentVersion: z.string().nullable(),
        serial: z.string().nullable(),
        status: z.enum(DEVICE_STATUSES),
        enrolledAt: epochMs,
        lastSeenAt: epochMs.nullable(),
        serialMismatch: z.boolean(),
        assignedSerials: z.array(z.string()),
        notSeenForAWeek: z.boolean()
      })
      .meta({ id: 'AdminDevice' })
  )
});

export const auditPageSchema = paged(
  z
    .strictObject({
      id: z.number().int(),
      at: epochMs,
      actor: z.string().nullable(),
      actorEmail: z.string().nullable(),
      action: z.string(),
      entityType: z.string(),
      entityId: z.string().nullable(),
      before: z.string().nullable().describe('JSON text of the values before the change.'),
      after: z.string().nullable().describe('JSON text of the values after the change.'),
      ipAddress: z.string().nullable()
    })
    .meta({ id: 'AuditEntry' })
);
