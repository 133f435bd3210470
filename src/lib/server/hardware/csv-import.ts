// Hardware CSV import (Admin › Hardware › Import). Preview and import run the same validation, so a
// file is never trusted between requests: confirming re-reads and re-checks the CSV text it is given.
// Nothing is written while any row has an error. The import itself is ONE db.batch (per 100 rows three
// INSERT … SELECT FROM json_each statements: assets, assignment history, audit rows), so it lands
// completely or not at all; the unique indexes on asset_tag and serial still guard against a
// concurrent change, and such a clash is reported on the row that now collides.
import { asc, eq, sql } from 'drizzle-orm';
import type { TenantDb } from '../db';
import {
  HARDWARE_STATUSES,
  auditLog,
  hardwareAssets,
  hardwareAssignments,
  hardwareCategories,
  hardwareModels,
  locations,
  users
} from '../db/tenant-schema';
import { assetSchema, HARDWARE_STATUS_LABELS } from '../../contracts/admin';
import { aliased } from '../db/aliased';
import { parseCsv } from '../csv/parse';
import { unguardCell } from '../csv/write';
import {
  HARDWARE_CSV_COLUMNS,
  HEADER_OF,
  IMPORT_MAX_BYTES,
  IMPORT_MAX_ROWS,
  columnForHeader,
  type CsvColumnKey
} from './csv-columns';
import { isUniqueViolation } from '../db/constraint-errors';
import { actorCan, auditActorOf, FORBIDDEN, personIdOf, type Actor, type Forbidden } from '../authz/actor';

type Status = (typeof HARDWARE_STATUSES)[number];

export interface ImportRow {
  /** The spreadsheet row number (the header is row 1). */
  row: number;
  values: Partial<Record<CsvColumnKey, string>>;
  errors: string[];
}

export interface ImportPreview {
  /** Problems with the file as a whole (encoding, columns, size); rows are not checked then. */
  fileErrors: string[];
  rows: ImportRow[];
  /** How many rows have at least one error. */
  rowsWithErrors: number;
  /** True when the file can be imported as it is. */
  ok: boolean;
}

interface PlannedAsset {
  id: string;
  assetTag: string;
  serial: string | null;
  modelId: string;
  locationId: string | null;
  status: Status;
  assignedTo: string | null;
  purchaseDate: string | null;
  purchaseCostCents: number | null;
  warrantyEnds: string | null;
  notes: string | null;
}

const NOT_UTF8 = 'The file isn’t UTF-8 text. Save it from your spreadsheet as “CSV UTF-8” and try again.';
const fileProblem = (...fileErrors: string[]): ImportPreview => ({
  fileErrors,
  rows: [],
  rowsWithErrors: 0,
  ok: false
});
const key2 = (a: string, b: string) => `${a.toLowerCase()}\u0000${b.toLowerCase()}`;
const STATUS_LIST = 'In stock, Assigned, In repair, Retired or Lost';
/** Rows per INSERT … SELECT FROM json_each(?) statement (100 rows × 2,000-character notes ≈ 0.6 MB of JSON at most). */
const CHUNK = 100;

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

function parseStatus(raw: string): Status | undefined {
  const s = raw
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  return (HARDWARE_STATUSES as readonly string[]).includes(s) ? (s as Status) : undefined;
}

// Field rules come from the asset form's schema, so a CSV row and the Add asset form agree.
const FIELD_RULES = {
  assetTag: assetSchema.shape.assetTag,
  serial: assetSchema.shape.serial,
  purchaseDate: assetSchema.shape.purchaseDate,
  purchaseCost: assetSchema.shape.purchaseCost,
  warrantyEnds: assetSchema.shape.warrantyEnds,
  notes: assetSchema.shape.notes
} as const;

