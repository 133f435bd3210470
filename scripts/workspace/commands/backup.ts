// `workspace export --slug acme [--out FILE]` and `workspace import --file FILE --slug acme2 [--name ...]`.
// An export file is JSON: the registry row, the row count of every table, and the whole database as
// the SQL dumps `wrangler d1 export` produces, schema and data apart (data includes d1_migrations).
// They are kept apart because wrangler's single dump interleaves each table's rows right after its
// CREATE TABLE, in name order, and D1 refuses a row whose foreign key names a table not created yet
// ("no such table: main.users"); loadOrder() replays tables + indexes, then rows, then triggers. Import restores it into a
// NEW workspace (new database, new binding, new registry row) and refuses to register it unless every
// table's row count matches the file. Production point-in-time recovery is D1 Time Travel (docs/operations.md).
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { readConfig, tenantBlocks } from '../config.ts';
import { CliError } from '../errors.ts';
import { Journal } from '../journal.ts';
import { findRegistryRow, type RegistryRow } from '../registry.ts';
import { assertValidSlug } from '../slug.ts';
import { assertSlugFree, provisionDatabase } from './create.ts';
import { d1Query, runWrangler, WranglerError, type Target } from '../wrangler.ts';
import { sqlLiteral } from '../../seed/sql.ts';
import { insertRow } from '../sql.ts';

export const EXPORT_FORMAT = 'ontrackio-workspace-export';

export interface ExportFile {
  format: typeof EXPORT_FORMAT;
  version: 1;
  exportedAt: string;
  deployment: string;
  workspace: RegistryRow;
  /** Row count per table, in name order. */
  tables: Record<string, number>;
  /** `wrangler d1 export --no-data` and `--no-schema`. */
  schema: string;
  data: string;
}

/** The dumps as one script that a fresh D1 database accepts: tables and indexes, rows, then triggers. */
export function loadOrder(file: Pick<ExportFile, 'schema' | 'data'>): string {
  const lines = file.schema.split('\n').filter((l) => l.trim() !== 'DELETE FROM sqlite_sequence;');
  const firstTrigger = lines.findIndex((l) => /^CREATE TRIGGER/i.test(l));
  const structure = firstTrigger < 0 ? lines : lines.slice(0, firstTrigger);
  const triggers = firstTrigger < 0 ? [] : lines.slice(firstTrigger);
  // Inserting rows into AUTOINCREMENT tables fills sqlite_sequence; the dump's own counters replace
  // those, after every row is in (as in wrangler's single dump).
  const rows = file.data.split('\n');
  const isSequence = (l: string) => l.startsWith('INSERT INTO "sqlite_sequence"');
  const sequence = rows.filter(isSequence);
  return [
    ...structure,
    ...rows.filter((l) => !isSequence(l)),
    'DELETE FROM sqlite_sequence;',
    ...sequence,
    ...triggers
  ].join('\n');
}

/** Row count of every table (wrangler's and SQLite's own bookkeeping tables excluded). */
export function tableCounts(t: Target, binding: string): Record<string, number> {
  const names = d1Query<{ name: string }>(t, binding, {
    command:
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' ORDER BY name"
  })[0].map((r) => r.name);
  if (names.length === 0) return {};
  // One statement per table in one call (D1 caps the terms of a compound SELECT, so no UNION ALL).
  const rows = d1Query<{ t: string; n: number }>(t, binding, {
    command: names.map((n) => `SELECT ${sqlLiteral(n)} AS t, COUNT(*) AS n FROM "${n}";`).join('\n')
  }).map((r) => r[0]);
  return Object.fromEntries(rows.map((r) => [r.t, r.n]));
}

function boundRow(t: Target, slug: string): RegistryRow {
  const row = findRegistryRow(t, slug);
  if (!row) throw new CliError(`No workspace "${slug}" is registered.`);
  if (!tenantBlocks(readConfig(t.configPath), t.deployment).some((b) => b.binding === row.db_binding))
    throw new CliError(
      `Workspace "${slug}" has no binding ${row.db_binding} in ${t.configPath}: its database cannot be reached from here.`,
      1
    );
  return row;
}

export function exportWorkspace(
  t: Target,
  slugArg: string | undefined,
  outArg: string | undefined,
  log: (line: string) => void
): { file: string; data: ExportFile } {
  const slug = assertValidSlug(slugArg);
  return exportDatabase(t, boundRow(t, slug), outArg, log);
}

