// /scim/v2/Groups (RFC 7644 §3): parse, call the provisioning services, answer.
import { Hono, type Context } from 'hono';
import type { ScimEnv } from './types';
import { failureToScim, pageParams, readJsonBody, scimJson } from './respond';
import { ScimError } from '../../src/lib/server/scim/errors';
import { GROUP_FILTER_ATTRIBUTES, parseFilter } from '../../src/lib/server/scim/filter';
import { listResponse } from '../../src/lib/server/scim/discovery';
import { readGroupPatch } from '../../src/lib/server/scim/group-patch';
import { groupInputSchema } from '../../src/lib/contracts/scim';
import {
  getScimGroupForWorkspace,
  listScimGroupsForWorkspace,
  toScimGroup
} from '../../src/lib/server/provisioning/scim-groups-read';
import {
  changeScimGroupForWorkspace,
  createScimGroupForWorkspace,
  deleteScimGroupForWorkspace
} from '../../src/lib/server/provisioning/scim-groups-write';

const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';

/** excludedAttributes=members (Entra sends it on every group read). */
const withMembers = (c: Context<ScimEnv>) =>
  !(c.req.query('excludedAttributes') ?? '').split(',').some((a) => a.trim().toLowerCase() === 'members');

async function answerWithGroup(c: Context<ScimEnv>, id: string, status: 200 | 201 = 200) {
  const row = await getScimGroupForWorkspace(c.get('db'), id, withMembers(c));
  if (!row) throw new ScimError(404, null, `No group with id ${id} in this workspace.`);
  const group = toScimGroup(row, c.get('base'));
  return scimJson(c, group, status, status === 201 ? group.meta.location : undefined);
}

/** A Group body (POST / PUT) → its checked attributes and member ids. */
function readGroupBody(body: unknown) {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  if (!Array.isArray(b.schemas) || !b.schemas.includes(GROUP_SCHEMA))
    throw new ScimError(400, 'invalidSyntax', `The body's schemas must include "${GROUP_SCHEMA}".`);
  const parsed = groupInputSchema.safeParse({ displayName: b.displayName, externalId: b.externalId ?? null });
  if (!parsed.success) throw new ScimError(400, 'invalidValue', parsed.error.issues[0]!.message);
  const members = b.members ?? [];
  if (!Array.isArray(members) || members.some((m) => typeof m?.value !== 'string'))
    throw new ScimError(400, 'invalidValue', 'members must be a list of { "value": "<user id>" }.');
  return { input: parsed.data, members: members.map((m: { value: string }) => m.value) };
}

export const scimGroupRoutes = new Hono<ScimEnv>()
  .get('/Groups', async (c) => {
    const terms = parseFilter(c.req.query('filter'), GROUP_FILTER_ATTRIBUTES);
    const page = pageParams(c);
    const { total, rows } = await listScimGroupsForWorkspace(c.get('db'), terms, page, withMembers(c));
    c.set('outcome', `Listed ${rows.length} of ${total} groups`);
    return scimJson(
      c,
      listResponse(
        rows.map((r) => toScimGroup(r, c.get('base'))),
        total,
        page.startIndex
      )
    );
  })
  .post('/Groups', async (c) => {
    const { input, members } = readGroupBody(await readJsonBody(c));
    const result = await createScimGroupForWorkspace(c.get('db'), c.get('actor'), input, members);
    if (!result.ok) throw failureToScim(result);
    c.set('outcome', `Created group ${input.displayName}`);
    return answerWithGroup(c, result.groupId, 201);
  })
  .get('/Groups/:id', async (c) => {
    c.set('outcome', 'Read a group');
    return answerWithGroup(c, c.req.param('id'));
  })
  .put('/Groups/:id', async (c) => {
    const { input, members } = readGroupBody(await readJsonBody(c));
    const result = await changeScimGroupForWorkspace(c.get('db'), c.get('actor'), c.req.param('id'), {
      displayName: input.displayName,
      externalId: input.externalId,
      add: [],
      remove: [],
      replaceMembers: members
    });
    if (!result.ok) throw failureToScim(result);
    c.set('outcome', `Replaced group ${input.displayName}`);
    return answerWithGroup(c, c.req.param('id'));
  })
  .patch('/Groups/:id', async (c) => {
    const change = readGroupPatch(await readJsonBody(c));
    const result = await changeScimGroupForWorkspace(c.get('db'), c.get('actor'), c.req.param('id'), change);
    if (!result.ok) throw failureToScim(result);
    const parts = [
      change.add.length ? `+${change.add.length}` : '',
      change.remove.length ? `-${change.remove.length}` : '',
      change.replaceMembers ? `members replaced (${change.replaceMembers.length})` : '',
      change.displayName !== undefined ? 'renamed' : ''
    ].filter(Boolean);
    c.set('outcome', `Patched a group${parts.length ? `: ${parts.join(', ')}` : ''}`);
    // RFC 7644 §3.5.2: 204 when the client did not ask for attributes back (Entra's documented answer).
    return c.body(null, 204);
  })
  .delete('/Groups/:id', async (c) => {
    const result = await deleteScimGroupForWorkspace(c.get('db'), c.get('actor'), c.req.param('id'));
    if (!result.ok) throw failureToScim(result);
    c.set('outcome', 'Deleted a group');
    return c.body(null, 204);
  });
