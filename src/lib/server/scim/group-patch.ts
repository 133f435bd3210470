// A PatchOp on a Group (RFC 7644 §3.5.2) read as membership deltas, so a group of thousands is never
// loaded to add one person. The message itself is checked by scimmy (schemas, ops, paths present);
// the operations understood are the ones Okta and Entra document:
//   add     members                       [{value}]             (both)
//   remove  members[value eq "id"]                              (Okta, Entra with aadOptscim062020)
//   remove  members  [{value}]                                  (Entra's default job)
//   replace members  [{value}]                                  (Okta "full push")
//   replace displayName / externalId, or path-less { displayName, id, externalId, members }
// Anything else is 400 invalidPath / invalidValue, never ignored.
import { scimmy } from './scimmy';
import { ScimError, fromScimmyError } from './errors';
import { normalisePatch } from './normalise';

export interface GroupChange {
  displayName?: string;
  externalId?: string | null;
  add: string[];
  remove: string[];
  /** Set when the members are replaced wholesale. */
  replaceMembers?: string[];
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function memberIds(value: unknown, index: number): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.map((m) => {
    if (isObject(m) && typeof m.value === 'string' && m.value !== '') return m.value;
    throw new ScimError(400, 'invalidValue', `Operation ${index}: each member needs a "value" (a user id).`);
  });
}

function text(value: unknown, name: string, index: number): string {
  if (typeof value === 'string') return value;
  throw new ScimError(400, 'invalidValue', `Operation ${index}: ${name} must be a string.`);
}

/** members[value eq "id"] → "id". */
function memberFilterId(path: string, index: number): string {
  const m = /^members\[(.+)\]$/i.exec(path.trim());
  if (!m) throw new ScimError(400, 'invalidPath', `Operation ${index}: the path "${path}" is not supported.`);
  let parsed: Record<string, unknown>[];
  try {
    parsed = [...new (scimmy().Types.Filter)(m[1]!)] as Record<string, unknown>[];
  } catch (err) {
    throw new ScimError(400, 'invalidFilter', `Operation ${index}: ${(err as Error).message}`);
  }
  const cmp = parsed.length === 1 ? (parsed[0]!.value as unknown[] | undefined) : undefined;
  if (
    !Array.isArray(cmp) ||
    cmp[0] !== 'eq' ||
    typeof cmp[1] !== 'string' ||
    Object.keys(parsed[0]!).length !== 1
  )
    throw new ScimError(400, 'invalidFilter', `Operation ${index}: use members[value eq "<user id>"].`);
  return cmp[1];
}

function applyValueObject(change: GroupChange, value: Record<string, unknown>, op: string, index: number) {
  for (const [key, v] of Object.entries(value)) {
    const k = key.toLowerCase();
    if (k === 'id')
      continue; // Okta repeats the group's own id: read-only, nothing to change
    else if (k === 'displayname') change.displayName = text(v, 'displayName', index);
    else if (k === 'externalid') change.externalId = v === null ? null : text(v, 'externalId', index);
    else if (k === 'members') {
      if (op === 'add') change.add.push(...memberIds(v, index));
      else change.replaceMembers = memberIds(v ?? [], index);
    } else
      throw new ScimError(400, 'invalidPath', `Operation ${index}: "${key}" can't be changed on a Group.`);
  }
}

export function readGroupPatch(raw: unknown): GroupChange {
  const body = normalisePatch(raw);
  let message: { Operations: { op: string; path?: string; value?: unknown }[] };
  try {
    message = new (scimmy().Messages.PatchOp)(body as never) as never;
  } catch (err) {
    throw fromScimmyError(err) ?? err;
  }
  const change: GroupChange = { add: [], remove: [] };
  message.Operations.forEach(({ op, path, value }, i) => {
    const index = i + 1;
    const p = path?.trim().toLowerCase();
    if (p === undefined || p === '') {
      if (op === 'remove' || !isObject(value))
        throw new ScimError(400, 'noTarget', `Operation ${index}: give a path, or an object value.`);
      return applyValueObject(change, value, op, index);
    }
    if (p === 'members') {
      if (op === 'add') change.add.push(...memberIds(value, index));
      else if (op === 'replace') change.replaceMembers = memberIds(value ?? [], index);
      else if (value === undefined) change.replaceMembers = [];
      else change.remove.push(...memberIds(value, index));
      return;
    }
    if (p.startsWith('members[')) {
      if (op !== 'remove')
        throw new ScimError(400, 'invalidPath', `Operation ${index}: only "remove" takes a members filter.`);
      change.remove.push(memberFilterId(path!, index));
      return;
    }
    if (p === 'displayname' && op !== 'remove') change.displayName = text(value, 'displayName', index);
    else if (p === 'externalid')
      change.externalId = op === 'remove' ? null : text(value, 'externalId', index);
    else
      throw new ScimError(
        400,
        'invalidPath',
        `Operation ${index}: the path "${path}" is not supported on a Group.`
      );
  });
  return change;
}
