// Pairing codes of one workspace (one object per tenant, named "<slug>:pairing-codes").
// Invariants, all held by this single-threaded object and its SQLite storage:
//   - a user has at most one live code (a new one replaces the old: PRIMARY KEY on user_id);
//   - a code is redeemed at most once (the row is deleted in the same synchronous step that reads it);
//   - a code is never accepted after its expiry, whether or not the purge alarm has run yet;
//   - failed redemptions are counted exactly per client and per workspace: a client over its bound is
//     refused; the workspace-wide count only tightens every client's bound and raises one alert per
//     window, so nobody can stop the whole workspace's enrolment with wrong codes (docs/pairing.md).
import { DurableObject } from 'cloudflare:workers';
import { PAIRING_CODE_ALPHABET, PAIRING_CODE_TTL_MS } from '../../src/lib/contracts/agent';
import { LIMITS } from '../../src/lib/server/ratelimit/limits';

/** Failed redemptions in the window: allowed per client, per client during an attack, and the alert level. */
export const CODE_GUESS_LIMITS = {
  windowMs: LIMITS.pairingCodeAddress.windowMs,
  perClient: LIMITS.pairingCodeAddress.limit,
  perClientSlowed: LIMITS.pairingCodeAddressSlowed.limit,
  workspaceAlert: LIMITS.pairingCodeWorkspaceAlert.limit
} as const;

export interface IssuedCode {
  code: string;
  expiresAt: number;
}

export type RedeemResult =
  | { ok: true; userId: string; replacesPairing: boolean }
  /** `alert` is set on the one miss per window that takes the workspace to its alert level. */
  | { ok: false; code: 'invalid'; alert?: { failures: number; windowMs: number } }
  | { ok: false; code: 'rate_limited'; retryAfterMs: number };

const WORKSPACE_SCOPE = '*';
// An alert raised, kept as a row of failed_attempts so the same window, purge and alarm apply to it.
const ALERT_SCOPE = 'alert';

export function generatePairingCode(): string {
  // 32 symbols: a byte masked to 5 bits picks one without bias.
  const bytes = new Uint8Array(6);
  crypto.getRandomValues(bytes);
  let body = '';
  for (const b of bytes) body += PAIRING_CODE_ALPHABET[b & 31];
  return `OT-${body}`;
}

