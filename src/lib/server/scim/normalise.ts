// What Microsoft Entra's default provisioning job sends, made RFC 7644-shaped before scimmy reads it
// (MicrosoftDocs/entra-docs, application-provisioning-config-problem-scim-compatibility: without the
// aadOptscim062020 flag Entra capitalises `op` ("Replace", "Add", "Remove") and sends booleans as the
// strings "True" / "False"). Also: Entra sends the enterprise `manager` as a bare id string where the
// schema has a complex { value }. Only these known shapes are rewritten; everything else reaches
// scimmy untouched and is judged there.
export const ENTERPRISE_USER = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

const BOOLEAN_ATTRIBUTES = new Set(['active', 'primary']);

function stringBoolean(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const v = value.trim().toLowerCase();
  return v === 'true' ? true : v === 'false' ? false : value;
}

function lastSegment(path: string): string {
  const cut = path.lastIndexOf(':');
  const tail = cut >= 0 ? path.slice(cut + 1) : path;
  return tail.split('.').pop()!.toLowerCase();
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** `active: "False"` → false, `manager: "id"` → { value: "id" }, recursively through objects. */
function normaliseValue(key: string, value: unknown): unknown {
  const name = lastSegment(key);
  if (BOOLEAN_ATTRIBUTES.has(name)) return stringBoolean(value);
  if (name === 'manager' && typeof value === 'string') return value === '' ? null : { value };
  if (Array.isArray(value)) return value.map((v) => (isObject(v) ? normaliseObject(v) : v));
  if (isObject(value)) return normaliseObject(value);
  return value;
}

function normaliseObject(obj: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) out[k] = normaliseValue(k, v);
  return out;
}

/** A resource body (POST / PUT). */
export function normaliseResource(body: unknown): unknown {
  return isObject(body) ? normaliseObject(body) : body;
}

/** A PatchOp body: ops lowercased, values normalised against their path. */
export function normalisePatch(body: unknown): unknown {
  if (!isObject(body) || !Array.isArray(body.Operations)) return body;
  return {
    ...body,
    Operations: body.Operations.map((op: unknown) => {
      if (!isObject(op)) return op;
      const out: Record<string, unknown> = { ...op };
      if (typeof op.op === 'string') out.op = op.op.toLowerCase();
      if ('value' in op) {
        const path = typeof op.path === 'string' ? op.path.replace(/\[.*?\]/g, '') : '';
        out.value = path ? normaliseValue(path, op.value) : normaliseResource(op.value);
      }
      return out;
    })
  };
}
