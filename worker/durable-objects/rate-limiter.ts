// Exact sliding-window counters, one object per counted key (e.g. "acme:signin:account:ada@acme.example").
// A Durable Object is single-threaded, so `attempt` is atomic: two concurrent guesses can never both
// slip under the limit. An alarm deletes the state once the window has passed.
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
  private async load(windowMs: number, now: number): Promise<number[]> {
    const stored = await this.ctx.storage.get<Stored>('state');
    return (stored?.hits ?? []).filter((t) => t > now - windowMs);
  }

  private async save(hits: number[], windowMs: number): Promise<void> {
    if (hits.length === 0) {
      await this.ctx.storage.deleteAll();
      return;
    }
    await this.ctx.storage.put<Stored>('state', { hits, windowMs });
    await this.ctx.storage.setAlarm(hits[hits.length - 1] + windowMs);
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
    const hits = await this.load(windowMs, now);
    if (hits.length >= limit) return this.decision(hits, limit, windowMs, now);
    hits.push(now);
    await this.save(hits, windowMs);
    return { allowed: true, retryAfterMs: 0, count: hits.length };
  }

  /** Looks without counting. */
  async peek(limit: number, windowMs: number): Promise<RateDecision> {
    const now = Date.now();
    return this.decision(await this.load(windowMs, now), limit, windowMs, now);
  }

  /** Removes the most recent attempt (a successful sign-in should not count against a shared address). */
  async forgiveOne(windowMs: number): Promise<void> {
    const hits = await this.load(windowMs, Date.now());
    hits.pop();
    await this.save(hits, windowMs);
  }

  /** Clears the key (after a successful sign-in for the account). */
  async reset(): Promise<void> {
    await this.ctx.storage.deleteAll();
  }

  /** Purges expired attempts. Alarms run at least once; recomputing from the stored state makes a repeat harmless. */
  async alarm(): Promise<void> {
    const stored = await this.ctx.storage.get<Stored>('state');
    if (!stored) return;
    await this.save(await this.load(stored.windowMs, Date.now()), stored.windowMs);
  }
}
