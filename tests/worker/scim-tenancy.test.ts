// A SCIM call can never reach another workspace: the workspace comes from the host, and a token is
// known only in its own workspace's database.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  approveDomains,
  scim,
  scimWorkspace,
  tenantDb,
  SCIM_ERROR,
  SCIM_PATCH,
  expectScimError,
  scimUserBody
} from './helpers-scim';

const ERROR = SCIM_ERROR;
const PATCH = SCIM_PATCH;
const expectError = expectScimError;
const newUser = scimUserBody;

let acme: string;
let globex: string;
let personId: string;
beforeAll(async () => {
  await approveDomains(tenantDb('acme'), ['tenancy.example']);
  await approveDomains(tenantDb('globex'), ['tenancy.example']);
  acme = await scimWorkspace('acme');
  globex = await scimWorkspace('globex');
  const created = await scim('acme', acme, 'POST', '/Users', newUser('first@tenancy.example'));
  expect(created.status).toBe(201);
  personId = created.body.id;
});

describe('a SCIM call never reaches another workspace', () => {
  it("acme's token is unknown on globex's host, and the reverse", async () => {
    expectError(await scim('globex', acme, 'GET', '/Users'), 401);
    expectError(await scim('acme', globex, 'GET', `/Users/${personId}`), 401);
  });
  it("globex's token cannot read, change or delete an acme person by id, nor find them by filter", async () => {
    expectError(await scim('globex', globex, 'GET', `/Users/${personId}`), 404);
    expectError(
      await scim('globex', globex, 'PUT', `/Users/${personId}`, newUser('first@tenancy.example')),
      404
    );
    expectError(
      await scim('globex', globex, 'PATCH', `/Users/${personId}`, {
        schemas: [PATCH],
        Operations: [{ op: 'replace', path: 'active', value: false }]
      }),
      404
    );
    expectError(await scim('globex', globex, 'DELETE', `/Users/${personId}`), 404);
    const found = await scim(
      'globex',
      globex,
      'GET',
      '/Users?filter=userName%20eq%20%22first%40tenancy.example%22'
    );
    expect(found.body.totalResults).toBe(0);
    const list = await scim('globex', globex, 'GET', '/Users?count=200');
    expect(list.body.Resources.map((r: { id: string }) => r.id)).not.toContain(personId);
    const still = await tenantDb('acme').query.users.findFirst({ where: (u, { eq }) => eq(u.id, personId) });
    expect(still?.status).not.toBe('suspended');
  });
  it('a workspace that does not exist is 404', async () => {
    const res = await scim('acme', acme, 'GET', '/Users');
    expect(res.status).toBe(200);
    const { fetchWorker } = await import('./helpers');
    const none = await fetchWorker('http://nowhere.localhost:8787/scim/v2/Users', {
      headers: { authorization: `Bearer ${acme}` }
    });
    expect(none.status).toBe(404);
    expect((await none.json<{ schemas: string[] }>()).schemas).toEqual([ERROR]);
  });
});
