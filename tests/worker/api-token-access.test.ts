// API tokens on /api/v1 (issue 14 §1, the API side): the scopes × routes matrix generated from the
// route list itself, service tokens, a token with a cookie, no Origin check for tokens, one 401 for
// every bad token, the address list, and a demotion that takes effect on the next request.
import { beforeAll, describe, expect, it } from 'vitest';
import { env } from 'cloudflare:workers';
import { ACME, cookieFor, fetchWorker, freshAddress } from './helpers';
import { acmeDb, one, userId } from './helpers-data';
import { createUser } from './helpers-security';
import { globex, makeToken, personActor } from './helpers-tokens';
import { callOperation, label, operationsOf, type Operation } from './helpers-api-routes';
import { scopesForKind } from '../../src/lib/server/api-tokens/scope-rules';
import { generateApiTokenSecret } from '../../src/lib/server/api-tokens/format';
import { revokeApiToken } from '../../src/lib/server/api-tokens/revoke';
import { openTenantDb } from '../../src/lib/server/db';
import type { ApiScope } from '../../src/lib/contracts/api-scopes';

type ErrorBody = { error: { code: string; message: string } };
const PASSED_GUARD = (status: number) => status !== 401 && status !== 403;

let ops: Operation[];
let admin: { id: string };
/** One personal token of an admin per scope a personal token may hold. */
const byScope = new Map<ApiScope, string>();
let service: string;

beforeAll(async () => {
  ops = (await operationsOf()).filter((o) => o.scope !== null);
  admin = await createUser(acmeDb(), { role: 'admin' });
  for (const scope of scopesForKind('personal'))
    byScope.set(scope, (await makeToken({ ownerId: admin.id, role: 'admin', scopes: [scope] })).secret);
  service = (
    await makeToken({ ownerId: admin.id, role: 'admin', kind: 'service', scopes: scopesForKind('service') })
  ).secret;
});

const get = (path: string, headers: Record<string, string>, address = freshAddress()) =>
  fetchWorker(`${ACME}/api/v1${path}`, { headers, address });

describe('scopes × routes (from the route list)', () => {
  it('a token holding the route’s scope passes its guard; a token holding another scope gets 403 naming it', async () => {
    for (const op of ops) {
      const scope = op.scope as ApiScope;
      const allowed = await callOperation(op, { token: byScope.get(scope) });
      expect(PASSED_GUARD(allowed.status), `${label(op)} with ${scope}: ${allowed.status}`).toBe(true);
      const other: ApiScope = scope === 'audit:read' ? 'my:read' : 'audit:read';
      const refused = await callOperation(op, { token: byScope.get(other) });
      expect(refused.status, label(op)).toBe(403);
      expect(await refused.json(), label(op)).toEqual({
        error: { code: 'forbidden', message: `This API token does not have the scope "${scope}".` }
      });
    }
  });

  it('a service token reads the admin routes its scopes allow, never /my (it has no person)', async () => {
    for (const op of ops.filter((o) => o.method === 'GET')) {
      const res = await callOperation(op, { token: service });
      if (op.access === 'admin') expect(PASSED_GUARD(res.status), `${label(op)}: ${res.status}`).toBe(true);
      else {
        expect(res.status, label(op)).toBe(403);
        expect(((await res.json()) as ErrorBody).error.message, label(op)).toContain('not for a person');
      }
    }
  });

  it('a service token passes the guard of every admin change but writing a message (which needs a person)', async () => {
    for (const op of ops.filter((o) => o.access === 'admin' && o.method !== 'GET')) {
      const message = op.path.endsWith('/requests/{id}/messages');
      const res = message
        ? await fetchWorker(`${ACME}${op.path.replace('{id}', 'no-such-id')}`, {
            method: 'POST',
            headers: { authorization: `Bearer ${service}`, 'content-type': 'application/json' },
            body: JSON.stringify({ body: 'From the service token' })
          })
        : await callOperation(op, { token: service });
      if (message) {
        expect(res.status, label(op)).toBe(403);
        expect(((await res.json()) as ErrorBody).error.message).toBe(
          'A message needs a person behind it: use a personal API token.'
        );
      } else expect(PASSED_GUARD(res.status), `${label(op)}: ${res.status}`).toBe(true);
    }
  });

  it('every change through a token is in the audit log with the token’s name', async () => {
    const model = await one<{ id: string }>(acmeDb(), 'SELECT id FROM hardware_models LIMIT 1');
    const create = async (secret: string) => {
      const tag = `TOK-${crypto.randomUUID().slice(0, 8)}`;
      const res = await fetchWorker(`${ACME}/api/v1/admin/hardware`, {
        method: 'POST',
        headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
        body: JSON.stringify({ assetTag: tag, modelId: model!.id, status: 'in_stock' })
      });
      expect(res.status, await res.clone().text()).toBe(201);
      const { id } = (await res.json()) as { id: string };
      return one<{ actor_id: string | null; actor_label: string | null }>(
        acmeDb(),
        `SELECT actor_id, actor_label FROM audit_log WHERE entity_id = ? AND action = 'hardware.created'`,
        id
      );
    };
    const svc = await makeToken({
      ownerId: admin.id,
      role: 'admin',
      kind: 'service',
      scopes: ['hardware:write'],
      name: 'MDM sync'
    });
    expect(await create(svc.secret)).toEqual({ actor_id: null, actor_label: 'Service token “MDM sync”' });
    const mine = await makeToken({
      ownerId: admin.id,
      role: 'admin',
      scopes: ['hardware:write'],
      name: 'Laptop script'
    });
    expect(await create(mine.secret)).toEqual({
      actor_id: admin.id,
      actor_label: 'API token “Laptop script”'
    });
  });

  it('a session-only route (sign-out) refuses tokens', async () => {
    const res = await fetchWorker(`${ACME}/api/v1/auth/sign-out`, {
      method: 'POST',
      headers: { authorization: `Bearer ${byScope.get('my:write')}`, 'content-length': '0' }
    });
    expect(res.status).toBe(403);
  });
});

