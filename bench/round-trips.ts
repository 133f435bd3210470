// Storage round trips per request, read from the instrumented Worker (bench/instrumented-worker.ts):
// for every signed-in page and API route below, how many D1 calls (and SQL statements), KV reads,
// Durable Object calls and Cache API lookups one request makes, and how many sequential steps.
import { request } from './servers.ts';
import type { TraceSummary } from './trace-bindings.ts';

export interface RoundTripTarget {
  path: string;
  cookie: string;
}

export interface RoundTripRow extends Omit<TraceSummary, 'calls'> {
  path: string;
  status: number;
  calls: TraceSummary['calls'];
}

/** Signed-in pages of the My portal and the JSON routes behind them. */
export const SIGNED_IN_PATHS = [
  '/my',
  '/my/hardware',
  '/my/software',
  '/my/loans',
  '/my/requests',
  '/my/requests/new',
  '/my/notifications',
  '/my/profile',
  '/my/profile/security',
  '/my/agent',
  '/api/v1/me',
  '/api/v1/my/dashboard',
  '/api/v1/my/hardware',
  '/api/v1/my/software',
  '/api/v1/my/loans',
  '/api/v1/my/requests',
  '/api/v1/my/notifications',
  '/api/v1/my/profile'
];

/** Detail pages, read as the bench's bulk user (bench/my-portal-bulk.ts owns these rows). */
export const BULK_DETAIL_PATHS = ['/my/hardware/bulk-asset-1', '/my/requests/bulk-request-1'];

/** The admin console, signed in as Acme's administrator. */
export const ADMIN_PATHS = [
  '/admin',
  '/admin/hardware',
  '/admin/people',
  '/admin/requests',
  '/admin/software',
  '/admin/loans',
  '/admin/maintenance',
  '/admin/devices',
  '/admin/audit',
  '/admin/settings/security',
  '/api/v1/admin/dashboard'
];

export async function measureRoundTrips(
  port: number,
  host: string,
  targets: RoundTripTarget[]
): Promise<RoundTripRow[]> {
  const rows: RoundTripRow[] = [];
  for (const t of targets) {
    // The first request warms the isolate (module init, registry cache); the second is the one
    // a user hitting a warm isolate gets.
    await request(port, host, t.path, { headers: { cookie: t.cookie } });
    const res = await request(port, host, t.path, { headers: { cookie: t.cookie } });
    const header = res.headers['x-bench-trace'];
    if (typeof header !== 'string') throw new Error(`no trace header on ${t.path} (${res.status})`);
    const trace = JSON.parse(header) as TraceSummary;
    rows.push({ path: t.path, status: res.status, ...trace });
  }
  return rows;
}

export function printRoundTrips(rows: RoundTripRow[]) {
  console.log('\nstorage calls per request (instrumented bindings, warm isolate)\n');
  const head = ['target', 'status', 'D1 calls', 'SQL', 'KV reads', 'KV writes', 'DO', 'cache', 'steps'];
  const widths = [30, 7, 9, 5, 9, 10, 4, 6, 6];
  console.log(head.map((h, i) => (i ? h.padStart(widths[i]) : h.padEnd(widths[i]))).join(''));
  for (const r of rows) {
    const cells = [
      r.path,
      r.status,
      r.d1Calls,
      r.d1Statements,
      r.kvReads,
      r.kvWrites,
      r.doCalls,
      r.cacheLookups,
      r.sequentialSteps
    ];
    console.log(
      cells.map((c, i) => (i ? String(c).padStart(widths[i]) : String(c).padEnd(widths[i]))).join('')
    );
  }
  const pages = rows.filter((r) => !r.path.startsWith('/api/'));
  const worst = Math.max(...pages.map((r) => r.sequentialSteps));
  console.log(
    `\n  signed-in pages: at most ${worst} sequential storage steps (target <= 2) ${worst <= 2 ? 'met' : 'NOT met'}`
  );
}
