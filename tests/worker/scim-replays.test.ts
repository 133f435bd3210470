// Okta's and Entra's documented provisioning conversations (tests/fixtures/scim, each naming its
// source) replayed against the Worker in workerd, step by step, with the documented statuses and the
// attributes the documentation shows coming back.
import { beforeAll, describe, expect, it } from 'vitest';
import { OKTA_FIXTURE } from '../fixtures/scim/okta';
import { ENTRA_FIXTURE } from '../fixtures/scim/entra';
import type { ScimFixture } from '../fixtures/scim/types';
import { approveDomains, scim, scimWorkspace, tenantDb } from './helpers-scim';

function fill(value: unknown, ids: Record<string, string>): unknown {
  const text = JSON.stringify(value ?? null).replace(/\{\{(\w+)\}\}/g, (_, k: string) => {
    if (!(k in ids)) throw new Error(`fixture needs {{${k}}}`);
    return ids[k]!;
  });
  return JSON.parse(text);
}

async function replay(fixture: ScimFixture, token: string, ids: Record<string, string>) {
  for (const step of fixture.steps) {
    const path = String(fill(step.path, ids)).replace(/ /g, '%20');
    const res = await scim(
      'acme',
      token,
      step.method,
      path,
      step.body === undefined ? undefined : fill(step.body, ids)
    );
    const statuses = Array.isArray(step.status) ? step.status : [step.status];
    expect(
      statuses,
      `${fixture.provider}: ${step.name} → ${res.status} ${JSON.stringify(res.body)}`
    ).toContain(res.status);
    if (step.expect && res.status !== 204)
      expect(res.body, `${fixture.provider}: ${step.name}`).toMatchObject(fill(step.expect, ids) as object);
    if (res.status >= 200 && res.status < 300 && res.body)
      expect(res.headers.get('content-type')).toContain('application/scim+json');
    if (step.capture) ids[step.capture] = res.body.id;
  }
}

/** A second person the conversation refers to (Okta's full push, Entra's manager). */
async function person(token: string, userName: string) {
  const res = await scim('acme', token, 'POST', '/Users', {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    userName,
    name: { givenName: 'Other', familyName: 'Person' },
    emails: [{ value: userName, type: 'work', primary: true }]
  });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

describe('recorded identity provider conversations', () => {
  let token: string;
  beforeAll(async () => {
    await approveDomains(tenantDb('acme'), [...OKTA_FIXTURE.domains, ...ENTRA_FIXTURE.domains]);
    token = await scimWorkspace('acme');
  });

  it('Okta: create, update, deactivate, reactivate, group push and membership', async () => {
    const other = await person(token, 'other.user@okta.local');
    await replay(OKTA_FIXTURE, token, { other });
    const db = tenantDb('acme');
    const created = await db.query.users.findFirst({
      where: (u, { eq }) => eq(u.email, 'test.user@okta.local')
    });
    // Created without a password (the one Okta sent is ignored), as an invitation.
    expect(created).toMatchObject({ passwordHash: null, status: 'active', role: 'employee' });
  });

  it('Microsoft Entra: the default job and the aadOptscim062020 job', async () => {
    const manager = await person(token, 'manager@testuser.com');
    await replay(ENTRA_FIXTURE, token, { manager });
  });
});
