// /api/v1/admin/hardware.csv (export with the list's filters), /admin/hardware/import/template.csv,
// /admin/hardware/import/preview (checks, writes nothing) and /admin/hardware/import (checks again,
// then imports every row or none). The CSV travels in JSON: { csv } as text or { csvBase64 } as the
// file's raw bytes (so the UTF-8 check sees what the file really holds). Bodies are capped by
// jsonBodyLimit (64 KB); larger files go through the page (/admin/hardware/import, up to 1 MB).
import { Hono, type Context } from 'hono';
import { decodeBase64 } from '@oslojs/encoding';
import type { ApiEnv } from '../types';
import { requireUser, requireWorkspace } from '../middleware/context';
import { requirePermission } from '../middleware/require-permission';
import { validate } from '../validate';
import { apiError } from '../errors';
import { hardwareQuerySchema } from '../../../src/lib/contracts/admin';
import { csvImportBodySchema, type CsvImportBody } from '../../../src/lib/contracts/admin-hardware';
import {
  previewHardwareCsvForWorkspace,
  type ImportPreview
} from '../../../src/lib/server/hardware/csv-import';
import { decodeCsvBytes } from '../../../src/lib/server/hardware/csv-import-file';
import { importHardwareCsvForWorkspace } from '../../../src/lib/server/hardware/csv-import-write';
import {
  exportHardwareCsvForWorkspace,
  hardwareExportFilename
} from '../../../src/lib/server/hardware/csv-export';
import { templateCsv } from '../../../src/lib/server/hardware/csv-columns';

const guard = [requireWorkspace, requireUser, requirePermission('admin.inventory')] as const;

function textOf(body: CsvImportBody): { text: string } | { error: string } {
  if (body.csv !== undefined) return decodeCsvBytes(new TextEncoder().encode(body.csv));
  let bytes: Uint8Array;
  try {
    bytes = decodeBase64(body.csvBase64 ?? '');
  } catch {
    return { error: 'csvBase64 is not valid base64.' };
  }
  return decodeCsvBytes(bytes);
}

/** 400 in the API's error shape: fields.file for the file's problems, fields["row N"] per row; the
 *  whole preview beside it for clients that show the table. */
function refused(c: Context<ApiEnv>, preview: ImportPreview) {
  const fields: Record<string, string[]> = {};
  if (preview.fileErrors.length) fields.file = preview.fileErrors;
  for (const r of preview.rows) if (r.errors.length) fields[`row ${r.row}`] = r.errors;
  return c.json(
    {
      error: { code: 'validation_failed', message: 'The file has errors; nothing was imported.', fields },
      preview
    },
    400
  );
}

const csvResponse = (c: Context<ApiEnv>, csv: string, filename: string) => {
  c.header('content-type', 'text/csv; charset=utf-8');
  c.header('content-disposition', `attachment; filename="${filename}"`);
  return c.body(csv);
};

export const adminHardwareCsvRoutes = new Hono<ApiEnv>()
  .use('/admin/hardware.csv', ...guard)
  .use('/admin/hardware/import', ...guard)
  .use('/admin/hardware/import/*', ...guard)
  .get('/admin/hardware.csv', validate('query', hardwareQuerySchema), async (c) =>
    csvResponse(
      c,
      await exportHardwareCsvForWorkspace(c.get('db'), c.req.valid('query')),
      hardwareExportFilename(c.get('workspace')!.slug)
    )
  )
  .get('/admin/hardware/import/template.csv', (c) =>
    csvResponse(c, templateCsv(), 'hardware-import-template.csv')
  )
  .post('/admin/hardware/import/preview', validate('json', csvImportBodySchema), async (c) => {
    const text = textOf(c.req.valid('json'));
    if ('error' in text)
      return refused(c, { fileErrors: [text.error], rows: [], rowsWithErrors: 0, ok: false });
    const preview = await previewHardwareCsvForWorkspace(c.get('db'), text.text);
    return c.json({ preview });
  })
  .post('/admin/hardware/import', validate('json', csvImportBodySchema), async (c) => {
    const text = textOf(c.req.valid('json'));
    if ('error' in text)
      return refused(c, { fileErrors: [text.error], rows: [], rowsWithErrors: 0, ok: false });
    const result = await importHardwareCsvForWorkspace(c.get('db'), c.get('actor'), text.text);
    if (!result.ok)
      return 'code' in result ? apiError(c, 403, 'forbidden', result.message) : refused(c, result.preview);
    return c.json({ imported: result.created.length, assets: result.created }, 201);
  });
