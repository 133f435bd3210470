// `workspace delete --slug X --confirm X [--export-to FILE]`. Guarded:
//   - the slug must be typed twice (--confirm), and the workspace must be suspended first;
//   - the database is exported (commands/backup.ts) before anything is removed, and the export file
//     must exist and parse, or nothing is removed;
//   - then: registry row (the workspace stops resolving), binding, and (production) the D1 database.
// Also cleans up a binding left in the configuration without a registry row (after `npm run dev:reset`).
import { readConfig, tenantBlocks, withoutTenantBinding, writeConfig, bindingForSlug } from '../config.ts';
import { CliError } from '../errors.ts';
import { controlQuery, findRegistryRow, type RegistryRow } from '../registry.ts';
import { assertValidSlug } from '../slug.ts';
import { deleteDatabase } from '../tenant-db.ts';
import { exportDatabase, readExportFile } from './backup.ts';
import { WranglerError, type Target } from '../wrangler.ts';
import { sqlLiteral } from '../../seed/sql.ts';

export function deleteWorkspace(
  t: Target,
  opts: { slug?: string; confirm?: string; exportTo?: string },
  log: (line: string) => void
): { exportFile: string | null } {
  const slug = assertValidSlug(opts.slug);
  if (opts.confirm !== slug)
    throw new CliError(
      `Deleting a workspace removes its database. Type the slug again to confirm: --confirm ${slug}`
    );
  const row = findRegistryRow(t, slug);
  const binding = row?.db_binding ?? bindingForSlug(slug);
  const block = tenantBlocks(readConfig(t.configPath), t.deployment).find((b) => b.binding === binding);
  if (!row && !block)
    throw new CliError(
      `No workspace "${slug}" is registered and no binding ${binding} is configured. Nothing was changed.`
    );
  if (row && row.status !== 'suspended')
    throw new CliError(
      `Workspace "${slug}" is ${row.status}. Suspend it first (npm run workspace -- suspend --slug ${slug}), then delete. Nothing was changed.`
    );

  // 1. Export first. Without a binding there is no database here to export (a registry-only row).
  let exportFile: string | null = null;
  if (block) {
    const source: RegistryRow = row ?? {
      slug,
      name: slug,
      status: 'suspended',
      db_binding: binding,
      created_at: 0,
      updated_at: 0
    };
    exportFile = exportDatabase(t, source, opts.exportTo, log).file;
    readExportFile(exportFile); // the guard: a file we cannot read back is no backup
  } else {
    log(`  (no binding ${binding} in the configuration: no database to export)`);
  }

  const done: string[] = [];
  try {
    if (row) {
      const gone = controlQuery<{ slug: string }>(
        t,
        `DELETE FROM workspaces WHERE slug = ${sqlLiteral(slug)} AND status = 'suspended' RETURNING slug`
      )[0];
      if (gone.length !== 1)
        throw new CliError(
          `Workspace "${slug}" changed meanwhile (no longer suspended?). Nothing was removed.`,
          1
        );
      done.push('registry row removed');
    }
    if (block) {
      writeConfig(t.configPath, withoutTenantBinding(readConfig(t.configPath), t.deployment, binding));
      done.push(`binding ${binding} removed from ${t.configPath}`);
      deleteDatabase(t, block.databaseName);
      done.push(
        t.deployment === 'production'
          ? `D1 database ${block.databaseName} deleted`
          : 'local database left unreferenced (npm run dev:reset clears it)'
      );
    }
  } catch (err) {
    const reason = err instanceof WranglerError ? err.output : (err as Error).message;
    throw new CliError(
      `Deleting "${slug}" stopped: ${reason}\nDone so far: ${done.join('; ') || 'nothing'}.` +
        (exportFile ? `\nThe export is in ${exportFile}.` : '') +
        `\nTo finish: re-run the same delete command (it continues from what is left).`,
      1
    );
  }
  log(
    `✔ Deleted workspace ${slug}: ${done.join('; ')}.${exportFile ? ` Export kept at ${exportFile}.` : ''}`
  );
  if (t.deployment === 'production')
    log('  Deploy so the Worker drops the binding: npx wrangler deploy --env production');
  return { exportFile };
}
