// `workspace migrate`: pending migrations for the control plane, then every tenant database bound in
// the configuration, one after another. Reports per database, stops at the first failure and leaves
// the databases after it untouched. Safe to re-run: wrangler records applied migrations in each
// database's d1_migrations table, so finished databases report "up to date".
import { CONTROL_BINDING, readConfig, readD1Blocks, tenantBlocks } from '../config.ts';
import { CliError } from '../errors.ts';
import { listRegistry } from '../registry.ts';
import { applyMigrations } from '../tenant-db.ts';
import { WranglerError, type Target } from '../wrangler.ts';

export interface MigrationReport {
  binding: string;
  applied: string[];
}

export function migrateAll(t: Target, log: (line: string) => void): MigrationReport[] {
  const text = readConfig(t.configPath);
  if (!readD1Blocks(text, t.deployment).some((b) => b.binding === CONTROL_BINDING))
    throw new CliError(`No ${CONTROL_BINDING} binding in ${t.configPath} (${t.deployment}).`);
  const order = [CONTROL_BINDING, ...tenantBlocks(text, t.deployment).map((b) => b.binding)];
  log(`Migrating ${order.length} databases (${t.deployment}): ${order.join(', ')}`);
  const reports: MigrationReport[] = [];
  for (const [i, binding] of order.entries()) {
    try {
      const { applied } = applyMigrations(t, binding);
      reports.push({ binding, applied });
      log(`  ✔ ${binding}: ${applied.length ? `applied ${applied.join(', ')}` : 'up to date'}`);
    } catch (err) {
      const rest = order.slice(i + 1);
      const reason = err instanceof WranglerError ? err.output : (err as Error).message;
      throw new CliError(
        `  ✘ ${binding}: migration failed:\n${reason}\n` +
          `Stopped. ${reports.length} database(s) migrated before it; not attempted: ${rest.join(', ') || 'none'}.\n` +
          `Fix the migration, then run \`npm run workspace -- migrate\` again (finished databases are skipped).`,
        1
      );
    }
  }
  // Registry rows whose database is not bound here cannot be migrated from this configuration.
  const unbound = listRegistry(t).filter((r) => !order.includes(r.db_binding));
  for (const r of unbound)
    log(`  ! ${r.slug}: registered with ${r.db_binding}, which is not in the configuration (not migrated)`);
  log('✔ All bound databases are up to date.');
  return reports;
}
