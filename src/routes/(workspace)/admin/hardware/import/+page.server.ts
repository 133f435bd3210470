// Admin › Hardware › Import CSV. "Preview import" checks the uploaded file and writes nothing; the
// preview carries the file's exact bytes (base64) in the confirm form, and "Import" checks them all
// again before the one-batch import, so nothing previewed is trusted between requests.
import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { decodeBase64, encodeBase64 } from '@oslojs/encoding';
import { forbidden, requireAdmin } from '$lib/server/http/require-admin';
import {
  decodeCsvBytes,
  importHardwareCsvForWorkspace,
  previewHardwareCsvForWorkspace
} from '$lib/server/hardware/csv-import';
import { HARDWARE_CSV_COLUMNS, IMPORT_MAX_BYTES, IMPORT_MAX_ROWS } from '$lib/server/hardware/csv-columns';

const fileProblem = (message: string) => ({ fileErrors: [message], rows: [], rowsWithErrors: 0, ok: false });

export const load: PageServerLoad = async ({ locals, url }) => {
  requireAdmin(locals, url, 'admin.inventory');
  return {
    columns: HARDWARE_CSV_COLUMNS.map((c) => ({
      header: c.header,
      required: 'required' in c && c.required === true
    })),
    maxRows: IMPORT_MAX_ROWS,
    maxMb: IMPORT_MAX_BYTES / 1_000_000
  };
};

export const actions: Actions = {
  preview: async ({ locals, url, request }) => {
    const { site } = requireAdmin(locals, url, 'admin.inventory');
    const file = (await request.formData()).get('file');
    if (!(file instanceof File) || file.size === 0)
      return fail(400, { fields: { file: ['Choose a CSV file to preview.'] } });
    const bytes = new Uint8Array(await file.arrayBuffer());
    const decoded = decodeCsvBytes(bytes);
    if ('error' in decoded) return fail(400, { fileName: file.name, preview: fileProblem(decoded.error) });
    const preview = await previewHardwareCsvForWorkspace(site.db, decoded.text);
    if (!preview.ok) return fail(400, { fileName: file.name, preview });
    return { fileName: file.name, preview, csvBase64: encodeBase64(bytes) };
  },
  confirm: async ({ locals, url, request }) => {
    const { site, actor } = requireAdmin(locals, url, 'admin.inventory');
    const form = await request.formData();
    const fileName = String(form.get('fileName') ?? '');
    let bytes: Uint8Array;
    try {
      bytes = decodeBase64(String(form.get('csvBase64') ?? ''));
    } catch {
      return fail(400, {
        fileName,
        preview: fileProblem(
          'The previewed file didn’t come back intact. Choose the file and preview it again.'
        )
      });
    }
    const decoded = decodeCsvBytes(bytes);
    if ('error' in decoded) return fail(400, { fileName, preview: fileProblem(decoded.error) });
    const result = await importHardwareCsvForWorkspace(site.db, actor, decoded.text);
    if (!result.ok) {
      if ('code' in result) forbidden();
      return fail(400, { fileName, preview: result.preview });
    }
    redirect(303, `/admin/hardware?imported=${result.created.length}`);
  }
};
