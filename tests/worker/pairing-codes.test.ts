// The PairingCodes Durable Object through its RPC methods, with alarms run on demand (no sleeping).
import { describe, expect, it } from 'vitest';
import { env } from 'cloudflare:workers';
import { runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { CODE_GUESS_LIMITS, type PairingCodes } from '../../worker/durable-objects/pairing-codes';
import {
  PAIRING_CODE_PATTERN,
  PAIRING_CODE_TTL_MS,
  normalizePairingCode
} from '../../src/lib/contracts/agent';

/** A fresh object per test, so counters and codes of one test never meet another's. */
function freshCodes() {
  return env.PAIRING_CODES.get(env.PAIRING_CODES.idFromName(`test:${crypto.randomUUID()}:pairing-codes`));
}

describe('pairing codes', () => {
  it('issues OT- + 6 characters from the unambiguous alphabet, valid for 10 minutes', async () => {
    const codes = freshCodes();
    const seen = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const before = Date.now();
      const { code, expiresAt } = await codes.issue(`user-${i}`);
      expect(code).toMatch(PAIRING_CODE_PATTERN);
      expect(code).not.toMatch(/^OT-.*[01OI]/);
      expect(expiresAt - before).toBeGreaterThanOrEqual(PAIRING_CODE_TTL_MS - 5);
      expect(expiresAt - before).toBeLessThanOrEqual(PAIRING_CODE_TTL_MS + 1000);
      seen.add(code);
    }
    expect(seen.size).toBe(50);
  });

  it('normalises what people type', () => {
    expect(normalizePairingCode(' ot-7k3pq2 ')).toBe('OT-7K3PQ2');
    expect(normalizePairingCode('7K3PQ2')).toBe('OT-7K3PQ2');
    expect(normalizePairingCode('OT 7K3 PQ2')).toBe('OT-7K3PQ2');
  });

  it('keeps one live code per user: a new one replaces the old', async () => {
    const codes = freshCodes();
    const first = await codes.issue('u1');
    const second = await codes.issue('u1');
    expect(second.code).not.toBe(first.code);
    expect(await codes.currentFor('u1')).toEqual(second);
    expect(await codes.redeem(first.code, 'client-a')).toEqual({ ok: false, code: 'invalid' });
    expect(await codes.redeem(second.code, 'client-a')).toEqual({
      ok: true,
      userId: 'u1',
      replacesPairing: false
    });
  });

  it('redeems a code exactly once, even when two redemptions race', async () => {
    const codes = freshCodes();
    const { code } = await codes.issue('u2');
    const results = await Promise.all([
      codes.redeem(code, 'a'),
      codes.redeem(code, 'b'),
      codes.redeem(code, 'c')
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await codes.redeem(code, 'd')).toEqual({ ok: false, code: 'invalid' });
    expect(await codes.currentFor('u2')).toBeNull();
  });

  it('refuses an expired code before the alarm runs, and the alarm purges it', async () => {
    const codes = freshCodes();
    const { code } = await codes.issue('u3');
    // Move the clock of the stored code instead of sleeping ten minutes.
    await runInDurableObject(codes, (_instance: PairingCodes, state) => {
      state.storage.sql.exec('UPDATE codes SET expires_at = ? WHERE user_id = ?', Date.now() - 1, 'u3');
    });
    expect(await codes.currentFor('u3')).toBeNull();
    expect(await codes.redeem(code, 'x')).toEqual({ ok: false, code: 'invalid' });
    expect(await runDurableObjectAlarm(codes)).toBe(true);
    const left = await runInDurableObject(
      codes,
      (_i: PairingCodes, state) => state.storage.sql.exec('SELECT COUNT(*) AS n FROM codes').one().n
    );
    expect(left).toBe(0);
  });

  it('bounds guessing per client: after the limit even a valid code is refused for that client', async () => {
    const codes = freshCodes();
    const { code } = await codes.issue('u4');
    for (let i = 0; i < CODE_GUESS_LIMITS.perClient; i++) {
      expect(await codes.redeem('OT-AAAAAA', 'guesser')).toEqual({ ok: false, code: 'invalid' });
    }
    const blocked = await codes.redeem(code, 'guesser');
    expect(blocked.ok).toBe(false);
    expect(blocked).toMatchObject({ code: 'rate_limited' });
    if (!blocked.ok && blocked.code === 'rate_limited') expect(blocked.retryAfterMs).toBeGreaterThan(0);
    // Another client is unaffected, and the code was not consumed by the refused attempt.
    expect(await codes.redeem(code, 'honest')).toMatchObject({ ok: true, userId: 'u4' });
  });

  it('never locks the workspace: past the alert level a valid code still pairs, and each client gets fewer tries', async () => {
    const codes = freshCodes();
    const { code } = await codes.issue('u5');
    const alerts: unknown[] = [];
    for (let i = 0; i < CODE_GUESS_LIMITS.workspaceAlert + 5; i++) {
      const r = await codes.redeem('OT-BBBBBB', `botnet-${i}`);
      expect(r).toMatchObject({ ok: false, code: 'invalid' });
      if (!r.ok && r.code === 'invalid' && r.alert) alerts.push(r.alert);
    }
    // One alert, on the miss that reached the level.
    expect(alerts).toEqual([
      { failures: CODE_GUESS_LIMITS.workspaceAlert, windowMs: CODE_GUESS_LIMITS.windowMs }
    ]);
    // The slowdown: a client now gets perClientSlowed misses, not perClient.
    for (let i = 0; i < CODE_GUESS_LIMITS.perClientSlowed; i++)
      expect(await codes.redeem('OT-CCCCCC', 'late-guesser')).toMatchObject({ code: 'invalid' });
    expect(await codes.redeem('OT-CCCCCC', 'late-guesser')).toMatchObject({ code: 'rate_limited' });
    // Everyone else enrols as usual.
    expect(await codes.redeem(code, 'new-client')).toMatchObject({ ok: true, userId: 'u5' });
    // Once the window has passed (simulated), the alarm prunes counters and alert; a new wave alerts again.
    await runInDurableObject(codes, (_i: PairingCodes, state) => {
      state.storage.sql.exec('UPDATE failed_attempts SET at = at - ?', CODE_GUESS_LIMITS.windowMs + 1);
    });
    await runDurableObjectAlarm(codes);
    const left = await runInDurableObject(
      codes,
      (_i: PairingCodes, state) => state.storage.sql.exec('SELECT COUNT(*) AS n FROM failed_attempts').one().n
    );
    expect(left).toBe(0);
    expect(await codes.redeem('OT-CCCCCC', 'late-guesser')).toEqual({ ok: false, code: 'invalid' });
  });

  it("withdraws a user's code", async () => {
    const codes = freshCodes();
    const { code } = await codes.issue('u6');
    await codes.withdrawFor('u6');
    expect(await codes.redeem(code, 'x')).toEqual({ ok: false, code: 'invalid' });
  });
});
