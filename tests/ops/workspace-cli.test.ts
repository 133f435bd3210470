// The workspace CLI end to end on local state: create, refuse, list, suspend, resume, delete
// (failures that must leave nothing half-made: workspace-cli-failures.test.ts).
// One project for the whole file: the steps build on each other, as an operator's would.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, cli, makeProject, queries, query, readConfigText, type OpsProject } from './helpers-ops';

let p: OpsProject;
beforeAll(() => {
  p = makeProject();
});
afterAll(() => p.cleanup());

describe('workspace create', () => {
  it('refuses invalid and reserved slugs with a clear message, changing nothing', () => {
    const before = readConfigText(p);
    for (const [slug, words] of [
      ['app', 'is reserved'],
      ['www', 'is reserved'],
      ['api', 'is reserved'],
      ['Bad_Slug', 'is not valid'],
      ['-x-', 'is not valid'],
      ['a', 'is not valid']
    ]) {
      const r = cli(p, 'create', `--slug=${slug}`, '--name', 'X', '--admin-email', 'it@x.example');
      expect(r.code, slug).toBe(2);
      expect(r.stderr).toContain(`"${slug}" ${words}`);
    }
    const noEmail = cli(
      p,
      'create',
      '--slug',
      'initech2',
      '--name',
      'Initech',
      '--admin-email',
      'not-an-email'
    );
    expect(noEmail.code).toBe(2);
    expect(noEmail.stderr).toContain('--admin-email must be a valid email address');
    expect(readConfigText(p)).toBe(before);
  });

  it('provisions a workspace: binding, migrated database, registry row, invited admin, token, welcome email', () => {
    const r = cli(
      p,
      'create',
      '--slug',
      'initech2',
      '--name',
      'Initech',
      '--admin-email',
      'Boss@Initech.example',
      '--admin-name',
      'Bill Lumbergh'
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Workspace initech2 is ready at http://initech2.localhost:8787/');

    const config = readConfigText(p);
    expect(config).toMatch(
      /\[\[d1_databases\]\]\nbinding = "DB_INITECH2"\ndatabase_name = "ontrackio-tenant-initech2"\ndatabase_id = "[0-9a-f-]{36}"\nmigrations_dir = "migrations\/tenant"/
    );

    type Mail = {
      to_address: string;
      subject: string;
      text_body: string;
      html_body: string;
      delivery: string;
    };
    const [registry, mails] = queries<Record<string, unknown>>(p, 'DB_CONTROL', [
      "SELECT slug, name, status, db_binding FROM workspaces WHERE slug = 'initech2'",
      "SELECT to_address, subject, text_body, html_body, delivery FROM email_outbox WHERE workspace_slug = 'initech2'"
    ]);
    expect(registry).toEqual([
      { slug: 'initech2', name: 'Initech', status: 'active', db_binding: 'DB_INITECH2' }
    ]);
    type Token = {
      token_hash: string;
      user_id: string;
      purpose: string;
      expires_at: number;
      created_at: number;
      used_at: null;
    };
    const [migrations, users, tokens, audit] = queries<Record<string, unknown>>(p, 'DB_INITECH2', [
      'SELECT name FROM d1_migrations ORDER BY id',
      'SELECT id, email, name, role, status, password_hash FROM users',
      'SELECT token_hash, user_id, purpose, expires_at, created_at, used_at FROM auth_tokens',
      'SELECT action FROM audit_log ORDER BY id'
    ]);
    // Every tenant migration in the repository, in order (not a fixed list: new migrations join it).
    expect(migrations.map((m) => m.name)).toEqual(
      readdirSync(join(ROOT, 'migrations', 'tenant'))
        .filter((f) => f.endsWith('.sql'))
        .sort()
    );
    expect(users).toHaveLength(1);
    expect(users[0]).toMatchObject({
      email: 'boss@initech.example',
      name: 'Bill Lumbergh',
      role: 'admin',
      status: 'invited',
      password_hash: null
    });

    expect(mails).toHaveLength(1);
    const mail = mails[0] as Mail;
    expect(mail).toMatchObject({
      to_address: 'boss@initech.example',
      subject: 'Your workspace is ready',
      delivery: 'outbox'
    });
    expect(mail.text_body).toContain('http://initech2.localhost:8787/\n');
    const token = mail.text_body.match(
      /http:\/\/initech2\.localhost:8787\/reset-password\/([a-z2-7]{32})/
    )?.[1];
    expect(token).toBeDefined();
    expect(mail.html_body).toContain(`/reset-password/${token}`);

    // Only the SHA-256 of the single-use token is stored, for this user, for 7 days.
    expect(tokens).toHaveLength(1);
    const tok = tokens as Token[];
    expect(tok[0]).toMatchObject({
      token_hash: createHash('sha256').update(token!).digest('hex'),
      user_id: users[0].id,
      purpose: 'invitation',
      used_at: null
    });
    expect(tok[0].expires_at - tok[0].created_at).toBe(7 * 24 * 60 * 60 * 1000);
    expect(readConfigText(p)).not.toContain(token!);

    expect(audit.map((a) => a.action)).toEqual(['workspace.provisioned', 'user.invited']);
  });

  it('refuses to create the same slug again and changes nothing', () => {
    const config = readConfigText(p);
    const counts = () =>
      query(
        p,
        'DB_CONTROL',
        'SELECT (SELECT COUNT(*) FROM workspaces) w, (SELECT COUNT(*) FROM email_outbox) m'
      )[0];
    const before = { w: 4, m: 1 }; // acme, globex, initech (demo) + initech2; its one welcome email
    const r = cli(
      p,
      'create',
      '--slug',
      'initech2',
      '--name',
      'Initech again',
      '--admin-email',
      'other@initech.example'
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'A workspace with the slug "initech2" already exists (Initech, active). Nothing was changed.'
    );
    expect(readConfigText(p)).toBe(config);
    expect(counts()).toEqual(before);
  });

  it('survives a re-run of the local setup (npm run setup:local migrates every tenant binding)', () => {
    const setup = spawnSync(process.execPath, [join(ROOT, 'scripts', 'setup-local.ts')], {
      cwd: p.dir,
      encoding: 'utf8',
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false' }
    });
    expect(setup.status, setup.stderr).toBe(0);
    expect(setup.stdout).toContain('migrating DB_INITECH2');
    expect(query(p, 'DB_CONTROL', "SELECT status FROM workspaces WHERE slug = 'initech2'")).toEqual([
      { status: 'active' }
    ]);
    expect(query(p, 'DB_INITECH2', 'SELECT email, status FROM users')).toEqual([
      { email: 'boss@initech.example', status: 'invited' }
    ]);
  });
});

describe('workspace list, suspend, resume, delete', () => {
  it('lists the registry with each workspace’s binding', () => {
    const r = cli(p, 'list', '--json');
    expect(r.code).toBe(0);
    const items = JSON.parse(r.stdout) as { slug: string; status: string; binding: string; note: string }[];
    expect(items.map((i) => [i.slug, i.status, i.binding])).toEqual([
      ['acme', 'active', 'DB_ACME'],
      ['globex', 'active', 'DB_GLOBEX'],
      ['initech', 'suspended', 'DB_INITECH'],
      ['initech2', 'active', 'DB_INITECH2']
    ]);
    // The demo's suspended initech has a registry row but no database here: list says so.
    expect(items.find((i) => i.slug === 'initech')?.note).toBe('no binding in the configuration');
    const table = cli(p, 'list');
    expect(table.stdout).toMatch(/initech2\s+Initech\s+active\s+DB_INITECH2/);
  });

  it('suspends and resumes, once each, and audits both', () => {
    expect(cli(p, 'suspend', '--slug', 'initech2').code).toBe(0);
    const again = cli(p, 'suspend', '--slug', 'initech2');
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already suspended');
    expect(cli(p, 'resume', '--slug', 'initech2').code).toBe(0);
    const audit = query<{ action: string; before: string; after: string }>(
      p,
      'DB_INITECH2',
      "SELECT action, before, after FROM audit_log WHERE entity_type = 'workspace' ORDER BY id"
    );
    expect(audit.slice(1)).toEqual([
      { action: 'workspace.suspended', before: '{"status":"active"}', after: '{"status":"suspended"}' },
      { action: 'workspace.resumed', before: '{"status":"suspended"}', after: '{"status":"active"}' }
    ]);
    expect(query(p, 'DB_CONTROL', "SELECT status FROM workspaces WHERE slug = 'initech2'")[0].status).toBe(
      'active'
    );
    const unknown = cli(p, 'suspend', '--slug', 'nosuch');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('No workspace "nosuch" is registered');
  });

  it('deletes only with confirmation and only when suspended, exporting first', () => {
    const config = readConfigText(p);
    const noConfirm = cli(p, 'delete', '--slug', 'initech2');
    expect(noConfirm.code).toBe(2);
    expect(noConfirm.stderr).toContain('--confirm initech2');
    const active = cli(p, 'delete', '--slug', 'initech2', '--confirm', 'initech2');
    expect(active.code).toBe(2);
    expect(active.stderr).toContain('is active. Suspend it first');
    expect(readConfigText(p)).toBe(config);

    expect(cli(p, 'suspend', '--slug', 'initech2').code).toBe(0);
    const exportFile = join(p.dir, 'initech2-final.json');
    const del = cli(p, 'delete', '--slug', 'initech2', '--confirm', 'initech2', '--export-to', exportFile);
    expect(del.stderr).toBe('');
    expect(del.code).toBe(0);
    const exported = JSON.parse(readFileSync(exportFile, 'utf8'));
    expect(exported.workspace).toMatchObject({
      slug: 'initech2',
      status: 'suspended',
      db_binding: 'DB_INITECH2'
    });
    expect(exported.tables.users).toBe(1);
    expect(exported.data).toContain('boss@initech.example');
    expect(exported.schema).toContain('CREATE TABLE `users`');
    expect(query(p, 'DB_CONTROL', "SELECT COUNT(*) n FROM workspaces WHERE slug = 'initech2'")[0].n).toBe(0);
    expect(readConfigText(p)).not.toContain('DB_INITECH2');
    // The rest of the configuration is byte for byte what it was before the workspace existed.
    expect(readConfigText(p)).toBe(readFileSync(join(ROOT, 'wrangler.toml'), 'utf8'));
  });
});
