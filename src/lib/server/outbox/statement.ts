// The outbox row a service puts into the same db.batch() as the change it announces: the change and
// its delivery are saved together or not at all (no "saved but never synced", no "synced but not saved").
import { sql, type SQL } from 'drizzle-orm';
import type { TenantDb } from '../db';
import { outbox } from '../db/tenant-schema';
import type { OutboxChannel } from './types';

export interface OutboxDraft {
  channel: OutboxChannel;
  /** Changes with the same key are delivered one at a time, in the order they were written. */
  orderingKey: string;
  /** What happened, e.g. "request.created", "request.message". */
  eventType: string;
  /** A JSON-serialisable snapshot of what the receiver needs; the handler must not need more. */
  payload: unknown;
}

export interface OutboxStatementOptions {
  now?: number;
  /** Write the row only when this SQL condition holds (e.g. "the channel is connected"). */
  onlyIf?: SQL;
  /**
   * Write the row only if the statement just before it in the batch changed exactly one row: chain it
   * right after a conditional UPDATE or an auditStatementIfChanged, never after a statement that may
   * legitimately write zero rows (a notification the user opted out of).
   */
  onlyIfChanged?: boolean;
}

export function outboxStatement(db: TenantDb, draft: OutboxDraft, opts: OutboxStatementOptions = {}) {
  const now = opts.now ?? Date.now();
  const conds: SQL[] = [];
  if (opts.onlyIfChanged) conds.push(sql`changes() = 1`);
  if (opts.onlyIf) conds.push(opts.onlyIf);
  const where = conds.length ? sql` WHERE ${sql.join(conds, sql` AND `)}` : sql``;
  // Column order of outbox: id (NULL = next in sequence), channel, ordering_key, event_type, payload,
  // status, attempts, next_attempt_at, last_error, created_at, finished_at.
  return db.insert(outbox).select(sql`
    SELECT NULL, ${draft.channel}, ${draft.orderingKey}, ${draft.eventType}, ${JSON.stringify(draft.payload ?? null)}, 'pending', 0, ${now}, NULL, ${now}, NULL${where}`);
}
