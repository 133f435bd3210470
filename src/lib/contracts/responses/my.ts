// Response shapes of /api/v1/me and /api/v1/my/* other than hardware (my-hardware.ts). The services in
// src/lib/server/{software,loans,requests,notifications,profile,devices} produce them.
import * as z from 'zod';
import { REQUEST_STATUSES, THEMES } from '../enums';
import { epochMs, isoDay, paged } from './common';

export const myLicencePageSchema = paged(
  z
    .strictObject({
      id: z.string(),
      application: z.string(),
      edition: z.string(),
      vendor: z.string(),
      renewalDate: isoDay.nullable(),
      renewal: z.enum(['expired', 'soon', 'ok', 'none']),
      assignedAt: epochMs,
      devices: z.array(z.strictObject({ id: z.string(), assetTag: z.string(), model: z.string() }))
    })
    .meta({ id: 'MyLicence' })
);

export const myLoanPageSchema = paged(
  z
    .strictObject({
      id: z.string(),
      item: z.string(),
      assetTag: z.string(),
      category: z.string().nullable(),
      lentAt: epochMs,
      dueDate: isoDay,
      overdue: z.boolean(),
      notes: z.string().nullable()
    })
    .meta({ id: 'MyLoan' })
);

const requestStatus = z.enum(REQUEST_STATUSES);

const myRequestSummary = z.strictObject({
  id: z.string(),
  type: z.string(),
  title: z.string(),
  urgency: z.string(),
  status: requestStatus,
  createdAt: epochMs,
  updatedAt: epochMs
});
export const myRequestPageSchema = paged(myRequestSummary.meta({ id: 'MyRequestSummary' }));

/** A request's status history, shared by the requester's and the admin's view. */
export const requestTimelineSchema = z.array(
  z.strictObject({
    status: requestStatus,
    from: requestStatus.nullable(),
    at: epochMs,
    by: z.string().nullable(),
    note: z.string().nullable()
  })
);

export const myRequestDetailSchema = myRequestSummary
  .extend({
    justification: z.string(),
    category: z.string().nullable(),
    software: z.string().nullable(),
    specificModel: z.string().nullable(),
    estimatedCostCents: z.number().int().nullable(),
    decisionReason: z.string().nullable(),
    cancellable: z.boolean(),
    timeline: requestTimelineSchema,
    messages: z.array(
      z.strictObject({ id: z.string(), author: z.string(), mine: z.boolean(), body: z.string(), at: epochMs })
    )
  })
  .meta({ id: 'MyRequestDetail' });

export const requestFormOptionsSchema = z.strictObject({
  categories: z.array(z.strictObject({ id: z.string(), name: z.string() })),
  software: z.array(z.strictObject({ id: z.string(), name: z.string(), vendor: z.string() }))
});

export const cancelledSchema = z.strictObject({ ok: z.literal(true), status: z.literal('cancelled') });

const myNotification = z
  .strictObject({
    id: z.string(),
    kind: z.string(),
    title: z.string(),
    body: z.string().nullable(),
    link: z.string().nullable(),
    read: z.boolean(),
    createdAt: epochMs
  })
  .meta({ id: 'MyNotification' });
export const myNotificationPageSchema = paged(myNotification).extend({
  unread: z.number().int().describe('Unread notifications in all pages.')
});
export const markedSchema = z.strictObject({ marked: z.number().int() });
export const readSchema = z.strictObject({ read: z.literal(true) });

export const myProfileSchema = z
  .strictObject({
    email: z.string(),
    name: z.string(),
    jobTitle: z.string().nullable(),
    department: z.string().nullable(),
    phone: z.string().nullable(),
    theme: z.enum(THEMES),
    renewalAlerts: z.boolean(),
    requestAlerts: z.boolean()
  })
  .meta({ id: 'MyProfile' });

const rows = z.array(z.record(z.string(), z.unknown()));
/** The personal-data export (profile/export.ts): top-level sections; rows as the service writes them. */
export const myDataExportSchema = z
  .object({
    format: z.string(),
    exportedAt: z.string(),
    workspace: z.strictObject({ slug: z.string(), name: z.string() }),
    profile: z.record(z.string(), z.unknown()),
    notificationPreferences: z.object({ renewalAlerts: z.boolean(), requestAlerts: z.boolean() }),
    hardware: z.object({ current: rows, assignmentHistory: rows }),
    licences: rows,
    loans: rows,
    requests: rows,
    notifications: rows,
    problemReports: rows,
    pairedDevices: rows,
    security: z.object({
      authenticatorApp: z.object({ confirmedAt: epochMs.nullable(), createdAt: epochMs }).nullable(),
      passkeys: rows,
      sessions: rows
    }),
    auditLog: rows
  })
  .meta({ id: 'MyDataExport' });

const issuedCode = z.strictObject({
  code: z.string().describe('OT- and 6 characters; valid 10 minutes.'),
  expiresAt: epochMs
});
export const pairingCodeSchema = issuedCode.meta({ id: 'PairingCode' });

export const myDeviceSchema = z.strictObject({
  device: z
    .strictObject({
      id: z.string(),
      hostname: z.string(),
      operatingSystem: z.string(),
      cpu: z.string().nullable(),
      agentVersion: z.string().nullable(),
      enrolledAt: epochMs,
      lastSeenAt: epochMs.nullable(),
      lastReportAt: epochMs.nullable()
    })
    .nullable(),
  software: z.array(
    z.strictObject({ name: z.string(), version: z.string(), publisher: z.string().nullable() })
  ),
  pairingCode: issuedCode.nullable()
});
