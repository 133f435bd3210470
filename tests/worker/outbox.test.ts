// The outbox (src/lib/server/outbox): rows written in the service's batch, the delivery loop's rules
// (per-key order, retries with backoff and Retry-After, failure after the last attempt, a failed change
// blocking its key until Retry), and the Durable Object + cron wiring. The help-desk channel itself is
// tested against a real Request Tracker in tests/helpdesk.
import { env } from 'cloudflare:workers';
import {
  createExecutionContext,
  createScheduledController,
  runDurableObjectAlarm,
  waitOnExecutionContext
} from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import worker from '../../worker/index';
import { openTenantDb } from '../../src/lib/server/db';
import { outbox, auditLog } from '../../src/lib/server/db/tenant-schema';
import {
  outboxStatement,
  outboxSummaryForWorkspace,
  retryOutboxChangeForWorkspace
} from '../../src/lib/server/outbox';
import { drainOutbox } from '../../src/lib/server/outbox/drain';
import {
  RETRY_POLICY,
  parseRetryAfter,
  retryDelayMs,
  outcomeOfHttpFailure
} from '../../src/lib/server/outbox/backoff';
import type { DeliveryOutcome, OutboxChange, OutboxHandlers } from '../../src/lib/server/outbox';
import { outboxLoopOf } from '../../src/lib/server/outbox/kick';

const db = openTenantDb(env.DB_ACME!);

type Script = (change: OutboxChange) => DeliveryOutcome;

/**
 * why: a scripted channel, so the loop's own rules are tested without any receiver; `seen` records the
 * order of delivery attempts.
 */
function scriptedChannel(script: Script) {
  const seen: { id: number; key: string; payload: unknown }[] = [];
  const handlers: OutboxHandlers = {
    test: {
      async deliver(change) {
        seen.push({ id: change.id, key: change.orderingKey, payload: change.payload });
        return script(change);
      }
    }
  };
  return { seen, handlers };
}

async function enqueue(key: string, n: number, now = Date.now()) {
  const stmts = Array.from({ length: n }, (_, i) =>
    // The channel name is outside OUTBOX_CHANNELS on purpose: only the scripted handler knows it.
    outboxStatement(
      db,
      { channel: 'test' as 'helpdesk', orderingKey: key, eventType: 'e', payload: { i } },
      { now }
    )
  );
  await db.batch(stmts as [(typeof stmts)[0], ...typeof stmts]);
}

const rows = () => db.select().from(outbox).orderBy(outbox.id).all();

beforeEach(async () => {
  await db.delete(outbox);
});

describe('writing', () => {
  it('writes in the same batch, honours onlyIf and chains on the statement before', async () => {
    await db.batch([
      outboxStatement(db, { channel: 'helpdesk', orderingKey: 'k1', eventType: 'a', payload: { x: 1 } }),
      outboxStatement(
        db,
        { channel: 'helpdesk', orderingKey: 'k1', eventType: 'b', payload: null },
        { onlyIf: sql`1 = 0` }
      ),
      // The statement before wrote nothing, so this chained row is not written either.
      outboxStatement(
        db,
        { channel: 'helpdesk', orderingKey: 'k1', eventType: 'c', payload: null },
        { onlyIfChanged: true }
      )
    ]);
    const all = await rows();
    expect(all.map((r) => [r.eventType, r.status, JSON.parse(r.payload)])).toEqual([
      ['a', 'pending', { x: 1 }]
    ]);
  });
});

