import { acmeDb, assetId } from './helpers-data';

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

/** A new asset (the seeded ACME-0003's model) assigned to `userId`; returns its asset tag. */
export async function insertAssetAssignedTo(userId: string, db: D1Database = acmeDb()): Promise<string> {
  const tag = `TEST-${crypto.randomUUID().slice(0, 8).toUpperCase()}`;
  const now = Date.now();
  await db
    .prepare(
      `INSERT INTO hardware_assets (id, asset_tag, model_id, status, assigned_to, assigned_at, created_at, updated_at)
       SELECT ?, ?, model_id, 'assigned', ?, ?, ?, ? FROM hardware_assets WHERE asset_tag = 'ACME-0003'`
    )
    .bind(crypto.randomUUID(), tag, userId, now, now, now)
    .run();
  return tag;
}
