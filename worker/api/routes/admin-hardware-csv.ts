// /api/v1/admin/hardware.csv (export with the list's filters), /admin/hardware/import/template.csv,
// /admin/hardware/import/preview (checks, writes nothing) and /admin/hardware/import (checks again,
// then imports every row or none). The CSV travels in JSON: { csv } as text or { csvBase64 } as the
// file's raw bytes (so the UTF-8 check sees what the file really holds). Bodies are capped by
// jsonBodyLimit (64 KiB); larger files go through the page (/admin/hardware/import, up to 1 MB).
import type { Context } from 'hono';
import * as z from 'zod';
import { decodeBase64 } from '@oslojs/encoding';
import { newRouter } from '../access/router';
import { adminRoute } from '../access/route-builders';
import { json, jsonBody } from '../access/responses';
import { apiError } from '../errors';
import { apiErrorSchema } from '../../../src/lib/contracts/errors';
import { hardwareQuerySchema } from '../../../src/lib/contracts/admin';
import { csvImportBodySchema, type CsvImportBody } from '../../../src/lib/contracts/admin-hardware';
import {
  importedSchema,
  importPreviewSchema,
  importRefusedSchema
} from '../../../src/lib/contracts/responses/admin-inventory';
import {
  decodeCsvBytes,
  importHardwareCsvForWorkspace,
  previewHardwareCsvForWorkspace,
  type ImportPreview
} from '../../../src/lib/server/hardware/csv-import';
import {
  exportHardwareCsvForWorkspace,
  hardwareExportFilename
} from '../../../src/lib/server/hardware/csv-export';
import { templateCsv } from '../../../src/lib/server/hardware/csv-columns';

const access = { tag: 'Admin: hardware import and export', permission: 'admin.inventory' } as const;
const csvFile = (description: string) => ({ description, content: { 'text/csv': { schema: z.string() } } });
const refusedAnswer = json(
  'The file has errors (`validation_failed`): `fields.file` for the file, `fields["row N"]` per row, ' +
    'and the whole preview beside the error; or any other 400 of the API.',
  z.union([importRefusedSchema, apiErrorSchema])
);

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
function refused(c: Context, preview: ImportPreview) {
  const fields: Record<string, string[]> = {};
  if (preview.fileErrors.length) fields.file = preview.fileErrors;
  for (const r of preview.rows) if (r.errors.length) fields[`row ${r.row}`] = r.errors;
  return c.json(
    {
      error: {
        code: 'validation_failed' as const,
        message: 'The file has errors; nothing was imported.',
        fields
      },
      preview
    },
    400
  );
}

const csvResponse = (c: Context, csv: string, filename: string) => {
  c.header('content-type', 'text/csv; charset=utf-8');
  c.header('content-disposition', `attachment; filename="${filename}"`);
  return c.body(csv);
};

export const adminHardwareCsvRoutes = newRouter()
  .openapi(
    adminRoute({
      ...access,
      method: 'get',
      path: '/admin/hardware.csv',
      scope: 'hardware:read',
      summary: 'Export hardware as CSV',
      request: { query: hardwareQuerySchema },
      responses: { 200: csvFile('The assets matching the filters, in the import columns.') }
    }),
    async (c) =>
      csvResponse(
        c,
        await exportHardwareCsvForWorkspace(c.get('db'), c.req.valid('query')),
        hardwareExportFilename(c.get('workspace').slug)
      )
  )
  .openapi(
    adminRoute({
      ...access,
      method: 'get',
      path: '/admin/hardware/import/template.csv',
      scope: 'hardware:read',
      summary: 'The import template',
      responses: { 200: csvFile('The header row of an import file.') }
    }),
    (c) => csvResponse(c, templateCsv(), 'hardware-import-template.csv')
  )
  .openapi(
    adminRoute({
      ...access,
      method: 'post',
      path: '/admin/hardware/import/preview',
      scope: 'hardware:write',
      summary: 'Check an import file (writes nothing)',
      request: { body: jsonBody(csvImportBodySchema) },
      responses: {
        200: json('What each row would become, and its errors.', importPreviewSchema),
        400: refusedAnswer
      }
    }),
    async (c) => {
      const text = textOf(c.req.valid('json'));
      if ('error' in text)
        return refused(c, { fileErrors: [text.error], rows: [], rowsWithErrors: 0, ok: false });
      const preview = await previewHardwareCsvForWorkspace(c.get('db'), text.text);
      return c.json({ preview }, 200);
    }
  )
  .openapi(
    adminRoute({
      ...access,
      method: 'post',
      path: '/admin/hardware/import',
      scope: 'hardware:write',
      summary: 'Import hardware from CSV',
      description: 'Checks the file again, then imports every row or none.',
      request: { body: jsonBody(csvImportBodySchema) },
      responses: { 201: json('Every row was imported.', importedSchema), 400: refusedAnswer }
    }),
    async (c) => {
      const text = textOf(c.req.valid('json'));
      if ('error' in text)
        return refused(c, { fileErrors: [text.error], rows: [], rowsWithErrors: 0, ok: false });
      const result = await importHardwareCsvForWorkspace(c.get('db'), c.get('actor'), text.text);
      if (!result.ok)
        return 'code' in result ? apiError(c, 403, 'forbidden', result.message) : refused(c, result.preview);
      return c.json({ imported: result.created.length, assets: result.created }, 201);
    }
  );
