// Hardware CSV export: the assets the list's filters select, in the import's columns (so an export
// re-imports), RFC 4180 with the formula guard of csv/write.ts. Capped at EXPORT_MAX_ROWS.
import { asc, eq } from 'drizzle-orm';
import type { TenantDb } from '../db';
import { hardwareAssets, hardwareCategories, hardwareModels, locations, users } from '../db/tenant-schema';
import { HARDWARE_STATUS_LABELS, type HardwareQuery } from '../../contracts/admin';
import { toCsv } from '../csv/write';
import { aliased } from '../db/aliased';
import { HARDWARE_CSV_COLUMNS } from './csv-columns';
import { hardwareFilter } from './admin-hardware';

export const EXPORT_MAX_ROWS = 10_000;

export async function exportHardwareCsvForWorkspace(
  db: TenantDb,
  q: Pick<HardwareQuery, 'q' | 'status'>
): Promise<string> {
  const rows = await db
    .select({
      assetTag: hardwareAssets.assetTag,
      serial: hardwareAssets.serial,
      manufacturer: hardwareModels.manufacturer,
      model: hardwareModels.name,
      category: aliased(hardwareCategories.name, 'category_name'),
      status: hardwareAssets.status,
      location: aliased(locations.name, 'location_name'),
      purchaseDate: hardwareAssets.purchaseDate,
      purchaseCostCents: hardwareAssets.purchaseCostCents,
      warrantyEnds: hardwareAssets.warrantyEnds,
      assigneeEmail: users.email,
      notes: hardwareAssets.notes
    })
    .from(hardwareAssets)
    .innerJoin(hardwareModels, eq(hardwareModels.id, hardwareAssets.modelId))
    .innerJoin(hardwareCategories, eq(hardwareCategories.id, hardwareModels.categoryId))
    .leftJoin(users, eq(users.id, hardwareAssets.assignedTo))
    .leftJoin(locations, eq(locations.id, hardwareAssets.locationId))
    .where(hardwareFilter(q))
    .orderBy(asc(hardwareAssets.assetTag))
    .limit(EXPORT_MAX_ROWS);
  const lines = rows.map((r) => {
    const cells: Record<(typeof HARDWARE_CSV_COLUMNS)[number]['key'], unknown> = {
      ...r,
      status: HARDWARE_STATUS_LABELS[r.status] ?? r.status,
      purchaseCost: r.purchaseCostCents === null ? '' : (r.purchaseCostCents / 100).toFixed(2)
    };
    return HARDWARE_CSV_COLUMNS.map((c) => cells[c.key]);
  });
  return toCsv([HARDWARE_CSV_COLUMNS.map((c) => c.header), ...lines]);
}

export function hardwareExportFilename(slug: string, now = new Date()): string {
  return `hardware-${slug}-${now.toISOString().slice(0, 10)}.csv`;
}
