// The token services called directly, as other callers will (SCIM, the API): the rules hold for
// every kind of actor, not only for the pages.
import { describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/lib/server/api-tokens/create';
import {
  listPersonalApiTokensForUser,
  listServiceApiTokensForWorkspace
} from '../../src/lib/server/api-tokens/list';
import { revokeApiToken, revokeApiTokensForUser } from '../../src/lib/server/api-tokens/revoke';
import type { Actor } from '../../src/lib/server/authz/actor';
import { acmeDb, one, scalar, userId } from './helpers-data';
import { createUser } from './helpers-security';
import { acme, makeToken, personActor } from './helpers-tokens';

const input = {
  name: 'Job',
  scopes: ['hardware:read' as const],
  expiry: '30' as const,
  allowedAddresses: []
};

describe('who may create tokens', () => {
  it('only a person signed in with a session: never a token, a service token, SCIM or a job', async () => {
    const adminId = await userId(acmeDb(), 'admin@acme.example');
    const actors: Actor[] = [
      { kind: 'user', userId: adminId, name: 'Admin', role: 'admin', via: 'token', tokenName: 'x' },
      { kind: 'service', tokenId: 't', tokenName: 'x' },
      { kind: 'provisioning' },
      { kind: 'system', label: 'Job' }
    ];
    for (const actor of actors) {
      expect((await createApiToken(acme(), actor, 'service', input)).ok).toBe(false);
      expect((await createApiToken(acme(), actor, 'personal', { ...input, scopes: ['my:read'] })).ok).toBe(
        false
      );
    }
  });

  it('an employee can’t create a service token', async () => {
    const user = await createUser(acmeDb());
    expect(await createApiToken(acme(), personActor(user.id), 'service', input)).toEqual({
      ok: false,
      code: 'forbidden',
      message: 'Only administrators can create service tokens.'
    });
  });
});

describe('lists are scoped', () => {
  it('a person sees only their own personal tokens; the service list is for admin.settings only', async () => {
    const a = await createUser(acmeDb());
    const b = await createUser(acmeDb());
    const ta = await makeToken({ ownerId: a.id });
    await makeToken({ ownerId: b.id });
    const listA = await listPersonalApiTokensForUser(acme(), personActor(a.id));
    expect(listA.map((t) => t.id)).toEqual([ta.id]);
    expect(listA[0]).not.toHaveProperty('secretHash');
    expect(await listServiceApiTokensForWorkspace(acme(), personActor(a.id))).toBeNull();
    expect(await listPersonalApiTokensForUser(acme(), { kind: 'provisioning' })).toEqual([]);
  });
});

describe('revokeApiTokensForUser (suspension by an admin or by SCIM)', () => {
  it('revokes every live personal token of the person, one audit row each with the actor’s label', async () => {
    const user = await createUser(acmeDb());
    const t1 = await makeToken({ ownerId: user.id });
    const t2 = await makeToken({ ownerId: user.id });
    const other = await createUser(acmeDb());
    const keep = await makeToken({ ownerId: other.id });

    expect(await revokeApiTokensForUser(acme(), personActor(other.id), user.id)).toEqual({
      ok: false,
      code: 'forbidden'
    });
    expect(await revokeApiTokensForUser(acme(), { kind: 'provisioning' }, user.id)).toEqual({
      ok: true,
      revoked: 2
    });
    for (const t of [t1, t2]) {
      const row = await one<{ revoked_at: number | null; revoked_by_label: string | null }>(
        acmeDb(),
        'SELECT revoked_at, revoked_by_label FROM api_tokens WHERE id = ?',
        t.id
      );
      expect(row!.revoked_at).not.toBeNull();
      expect(row!.revoked_by_label).toBe('Provisioning');
      const audit = await one<{ actor_id: string | null; actor_label: string }>(
        acmeDb(),
        "SELECT actor_id, actor_label FROM audit_log WHERE entity_id = ? AND action = 'api_token.revoked'",
        t.id
      );
      expect(audit).toEqual({ actor_id: null, actor_label: 'Provisioning' });
    }
    expect(
      await scalar(
        acmeDb(),
        'SELECT count(*) AS n FROM api_tokens WHERE id = ? AND revoked_at IS NULL',
        keep.id
      )
    ).toBe(1);
    // A repeat revokes nothing and writes nothing.
    expect(await revokeApiTokensForUser(acme(), { kind: 'provisioning' }, user.id)).toEqual({
      ok: true,
      revoked: 0
    });
    expect(
      await scalar(
        acmeDb(),
        "SELECT count(*) AS n FROM audit_log WHERE entity_id = ? AND action = 'api_token.revoked'",
        t1.id
      )
    ).toBe(1);
  });

  it('revoking one service token needs admin.settings', async () => {
    const adminId = await userId(acmeDb(), 'admin@acme.example');
    const t = await makeToken({
      ownerId: adminId,
      role: 'admin',
      kind: 'service',
      scopes: ['hardware:read']
    });
    const employee = await createUser(acmeDb());
    expect(await revokeApiToken(acme(), personActor(employee.id), 'service', t.id)).toEqual({
      ok: false,
      code: 'forbidden'
    });
    expect(await revokeApiToken(acme(), personActor(employee.id), 'personal', t.id)).toEqual({
      ok: false,
      code: 'not_found'
    });
    expect((await revokeApiToken(acme(), personActor(adminId, 'admin'), 'service', t.id)).ok).toBe(true);
  });
});