describe('a token request', () => {
  it('is refused when it also carries a session cookie', async () => {
    const cookie = await cookieFor(ACME, 'ada@acme.example');
    const res = await get('/me', { authorization: `Bearer ${byScope.get('my:read')}`, cookie });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: { code: 'bad_request', message: 'Send either an API token or a session cookie, not both.' }
    });
  });

  it('is not subject to the Origin check (it carries no cookie); a cookie write still is', async () => {
    const write = (headers: Record<string, string>) =>
      fetchWorker(`${ACME}/api/v1/my/notifications/read-all`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: '{}'
      });
    expect((await write({ authorization: `Bearer ${byScope.get('my:write')}` })).status).toBe(200);
    const cookie = await cookieFor(ACME, 'ada@acme.example');
    expect((await write({ cookie })).status).toBe(403);
    expect((await write({ cookie, origin: 'http://evil.example' })).status).toBe(403);
  });

  it('acts as the token’s owner', async () => {
    const res = await get('/me', { authorization: `Bearer ${byScope.get('my:read')}` });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { user: { id: string; role: string } }).user).toMatchObject({
      id: admin.id,
      role: 'admin'
    });
  });

  it('gets one 401 for an unknown, malformed, expired, revoked or other-workspace token', async () => {
    const expired = await makeToken({ ownerId: admin.id, role: 'admin', scopes: ['my:read'] });
    await acmeDb()
      .prepare('UPDATE api_tokens SET created_at = ?, expires_at = ? WHERE id = ?')
      .bind(Date.now() - 2 * 86_400_000, Date.now() - 1000, expired.id)
      .run();
    const revoked = await makeToken({ ownerId: admin.id, role: 'admin', scopes: ['my:read'] });
    await revokeApiToken(openTenantDb(env.DB_ACME), personActor(admin.id, 'admin'), 'personal', revoked.id);
    const globexAdmin = await userId(env.DB_GLOBEX, 'admin@globex.example');
    const other = await makeToken({ ownerId: globexAdmin, role: 'admin', scopes: ['my:read'] }, globex());
    const headers = [
      `Bearer ${generateApiTokenSecret()}`,
      `Bearer ${byScope.get('my:read')!.slice(0, -1)}x`,
      'Bearer otk_nonsense',
      'Bearer',
      'Basic YWRhOnB3',
      `Bearer ${expired.secret}`,
      `Bearer ${revoked.secret}`,
      `Bearer ${other.secret}`
    ];
    for (const authorization of headers) {
      const res = await get('/me', { authorization });
      expect(res.status, authorization).toBe(401);
      expect(await res.json(), authorization).toEqual({
        error: { code: 'unauthenticated', message: 'The API token is not valid.' }
      });
    }
  });

  it('from an address outside the token’s list gets 403', async () => {
    const t = await makeToken({
      ownerId: admin.id,
      role: 'admin',
      scopes: ['my:read'],
      allowedAddresses: ['203.0.113.0/24']
    });
    expect((await get('/me', { authorization: `Bearer ${t.secret}` }, '203.0.113.9')).status).toBe(200);
    const res = await get('/me', { authorization: `Bearer ${t.secret}` }, '198.51.100.9');
    expect(res.status).toBe(403);
    expect(((await res.json()) as ErrorBody).error.message).toBe(
      'This API token may not be used from this address.'
    );
  });
});

describe('the owner’s role is read on every request', () => {
  it('a demoted admin’s token loses the admin routes at once and keeps its own items', async () => {
    const person = await createUser(acmeDb(), { role: 'admin' });
    const t = await makeToken({ ownerId: person.id, role: 'admin', scopes: ['hardware:read', 'my:read'] });
    const auth = { authorization: `Bearer ${t.secret}` };
    expect((await get('/admin/hardware', auth)).status).toBe(200);
    await acmeDb().prepare(`UPDATE users SET role = 'employee' WHERE id = ?`).bind(person.id).run();
    expect((await get('/admin/hardware', auth)).status).toBe(403);
    const me = await get('/me', auth);
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: { role: string } }).user.role).toBe('employee');
  });
});
