// The API against its own description, checked by an independent tool: every call below goes through
// Stoplight Prism in validating-proxy mode (e2e/contract-proxy.ts), which fails any request or response
// that does not match the OpenAPI document the Worker serves. Reads: every GET of /api/v1 a person or an
// admin may call, with real ids where a list gives one (otherwise the 404 answer is checked). Writes: a
// request's life (raise, message, cancel, cancel again), an asset, a profile change, an import check.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startContractProxy, prismProblem, type ContractProxy } from './contract-proxy';

const PORT = inject('e2ePort');
const WORKSPACE = `http://acme.localhost:${PORT}`;
const PASSWORD = 'demo-password-2026';

let proxy: ContractProxy;
let admin: string;
let employee: string;
const problems: string[] = [];

interface Op {
  method: string;
  path: string;
  access: string;
}

/** A call through the proxy, as a browser on the workspace would make it; Prism's complaints collected. */
async function call(method: string, path: string, cookie: string | null, body?: unknown) {
  const headers: Record<string, string> = { origin: WORKSPACE };
  if (cookie) headers.cookie = cookie;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${proxy.url}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    redirect: 'manual'
  });
  const problem = await prismProblem(res);
  if (problem) problems.push(`${method} ${path} → ${problem}`);
  return res;
}

async function signIn(email: string): Promise<string> {
  const res = await call('POST', '/api/v1/auth/sign-in', null, { email, password: PASSWORD });
  const cookie = /ontrackio_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')?.[0];
  if (!cookie) throw new Error(`could not sign in ${email}: ${res.status} ${await res.text()}`);
  return cookie;
}

beforeAll(async () => {
  proxy = await startContractProxy(`http://127.0.0.1:${PORT}/api/v1/openapi.json`, WORKSPACE, PORT + 2000);
  [admin, employee] = [await signIn('admin@acme.example'), await signIn('ada@acme.example')];
});

afterAll(() => proxy?.stop());

async function operations(): Promise<Op[]> {
  const spec = (await (await call('GET', '/api/v1/openapi.json', null)).json()) as {
    paths: Record<string, Record<string, { 'x-ontrackio-access': string }>>;
  };
  return Object.entries(spec.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      access: op['x-ontrackio-access']
    }))
  );
}

/** The first id its parent list gives (`/x/{id}` ← `GET /x`), or a stand-in (its 404 is checked). */
async function concrete(path: string, cookie: string): Promise<string> {
  const param = /\{[^}]+\}/.exec(path);
  if (!param) return path;
  const list = path.slice(0, param.index - 1).replace(/\/items$/, '');
  const res = await fetch(`${proxy.url}${list}`, { headers: { cookie, origin: WORKSPACE } });
  const body = res.ok ? ((await res.json()) as { items?: { id: string }[] }) : {};
  const id = body.items?.[0]?.id ?? 'no-such-id';
  return concrete(path.replace(param[0], id), cookie);
}

describe('the API against its OpenAPI description (Prism, validating proxy)', () => {
  it('every GET a person or an admin may call answers as described', async () => {
    const ops = (await operations()).filter(
      (o) => o.method === 'GET' && ['user', 'admin', 'any-host'].includes(o.access)
    );
    expect(ops.length).toBeGreaterThan(35);
    for (const op of ops) {
      const cookie = op.access === 'admin' ? admin : employee;
      const res = await call(
        'GET',
        await concrete(op.path, cookie),
        op.access === 'any-host' ? null : cookie
      );
      expect([200, 404], `${op.path}: ${res.status}`).toContain(res.status);
    }
    expect(problems).toEqual([]);
  });

  it('writes and their refusals answer as described', async () => {
    const created = await call('POST', '/api/v1/my/requests', employee, {
      type: 'hardware',
      title: `Contract test ${Date.now()}`,
      justification: 'Checked against the description.',
      urgency: 'low'
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    expect(
      (await call('POST', `/api/v1/my/requests/${id}/messages`, employee, { body: 'Hello' })).status
    ).toBe(201);
    expect((await call('POST', `/api/v1/my/requests/${id}/cancel`, employee)).status).toBe(200);
    expect((await call('POST', `/api/v1/my/requests/${id}/cancel`, employee)).status).toBe(409);
    expect((await call('PATCH', '/api/v1/my/profile', employee, { theme: 'dark' })).status).toBe(200);
    expect((await call('POST', '/api/v1/my/notifications/read-all', employee)).status).toBe(200);

    const models = (await (await call('GET', '/api/v1/admin/hardware/models', admin)).json()) as {
      items: { id: string }[];
    };
    const asset = await call('POST', '/api/v1/admin/hardware', admin, {
      assetTag: `CT-${Date.now().toString(36)}`,
      modelId: models.items[0].id,
      status: 'in_stock'
    });
    expect(asset.status).toBe(201);
    const preview = await call('POST', '/api/v1/admin/hardware/import/preview', admin, {
      csv: 'Asset tag,Model\nCT-1,No such model\n'
    });
    expect([200, 400]).toContain(preview.status);
    // Refusals the Worker gives (Prism forwards well-formed requests; the Worker's answer is checked).
    expect((await call('GET', '/api/v1/admin/hardware', employee)).status).toBe(403);
    expect((await call('GET', '/api/v1/me', 'ontrackio_session=not-a-session')).status).toBe(401);
    expect(problems).toEqual([]);
  });
});
