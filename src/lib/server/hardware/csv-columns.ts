// The hardware CSV format, shared by import, export and the template (docs/admin.md › Hardware).
// Headers match case-insensitively, and spaces, underscores and hyphens are interchangeable
// ("Asset tag", "asset_tag", "ASSET-TAG"). Only Asset tag, Manufacturer and Model are required columns.
export const HARDWARE_CSV_COLUMNS = [
  { key: 'assetTag', header: 'Asset tag', required: true },
  { key: 'serial', header: 'Serial' },
  { key: 'manufacturer', header: 'Manufacturer', required: true },
  { key: 'model', header: 'Model', required: true },
  { key: 'category', header: 'Category' },
  { key: 'status', header: 'Status' },
  { key: 'location', header: 'Location' },
  { key: 'purchaseDate', header: 'Purchase date' },
  { key: 'purchaseCost', header: 'Purchase cost' },
  { key: 'warrantyEnds', header: 'Warranty ends' },
  { key: 'assigneeEmail', header: 'Assignee email' },
  { key: 'notes', header: 'Notes' }
] as const satisfies readonly { key: string; header: string; required?: boolean }[];

export type CsvColumnKey = (typeof HARDWARE_CSV_COLUMNS)[number]['key'];
export const HEADER_OF = Object.fromEntries(HARDWARE_CSV_COLUMNS.map((c) => [c.key, c.header])) as Record<
  CsvColumnKey,
  string
>;

/** At most this many asset rows per file, and this many bytes: one import is one D1 batch. */
export const IMPORT_MAX_ROWS = 1000;
export const IMPORT_MAX_BYTES = 1_000_000;

export const normaliseHeader = (h: string) =>
  h
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ');
const BY_HEADER = new Map(
  HARDWARE_CSV_COLUMNS.map((c) => [normaliseHeader(c.header), c.key as CsvColumnKey])
);

export function columnForHeader(h: string): CsvColumnKey | undefined {
  return BY_HEADER.get(normaliseHeader(h));
}

export function templateCsv(): string {
  return `${HARDWARE_CSV_COLUMNS.map((c) => c.header).join(',')}\r\n`;
}
