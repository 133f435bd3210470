// Issue 17 (probe): wrong pairing codes from anywhere must not stop the workspace's enrolment. Through
// the agent API: per-address bound (an IPv6 client by its /64), a workspace-wide alert in the audit log
// and a slowdown, and a valid code that still pairs.
import { describe, expect, it } from 'vitest';
import { env } from 'cloudflare:workers';
import { ACME, cookieFor as signedIn } from './helpers';
import { FACTS, agentPost, generateCode } from './helpers-agent';
import { createUser } from './helpers-security';
import { CODE_GUESS_LIMITS } from '../../worker/durable-objects/pairing-codes';
import { addressKey } from '../../src/lib/server/ratelimit/limits';

const wrong = (address: string) =>
  agentPost(ACME, '/enrol', { code: 'OT-ZZZZZZ', facts: FACTS }, { address });

describe('guessing pairing codes', () => {
  it('counts an IPv6 client by its /64', async () => {
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:0DB8:0001:0002:0:0:0:9')).toBe('2001:db8:1:2::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('::ffff:203.0.113.7')).toBe('::ffff:203.0.113.7');
    expect(addressKey('unknown')).toBe('unknown');
    for (let i = 0; i < CODE_GUESS_LIMITS.perClient; i++)
      expect((await wrong(`2001:db8:77:1:${i.toString(16)}::1`)).status).toBe(400);
    const next = await wrong('2001:db8:77:1:ffff::1');
    expect(next.status).toBe(429);
    expect(next.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await wrong('2001:db8:77:2::1')).status).toBe(400);
  });

  it('a flood of wrong codes alerts the admins once and slows guessers, but a valid code still pairs', async () => {
    const db = env.DB_ACME;
    const alertsBefore = await db
      .prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'pairing.code_guessing_detected'")
      .first<number>('n');
    for (let i = 0; i < CODE_GUESS_LIMITS.workspaceAlert + 10; i++)
      expect((await wrong(`203.0.113.${i % 250}`)).status, `guess ${i}`).not.toBe(500);

    const alerts = await db
      .prepare(
        "SELECT actor_label AS label, after, entity_type AS entity FROM audit_log WHERE action = 'pairing.code_guessing_detected'"
      )
      .all<{ label: string; after: string; entity: string }>();
    expect(alerts.results.length - (alertsBefore ?? 0)).toBe(1);
    expect(alerts.results.at(-1)).toMatchObject({ label: 'Pairing-code guard', entity: 'workspace' });
    expect(JSON.parse(alerts.results.at(-1)!.after)).toEqual({
      wrongCodes: CODE_GUESS_LIMITS.workspaceAlert,
      windowMinutes: 15
    });

    // The slowdown: a new address gets perClientSlowed misses, then 429.
    for (let i = 0; i < CODE_GUESS_LIMITS.perClientSlowed; i++)
      expect((await wrong('198.51.100.200')).status).toBe(400);
    expect((await wrong('198.51.100.200')).status).toBe(429);

    // No lock-out: an employee's own code, typed into the agent, pairs.
    const user = await createUser();
    const cookie = await signedIn(ACME, user.email);
    const code = await generateCode(ACME, cookie);
    const res = await agentPost(ACME, '/enrol', { code, facts: FACTS }, { address: '192.0.2.10' });
    expect(res.status).toBe(201);
  });
});
