// /scim/v2/Users (RFC 7644 §3): parse, call the provisioning services, answer. No rule lives here.
import { Hono, type Context } from 'hono';
import { scimmy } from '../../src/lib/server/scim/scimmy';
import type { ScimEnv } from './types';
import { failureToScim, pageParams, readJsonBody, scimJson } from './respond';
import { ScimError, fromScimmyError } from '../../src/lib/server/scim/errors';
import { parseFilter, USER_FILTER_ATTRIBUTES } from '../../src/lib/server/scim/filter';
import { normalisePatch, normaliseResource } from '../../src/lib/server/scim/normalise';
import { listResponse } from '../../src/lib/server/scim/discovery';
import {
  readUserBody,
  readUserFields,
  toScimUser,
  userInstance
} from '../../src/lib/server/scim/user-resource';
import {
  getScimUserForWorkspace,
  listScimUsersForWorkspace
} from '../../src/lib/server/provisioning/scim-users-read';
import { provisionUserForWorkspace } from '../../src/lib/server/provisioning/provision-user';
import { updateProvisionedUserForWorkspace } from '../../src/lib/server/provisioning/update-provisioned-user';
import { deprovisionUserForWorkspace } from '../../src/lib/server/provisioning/deprovision-user';
import type { ProvisionedUser } from '../../src/lib/contracts/scim';

async function currentOr404(c: Context<ScimEnv>, id: string) {
  const row = await getScimUserForWorkspace(c.get('db'), id);
  if (!row) throw new ScimError(404, null, `No user with id ${id} in this workspace.`);
  return row;
}

async function answerWithUser(c: Context<ScimEnv>, id: string, status: 200 | 201 = 200) {
  const user = toScimUser(await currentOr404(c, id), c.get('base'));
  return scimJson(c, user, status, status === 201 ? user.meta.location : undefined);
}

async function update(c: Context<ScimEnv>, id: string, fields: ProvisionedUser, verb: string) {
  const result = await updateProvisionedUserForWorkspace(
    c.get('provision'),
    c.get('db'),
    c.get('actor'),
    id,
    fields
  );
  if (!result.ok) throw failureToScim(result);
  c.set('outcome', `${verb} ${fields.userName}${fields.active ? '' : ' (inactive)'}`);
  return answerWithUser(c, id);
}

export const scimUserRoutes = new Hono<ScimEnv>()
  .get('/Users', async (c) => {
    const terms = parseFilter(c.req.query('filter'), USER_FILTER_ATTRIBUTES);
    const page = pageParams(c);
    const { total, rows } = await listScimUsersForWorkspace(c.get('db'), terms, page);
    c.set('outcome', `Listed ${rows.length} of ${total} users`);
    return scimJson(
      c,
      listResponse(
        rows.map((r) => toScimUser(r, c.get('base'))),
        total,
        page.startIndex
      )
    );
  })
  .post('/Users', async (c) => {
    const fields = readUserBody(normaliseResource(await readJsonBody(c)), true);
    const result = await provisionUserForWorkspace(c.get('provision'), c.get('db'), c.get('actor'), fields);
    if (!result.ok) throw failureToScim(result);
    c.set('outcome', `Created ${fields.userName}`);
    return answerWithUser(c, result.userId, 201);
  })
  .get('/Users/:id', async (c) => {
    c.set('outcome', 'Read a user');
    return answerWithUser(c, c.req.param('id'));
  })
  .put('/Users/:id', async (c) => {
    const current = await currentOr404(c, c.req.param('id'));
    const fields = readUserBody(normaliseResource(await readJsonBody(c)), current.status !== 'suspended');
    return update(c, current.id, fields, 'Replaced');
  })
  .patch('/Users/:id', async (c) => {
    const current = await currentOr404(c, c.req.param('id'));
    const body = normalisePatch(await readJsonBody(c));
    let patched: unknown;
    try {
      patched = await new (scimmy().Messages.PatchOp)(body as never).apply(
        userInstance(toScimUser(current, c.get('base')))
      );
    } catch (err) {
      throw fromScimmyError(err) ?? err;
    }
    // scimmy returns nothing when the operations change nothing: answer with the resource as it is.
    if (!patched) {
      c.set('outcome', `Patched ${current.userName ?? current.email} (no change)`);
      return answerWithUser(c, current.id);
    }
    const fields = readUserFields(
      JSON.parse(JSON.stringify(patched)) as Record<string, unknown>,
      current.status !== 'suspended'
    );
    return update(c, current.id, fields, 'Patched');
  })
  .delete('/Users/:id', async (c) => {
    const result = await deprovisionUserForWorkspace(
      c.get('provision'),
      c.get('db'),
      c.get('actor'),
      c.req.param('id')
    );
    if (!result.ok) throw failureToScim(result);
    c.set('outcome', 'Deleted a user (suspended in OnTrackio, assignments kept)');
    return c.body(null, 204);
  });
