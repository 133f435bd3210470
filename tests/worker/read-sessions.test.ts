// D1 read sessions (src/lib/server/db/read-session.ts): reads may go to a replica, but a user always
// reads their own writes, and the session ledger that revocation relies on is always read at the
// primary. There are no read replicas locally, so these tests record which D1 session each request
// opens and where each query goes, and check what the user gets back through the public surface.
import { env } from 'cloudflare:workers';
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import worker from '../../worker/index';
import { ACME, cookieFor, cookieFrom } from './helpers';
import { createUser } from './helpers-security';
import { openTenantDb } from '../../src/lib/server/db';
import { userId } from './helpers-data';
import { bearer, makeToken } from './helpers-tokens';

interface Recorded {
  sessions: string[];
  primarySql: string[];
  sessionSql: string[];
}

// why: no replicas exist locally; the wrapper records which session a request opens and which
// queries go through it, and passes every call on to the real binding unchanged.
function recordingBinding(real: D1Database, log: Recorded): D1Database {
  const session = (constraint: string) => {
    const s = real.withSession(constraint as D1SessionConstraint);
    return {
      prepare: (sql: string) => (log.sessionSql.push(sql), s.prepare(sql)),
      batch: (stmts: D1PreparedStatement[]) => s.batch(stmts),
      getBookmark: () => s.getBookmark()
    };
  };
  return new Proxy(real, {
    get(target, prop) {
      if (prop === 'withSession')
        return (constraint: string) => (log.sessions.push(constraint), session(constraint));
      if (prop === 'prepare') return (sql: string) => (log.primarySql.push(sql), target.prepare(sql));
      const value = Reflect.get(target, prop);
      return typeof value === 'function' ? value.bind(target) : value;
    }
  });
}

/** The Worker called with DB_ACME recorded; everything else is the real environment. */
async function recordedFetch(url: string, init: RequestInit = {}) {
  const log: Recorded = { sessions: [], primarySql: [], sessionSql: [] };
  const recordedEnv = { ...env, DB_ACME: recordingBinding(env.DB_ACME, log) } as Env;
  const ctx = createExecutionContext();
  const res = await worker.fetch(
    new Request(url, { ...init, redirect: 'manual' }) as Request<unknown, IncomingRequestCfProperties>,
    recordedEnv,
    ctx
  );
  await waitOnExecutionContext(ctx);
  return { res, log };
}

const jsonWrite = (cookie: string, body: unknown) => ({
  method: 'POST',
  headers: { origin: ACME, cookie, 'content-type': 'application/json' },
  body: JSON.stringify(body)
});

const newRequest = (title: string) => ({
  type: 'other',
  title,
  justification: 'Read-your-writes test.',
  urgency: 'low'
});

