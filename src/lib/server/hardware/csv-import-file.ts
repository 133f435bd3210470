// Hardware CSV import, the file itself: bytes to UTF-8 text, the header row to columns, the cell
// rules shared with the Add asset form. Row checks against the database are in csv-import.ts.
import { HARDWARE_STATUSES } from '../db/tenant-schema';
import { assetSchema } from '../../contracts/admin';
import {
  HARDWARE_CSV_COLUMNS,
  HEADER_OF,
  IMPORT_MAX_BYTES,
  columnForHeader,
  type CsvColumnKey
} from './csv-columns';
import type { ImportPreview, Status } from './csv-import';

export const NOT_UTF8 =
  'The file isn’t UTF-8 text. Save it from your spreadsheet as “CSV UTF-8” and try again.';
export const fileProblem = (...fileErrors: string[]): ImportPreview => ({
  fileErrors,
  rows: [],
  rowsWithErrors: 0,
  ok: false
});
export const key2 = (a: string, b: string) => `${a.toLowerCase()}\u0000${b.toLowerCase()}`;
export const STATUS_LIST = 'In stock, Assigned, In repair, Retired or Lost';

/** Bytes → text. Refuses anything that is not valid UTF-8 (a UTF-8 BOM is fine) or is too large. */
export function decodeCsvBytes(bytes: Uint8Array): { text: string } | { error: string } {
  if (bytes.byteLength > IMPORT_MAX_BYTES)
    return {
      error: `The file is larger than ${IMPORT_MAX_BYTES / 1_000_000} MB. Split it into smaller files.`
    };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { error: NOT_UTF8 };
  }
}

export function parseStatus(raw: string): Status | undefined {
  const s = raw
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  return (HARDWARE_STATUSES as readonly string[]).includes(s) ? (s as Status) : undefined;
}

// Field rules come from the asset form's schema, so a CSV row and the Add asset form agree.
export const FIELD_RULES = {
  assetTag: assetSchema.shape.assetTag,
  serial: assetSchema.shape.serial,
  purchaseDate: assetSchema.shape.purchaseDate,
  purchaseCost: assetSchema.shape.purchaseCost,
  warrantyEnds: assetSchema.shape.warrantyEnds,
  notes: assetSchema.shape.notes
} as const;

/** Reads the header row; returns the column of each cell position, or the file's column errors. */
export function readHeader(cells: string[]): { columns: CsvColumnKey[] } | { errors: string[] } {
  const errors: string[] = [];
  const columns: CsvColumnKey[] = [];
  const seen = new Set<CsvColumnKey>();
  const known = HARDWARE_CSV_COLUMNS.map((c) => c.header).join(', ');
  cells.forEach((cell, i) => {
    const col = columnForHeader(cell);
    if (!col) {
      errors.push(
        cell.trim() === ''
          ? `Column ${i + 1} has no name in the header row.`
          : `Unknown column “${cell.trim()}”. The columns are: ${known}.`
      );
      return;
    }
    if (seen.has(col)) errors.push(`The column “${HEADER_OF[col]}” appears more than once.`);
    seen.add(col);
    columns.push(col);
  });
  for (const c of HARDWARE_CSV_COLUMNS)
    if ('required' in c && c.required && !seen.has(c.key))
      errors.push(`The “${c.header}” column is missing.`);
  return errors.length ? { errors } : { columns };
}
