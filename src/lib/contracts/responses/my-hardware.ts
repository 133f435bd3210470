// Response shapes of /api/v1/my/hardware (services: src/lib/server/hardware/my-hardware.ts).
import * as z from 'zod';
import { epochMs, isoDay, paged } from './common';

export const myHardwareSummarySchema = z
  .strictObject({
    id: z.string(),
    assetTag: z.string(),
    model: z.string(),
    manufacturer: z.string(),
    category: z.string(),
    serial: z.string().nullable(),
    location: z.string().nullable(),
    assignedAt: epochMs.nullable(),
    acknowledgementRequested: z.boolean(),
    acknowledgedAt: epochMs.nullable()
  })
  .meta({ id: 'MyHardwareSummary' });

const problemReport = {
  id: z.string(),
  description: z.string(),
  priority: z.string(),
  status: z.string(),
  createdAt: epochMs
};

export const myHardwareDetailSchema = myHardwareSummarySchema
  .extend({
    warrantyEnds: isoDay.nullable(),
    acknowledgedBy: z.string().nullable(),
    softwareSource: z.enum(['agent', 'licences']),
    agentLastReportAt: epochMs.nullable(),
    software: z.array(
      z.strictObject({ name: z.string(), version: z.string().nullable(), publisher: z.string().nullable() })
    ),
    openProblems: z.array(z.strictObject(problemReport)),
    problemReports: z.array(
      z.strictObject({
        ...problemReport,
        mine: z.boolean(),
        resolution: z.string().nullable(),
        resolvedAt: epochMs.nullable(),
        updatedAt: epochMs,
        notes: z.array(z.strictObject({ id: z.string(), at: epochMs, author: z.string(), body: z.string() }))
      })
    )
  })
  .meta({ id: 'MyHardwareDetail' });

export const myHardwarePageSchema = paged(myHardwareSummarySchema);

export const acknowledgedSchema = z.strictObject({
  ok: z.literal(true),
  acknowledgedAt: epochMs,
  alreadyAcknowledged: z.boolean()
});
