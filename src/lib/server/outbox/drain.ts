// The delivery loop's body: deliver every due change, each ordering key's changes one at a time in id
// order, several keys in parallel. Runs inside the workspace's OutboxDelivery Durable Object (one per
// workspace, so one drain at a time per workspace), but takes everything as arguments so that it can
// run anywhere.
//
// Invariants:
// - A key's head is its oldest row that is pending or failed. Only a pending, due head is delivered;
//   a failed head blocks its key until an admin retries it (later changes of a request never overtake
//   an earlier one, e.g. a reply never reaches a ticket that was never created).
// - Every state change is a conditional UPDATE on status = 'pending', so a row delivered twice (an
//   alarm retried after a crash: alarms run at least once) is recorded once. Delivery itself is at least
//   once; handlers make their writes idempotent (the help desk looks a ticket up before creating it).
import { sql } from 'drizzle-orm';
import type { TenantDb } from '../db';
import { RETRY_POLICY, retryDelayMs } from './backoff';
import type {
  DeliveryContext,
  DeliveryOutcome,
  OutboxChange,
  OutboxEnv,
  OutboxHandlers,
  OutboxRetryPolicy
} from './types';

export interface DrainOptions {
  now?: () => number;
  random?: () => number;
  /** Keys delivered in parallel. */
  concurrency?: number;
  /** Stop after this many deliveries and report `more` (the caller schedules the rest at once). */
  maxDeliveries?: number;
}

export interface DrainResult {
  delivered: number;
  retried: number;
  failed: number;
  skipped: number;
  /** When the next waiting change is due (null: nothing is waiting). */
  nextDueAt: number | null;
  /** True when the run stopped at maxDeliveries with due changes left. */
  more: boolean;
}

interface HeadRow {
  id: number;
  channel: string;
  ordering_key: string;
  event_type: string;
  payload: string;
  attempts: number;
  created_at: number;
}

const NO_EARLIER_OPEN_ROW = sql`NOT EXISTS (SELECT 1 FROM outbox e WHERE e.channel = o.channel AND e.ordering_key = o.ordering_key AND e.status IN ('pending', 'failed') AND e.id < o.id)`;

/** The oldest due head whose key is not being delivered right now. */
async function nextDueHead(db: TenantDb, now: number, busy: Set<string>): Promise<HeadRow | undefined> {
  const skip = busy.size
    ? sql` AND (o.channel || ' ' || o.ordering_key) NOT IN (${sql.join(
        [...busy].map((k) => sql`${k}`),
        sql`, `
      )})`
    : sql``;
  const rows = await db.all<HeadRow>(sql`
    SELECT o.id, o.channel, o.ordering_key, o.event_type, o.payload, o.attempts, o.created_at
    FROM outbox o
    WHERE o.status = 'pending' AND o.next_attempt_at <= ${now} AND ${NO_EARLIER_OPEN_ROW}${skip}
    ORDER BY o.id LIMIT 1`);
  return rows[0];
}

// Channel names have no spaces, so "<channel> <key>" names one key unambiguously.
const keyOf = (h: HeadRow) => `${h.channel} ${h.ordering_key}`;

async function nextDueAt(db: TenantDb): Promise<number | null> {
  const row = await db.get<{ at: number | null }>(sql`
    SELECT min(o.next_attempt_at) AS at FROM outbox o WHERE o.status = 'pending' AND ${NO_EARLIER_OPEN_ROW}`);
  return row?.at ?? null;
}

function parsePayload(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return null;
  }
}

async function deliverOne(
  change: OutboxChange,
  handlers: OutboxHandlers,
  ctx: DeliveryContext
): Promise<DeliveryOutcome> {
  const handler = handlers[change.channel];
  if (!handler) return { kind: 'failed', error: `No handler for channel “${change.channel}”.` };
  try {
    return await handler.deliver(change, ctx);
  } catch (e) {
    // A handler bug or an unexpected answer: retried like a transient error, then failed and shown.
    return { kind: 'retry', error: e instanceof Error ? e.message : String(e) };
  }
}