/** Exports the database behind `row.db_binding` (delete also uses it for a binding with no registry row). */
export function exportDatabase(
  t: Target,
  row: RegistryRow,
  outArg: string | undefined,
  log: (line: string) => void
): { file: string; data: ExportFile } {
  const slug = row.slug;
  const out = resolve(
    outArg ??
      join(dirname(t.configPath), 'backups', `${slug}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`)
  );
  const tmp = mkdtempSync(join(tmpdir(), 'ontrackio-export-'));
  try {
    const tables = tableCounts(t, row.db_binding);
    const dump = (flag: string) => {
      const file = join(tmp, `${flag}.sql`);
      runWrangler(t, ['d1', 'export', row.db_binding, flag, '--output', file]);
      return readFileSync(file, 'utf8');
    };
    const data: ExportFile = {
      format: EXPORT_FORMAT,
      version: 1,
      exportedAt: new Date().toISOString(),
      deployment: t.deployment,
      workspace: row,
      tables,
      schema: dump('--no-data'),
      data: dump('--no-schema')
    };
    // Written under a temporary name and renamed: a half-written export never carries the final name.
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(`${out}.partial`, JSON.stringify(data));
    renameSync(`${out}.partial`, out);
    const total = Object.values(tables).reduce((a, b) => a + b, 0);
    log(`✔ Exported ${slug} (${Object.keys(tables).length} tables, ${total} rows) to ${out}`);
    return { file: out, data };
  } catch (err) {
    if (err instanceof WranglerError) throw new CliError(`Exporting "${slug}" failed: ${err.output}`, 1);
    throw err;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

export function readExportFile(path: string | undefined): ExportFile {
  if (!path) throw new CliError('Missing --file: the export file to restore (from `workspace export`).');
  let data: ExportFile;
  try {
    data = JSON.parse(readFileSync(path, 'utf8')) as ExportFile;
  } catch (err) {
    throw new CliError(`Cannot read ${path} as a workspace export: ${(err as Error).message}`);
  }
  if (
    data?.format !== EXPORT_FORMAT ||
    data.version !== 1 ||
    typeof data.schema !== 'string' ||
    typeof data.data !== 'string' ||
    typeof data.tables !== 'object'
  )
    throw new CliError(`${path} is not an OnTrackio workspace export (format ${EXPORT_FORMAT}, version 1).`);
  return data;
}

function sameCounts(a: Record<string, number>, b: Record<string, number>): string[] {
  const names = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return names
    .filter((n) => a[n] !== b[n])
    .map((n) => `${n}: expected ${a[n] ?? 'no table'}, found ${b[n] ?? 'no table'}`);
}

export function importWorkspace(
  t: Target,
  opts: { file?: string; slug?: string; name?: string },
  log: (line: string) => void
): { slug: string; binding: string } {
  const data = readExportFile(opts.file);
  const slug = assertValidSlug(opts.slug ?? data.workspace.slug);
  assertSlugFree(t, slug);
  const name = opts.name?.trim() || data.workspace.name;
  log(
    `Restoring ${data.workspace.slug} (exported ${data.exportedAt}) into a new workspace "${name}" (${slug}, ${t.deployment})`
  );
  const journal = new Journal(`import-${slug}`, t.configPath, log);
  const tmp = mkdtempSync(join(tmpdir(), 'ontrackio-import-'));
  try {
    // The dump carries the schema and d1_migrations, so the new database is not migrated first.
    const db = provisionDatabase(t, slug, journal, false);
    const dumpFile = join(tmp, 'dump.sql');
    writeFileSync(dumpFile, loadOrder(data));
    journal.step(`load the dump into ${db.binding}`, () =>
      runWrangler(t, ['d1', 'execute', db.binding, '--file', dumpFile])
    );
    journal.step('compare every table’s row count with the export', () => {
      const diff = sameCounts(data.tables, tableCounts(t, db.binding));
      if (diff.length)
        throw new Error(`the restored database differs from the export:\n  ${diff.join('\n  ')}`);
    });
    const now = Date.now();
    // Plain INSERT: a slug registered meanwhile is refused by the primary key, and we roll back.
    journal.step('register the restored workspace', () =>
      d1Query(t, 'DB_CONTROL', {
        command: insertRow('workspaces', {
          slug,
          name,
          status: 'active',
          db_binding: db.binding,
          created_at: now,
          updated_at: now
        })
      })
    );
    log(
      `✔ Restored into ${slug} (${db.binding}). Restart wrangler dev / deploy so the Worker picks up the binding.`
    );
    return { slug, binding: db.binding };
  } catch (err) {
    const record = journal.rollback(err);
    const reason = err instanceof WranglerError ? err.output : (err as Error).message;
    throw new CliError(
      `Restoring into "${slug}" failed: ${reason}\n` +
        (record
          ? `Some steps could not be undone; what is left to finish is written in ${record}`
          : 'Every finished step was undone: nothing was left half-made.'),
      1
    );
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
