// Creates, migrates and seeds the local databases for `npm run dev` (idempotent: re-running changes
// nothing). Local state lives in .wrangler/state; `npm run dev:reset` deletes it for a clean start.
// Every tenant binding in wrangler.toml is migrated (including workspaces added with
// `npm run workspace -- create`); only the demo workspaces are seeded.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildDemoSeed } from './seed/demo-seed.ts';
import { tenantBlocks } from './workspace/config.ts';

const WRANGLER = join('node_modules', 'wrangler', 'bin', 'wrangler.js');
const TENANTS: Record<string, string> = { acme: 'DB_ACME', globex: 'DB_GLOBEX' };
const TENANT_BINDINGS = tenantBlocks(readFileSync('wrangler.toml', 'utf8'), 'local').map((b) => b.binding);

// `--persist-to DIR` seeds another state folder (the e2e tests use their own, fresh each run).
const persistIdx = process.argv.indexOf('--persist-to');
const persist = persistIdx > 0 ? ['--persist-to', process.argv[persistIdx + 1]] : [];

function wrangler(args: string[]) {
  args = [...args, ...persist];
  execFileSync(process.execPath, [WRANGLER, ...args], {
    stdio: ['ignore', args[1] === 'execute' ? 'ignore' : 'inherit', 'inherit'],
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: 'true' }
  });
}

for (const binding of ['DB_CONTROL', ...new Set([...Object.values(TENANTS), ...TENANT_BINDINGS])]) {
  console.log(`\n▸ migrating ${binding} (local)`);
  wrangler(['d1', 'migrations', 'apply', binding, '--local']);
}

const seed = await buildDemoSeed();
const dir = join(persist[1] ?? '.wrangler', 'seed');
mkdirSync(dir, { recursive: true });
const files: [string, string[]][] = [
  ['DB_CONTROL', seed.control],
  ...Object.entries(TENANTS).map(([slug, b]) => [b, seed.tenants[slug]] as [string, string[]])
];
for (const [binding, statements] of files) {
  const file = join(dir, `${binding}.sql`);
  writeFileSync(file, statements.join('\n') + '\n');
  console.log(`▸ seeding ${binding} (${statements.length} statements, INSERT OR IGNORE)`);
  wrangler(['d1', 'execute', binding, '--local', '--file', file]);
}
console.log(
  '\n✔ local databases ready: http://acme.localhost:8787  http://globex.localhost:8787  (password demo-password-2026)'
);
