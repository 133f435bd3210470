// The API's route list as its OpenAPI description states it (the description is generated from the
// routes' own declarations: worker/api/access/route-builders.ts), and a way to call each operation with
// stand-in ids and an empty body: enough to reach its guard, never enough to change seeded data.
import { ACME, fetchWorker } from './helpers';

export interface Operation {
  method: string;
  /** OpenAPI path, e.g. /api/v1/admin/hardware/{id}. */
  path: string;
  access: string;
  scope: string | null;
  permission: string | null;
  security: Record<string, string[]>[];
}

type OperationObject = {
  'x-ontrackio-access'?: string;
  'x-ontrackio-scope'?: string;
  'x-ontrackio-permission'?: string;
  security?: Record<string, string[]>[];
};

export async function specOf(origin = ACME): Promise<{
  paths: Record<string, Record<string, OperationObject>>;
  servers: { url: string }[];
  components: { securitySchemes: Record<string, unknown> };
  [key: string]: unknown;
}> {
  const res = await fetchWorker(`${origin}/api/v1/openapi.json`);
  if (res.status !== 200) throw new Error(`spec: ${res.status}`);
  return res.json();
}

export async function operationsOf(origin = ACME): Promise<Operation[]> {
  const spec = await specOf(origin);
  const out: Operation[] = [];
  for (const [path, item] of Object.entries(spec.paths))
    for (const [method, op] of Object.entries(item))
      out.push({
        method: method.toUpperCase(),
        path,
        access: op['x-ontrackio-access'] ?? '(none)',
        scope: op['x-ontrackio-scope'] ?? null,
        permission: op['x-ontrackio-permission'] ?? null,
        security: op.security ?? []
      });
  return out;
}

export const label = (op: Pick<Operation, 'method' | 'path'>) => `${op.method} ${op.path}`;

/** Calls `op` with every path parameter set to an id that exists nowhere, and `{}` as a body. */
export function callOperation(
  op: Operation,
  auth: { cookie?: string; token?: string } = {},
  origin = ACME
): Promise<Response> {
  const url = origin + op.path.replace(/\{[^}]+\}/g, 'no-such-id-00000000');
  const headers = new Headers({ origin });
  if (auth.cookie) headers.set('cookie', auth.cookie);
  if (auth.token) headers.set('authorization', `Bearer ${auth.token}`);
  const withBody = op.method === 'POST' || op.method === 'PUT' || op.method === 'PATCH';
  if (withBody) headers.set('content-type', 'application/json');
  return fetchWorker(url, { method: op.method, headers, body: withBody ? '{}' : undefined });
}