export class PairingCodes extends DurableObject<Env> {
  private readonly sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.sql.exec(`CREATE TABLE IF NOT EXISTS codes (
      user_id TEXT PRIMARY KEY,
      code TEXT NOT NULL UNIQUE,
      expires_at INTEGER NOT NULL,
      replaces INTEGER NOT NULL DEFAULT 0
    )`);
    this.sql.exec(`CREATE TABLE IF NOT EXISTS failed_attempts (scope TEXT NOT NULL, at INTEGER NOT NULL)`);
    this.sql.exec(`CREATE INDEX IF NOT EXISTS failed_attempts_scope ON failed_attempts (scope, at)`);
  }

  /**
   * Issues a code for the user, replacing any earlier unclaimed one. `replacesPairing` marks the fallback
   * code of an automatic pairing the user confirmed after the "already paired" warning.
   */
  async issue(userId: string, replacesPairing = false): Promise<IssuedCode> {
    const now = Date.now();
    const expiresAt = now + PAIRING_CODE_TTL_MS;
    let code = generatePairingCode();
    // A collision with another user's live code is astronomically rare; draw again if it happens.
    while (
      this.sql.exec('SELECT 1 FROM codes WHERE code = ? AND user_id != ?', code, userId).toArray().length > 0
    ) {
      code = generatePairingCode();
    }
    this.sql.exec(
      `INSERT INTO codes (user_id, code, expires_at, replaces) VALUES (?, ?, ?, ?)
       ON CONFLICT (user_id) DO UPDATE SET code = excluded.code, expires_at = excluded.expires_at, replaces = excluded.replaces`,
      userId,
      code,
      expiresAt,
      replacesPairing ? 1 : 0
    );
    await this.scheduleAlarm();
    return { code, expiresAt };
  }

  /** The user's live (unexpired, unredeemed) code, if any. */
  async currentFor(userId: string): Promise<IssuedCode | null> {
    const row = this.sql
      .exec<{ code: string; expires_at: number }>(
        'SELECT code, expires_at FROM codes WHERE user_id = ? AND expires_at > ?',
        userId,
        Date.now()
      )
      .toArray()[0];
    return row ? { code: row.code, expiresAt: row.expires_at } : null;
  }

  /** Withdraws the user's code (the user paired by another route). */
  async withdrawFor(userId: string): Promise<void> {
    this.sql.exec('DELETE FROM codes WHERE user_id = ?', userId);
  }

  /**
   * Redeems a code once. `clientKey` identifies the caller (its address key) for the guessing limit.
   * Nothing here awaits between the read and the delete, so two concurrent redemptions of one code
   * cannot both succeed.
   */
  async redeem(code: string, clientKey: string): Promise<RedeemResult> {
    const now = Date.now();
    const since = now - CODE_GUESS_LIMITS.windowMs;
    const clientScope = `client:${clientKey}`;
    const slowed = this.countSince(WORKSPACE_SCOPE, since) >= CODE_GUESS_LIMITS.workspaceAlert;
    const perClient = slowed ? CODE_GUESS_LIMITS.perClientSlowed : CODE_GUESS_LIMITS.perClient;
    const blocked = this.retryAfter(clientScope, perClient, since, now);
    if (blocked !== null) return { ok: false, code: 'rate_limited', retryAfterMs: blocked };

    const row = this.sql
      .exec<{ user_id: string; replaces: number }>(
        'SELECT user_id, replaces FROM codes WHERE code = ? AND expires_at > ?',
        code,
        now
      )
      .toArray()[0];
    if (!row) {
      this.sql.exec(
        'INSERT INTO failed_attempts (scope, at) VALUES (?, ?), (?, ?)',
        clientScope,
        now,
        WORKSPACE_SCOPE,
        now
      );
      const failures = this.countSince(WORKSPACE_SCOPE, since);
      const alert = failures >= CODE_GUESS_LIMITS.workspaceAlert && this.countSince(ALERT_SCOPE, since) === 0;
      if (alert) this.sql.exec('INSERT INTO failed_attempts (scope, at) VALUES (?, ?)', ALERT_SCOPE, now);
      await this.scheduleAlarm();
      return alert
        ? { ok: false, code: 'invalid', alert: { failures, windowMs: CODE_GUESS_LIMITS.windowMs } }
        : { ok: false, code: 'invalid' };
    }
    this.sql.exec('DELETE FROM codes WHERE code = ?', code);
    return { ok: true, userId: row.user_id, replacesPairing: row.replaces === 1 };
  }

  private countSince(scope: string, since: number): number {
    return this.sql
      .exec<{ n: number }>(
        'SELECT COUNT(*) AS n FROM failed_attempts WHERE scope = ? AND at > ?',
        scope,
        since
      )
      .one().n;
  }

  /** Milliseconds until the scope may try again, or null when it is under its limit. */
  private retryAfter(scope: string, limit: number, since: number, now: number): number | null {
    const rows = this.sql
      .exec<{ at: number }>(
        'SELECT at FROM failed_attempts WHERE scope = ? AND at > ? ORDER BY at DESC LIMIT ?',
        scope,
        since,
        limit
      )
      .toArray();
    if (rows.length < limit) return null;
    const oldestCounted = rows[rows.length - 1].at;
    return Math.max(1, oldestCounted + CODE_GUESS_LIMITS.windowMs - now);
  }

  /** Purges expired codes and attempts outside the window. Alarms run at least once: this is idempotent. */
  async alarm(): Promise<void> {
    const now = Date.now();
    this.sql.exec('DELETE FROM codes WHERE expires_at <= ?', now);
    this.sql.exec('DELETE FROM failed_attempts WHERE at <= ?', now - CODE_GUESS_LIMITS.windowMs);
    await this.scheduleAlarm();
  }

  /** Sets the alarm to the next moment something lapses (or clears it when nothing is stored). */
  private async scheduleAlarm(): Promise<void> {
    const nextCode = this.sql.exec<{ t: number | null }>('SELECT MIN(expires_at) AS t FROM codes').one().t;
    const oldestAttempt = this.sql
      .exec<{ t: number | null }>('SELECT MIN(at) AS t FROM failed_attempts')
      .one().t;
    const candidates = [
      nextCode,
      oldestAttempt === null ? null : oldestAttempt + CODE_GUESS_LIMITS.windowMs
    ].filter((t): t is number => t !== null);
    if (candidates.length === 0) {
      await this.ctx.storage.deleteAlarm();
      return;
    }
    await this.ctx.storage.setAlarm(Math.min(...candidates));
  }
}