/** The wait before the next attempt: the channel's own schedule if it has one, else the default. */
function nextDelayMs(
  policy: OutboxRetryPolicy | undefined,
  attempts: number,
  retryAfterMs: number | undefined,
  random: () => number
): number {
  if (!policy) return retryDelayMs(attempts, retryAfterMs, random);
  const own = policy.delayMs(attempts, random);
  const asked =
    retryAfterMs === undefined ? 0 : Math.min(RETRY_POLICY.maxRetryAfterMs, Math.max(0, retryAfterMs));
  return Math.max(own, asked);
}

async function record(
  db: TenantDb,
  change: OutboxChange,
  outcome: DeliveryOutcome,
  now: number,
  random: () => number,
  policy?: OutboxRetryPolicy
): Promise<'delivered' | 'retried' | 'failed' | 'skipped'> {
  const attempts = change.attempts + 1;
  const guard = sql`id = ${change.id} AND status = 'pending'`;
  if (outcome.kind === 'delivered') {
    await db.run(
      sql`UPDATE outbox SET status = 'delivered', attempts = ${attempts}, last_error = NULL, finished_at = ${now} WHERE ${guard}`
    );
    return 'delivered';
  }
  if (outcome.kind === 'skipped') {
    await db.run(
      sql`UPDATE outbox SET status = 'skipped', attempts = ${attempts}, last_error = ${outcome.reason}, finished_at = ${now} WHERE ${guard}`
    );
    return 'skipped';
  }
  const lastTry = outcome.kind === 'failed' || attempts >= (policy ?? RETRY_POLICY).maxAttempts;
  if (lastTry) {
    await db.run(
      sql`UPDATE outbox SET status = 'failed', attempts = ${attempts}, last_error = ${outcome.error}, finished_at = ${now} WHERE ${guard}`
    );
    console.error(
      JSON.stringify({
        event: 'outbox.failed',
        channel: change.channel,
        id: change.id,
        attempts,
        error: outcome.error
      })
    );
    return 'failed';
  }
  const retryAfterMs = outcome.kind === 'retry' ? outcome.retryAfterMs : undefined;
  const at = now + nextDelayMs(policy, attempts, retryAfterMs, random);
  await db.run(
    sql`UPDATE outbox SET attempts = ${attempts}, last_error = ${outcome.error}, next_attempt_at = ${at} WHERE ${guard}`
  );
  return 'retried';
}

export async function drainOutbox(
  db: TenantDb,
  env: OutboxEnv,
  slug: string,
  handlers: OutboxHandlers,
  opts: DrainOptions = {}
): Promise<DrainResult> {
  const clock = opts.now ?? Date.now;
  const random = opts.random ?? Math.random;
  const concurrency = opts.concurrency ?? 4;
  const maxDeliveries = opts.maxDeliveries ?? 200;
  const result: DrainResult = {
    delivered: 0,
    retried: 0,
    failed: 0,
    skipped: 0,
    nextDueAt: null,
    more: false
  };
  // `concurrency` workers, each taking the oldest due head of a key nobody is delivering: a key's
  // changes go one at a time in order, and a slow key never holds the others back. Picking is
  // serialised, so two workers never take the same key.
  const busy = new Set<string>();
  let started = 0;
  let picking: Promise<unknown> = Promise.resolve();
  const pick = (): Promise<HeadRow | undefined> => {
    const next = picking.then(async () => {
      if (started >= maxDeliveries) return undefined;
      const head = await nextDueHead(db, clock(), busy);
      if (head) {
        busy.add(keyOf(head));
        started++;
      }
      return head;
    });
    picking = next.catch(() => undefined);
    return next;
  };
  const worker = async () => {
    for (let head = await pick(); head; head = await pick()) {
      const change: OutboxChange = {
        id: head.id,
        channel: head.channel,
        orderingKey: head.ordering_key,
        eventType: head.event_type,
        payload: parsePayload(head.payload),
        attempts: head.attempts,
        createdAt: head.created_at
      };
      try {
        const outcome = await deliverOne(change, handlers, { env, db, slug, now: clock() });
        const policy = handlers[change.channel]?.retryPolicy;
        result[await record(db, change, outcome, clock(), random, policy)]++;
      } finally {
        busy.delete(keyOf(head));
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  if (started >= maxDeliveries) result.more = (await nextDueHead(db, clock(), busy)) !== undefined;
  result.nextDueAt = result.more ? clock() : await nextDueAt(db);
  return result;
}
