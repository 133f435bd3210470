// The shortcut path (src/lib/server/http/request-context.ts withKnownSession): a read-only request of
// a session this isolate fully checked under a minute ago starts its reads at once and reads the
// session ledger side by side with them. These tests check, through the Worker, that it saves the
// storage calls it claims to, and that a session changed or ended behind the isolate's back (as by
// another isolate, here straight in D1) gets exactly the answer of the full check, never stale content.
import { env } from 'cloudflare:workers';
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import worker from '../../worker/index';
import { ACME, cookieFor } from './helpers';
import { createUser } from './helpers-security';

interface Calls {
  kvReads: number;
  primaryBatches: string[][];
  sessionBatches: number;
  sessionStatements: number;
}

// why: the storage calls themselves are what this path saves; the wrappers count them and pass
// every call on to the real bindings unchanged.
function countingEnv(calls: Calls): Env {
  const db = env.DB_ACME;
  const sessions = env.SESSIONS;
  const sqlOf = (s: D1PreparedStatement) => (s as unknown as { statement?: string }).statement ?? '?';
  const countedDb = new Proxy(db, {
    get(target, prop) {
      if (prop === 'withSession')
        return (constraint: D1SessionConstraint) => {
          const s = target.withSession(constraint);
          return {
            prepare: (sql: string) => s.prepare(sql),
            batch: (stmts: D1PreparedStatement[]) => {
              calls.sessionBatches++;
              calls.sessionStatements += stmts.length;
              return s.batch(stmts);
            },
            getBookmark: () => s.getBookmark()
          };
        };
      if (prop === 'batch')
        return (stmts: D1PreparedStatement[]) => {
          calls.primaryBatches.push(stmts.map(sqlOf));
          return target.batch(stmts);
        };
      const value = Reflect.get(target, prop);
      return typeof value === 'function' ? value.bind(target) : value;
    }
  });
  const countedKv = new Proxy(sessions, {
    get(target, prop) {
      if (prop === 'get')
        return (...args: Parameters<KVNamespace['get']>) => (calls.kvReads++, target.get(...args));
      const value = Reflect.get(target, prop);
      return typeof value === 'function' ? value.bind(target) : value;
    }
  });
  return { ...env, DB_ACME: countedDb, SESSIONS: countedKv } as Env;
}

async function counted(path: string, cookie: string) {
  const calls: Calls = { kvReads: 0, primaryBatches: [], sessionBatches: 0, sessionStatements: 0 };
  const ctx = createExecutionContext();
  const res = await worker.fetch(
    new Request(`${ACME}${path}`, {
      headers: { cookie, accept: 'text/html' },
      redirect: 'manual'
    }) as Request<unknown, IncomingRequestCfProperties>,
    countingEnv(calls),
    ctx
  );
  await waitOnExecutionContext(ctx);
  return { res, calls, body: await res.text() };
}

const rename = (id: string, name: string) =>
  env.DB_ACME.prepare('UPDATE users SET name = ? WHERE id = ?').bind(name, id).run();

describe('the shortcut path for a session this isolate has just checked', () => {
  it('reads no KV, sends the ledger check to the primary, and puts the whole page in one batch', async () => {
    const user = await createUser();
    const cookie = await cookieFor(ACME, user.email);
    const first = await counted('/my', cookie);
    expect(first.res.status).toBe(200);
    const again = await counted('/my', cookie);
    expect(again.res.status).toBe(200);
    const { name } = (await env.DB_ACME.prepare('SELECT name FROM users WHERE id = ?')
      .bind(user.id)
      .first<{ name: string }>())!;
    expect(again.body).toContain(name);
    expect(again.calls.kvReads).toBe(0);
    // The ledger at the primary (the binding itself), the frame's and the dashboard's reads in ONE
    // batch of the request's read session.
    expect(again.calls.primaryBatches).toHaveLength(1);
    expect(again.calls.sessionBatches).toBe(1);
    expect(again.calls.sessionStatements).toBeGreaterThan(2);
  });

  it('shows a change made elsewhere on the very next request, never the copy', async () => {
    const user = await createUser();
    const cookie = await cookieFor(ACME, user.email);
    expect((await counted('/my', cookie)).res.status).toBe(200);
    const renamed = `Renamed ${crypto.randomUUID().slice(0, 8)}`;
    await rename(user.id, renamed);
    const next = await counted('/my', cookie);
    expect(next.res.status).toBe(200);
    expect(next.body).toContain(renamed);
    expect(next.res.headers.has('x-ontrackio-session-recheck')).toBe(false);
    const api = await worker.fetch(
      new Request(`${ACME}/api/v1/me`, { headers: { cookie } }) as Request<
        unknown,
        IncomingRequestCfProperties
      >,
      env,
      createExecutionContext()
    );
    expect(((await api.json()) as { user: { name: string } }).user.name).toBe(renamed);
  });

  it('refuses an admin demoted elsewhere on the very next request to the admin console', async () => {
    const admin = await createUser(env.DB_ACME, { role: 'admin' });
    const cookie = await cookieFor(ACME, admin.email);
    expect((await counted('/admin', cookie)).res.status).toBe(200);
    await env.DB_ACME.prepare("UPDATE users SET role = 'employee' WHERE id = ?").bind(admin.id).run();
    const next = await counted('/admin', cookie);
    expect(next.res.status).not.toBe(200);
    expect(next.res.headers.has('x-ontrackio-session-recheck')).toBe(false);
    // The same answer as a request that never had a copy to guess from.
    const settled = await counted('/admin', cookie);
    expect([next.res.status, next.res.headers.get('location')]).toEqual([
      settled.res.status,
      settled.res.headers.get('location')
    ]);
  });

  it('signs out a session revoked elsewhere on the very next page and API request', async () => {
    const user = await createUser();
    const cookie = await cookieFor(ACME, user.email);
    expect((await counted('/my/hardware', cookie)).res.status).toBe(200);
    await env.DB_ACME.prepare('UPDATE sessions SET revoked_at = ? WHERE user_id = ?')
      .bind(Date.now(), user.id)
      .run();
    const page = await counted('/my/hardware', cookie);
    expect(page.res.status).toBe(303);
    expect(page.res.headers.get('location')).toMatch(/^\/login/);
    const data = await counted('/my/hardware/__data.json', cookie);
    expect(data.body).not.toContain(user.email);
  });
});
