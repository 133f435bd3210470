// The RateLimiter Durable Object on its own: exact counting, one pending alarm however many attempts,
// and the alarm purging what has expired (rescheduling while attempts are left).
import { describe, expect, it } from 'vitest';
import { env } from 'cloudflare:workers';
import { runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { ageRateLimit } from './helpers-security';

const WINDOW_MS = 60_000;
let n = 0;
function limiter() {
  const key = `acme:test:rate-limiter-${n++}-${Date.now()}`;
  return { key, stub: env.RATE_LIMITER.get(env.RATE_LIMITER.idFromName(key)) };
}
type Stub = ReturnType<typeof limiter>['stub'];
const alarmOf = (stub: Stub) => runInDurableObject(stub, (_i, state) => state.storage.getAlarm());
const hitsOf = (stub: Stub) =>
  runInDurableObject(
    stub,
    async (_i, state) => (await state.storage.get<{ hits: number[] }>('state'))?.hits.length ?? 0
  );

describe('RateLimiter', () => {
  it('counts exactly up to the limit, then refuses with the wait', async () => {
    const { stub } = limiter();
    const decisions = await Promise.all(Array.from({ length: 7 }, () => stub.attempt(5, WINDOW_MS)));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(5);
    const refused = decisions.find((d) => !d.allowed)!;
    expect(refused.retryAfterMs).toBeGreaterThan(0);
    expect(refused.retryAfterMs).toBeLessThanOrEqual(WINDOW_MS);
    expect((await stub.peek(5, WINDOW_MS)).count).toBe(5);
  });

  it('sets one alarm for a run of attempts instead of one per attempt', async () => {
    const { stub } = limiter();
    await stub.attempt(100, WINDOW_MS);
    const first = await alarmOf(stub);
    expect(first).not.toBeNull();
    await new Promise((r) => setTimeout(r, 5)); // let Date.now move on
    for (let i = 0; i < 10; i++) await stub.attempt(100, WINDOW_MS);
    expect(await alarmOf(stub)).toBe(first);
    expect(await hitsOf(stub)).toBe(11);
  });

  it('the alarm keeps the attempts still in the window and schedules the next purge', async () => {
    const { stub } = limiter();
    await stub.attempt(100, WINDOW_MS);
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect(await hitsOf(stub)).toBe(1);
    expect(await alarmOf(stub)).not.toBeNull();
  });

  it('the alarm deletes the state once the window has passed, and counting starts afresh', async () => {
    const { key, stub } = limiter();
    for (let i = 0; i < 3; i++) await stub.attempt(3, WINDOW_MS);
    expect((await stub.attempt(3, WINDOW_MS)).allowed).toBe(false);
    await ageRateLimit(key, WINDOW_MS);
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect(await hitsOf(stub)).toBe(0);
    const next = await stub.attempt(3, WINDOW_MS);
    expect(next).toMatchObject({ allowed: true, count: 1 });
    expect(await alarmOf(stub)).not.toBeNull();
  });

  it('forgiving the last attempt and resetting both change the count', async () => {
    const { stub } = limiter();
    for (let i = 0; i < 3; i++) await stub.attempt(5, WINDOW_MS);
    await stub.forgiveOne(WINDOW_MS);
    expect((await stub.peek(5, WINDOW_MS)).count).toBe(2);
    await stub.reset();
    expect((await stub.peek(5, WINDOW_MS)).count).toBe(0);
    expect((await stub.attempt(5, WINDOW_MS)).count).toBe(1);
    expect(await alarmOf(stub)).not.toBeNull();
  });
});
