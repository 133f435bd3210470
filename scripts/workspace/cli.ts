// `npm run workspace -- <command> [options]`: provisioning and operations for workspaces (wiring only;
// each command lives in commands/). See docs/operations.md.
import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { CliError } from './errors.ts';
import { createWorkspace } from './commands/create.ts';
import { formatList, listWorkspaces } from './commands/list.ts';
import { setWorkspaceStatus } from './commands/status.ts';
import { deleteWorkspace } from './commands/delete.ts';
import { migrateAll } from './commands/migrate.ts';
import { exportWorkspace, importWorkspace } from './commands/backup.ts';
import type { Target } from './wrangler.ts';

const USAGE = `Usage: npm run workspace -- <command> [options]

Commands:
  create  --slug S --name "N" --admin-email E [--admin-name "A"]   provision a workspace, invite its first admin
  list    [--json]                                                   registry + bindings
  suspend --slug S | resume --slug S                                 stop / allow sign-in and pages
  delete  --slug S --confirm S [--export-to FILE]                    export, then remove (must be suspended)
  migrate                                                            control plane + every tenant database
  export  --slug S [--out FILE]                                      whole database + registry row to a file
  import  --file FILE [--slug S] [--name "N"]                        restore an export into a new workspace

Options for every command:
  --env production   act on the production deployment ([env.production], --remote); default: local
  --config PATH      wrangler configuration (default: ./wrangler.toml); local state: <its dir>/.wrangler/state`;

function main(argv: string[]): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      slug: { type: 'string' },
      name: { type: 'string' },
      'admin-email': { type: 'string' },
      'admin-name': { type: 'string' },
      confirm: { type: 'string' },
      'export-to': { type: 'string' },
      out: { type: 'string' },
      file: { type: 'string' },
      env: { type: 'string' },
      config: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' }
    }
  });
  const command = positionals[0];
  if (!command || values.help) {
    console.log(USAGE);
    return command || values.help ? 0 : 2;
  }
  if (values.env && values.env !== 'production')
    throw new CliError(`Unknown --env "${values.env}": the only deployed environment is "production".`);
  const configPath = resolve(values.config ?? 'wrangler.toml');
  if (!existsSync(configPath)) throw new CliError(`No wrangler configuration at ${configPath}.`);
  const t: Target = { configPath, deployment: values.env === 'production' ? 'production' : 'local' };
  const log = (line: string) => console.log(line);

  switch (command) {
    case 'create':
      createWorkspace(
        t,
        {
          slug: values.slug,
          name: values.name,
          adminEmail: values['admin-email'],
          adminName: values['admin-name']
        },
        log
      );
      return 0;
    case 'list': {
      const items = listWorkspaces(t);
      console.log(values.json ? JSON.stringify(items, null, 2) : formatList(items));
      return 0;
    }
    case 'suspend':
    case 'resume':
      setWorkspaceStatus(t, values.slug, command === 'suspend' ? 'suspended' : 'active', log);
      return 0;
    case 'delete':
      deleteWorkspace(t, { slug: values.slug, confirm: values.confirm, exportTo: values['export-to'] }, log);
      return 0;
    case 'migrate':
      migrateAll(t, log);
      return 0;
    case 'export':
      exportWorkspace(t, values.slug, values.out, log);
      return 0;
    case 'import':
      importWorkspace(t, { file: values.file, slug: values.slug, name: values.name }, log);
      return 0;
    default:
      throw new CliError(`Unknown command "${command}".\n\n${USAGE}`);
  }
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (err) {
  if (err instanceof CliError) {
    console.error(`✘ ${err.message}`);
    process.exitCode = err.exitCode;
  } else if (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS')) {
    console.error(`✘ ${err.message}\n\n${USAGE}`);
    process.exitCode = 2;
  } else {
    console.error(err);
    process.exitCode = 1;
  }
}
