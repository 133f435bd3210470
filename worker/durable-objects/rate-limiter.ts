// Exact sliding-window counters, one object per counted key (e.g. "acme:signin:account:ada@acme.example").
// A Durable Object is single-threaded, and `attempt` reads, decides and writes its window with the
// synchronous storage API (SQLite-backed object) before it awaits anything, so two concurrent
// guesses can never both slip under the limit. The write is durable before the answer leaves
// (the object's output gate). An alarm deletes the state once the window has passed.
import { DurableObject } from 'cloudflare:workers';

export interface RateDecision {
  allowed: boolean;
  /** Milliseconds until another attempt would be allowed (0 when allowed). */
  retryAfterMs: number;
  /** Attempts counted in the current window, including this one when allowed. */
  count: number;
}

interface Stored {
  hits: number[];
  windowMs: number;
}

export class RateLimiter extends DurableObject {
  // Whether an alarm is scheduled; undefined until this instance has asked. One pending alarm is
  // enough: when it fires it purges what has expired and, if attempts are left, schedules the next
  // one for when the newest of them expires. So an attempt sets an alarm only when none is pending
  // (an API token's object counts up to 600 attempts a minute).
  private alarmPending: boolean | undefined;

  private load(windowMs: number, now: number): number[] {
    const stored = this.ctx.storage.kv.get<Stored>('state');
    return (stored?.hits ?? []).filter((t) => t > now - windowMs);
  }

  private async save(hits: number[], windowMs: number): Promise<void> {
    if (hits.length === 0) {
      await this.ctx.storage.deleteAll();
      this.alarmPending = undefined; // whether deleteAll also removed the alarm depends on the runtime
      return;
    }
    this.ctx.storage.kv.put<Stored>('state', { hits, windowMs });
    this.alarmPending ??= (await this.ctx.storage.getAlarm()) !== null;
    if (this.alarmPending) return;
    await this.ctx.storage.setAlarm(hits[hits.length - 1] + windowMs);
    this.alarmPending = true;
  }

  private decision(hits: number[], limit: number, windowMs: number, now: number): RateDecision {
    const allowed = hits.length < limit;
    return {
      allowed,
      retryAfterMs: allowed ? 0 : hits[hits.length - limit] + windowMs - now,
      count: hits.length
    };
  }

  /** Counts one attempt unless the key is already at its limit. */
  async attempt(limit: number, windowMs: number): Promise<RateDecision> {
    const now = Date.now();
    const hits = this.load(windowMs, now);
    if (hits.length >= limit) return this.decision(hits, limit, windowMs, now);
    hits.push(now);
    await this.save(hits, windowMs);
    return { allowed: true, retryAfterMs: 0, count: hits.length };
  }

  /** Looks without counting. */
  async peek(limit: number, windowMs: number): Promise<RateDecision> {
    const now = Date.now();
    return this.decision(this.load(windowMs, now), limit, windowMs, now);
  }

  /** Removes the most recent attempt (a successful sign-in should not count against a shared address). */
  async forgiveOne(windowMs: number): Promise<void> {
    const hits = this.load(windowMs, Date.now());
    hits.pop();
    await this.save(hits, windowMs);
  }

  /** Clears the key (after a successful sign-in for the account). */
  async reset(): Promise<void> {
    await this.ctx.storage.deleteAll();
    this.alarmPending = undefined;
  }

  /**
   * Purges expired attempts and schedules the next purge if any are left. Alarms run at least once;
   * recomputing from the stored state makes a repeat harmless.
   */
  async alarm(): Promise<void> {
    this.alarmPending = false; // the alarm that is running is no longer scheduled
    const stored = this.ctx.storage.kv.get<Stored>('state');
    if (!stored) return;
    await this.save(this.load(stored.windowMs, Date.now()), stored.windowMs);
  }
}
