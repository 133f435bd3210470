// Maintenance test data: a problem report inserted directly (the state a test needs).
import { acmeDb, assetId } from './helpers-my';

export async function insertProblem(
  reporterId: string,
  opts: { tag?: string; status?: string; priority?: string; description?: string; db?: D1Database } = {}
): Promise<{ id: string; assetId: string }> {
  const db = opts.db ?? acmeDb();
  const asset = await assetId(db, opts.tag ?? 'ACME-0003');
  const id = crypto.randomUUID();
  const now = Date.now();
  await db
    .prepare(
      `INSERT INTO maintenance_records (id, asset_id, reported_by, description, priority, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
    )
    .bind(
      id,
      asset,
      reporterId,
      opts.description ?? `Probe ${id.slice(0, 8)}`,
      opts.priority ?? 'medium',
      opts.status ?? 'open',
      now,
      now
    )
    .run();
  return { id, assetId: asset };
}
