// Every API route, walked from the app itself: each one is in the OpenAPI description, declares who
// may call it (and, where a token may, exactly one scope from contracts/api-scopes.ts), and its guard
// refuses whoever the declaration excludes. A route added without a builder, or with the wrong one,
// fails here; a handler that reads the actor on an unguarded route does not compile (last test).
import { beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { createApiApp } from '../../worker/api/app';
import { newRouter } from '../../worker/api/access/router';
import { ACCESS_LEVELS, anyHostRoute } from '../../worker/api/access/route-builders';
import { json } from '../../worker/api/access/responses';
import { API_SCOPES } from '../../src/lib/contracts/api-scopes';
import { WEBHOOK_EVENT_TYPES } from '../../src/lib/contracts/webhook-events';
import { SCOPE_PERMISSION } from '../../src/lib/server/api-tokens/scope-rules';
import { ACME, fetchWorker, GLOBEX } from './helpers';
import { cookieFor } from './helpers';
import { callOperation, label, operationsOf, specOf, type Operation } from './helpers-api-routes';

let ops: Operation[];
beforeAll(async () => {
  ops = await operationsOf();
});

const TOKEN_ACCESS = ['user', 'admin'];

describe('the route list and the description', () => {
  it('every /api/v1 and /agent/v1 route of the app is described, and every description is routed', async () => {
    const routed = new Set(
      createApiApp()
        .routes.filter((r) => r.method !== 'ALL')
        .filter((r) => r.path.startsWith('/api/v1/') || r.path.startsWith('/agent/v1/'))
        .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`)
    );
    const described = new Set(ops.map(label));
    expect(
      [...routed].filter((r) => !described.has(r)),
      'routed but not described'
    ).toEqual([]);
    expect(
      [...described].filter((d) => !routed.has(d)),
      'described but not routed'
    ).toEqual([]);
    expect(described.size).toBeGreaterThan(80);
  });

  it('every operation declares its access level, and token-capable ones exactly one scope', () => {
    for (const op of ops) {
      expect(ACCESS_LEVELS, label(op)).toContain(op.access);
      const tokenScopes = op.security.flatMap((s) => s.apiToken ?? []);
      if (!TOKEN_ACCESS.includes(op.access)) {
        expect(op.scope, label(op)).toBeNull();
        expect(tokenScopes, label(op)).toEqual([]);
        continue;
      }
      expect(API_SCOPES, label(op)).toContain(op.scope);
      expect(tokenScopes, label(op)).toEqual([op.scope]);
      // Reads need a :read scope, changes a :write scope.
      expect(op.scope!.endsWith(op.method === 'GET' ? ':read' : ':write'), label(op)).toBe(true);
      expect(op.scope!.startsWith('my:'), label(op)).toBe(op.access === 'user');
      // The scope's permission (what a token holder needs for it) is the route's own.
      if (op.access === 'admin') expect(SCOPE_PERMISSION[op.scope as never], label(op)).toBe(op.permission);
    }
  });

  it('every scope in the list is used by some route (scim belongs to /scim/v2)', () => {
    const used = new Set(ops.map((o) => o.scope));
    expect(API_SCOPES.filter((s) => s !== 'scim' && !used.has(s))).toEqual([]);
  });

  it('describes every webhook event the endpoints can subscribe to', async () => {
    const spec = await specOf();
    expect(Object.keys((spec.webhooks ?? {}) as Record<string, unknown>).sort()).toEqual(
      [...WEBHOOK_EVENT_TYPES].sort()
    );
  });

  it('the description is the same on every host and names no workspace', async () => {
    const [acme, globex, central] = await Promise.all([
      specOf(ACME),
      specOf(GLOBEX),
      specOf('http://localhost:8787')
    ]);
    const strip = (s: Record<string, unknown>) => JSON.stringify({ ...s, servers: null });
    expect(strip(globex)).toBe(strip(acme));
    expect(strip(central)).toBe(strip(acme));
    expect(acme.servers).toEqual([{ url: ACME }]);
    expect(strip(acme)).not.toMatch(/acme|globex/i);
    expect(acme.openapi).toBe('3.1.0');
  });
});

describe('every guard refuses whoever its declaration excludes', () => {
  it('nobody signed in: 401 on every session, person and admin route; the agent’s device routes too', async () => {
    const guarded = ops.filter((o) => ['session', 'user', 'admin', 'device'].includes(o.access));
    for (const op of guarded) {
      const res = await callOperation(op);
      expect(res.status, label(op)).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code, label(op)).toBe(
        'unauthenticated'
      );
    }
  });

  it('an employee’s session: 403 on every admin route, before any input is read', async () => {
    const employee = await cookieFor(ACME, 'grace@acme.example');
    for (const op of ops.filter((o) => o.access === 'admin')) {
      const res = await callOperation(op, { cookie: employee });
      expect(res.status, label(op)).toBe(403);
      expect(await res.json(), label(op)).toEqual({
        error: { code: 'forbidden', message: 'This needs an administrator of this workspace.' }
      });
    }
  });

  it('another workspace’s session is no session here', async () => {
    const globexAdmin = await cookieFor(GLOBEX, 'admin@globex.example');
    for (const op of ops.filter((o) => o.access === 'admin' && o.method === 'GET').slice(0, 10))
      expect((await callOperation(op, { cookie: globexAdmin })).status, label(op)).toBe(401);
  });

  it('health and the description answer on any host; the rest of /api/v1 needs a workspace', async () => {
    for (const op of ops.filter((o) => o.access === 'any-host'))
      expect((await callOperation(op, {}, 'http://localhost:8787')).status, label(op)).toBe(200);
    const me = ops.find((o) => o.path === '/api/v1/me')!;
    expect((await callOperation(me, {}, 'http://nope.localhost:8787')).status).toBe(404);
  });
});

describe('the reference page', () => {
  it('is served by the Worker under the product’s page CSP, loading nothing from another origin', async () => {
    const res = await fetchWorker(`${ACME}/api/docs`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    const html = await res.text();
    expect(html).not.toMatch(/<script>|https?:\/\//);
    const sources = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(sources.length).toBeGreaterThanOrEqual(3);
    for (const s of sources) expect(s, s).toMatch(/^\/api\/docs\//);
    const start = await fetchWorker(`${ACME}/api/docs/start.js`);
    expect(start.headers.get('content-type')).toMatch(/javascript/);
    const script = await start.text();
    expect(script).toContain("url: '/api/v1/openapi.json'");
    expect(script).toContain('validatorUrl: null');
  });
});

describe('the handler context comes from the guard', () => {
  it('a route without a guard has no actor to read (checked by the type checker, npm run check)', () => {
    const app = newRouter().openapi(
      anyHostRoute({
        method: 'get',
        path: '/unguarded',
        tag: 'Test',
        summary: 'A route someone forgot to guard',
        responses: { 200: json('Nothing.', z.strictObject({ who: z.string() })) }
      }),
      (c) =>
        // @ts-expect-error: no guard, so the context has no `actor`.
        c.json({ who: String(c.get('actor')) }, 200)
    );
    expect(app.routes.length).toBeGreaterThan(0);
  });
});
