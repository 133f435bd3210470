// Response shapes of /api/v1/admin/{hardware,software,licences,loans} (services in
// src/lib/server/{hardware,software,loans}).
import * as z from 'zod';
import { apiErrorSchema } from '../errors';
import { HARDWARE_STATUSES, LOAN_ITEM_STATUSES } from '../enums';
import { epochMs, isoDay, listOf } from './common';

const hardwareStatus = z.enum(HARDWARE_STATUSES);

export const assetRowSchema = z
  .strictObject({
    id: z.string(),
    assetTag: z.string(),
    serial: z.string().nullable(),
    model: z.string(),
    category: z.string(),
    status: hardwareStatus,
    assignee: z.string().nullable(),
    assigneeId: z.string().nullable(),
    location: z.string().nullable()
  })
  .meta({ id: 'AssetRow' });

export const assetDetailSchema = z
  .strictObject({
    id: z.string(),
    assetTag: z.string(),
    serial: z.string().nullable(),
    modelId: z.string(),
    model: z.string(),
    locationId: z.string().nullable(),
    status: hardwareStatus,
    assignee: z.string().nullable(),
    assigneeId: z.string().nullable(),
    acknowledgementRequested: z.boolean(),
    acknowledgedAt: epochMs.nullable(),
    purchaseDate: isoDay.nullable(),
    purchaseCostCents: z.number().int().nullable(),
    warrantyEnds: isoDay.nullable(),
    notes: z.string().nullable(),
    history: z.array(
      z.strictObject({
        id: z.string(),
        person: z.string(),
        assignedAt: epochMs,
        returnedAt: epochMs.nullable(),
        by: z.string().nullable()
      })
    )
  })
  .meta({ id: 'AssetDetail' });

export const catalogItemSchema = z
  .strictObject({
    id: z.string(),
    label: z.string(),
    values: z.record(z.string(), z.string()),
    detail: z.string().nullable(),
    inUse: z.number().int(),
    usage: z.string()
  })
  .meta({ id: 'CatalogItem' });
export const catalogListSchema = listOf(catalogItemSchema);

const importPreview = z
  .strictObject({
    fileErrors: z.array(z.string()),
    rows: z.array(
      z.strictObject({
        row: z.number().int(),
        values: z.record(z.string(), z.string()),
        errors: z.array(z.string())
      })
    ),
    rowsWithErrors: z.number().int(),
    ok: z.boolean()
  })
  .meta({ id: 'ImportPreview' });
export const importPreviewSchema = z.strictObject({ preview: importPreview });
/** A refused import: the error shape, with the whole preview beside it. */
export const importRefusedSchema = z.strictObject({
  error: apiErrorSchema.shape.error,
  preview: importPreview
});
export const importedSchema = z.strictObject({
  imported: z.number().int(),
  assets: z.array(z.strictObject({ id: z.string(), assetTag: z.string() }))
});

const productRow = z
  .strictObject({
    id: z.string(),
    name: z.string(),
    vendor: z.string(),
    approved: z.boolean(),
    description: z.string().nullable(),
    licenceCount: z.number().int()
  })
  .meta({ id: 'SoftwareProduct' });
export const productSchema = productRow;
export const productListSchema = listOf(productRow);

const renewal = z.enum(['expired', 'soon', 'ok', 'none']);
const deviceRef = z.strictObject({ id: z.string(), assetTag: z.string(), model: z.string() });
const licenceRow = z.strictObject({
  id: z.string(),
  productId: z.string(),
  application: z.string(),
  vendor: z.string(),
  edition: z.string(),
  seats: z.number().int(),
  seatsUsed: z.number().int(),
  renewalDate: isoDay.nullable(),
  renewal,
  costCents: z.number().int().nullable()
});
export const licenceListSchema = listOf(licenceRow.meta({ id: 'LicenceRow' }));
export const licenceDetailSchema = licenceRow
  .extend({
    notes: z.string().nullable(),
    seatList: z.array(
      z.strictObject({
        id: z.string(),
        userId: z.string(),
        person: z.string(),
        email: z.string(),
        assignedAt: epochMs,
        devices: z.array(deviceRef),
        holderDevices: z.array(deviceRef)
      })
    )
  })
  .meta({ id: 'LicenceDetail' });

const loanItemStatus = z.enum(LOAN_ITEM_STATUSES);
export const loanPoolListSchema = listOf(
  z
    .strictObject({
      id: z.string(),
      name: z.string(),
      assetTag: z.string(),
      category: z.string().nullable(),
      status: loanItemStatus,
      loan: z
        .strictObject({
          id: z.string(),
          borrower: z.string(),
          borrowerId: z.string(),
          dueDate: isoDay,
          lentAt: epochMs,
          overdue: z.boolean()
        })
        .nullable()
    })
    .meta({ id: 'LoanPoolItem' })
);
export const poolItemDetailSchema = z
  .strictObject({
    id: z.string(),
    name: z.string(),
    assetTag: z.string(),
    categoryId: z.string().nullable(),
    description: z.string().nullable(),
    status: loanItemStatus
  })
  .meta({ id: 'PoolItemDetail' });
