// SCIM filters (RFC 7644 §3.4.2.2), parsed by scimmy and narrowed to what OnTrackio answers: one `eq`
// comparison, or several joined by `and`, on the attributes each resource lists below. Anything else
// (other operators, `or`, `not`, unknown attributes) is refused with 400 invalidFilter, never ignored:
// a client that asked for a narrower list must not silently receive everybody.
import { scimmy } from './scimmy';
import { ScimError } from './errors';

export const USER_FILTER_ATTRIBUTES = ['userName', 'externalId', 'emails.value', 'id'] as const;
export const GROUP_FILTER_ATTRIBUTES = ['displayName', 'externalId', 'id', 'members.value'] as const;
export type UserFilterAttribute = (typeof USER_FILTER_ATTRIBUTES)[number];
export type GroupFilterAttribute = (typeof GROUP_FILTER_ATTRIBUTES)[number];

export interface FilterTerm<A extends string> {
  attribute: A;
  value: string;
}

const CORE_PREFIXES = [
  'urn:ietf:params:scim:schemas:core:2.0:user:',
  'urn:ietf:params:scim:schemas:core:2.0:group:'
];

/** Flattens scimmy's parsed expression into "attribute path" → comparison, e.g. emails.value → ['eq', 'x']. */
function flatten(expr: Record<string, unknown>, prefix = ''): [string, unknown][] {
  const out: [string, unknown][] = [];
  for (const [key, value] of Object.entries(expr)) {
    let path = `${prefix}${key}`.toLowerCase();
    for (const p of CORE_PREFIXES) if (path.startsWith(p)) path = path.slice(p.length);
    if (Array.isArray(value)) out.push([path, value]);
    else if (value && typeof value === 'object')
      out.push(...flatten(value as Record<string, unknown>, `${path}.`));
    else out.push([path, value]);
  }
  return out;
}

function refuse(detail: string): never {
  throw new ScimError(400, 'invalidFilter', detail);
}

export function parseFilter<A extends string>(
  filter: string | undefined,
  allowed: readonly A[]
): FilterTerm<A>[] {
  if (filter === undefined || filter.trim() === '') return [];
  if (filter.length > 1000) refuse('The filter is too long.');
  let parsed: Record<string, unknown>[];
  try {
    parsed = [...new (scimmy().Types.Filter)(filter)] as Record<string, unknown>[];
  } catch (err) {
    refuse(`The filter could not be read: ${(err as Error).message}`);
  }
  const supported = `Supported filters: ${allowed.map((a) => `${a} eq "…"`).join(', ')} (joined with "and").`;
  if (parsed.length !== 1) refuse(`"or" is not supported. ${supported}`);
  const byName = new Map(allowed.map((a) => [a.toLowerCase(), a]));
  // emails[type eq "work"].value eq "x": the work address is the only address OnTrackio keeps.
  const terms: FilterTerm<A>[] = [];
  for (const [path, comparison] of flatten(parsed[0] as Record<string, unknown>)) {
    const c = comparison as unknown[];
    if (path === 'emails.type' && Array.isArray(c) && c[0] === 'eq' && String(c[1]).toLowerCase() === 'work')
      continue;
    const attribute = byName.get(path);
    if (!attribute) refuse(`Filtering on "${path}" is not supported. ${supported}`);
    if (!Array.isArray(c) || c.length !== 2 || c[0] !== 'eq')
      refuse(`Only the "eq" operator is supported. ${supported}`);
    if (typeof c[1] !== 'string' || c[1] === '')
      refuse(`Compare ${attribute} with a quoted, non-empty string.`);
    terms.push({ attribute, value: c[1] });
  }
  if (terms.length === 0) refuse(supported);
  return terms;
}
