// `workspace list [--json]`: the registry joined with the configuration's tenant bindings, so that a
// registry row without a binding (or a binding without a row) is visible.
import { readConfig, tenantBlocks } from '../config.ts';
import { listRegistry } from '../registry.ts';
import type { Target } from '../wrangler.ts';

export interface ListedWorkspace {
  slug: string | null;
  name: string | null;
  status: string;
  binding: string;
  databaseName: string | null;
  note: string;
}

export function listWorkspaces(t: Target): ListedWorkspace[] {
  const rows = listRegistry(t);
  const blocks = tenantBlocks(readConfig(t.configPath), t.deployment);
  const out: ListedWorkspace[] = rows.map((r) => {
    const block = blocks.find((b) => b.binding === r.db_binding);
    return {
      slug: r.slug,
      name: r.name,
      status: r.status,
      binding: r.db_binding,
      databaseName: block?.databaseName ?? null,
      note: block ? '' : 'no binding in the configuration'
    };
  });
  for (const b of blocks)
    if (!rows.some((r) => r.db_binding === b.binding))
      out.push({
        slug: null,
        name: null,
        status: '-',
        binding: b.binding,
        databaseName: b.databaseName,
        note: 'binding without a registry row'
      });
  return out;
}

export function formatList(items: ListedWorkspace[]): string {
  const header = ['SLUG', 'NAME', 'STATUS', 'BINDING', 'NOTE'];
  const rows = items.map((i) => [i.slug ?? '-', i.name ?? '-', i.status, i.binding, i.note]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  return [header, ...rows]
    .map((r) =>
      r
        .map((v, c) => v.padEnd(widths[c]))
        .join('  ')
        .trimEnd()
    )
    .join('\n');
}
