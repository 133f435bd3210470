// wrangler.toml as the workspace CLI sees it: the D1 bindings of one environment, and small text edits
// (append / remove one tenant binding) that keep every comment and every other line as it is.
//
// Assumptions (true for this repository's wrangler.toml, and written by this file when it edits):
//   - a D1 binding is an array-of-tables block, `[[d1_databases]]` (local / top level) or
//     `[[env.production.d1_databases]]` (production), holding `key = "string"` lines;
//   - a block ends at the next line that starts with `[` (the next table header) or at the end of file;
//   - a tenant binding is one whose migrations_dir is "migrations/tenant"; DB_CONTROL uses "migrations/control".
import { readFileSync, writeFileSync } from 'node:fs';

export type Deployment = 'local' | 'production';

export const TENANT_MIGRATIONS_DIR = 'migrations/tenant';
export const CONTROL_MIGRATIONS_DIR = 'migrations/control';
export const CONTROL_BINDING = 'DB_CONTROL';

export interface D1Block {
  binding: string;
  databaseName: string;
  databaseId: string;
  migrationsDir: string | null;
  /** Line range [start, end) in the file, including this CLI's own comment line above the header. */
  start: number;
  end: number;
}

function header(deployment: Deployment): string {
  return deployment === 'local' ? '[[d1_databases]]' : '[[env.production.d1_databases]]';
}

function isHeader(line: string): boolean {
  return line.trimStart().startsWith('[');
}

function stringValue(line: string, key: string): string | null {
  const m = line.match(new RegExp(`^\\s*${key}\\s*=\\s*"([^"]*)"`));
  return m ? m[1] : null;
}

/** Every D1 block of the deployment, in file order. */
export function readD1Blocks(text: string, deployment: Deployment): D1Block[] {
  const lines = text.split('\n');
  const wanted = header(deployment);
  const blocks: D1Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() !== wanted) continue;
    let end = i + 1;
    while (end < lines.length && !isHeader(lines[end])) end++;
    const body = lines.slice(i + 1, end);
    const get = (key: string) => body.map((l) => stringValue(l, key)).find((v) => v !== null) ?? null;
    const binding = get('binding');
    if (!binding) continue;
    // Trailing blank lines and comments belong to whatever follows.
    while (end > i + 1 && (lines[end - 1].trim() === '' || lines[end - 1].trim().startsWith('#'))) end--;
    const start = i > 0 && lines[i - 1].trim() === ownComment(binding) ? i - 1 : i;
    blocks.push({
      binding,
      databaseName: get('database_name') ?? '',
      databaseId: get('database_id') ?? '',
      migrationsDir: get('migrations_dir'),
      start,
      end
    });
  }
  return blocks;
}

export function tenantBlocks(text: string, deployment: Deployment): D1Block[] {
  return readD1Blocks(text, deployment).filter((b) => b.migrationsDir === TENANT_MIGRATIONS_DIR);
}

function ownComment(binding: string): string {
  return `# Workspace database ${binding} (added by \`npm run workspace -- create\`).`;
}

/** The text with one more tenant binding, placed after the deployment's last D1 block. */
export function withTenantBinding(
  text: string,
  deployment: Deployment,
  b: { binding: string; databaseName: string; databaseId: string }
): string {
  if (readD1Blocks(text, deployment).some((x) => x.binding === b.binding))
    throw new Error(`${b.binding} is already in the configuration`);
  const block = [
    ownComment(b.binding),
    header(deployment),
    `binding = "${b.binding}"`,
    `database_name = "${b.databaseName}"`,
    `database_id = "${b.databaseId}"`,
    `migrations_dir = "${TENANT_MIGRATIONS_DIR}"`
  ];
  const lines = text.split('\n');
  const all = readD1Blocks(text, deployment);
  if (all.length === 0) {
    const trimmed = text.replace(/\n*$/, '');
    return `${trimmed}\n\n${block.join('\n')}\n`;
  }
  const at = all[all.length - 1].end;
  lines.splice(at, 0, '', ...block);
  return lines.join('\n');
}

/** The text without the named tenant binding (and without the blank line that separated it). */
export function withoutTenantBinding(text: string, deployment: Deployment, binding: string): string {
  const block = tenantBlocks(text, deployment).find((b) => b.binding === binding);
  if (!block) return text;
  const lines = text.split('\n');
  let start = block.start;
  if (start > 0 && lines[start - 1].trim() === '') start--;
  lines.splice(start, block.end - start);
  return lines.join('\n');
}

/** `[vars]` (local) or `[env.production.vars]` value, for building workspace URLs. */
export function readVar(text: string, deployment: Deployment, name: string): string | null {
  const section = deployment === 'local' ? '[vars]' : '[env.production.vars]';
  const lines = text.split('\n');
  const i = lines.findIndex((l) => l.trim() === section);
  if (i < 0) return null;
  for (let j = i + 1; j < lines.length && !isHeader(lines[j]); j++) {
    const v = stringValue(lines[j], name);
    if (v !== null) return v;
  }
  return null;
}

export function readConfig(path: string): string {
  return readFileSync(path, 'utf8');
}

export function writeConfig(path: string, text: string): void {
  writeFileSync(path, text);
}

/** DB_<SLUG>: the binding name a workspace's database gets (slugs have no underscores, so it is unique). */
export function bindingForSlug(slug: string): string {
  return `DB_${slug.toUpperCase().replace(/-/g, '_')}`;
}

export function databaseNameForSlug(slug: string): string {
  return `ontrackio-tenant-${slug}`;
}
