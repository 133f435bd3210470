// Helpers for the hardware CSV tests: a file upload to a page's form action, the import API, and a
// CSV builder that quotes cells the way a spreadsheet would.
import { encodeBase64 } from '@oslojs/encoding';
import { ACME, apiWrite, fetchWorker } from './helpers';
import { acmeDb, scalar } from './helpers-data';

export const HEADER = [
  'Asset tag',
  'Serial',
  'Manufacturer',
  'Model',
  'Category',
  'Status',
  'Location',
  'Purchase date',
  'Purchase cost',
  'Warranty ends',
  'Assignee email',
  'Notes'
];

const quote = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
/** Rows of cells → CSV text with CRLF line ends. */
export const csvOf = (rows: string[][]) => rows.map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n';

/** A multipart upload of one file field ("file"), as the Import page's form sends it without JS. */
export function uploadCsv(
  path: string,
  cookie: string,
  content: string | Uint8Array<ArrayBuffer>,
  fileName = 'assets.csv',
  origin = ACME
) {
  const body = new FormData();
  body.set('file', new File([content], fileName, { type: 'text/csv' }));
  return fetchWorker(`${origin}${path}`, {
    method: 'POST',
    headers: { origin, accept: 'text/html', cookie },
    body
  });
}

/** The Import page's confirm step with the given file bytes (what the preview carries in the form). */
export function confirmCsv(cookie: string, content: string | Uint8Array, origin = ACME) {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  return fetchWorker(`${origin}/admin/hardware/import?/confirm`, {
    method: 'POST',
    headers: { origin, accept: 'text/html', cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csvBase64: encodeBase64(bytes), fileName: 'assets.csv' })
  });
}

export interface PreviewBody {
  preview: {
    fileErrors: string[];
    rows: { row: number; values: Record<string, string>; errors: string[] }[];
    rowsWithErrors: number;
    ok: boolean;
  };
  error?: { code: string; message: string; fields?: Record<string, string[]> };
}

export async function apiPreview(
  cookie: string,
  csv: string
): Promise<{ status: number; body: PreviewBody }> {
  const res = await apiWrite(ACME, '/admin/hardware/import/preview', cookie, { csv });
  return { status: res.status, body: (await res.json()) as PreviewBody };
}

export async function apiImport(cookie: string, csv: string) {
  const res = await apiWrite(ACME, '/admin/hardware/import', cookie, { csv });
  return {
    status: res.status,
    body: (await res.json()) as PreviewBody & {
      imported?: number;
      assets?: { id: string; assetTag: string }[];
    }
  };
}

/** The errors of row N of a preview (spreadsheet numbering: the header is row 1). */
export const rowErrors = (body: PreviewBody, row: number) =>
  body.preview.rows.find((r) => r.row === row)?.errors ?? [];

/** A short unique suffix for asset tags, so that each test has its own rows. */
export const uniq = () => crypto.randomUUID().slice(0, 6).toUpperCase();

/** How many of Acme's assets have a tag starting with `prefix`. */
export const assetsTagged = (prefix: string) =>
  scalar(acmeDb(), `SELECT count(*) AS n FROM hardware_assets WHERE asset_tag LIKE ? || '%'`, prefix);

/** A row in HEADER order from the fields that matter. */
export function row(
  v: Partial<
    Record<
      | 'tag'
      | 'serial'
      | 'maker'
      | 'model'
      | 'category'
      | 'status'
      | 'location'
      | 'bought'
      | 'cost'
      | 'warranty'
      | 'email'
      | 'notes',
      string
    >
  >
): string[] {
  return [
    v.tag ?? '',
    v.serial ?? '',
    v.maker ?? 'Dell',
    v.model ?? 'Latitude 7450',
    v.category ?? '',
    v.status ?? '',
    v.location ?? '',
    v.bought ?? '',
    v.cost ?? '',
    v.warranty ?? '',
    v.email ?? '',
    v.notes ?? ''
  ];
}
