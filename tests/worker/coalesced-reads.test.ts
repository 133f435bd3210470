// The read coalescing of a read-only request (src/lib/server/db/coalesced-reads.ts), on the real
// local D1: batches started in the same turn become one D1 call and each caller gets its own rows;
// with a gate, nothing is released before it passes, and nothing at all if it refuses.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import {
  ReadGateRefused,
  coalescingReadSession,
  isReadGateRefusal,
  gatedReadSession
} from '../../src/lib/server/db/coalesced-reads';

// why: the number of D1 calls is what coalescing changes; the wrapper counts them and passes each on.
function countedSession(calls: { batches: number; sent?: Promise<unknown>[] }): D1DatabaseSession {
  const s = env.DB_ACME.withSession('first-unconstrained');
  return {
    prepare: (sql: string) => s.prepare(sql),
    batch: (stmts: D1PreparedStatement[]) => {
      calls.batches++;
      const answer = s.batch(stmts);
      calls.sent?.push(answer);
      return answer;
    },
    getBookmark: () => s.getBookmark()
  } as D1DatabaseSession;
}

const one = (client: D1DatabaseSession, n: number) =>
  client.batch<{ n: number }>([client.prepare('SELECT ? AS n').bind(n)]);

describe('coalesced reads', () => {
  it('sends the batches of one turn as one D1 call, each caller getting its own results', async () => {
    const calls = { batches: 0 };
    const client = coalescingReadSession(countedSession(calls));
    const [a, b] = await Promise.all([
      one(client, 1),
      (async () => {
        await Promise.resolve(); // a caller a hop later still joins
        return client.batch<{ n: number }>([
          client.prepare('SELECT ? AS n').bind(2),
          client.prepare('SELECT ? AS n').bind(3)
        ]);
      })()
    ]);
    expect(calls.batches).toBe(1);
    expect(a.map((r) => r.results[0].n)).toEqual([1]);
    expect(b.map((r) => r.results[0].n)).toEqual([2, 3]);
    // A later turn is a batch of its own.
    expect((await one(client, 4))[0].results[0].n).toBe(4);
    expect(calls.batches).toBe(2);
  });

  it('fails every caller of a failed batch with the database error', async () => {
    const client = coalescingReadSession(countedSession({ batches: 0 }));
    const results = await Promise.allSettled([
      one(client, 1),
      client.batch([client.prepare('SELECT * FROM no_such_table')])
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });

  it('holds results until the gate passes, then releases them', async () => {
    let open!: (ok: boolean) => void;
    const gate = new Promise<boolean>((resolve) => (open = resolve));
    const calls = { batches: 0, sent: [] as Promise<unknown>[] };
    const { client, passed } = gatedReadSession(countedSession(calls), gate);
    let released = false;
    const read = one(client, 7).then((r) => ((released = true), r));
    const single = client.prepare('SELECT 8 AS n').first<{ n: number }>();
    // The read was sent at once and D1 has answered it; the caller still has nothing.
    await expect.poll(() => calls.sent.length).toBe(1);
    await calls.sent[0];
    await Promise.resolve();
    expect(released).toBe(false);
    open(true);
    expect((await read)[0].results[0].n).toBe(7);
    expect((await single)?.n).toBe(8);
    expect(await passed()).toBe(true);
  });

  it('releases nothing when the gate refuses, and sends no statement run on its own', async () => {
    const { client, passed } = gatedReadSession(countedSession({ batches: 0 }), Promise.resolve(false));
    await expect(one(client, 1)).rejects.toBeInstanceOf(ReadGateRefused);
    await expect(client.prepare('SELECT 1').all()).rejects.toBeInstanceOf(ReadGateRefused);
    // Were it sent, this would fail with D1's "no such table", not the gate's refusal.
    await expect(client.prepare('DELETE FROM no_such_table').run()).rejects.toBeInstanceOf(ReadGateRefused);
    expect(await passed()).toBe(false);
  });

  it('recognises the refusal also inside the error drizzle wraps it in', () => {
    const wrapped = new Error('Failed query: select 1', { cause: new ReadGateRefused() });
    expect(isReadGateRefusal(wrapped)).toBe(true);
    expect(isReadGateRefusal(new Error('Failed query', { cause: new Error('no such table') }))).toBe(false);
  });
});