/** Reads the header row; returns the column of each cell position, or the file's column errors. */
function readHeader(cells: string[]): { columns: CsvColumnKey[] } | { errors: string[] } {
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

/** The whole check, with no writes. Returns the preview and, when it is clean, the rows to insert. */
export async function validateHardwareCsvForWorkspace(
  db: TenantDb,
  text: string
): Promise<{ preview: ImportPreview; plan: PlannedAsset[] }> {
  const parsed = parseCsv(text);
  if (parsed.fatal) return { preview: fileProblem(parsed.fatal), plan: [] };
  const [head, ...records] = parsed.records;
  if (!head)
    return {
      preview: fileProblem('The file is empty. Start from the template: its first row names the columns.'),
      plan: []
    };
  const header = readHeader(head.cells);
  if ('errors' in header) return { preview: fileProblem(...header.errors), plan: [] };
  if (records.length === 0)
    return { preview: fileProblem('The file has a header row but no assets to import.'), plan: [] };
  if (records.length > IMPORT_MAX_ROWS)
    return {
      preview: fileProblem(
        `The file has ${records.length.toLocaleString('en')} rows; import at most ${IMPORT_MAX_ROWS.toLocaleString('en')} at a time. Split it into smaller files.`
      ),
      plan: []
    };

  const rows: ImportRow[] = records.map((r) => {
    const values: Partial<Record<CsvColumnKey, string>> = {};
    header.columns.forEach((col, i) => (values[col] = unguardCell((r.cells[i] ?? '').trim())));
    const errors: string[] = [];
    if (r.error) errors.push(r.error);
    if (r.cells.length !== header.columns.length)
      errors.push(`This row has ${r.cells.length} cells; the header has ${header.columns.length}.`);
    return { row: r.row, values, errors };
  });

  // Look-ups, each one query whatever the number of rows (json_each keeps under D1's 100 bound parameters).
  const tags = rows.map((r) => r.values.assetTag ?? '').filter(Boolean);
  const serials = rows.map((r) => r.values.serial ?? '').filter(Boolean);
  const emails = rows.map((r) => (r.values.assigneeEmail ?? '').toLowerCase()).filter(Boolean);
  const [models, locs, people, takenTags, takenSerials] = await db.batch([
    db
      .select({
        id: hardwareModels.id,
        manufacturer: hardwareModels.manufacturer,
        name: hardwareModels.name,
        category: aliased(hardwareCategories.name, 'category_name')
      })
      .from(hardwareModels)
      .innerJoin(hardwareCategories, eq(hardwareCategories.id, hardwareModels.categoryId)),
    db.select({ id: locations.id, name: locations.name }).from(locations).orderBy(asc(locations.name)),
    db
      .select({ id: users.id, email: users.email, status: users.status })
      .from(users)
      .where(sql`lower(${users.email}) IN (SELECT value FROM json_each(${JSON.stringify(emails)}))`),
    db
      .select({ v: hardwareAssets.assetTag })
      .from(hardwareAssets)
      .where(sql`${hardwareAssets.assetTag} IN (SELECT value FROM json_each(${JSON.stringify(tags)}))`),
    db
      .select({ v: hardwareAssets.serial })
      .from(hardwareAssets)
      .where(sql`${hardwareAssets.serial} IN (SELECT value FROM json_each(${JSON.stringify(serials)}))`)
  ]);
  const modelByName = new Map(models.map((m) => [key2(m.manufacturer, m.name), m]));
  const locationByName = new Map(locs.map((l) => [l.name.toLowerCase(), l.id]));
  const personByEmail = new Map(people.map((p) => [p.email.toLowerCase(), p]));
  const tagsInUse = new Set(takenTags.map((t) => t.v));
  const serialsInUse = new Set(takenSerials.map((t) => t.v));

  // Duplicates inside the file: every row involved is told the others.
  const rowsOf = (field: 'assetTag' | 'serial') => {
    const m = new Map<string, number[]>();
    for (const r of rows) {
      const v = r.values[field];
      if (v) m.set(v, [...(m.get(v) ?? []), r.row]);
    }
    return m;
  };
  const tagRows = rowsOf('assetTag');
  const serialRows = rowsOf('serial');

  const plan: PlannedAsset[] = [];
  for (const r of rows) {
    if (r.errors.length) continue; // a misshapen row: its cells can't be trusted to be in the right columns
    const v = r.values;
    const e = r.errors;
    const field = <K extends keyof typeof FIELD_RULES>(k: K) => {
      const res = FIELD_RULES[k].safeParse(v[k] ?? '');
      if (!res.success) {
        e.push(`${HEADER_OF[k]}: ${res.error.issues[0]?.message ?? 'Not valid.'}`);
        return undefined;
      }
      return res.data;
    };
    const assetTag = field('assetTag') as string | undefined;
    const serial = field('serial') as string | undefined;
    const purchaseDate = field('purchaseDate') as string | undefined;
    const purchaseCost = field('purchaseCost') as number | undefined;
    const warrantyEnds = field('warrantyEnds') as string | undefined;
    const notes = field('notes') as string | undefined;

    if (assetTag) {
      const others = tagRows.get(assetTag) ?? [];
      if (others.length > 1)
        e.push(`Asset tag “${assetTag}” appears more than once in the file (rows ${others.join(', ')}).`);
      if (tagsInUse.has(assetTag))
        e.push(`Asset tag “${assetTag}” is already used by an existing asset. Asset tags must be unique.`);
    }
    if (serial) {
      const others = serialRows.get(serial) ?? [];
      if (others.length > 1)
        e.push(`Serial “${serial}” appears more than once in the file (rows ${others.join(', ')}).`);
      if (serialsInUse.has(serial)) e.push(`Serial “${serial}” is already recorded on an existing asset.`);
    }

    let modelId: string | undefined;
    const manufacturer = v.manufacturer ?? '';
    const modelName = v.model ?? '';
    if (!manufacturer) e.push('Manufacturer: enter the manufacturer, as listed under Hardware › Models.');
    if (!modelName) e.push('Model: enter the model name, as listed under Hardware › Models.');
    if (manufacturer && modelName) {
      const model = modelByName.get(key2(manufacturer, modelName));
      if (!model)
        e.push(
          `Model: there is no “${manufacturer} ${modelName}” under Hardware › Models. Add it there first, or correct the spelling.`
        );
      else {
        modelId = model.id;
        if (v.category && v.category.toLowerCase() !== model.category.toLowerCase())
          e.push(
            `Category: “${manufacturer} ${modelName}” is in “${model.category}”, not “${v.category}”. Correct the category or leave it empty.`
          );
      }
    }

    let locationId: string | null = null;
    if (v.location) {
      const id = locationByName.get(v.location.toLowerCase());
      if (id) locationId = id;
      else e.push(`Location: there is no location called “${v.location}” under Hardware › Locations.`);
    }

    let assignedTo: string | null = null;
    const email = (v.assigneeEmail ?? '').toLowerCase();
    if (email) {
      const person = personByEmail.get(email);
      if (!person) e.push(`Assignee email: no one in this workspace has the email “${v.assigneeEmail}”.`);
      else if (person.status !== 'active')
        e.push(
          `Assignee email: ${v.assigneeEmail} is not an active account; hardware can be assigned to active people only.`
        );
      else assignedTo = person.id;
    }

    const status: Status | undefined = v.status ? parseStatus(v.status) : email ? 'assigned' : 'in_stock';
    if (!status) e.push(`Status: “${v.status}” isn’t a status. Use ${STATUS_LIST}.`);
    else if (status === 'assigned' && !email) e.push('Status: an Assigned asset needs an Assignee email.');
    else if (status !== 'assigned' && email)
      e.push(
        `Assignee email: only Assigned assets have an assignee; this row’s status is ${HARDWARE_STATUS_LABELS[status]}. Set Status to Assigned or clear the email.`
      );

    if (e.length === 0 && assetTag && modelId && status) {
      plan.push({
        id: crypto.randomUUID(),
        assetTag,
        serial: serial ?? null,
        modelId,
        locationId,
        status,
        assignedTo,
        purchaseDate: purchaseDate ?? null,
        purchaseCostCents: purchaseCost === undefined ? null : Math.round(purchaseCost * 100),
        warrantyEnds: warrantyEnds ?? null,
        notes: notes ?? null
      });
    }
  }
  const rowsWithErrors = rows.filter((r) => r.errors.length > 0).length;
  return {
    preview: { fileErrors: [], rows, rowsWithErrors, ok: rowsWithErrors === 0 },
    plan: rowsWithErrors === 0 ? plan : []
  };
}

export async function previewHardwareCsvForWorkspace(db: TenantDb, text: string): Promise<ImportPreview> {
  return (await validateHardwareCsvForWorkspace(db, text)).preview;
}

export type ImportResult =
  | { ok: true; created: { id: string; assetTag: string }[] }
  | { ok: false; preview: ImportPreview }
  | Forbidden;

/** Validates the text again and imports every row in one batch, or nothing. */
export async function importHardwareCsvForWorkspace(
  db: TenantDb,
  actor: Actor,
  text: string,
  now = Date.now()
): Promise<ImportResult> {
  if (!actorCan(actor, 'admin.inventory')) return FORBIDDEN;
  const { preview, plan } = await validateHardwareCsvForWorkspace(db, text);
  if (!preview.ok) return { ok: false, preview };
  const x = (path: string) => sql.raw(`json_extract(value, '$.${path}')`);
  const by = auditActorOf(actor);
  // Chunks of CHUNK rows keep each bound JSON value well under D1's 2 MB limit whatever the notes hold;
  // all chunks still go into the one batch (one transaction).
  const statements = [];
  for (let i = 0; i < plan.length; i += CHUNK) {
    const part = plan.slice(i, i + CHUNK);
    const assets = JSON.stringify(part);
    const assigned = JSON.stringify(
      part
        .filter((p) => p.assignedTo)
        .map((p) => ({ historyId: crypto.randomUUID(), assetId: p.id, userId: p.assignedTo }))
    );
    statements.push(
      // Column order of hardware_assets: id, asset_tag, serial, model_id, location_id, status, assigned_to,
      // assigned_at, acknowledgement_requested, acknowledged_at, purchase_date, purchase_cost_cents,
      // warranty_ends, notes, created_at, updated_at.
      db.insert(hardwareAssets).select(sql`
        SELECT ${x('id')}, ${x('assetTag')}, ${x('serial')}, ${x('modelId')}, ${x('locationId')}, ${x('status')}, ${x('assignedTo')},
          CASE WHEN ${x('assignedTo')} IS NULL THEN NULL ELSE ${now} END, 0, NULL,
          ${x('purchaseDate')}, ${x('purchaseCostCents')}, ${x('warrantyEnds')}, ${x('notes')}, ${now}, ${now}
        FROM json_each(${assets})`),
      // hardware_assignments: id, asset_id, user_id, assigned_at, returned_at, assigned_by.
      db
        .insert(hardwareAssignments)
        .select(
          sql`SELECT ${x('historyId')}, ${x('assetId')}, ${x('userId')}, ${now}, NULL, ${personIdOf(actor)} FROM json_each(${assigned})`
        ),
      // audit_log: id, actor_id, action, entity_type, entity_id, before, after, ip_address, created_at, actor_label.
      db
        .insert(auditLog)
        .select(
          sql`SELECT NULL, ${by.actorId}, 'hardware.imported', 'hardware_asset', ${x('id')}, NULL, value, NULL, ${now}, ${by.actorLabel} FROM json_each(${assets})`
        )
    );
  }
  try {
    await db.batch(statements as unknown as Parameters<typeof db.batch>[0]);
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    // Someone added a clashing asset between the check and the write: nothing was imported. Say where.
    const again = await validateHardwareCsvForWorkspace(db, text);
    if (!again.preview.ok) return { ok: false, preview: again.preview };
    return {
      ok: false,
      preview: {
        ...again.preview,
        ok: false,
        fileErrors: [
          'Another change to the hardware clashed with this import, so nothing was imported. Preview the file again.'
        ]
      }
    };
  }
  return { ok: true, created: plan.map((p) => ({ id: p.id, assetTag: p.assetTag })) };
}