describe('D1 read sessions', () => {
  it('hands the bookmark of a signed-in write to the browser, and the next read starts from it', async () => {
    const user = await createUser();
    const session = await cookieFor(ACME, user.email);
    const title = `RYW ${crypto.randomUUID()}`;

    const write = await recordedFetch(`${ACME}/api/v1/my/requests`, jsonWrite(session, newRequest(title)));
    expect(write.res.status).toBe(201);
    expect(write.log.sessions).toEqual(['first-primary']);
    const bookmark = cookieFrom(write.res, 'ontrackio_d1');
    expect(bookmark).toMatch(/^ontrackio_d1=[0-9a-f]{8}-/);
    expect(write.res.headers.getSetCookie().find((c) => c.startsWith('ontrackio_d1='))).toMatch(
      /HttpOnly; SameSite=Lax$/
    );

    const read = await recordedFetch(`${ACME}/api/v1/my/requests`, {
      headers: { cookie: `${session}; ${bookmark}` }
    });
    expect(read.res.status).toBe(200);
    expect(read.log.sessions).toEqual([bookmark!.split('=')[1]]);
    expect(JSON.stringify(await read.res.json())).toContain(title);
    // A read hands nothing back: the bookmark only moves on writes.
    expect(cookieFrom(read.res, 'ontrackio_d1')).toBeNull();
  });

  it('does the same for pages: a form post sets the bookmark, the next page reads from it', async () => {
    const user = await createUser();
    const session = await cookieFor(ACME, user.email);
    const title = `RYW page ${crypto.randomUUID()}`;
    const post = await recordedFetch(`${ACME}/my/requests/new`, {
      method: 'POST',
      headers: {
        origin: ACME,
        cookie: session,
        accept: 'text/html',
        'content-type': 'application/x-www-form-urlencoded'
      },
      body: new URLSearchParams({
        ...newRequest(title),
        categoryId: '',
        softwareId: '',
        specificModel: '',
        estimatedCost: ''
      })
    });
    expect(post.res.status).toBe(303);
    const bookmark = cookieFrom(post.res, 'ontrackio_d1');
    expect(bookmark).toBeTruthy();

    const page = await recordedFetch(`${ACME}${post.res.headers.get('location')}`, {
      headers: { cookie: `${session}; ${bookmark}` }
    });
    expect(page.res.status).toBe(200);
    expect(page.log.sessions).toEqual([bookmark!.split('=')[1]]);
    expect(await page.res.text()).toContain(title);
  });

  it('starts reads without a bookmark unconstrained, and ignores a cookie that is not a bookmark', async () => {
    const user = await createUser();
    const session = await cookieFor(ACME, user.email);
    for (const cookie of [session, `${session}; ontrackio_d1=not-a-bookmark`]) {
      const page = await recordedFetch(`${ACME}/my/requests`, { headers: { cookie } });
      expect(page.res.status).toBe(200);
      expect(page.log.sessions).toEqual(['first-unconstrained']);
    }
  });

  it('reads the session ledger at the primary, never through a read session', async () => {
    const user = await createUser();
    const session = await cookieFor(ACME, user.email);
    const { res, log } = await recordedFetch(`${ACME}/my`, { headers: { cookie: session } });
    expect(res.status).toBe(200);
    const ledger = (sql: string) => /from "sessions"/.test(sql);
    expect(log.primarySql.filter(ledger)).toHaveLength(1);
    expect(log.sessionSql.filter(ledger)).toEqual([]);
    // The page's own queries did go through the read session.
    expect(log.sessionSql.length).toBeGreaterThan(0);
  });

  it('looks an API token up at the primary, never through a read session', async () => {
    const admin = await userId(env.DB_ACME, 'admin@acme.example');
    const token = await makeToken({ ownerId: admin, role: 'admin', scopes: ['hardware:read'] });
    const { res, log } = await recordedFetch(`${ACME}/api/v1/admin/hardware`, {
      headers: { authorization: bearer(token.secret) }
    });
    expect(res.status).toBe(200);
    const lookup = (sql: string) => /from "api_tokens"/.test(sql);
    // (Twice on the isolate's first lookup: the fixed query prepares its template once.)
    expect(log.primarySql.filter(lookup).length).toBeGreaterThan(0);
    expect(log.sessionSql.filter(lookup)).toEqual([]);
    // The route's own reads did go through the read session.
    expect(log.sessionSql.length).toBeGreaterThan(0);
  });

  it('refuses a revoked session on the very next request, though KV still holds it', async () => {
    const user = await createUser();
    const session = await cookieFor(ACME, user.email);
    expect((await recordedFetch(`${ACME}/api/v1/me`, { headers: { cookie: session } })).res.status).toBe(200);
    await env.DB_ACME.prepare('UPDATE sessions SET revoked_at = ? WHERE user_id = ?')
      .bind(Date.now(), user.id)
      .run();
    const api = await recordedFetch(`${ACME}/api/v1/me`, { headers: { cookie: session } });
    expect(api.res.status).toBe(401);
    const page = await recordedFetch(`${ACME}/my`, { headers: { cookie: session } });
    expect(page.res.status).toBe(303);
    expect(page.res.headers.get('location')).toMatch(/^\/login/);
  });

  it('builds one drizzle handle per binding and isolate', () => {
    expect(openTenantDb(env.DB_ACME)).toBe(openTenantDb(env.DB_ACME));
    expect(openTenantDb(env.DB_ACME)).not.toBe(openTenantDb(env.DB_GLOBEX));
  });
});