describe('the delivery loop', () => {
  it('delivers each key in order and every key once', async () => {
    await enqueue('a', 5);
    await enqueue('b', 5);
    const { seen, handlers } = scriptedChannel(() => ({ kind: 'delivered' }));
    const result = await drainOutbox(db, env, 'acme', handlers);
    expect(result).toMatchObject({ delivered: 10, retried: 0, failed: 0, nextDueAt: null });
    for (const key of ['a', 'b']) {
      const ids = seen.filter((s) => s.key === key).map((s) => s.id);
      expect(ids).toEqual([...ids].sort((x, y) => x - y));
      expect(ids).toHaveLength(5);
    }
    expect((await rows()).every((r) => r.status === 'delivered' && r.attempts === 1)).toBe(true);
  });

  it('retries with backoff, honours Retry-After, and holds the key’s later changes back', async () => {
    const now = 1_000_000;
    await enqueue('slow', 2, now);
    const { seen, handlers } = scriptedChannel(() => ({
      kind: 'retry',
      error: 'HTTP 429',
      retryAfterMs: 30_000
    }));
    const result = await drainOutbox(db, env, 'acme', handlers, { now: () => now });
    expect(result.retried).toBe(1);
    expect(seen).toHaveLength(1); // the second change waits behind the first
    const [first, second] = await rows();
    expect(first).toMatchObject({ status: 'pending', attempts: 1, lastError: 'HTTP 429' });
    expect(first!.nextAttemptAt).toBeGreaterThanOrEqual(now + 30_000);
    expect(result.nextDueAt).toBe(first!.nextAttemptAt);
    expect(second).toMatchObject({ status: 'pending', attempts: 0 });
  });

  it('marks a change failed after its last attempt, shows it to admins, and Retry delivers it in order', async () => {
    let now = 5_000_000;
    await enqueue('down', 3, now);
    let up = false;
    const { seen, handlers } = scriptedChannel(() =>
      up ? { kind: 'delivered' } : { kind: 'retry', error: 'unreachable (connection refused)' }
    );
    for (let i = 0; i < RETRY_POLICY.maxAttempts; i++) {
      await drainOutbox(db, env, 'acme', handlers, { now: () => now });
      now += RETRY_POLICY.capMs * 2; // as time passes: every retry is due
    }
    const [first, ...rest] = await rows();
    expect(first).toMatchObject({ status: 'failed', attempts: RETRY_POLICY.maxAttempts });
    expect(rest.every((r) => r.status === 'pending' && r.attempts === 0)).toBe(true);
    expect(new Set(seen.map((s) => s.id))).toEqual(new Set([first!.id]));

    // Blocked: nothing more is tried while the head is failed.
    const blocked = await drainOutbox(db, env, 'acme', handlers, { now: () => now });
    expect(blocked).toMatchObject({ delivered: 0, retried: 0, nextDueAt: null });

    const summary = await outboxSummaryForWorkspace(db, 'test' as 'helpdesk');
    expect(summary.failed).toEqual([
      expect.objectContaining({ id: first!.id, lastError: 'unreachable (connection refused)' })
    ]);
    expect(summary.pending).toBe(2);

    const admin = {
      kind: 'user',
      userId: 'u-admin-acme',
      name: 'Admin',
      role: 'admin',
      via: 'session'
    } as const;
    expect(await retryOutboxChangeForWorkspace(db, admin, 'test' as 'helpdesk', first!.id, now)).toBe(true);
    expect(await retryOutboxChangeForWorkspace(db, admin, 'test' as 'helpdesk', first!.id, now)).toBe(false);
    const audit = await db
      .select()
      .from(auditLog)
      .where(sql`${auditLog.entityType} = 'outbox' AND ${auditLog.entityId} = ${String(first!.id)}`)
      .all();
    expect(audit.map((a) => a.action)).toEqual(['test.delivery_retried']);

    up = true;
    seen.length = 0;
    const result = await drainOutbox(db, env, 'acme', handlers, { now: () => now });
    expect(result.delivered).toBe(3);
    expect(seen.map((s) => s.id)).toEqual((await rows()).map((r) => r.id));
  });

  it('fails at once on a permanent refusal and on a channel without a handler', async () => {
    await enqueue('refused', 1);
    await db.batch([
      outboxStatement(db, { channel: 'nobody' as 'helpdesk', orderingKey: 'x', eventType: 'e', payload: {} })
    ]);
    const { handlers } = scriptedChannel(() => ({ kind: 'failed', error: 'HTTP 400 bad field' }));
    const result = await drainOutbox(db, env, 'acme', handlers);
    expect(result.failed).toBe(2);
    expect((await rows()).map((r) => [r.status, r.attempts, r.lastError])).toEqual([
      ['failed', 1, 'HTTP 400 bad field'],
      ['failed', 1, 'No handler for channel “nobody”.']
    ]);
  });
});

describe('backoff', () => {
  it('grows exponentially with jitter up to the cap and honours Retry-After', () => {
    expect(retryDelayMs(1, undefined, () => 0)).toBe(RETRY_POLICY.baseMs / 2);
    expect(retryDelayMs(1, undefined, () => 1)).toBe(RETRY_POLICY.baseMs);
    expect(retryDelayMs(3, undefined, () => 1)).toBe(RETRY_POLICY.baseMs * 4);
    expect(retryDelayMs(40, undefined, () => 1)).toBe(RETRY_POLICY.capMs);
    expect(retryDelayMs(1, 120_000, () => 0)).toBe(120_000);
    expect(retryDelayMs(1, 10 * 3600_000, () => 0)).toBe(RETRY_POLICY.maxRetryAfterMs);
  });

  it('reads Retry-After as seconds or a date, and classifies HTTP answers', () => {
    const now = Date.parse('2026-12-01T10:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Tue, 01 Dec 2026 10:01:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    const res = (status: number, headers: Record<string, string> = {}) =>
      new Response(null, { status, headers });
    expect(outcomeOfHttpFailure(res(429, { 'retry-after': '7' }), 'x', '', now)).toMatchObject({
      kind: 'retry',
      retryAfterMs: 7_000
    });
    expect(outcomeOfHttpFailure(res(503), 'x', '', now).kind).toBe('retry');
    expect(outcomeOfHttpFailure(res(404), 'x', '', now).kind).toBe('failed');
  });
});

describe('the Durable Object and the cron', () => {
  it('a kick and the 2-minute cron run the workspace’s loop', async () => {
    await db.batch([
      outboxStatement(db, { channel: 'nobody' as 'helpdesk', orderingKey: 'do', eventType: 'e', payload: {} })
    ]);
    const loop = outboxLoopOf(env, 'acme');
    await loop.kick('acme');
    expect(await runDurableObjectAlarm(loop)).toBe(true);
    expect((await rows())[0]).toMatchObject({
      status: 'failed',
      lastError: 'No handler for channel “nobody”.'
    });

    const ctx = createExecutionContext();
    await worker.scheduled(
      createScheduledController({ scheduledTime: Date.now(), cron: '*/2 * * * *' }),
      env,
      ctx
    );
    await waitOnExecutionContext(ctx);
    // The cron set an alarm on acme's loop (nothing is due, so the run finds nothing to do).
    expect(await runDurableObjectAlarm(loop)).toBe(true);
  });
});
