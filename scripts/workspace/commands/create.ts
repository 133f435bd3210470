// `workspace create --slug initech --name "Initech" --admin-email it@initech.example [--admin-name "..."]`
// Steps, in this order so that the workspace becomes reachable only at the very end:
//   1. refuse bad input and an existing slug or binding (nothing changed)
//   2. create the D1 database (production: wrangler d1 create; local: a fresh id)
//   3. add the DB_<SLUG> binding to wrangler.toml
//   4. apply the tenant migrations
//   5. create the first administrator (invited) and the invitation token
//   6. registry row + welcome email in one control-plane batch (the commit point)
// A failure undoes steps 3 and 2 (journal.ts); what cannot be undone is recorded in a file.
import * as z from 'zod';
import {
  readConfig,
  readD1Blocks,
  readVar,
  withTenantBinding,
  withoutTenantBinding,
  writeConfig,
  bindingForSlug
} from '../config.ts';
import { CliError } from '../errors.ts';
import { Journal } from '../journal.ts';
import { findRegistryRow } from '../registry.ts';
import { assertValidSlug } from '../slug.ts';
import { withSqlFile } from '../sqlfile.ts';
import { applyMigrations, createDatabase, deleteDatabase, type NewDatabase } from '../tenant-db.ts';
import { firstAdmin, outboxInsert, workspaceOrigin } from '../welcome.ts';
import { d1Query, WranglerError, type Target } from '../wrangler.ts';
import { insertRow } from '../sql.ts';

const Input = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'Missing --name: the workspace display name, e.g. --name "Initech".')
    .max(100, '--name is at most 100 characters.'),
  adminEmail: z.email('--admin-email must be a valid email address (the first administrator).'),
  adminName: z.string().trim().min(1).max(100).default('Workspace administrator')
});

export interface CreateOptions {
  slug?: string;
  name?: string;
  adminEmail?: string;
  adminName?: string;
}

/** Refuses a slug that is taken in the registry or whose binding already exists in the configuration. */
export function assertSlugFree(t: Target, slug: string): void {
  const existing = findRegistryRow(t, slug);
  if (existing)
    throw new CliError(
      `A workspace with the slug "${slug}" already exists (${existing.name}, ${existing.status}). Nothing was changed.`
    );
  const binding = bindingForSlug(slug);
  if (readD1Blocks(readConfig(t.configPath), t.deployment).some((b) => b.binding === binding))
    throw new CliError(
      `${binding} is already in ${t.configPath} but no workspace "${slug}" is registered. Nothing was changed.\n` +
        `It is a leftover: remove it with \`npm run workspace -- delete --slug ${slug} --confirm ${slug}\`, then create again.`
    );
}

/** Steps 2-4, shared with import: database + binding + (optionally) migrations, all undone on failure. */
export function provisionDatabase(t: Target, slug: string, journal: Journal, migrate: boolean): NewDatabase {
  const db = journal.step(
    t.deployment === 'local' ? 'choose a local database id' : `create D1 database (wrangler d1 create)`,
    () => createDatabase(t, slug),
    (db) => ({
      describe: `D1 database ${db.databaseName} (${db.databaseId})`,
      run: () => deleteDatabase(t, db.databaseName)
    })
  );
  journal.step(
    `add binding ${db.binding} to ${t.configPath}`,
    () => writeConfig(t.configPath, withTenantBinding(readConfig(t.configPath), t.deployment, db)),
    () => ({
      describe: `binding ${db.binding} in ${t.configPath}`,
      run: () =>
        writeConfig(t.configPath, withoutTenantBinding(readConfig(t.configPath), t.deployment, db.binding))
    })
  );
  if (migrate) {
    journal.step(`apply tenant migrations to ${db.binding}`, () => applyMigrations(t, db.binding));
  }
  return db;
}

export function createWorkspace(
  t: Target,
  opts: CreateOptions,
  log: (line: string) => void
): { slug: string; binding: string; inviteLinkOrigin: string } {
  const slug = assertValidSlug(opts.slug);
  const parsed = Input.safeParse({ name: opts.name, adminEmail: opts.adminEmail, adminName: opts.adminName });
  if (!parsed.success) throw new CliError(parsed.error.issues.map((i) => i.message).join('\n'));
  const input = parsed.data;

  assertSlugFree(t, slug);
  const appHost = readVar(readConfig(t.configPath), t.deployment, 'APP_HOST') ?? 'localhost';
  const origin = workspaceOrigin(slug, appHost, t.deployment);
  const now = Date.now();
  const admin = firstAdmin({
    slug,
    workspaceName: input.name,
    adminEmail: input.adminEmail,
    adminName: input.adminName,
    origin,
    now
  });

  log(`Creating workspace "${input.name}" (${slug}, ${t.deployment})`);
  const journal = new Journal(`create-${slug}`, t.configPath, log);
  try {
    const db = provisionDatabase(t, slug, journal, true);
    journal.step(`create the first administrator ${admin.email.to} (invited)`, () =>
      withSqlFile(admin.tenantSql, (file) => d1Query(t, db.binding, { file }))
    );
    const controlSql = [
      insertRow('workspaces', {
        slug,
        name: input.name,
        status: 'active',
        db_binding: db.binding,
        created_at: now,
        updated_at: now
      }),
      // Production keeps no body (mailer.ts); the operator sends the printed message (docs/operations.md).
      ...(t.deployment === 'local' ? [outboxInsert(slug, admin.email, now)] : [])
    ];
    // Plain INSERT: if the slug was registered meanwhile, the primary key refuses it and we roll back.
    journal.step('register the workspace and queue the welcome email', () =>
      withSqlFile(controlSql, (file) => d1Query(t, 'DB_CONTROL', { file }))
    );
  } catch (err) {
    const record = journal.rollback(err);
    const reason = err instanceof WranglerError ? err.output : (err as Error).message;
    throw new CliError(
      `Creating "${slug}" failed: ${reason}\n` +
        (record
          ? `Some steps could not be undone; what is left to finish is written in ${record}`
          : 'Every finished step was undone: nothing was left half-made.'),
      1
    );
  }

  log(`✔ Workspace ${slug} is ready at ${origin}/`);
  if (t.deployment === 'local') {
    log(
      `  Welcome email "${admin.email.subject}" to ${admin.email.to} is in the email outbox (control plane).`
    );
    log('  Restart `wrangler dev` (or `npm run dev`) so the Worker picks up the new binding.');
  } else {
    log('  Deploy so the Worker gets the new binding: npx wrangler deploy --env production');
    log(
      `  Then send this welcome email to ${admin.email.to} (subject "${admin.email.subject}"):\n\n${admin.email.text}\n`
    );
  }
  return { slug, binding: bindingForSlug(slug), inviteLinkOrigin: origin };
}
