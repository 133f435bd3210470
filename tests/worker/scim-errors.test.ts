// Every SCIM refusal answers with RFC 7644 §3.12's body and status, changes nothing, and a token can
// never reach another workspace.
import { beforeAll, describe, expect, it } from 'vitest';
import { env } from 'cloudflare:workers';
import { revokeApiToken } from '../../src/lib/server/api-tokens/revoke';
import {
  approveDomains,
  adminActor,
  scim,
  scimWorkspace,
  tenantDb,
  SCIM_PATCH,
  SCIM_USER,
  expectScimError,
  scimUserBody
} from './helpers-scim';
import { createUser } from './helpers-security';

const USER = SCIM_USER;
const PATCH = SCIM_PATCH;
const expectError = expectScimError;
const newUser = scimUserBody;

let acme: string;
let personId: string;
beforeAll(async () => {
  await approveDomains(tenantDb('acme'), ['errors.example']);
  acme = await scimWorkspace('acme');
  const created = await scim('acme', acme, 'POST', '/Users', newUser('first@errors.example'));
  expect(created.status).toBe(201);
  personId = created.body.id;
});

describe('401 and 403: who may call', () => {
  it('no token, a malformed one, and a revoked one are 401 with a Bearer challenge', async () => {
    for (const token of [null, 'nonsense', 'otk_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa']) {
      const res = await scim('acme', token, 'GET', '/Users');
      expectError(res, 401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
    const db = tenantDb('acme');
    const secret = await scimWorkspace('acme');
    const row = await db.$client
      .prepare("SELECT id FROM api_tokens WHERE kind = 'service' ORDER BY created_at DESC LIMIT 1")
      .first<{ id: string }>();
    expect((await revokeApiToken(db, await adminActor(db), 'service', row!.id)).ok).toBe(true);
    expectError(await scim('acme', secret, 'GET', '/Users'), 401);
  });

  it('a service token without the scim scope is 403', async () => {
    const other = await scimWorkspace('acme', {}, ['people:read']);
    expectError(await scim('acme', other, 'GET', '/Users'), 403);
  });

  it('with SCIM turned off, even a scim token is 403', async () => {
    const token = await scimWorkspace('globex', { enabled: false });
    const res = await scim('globex', token, 'GET', '/Users');
    expectError(res, 403);
    expect(res.body.detail).toContain('turned off');
    await scimWorkspace('globex');
  });
});

describe('400: bad filters are refused, never ignored', () => {
  const filters = [
    'userName sw "first"',
    'userName eq "a" or userName eq "b"',
    'title eq "x"',
    'userName pr',
    'not (userName eq "a")',
    'userName eq',
    'userName eq 5',
    'userName eq "unterminated'
  ];
  for (const f of filters)
    it(`filter=${f}`, async () => {
      expectError(
        await scim('acme', acme, 'GET', `/Users?filter=${encodeURIComponent(f)}`),
        400,
        'invalidFilter'
      );
    });
  it('groups refuse members filters other than eq and unknown attributes', async () => {
    expectError(
      await scim('acme', acme, 'GET', `/Groups?filter=${encodeURIComponent('owner eq "x"')}`),
      400,
      'invalidFilter'
    );
  });
  it('startIndex and count must be integers', async () => {
    expectError(await scim('acme', acme, 'GET', '/Users?count=ten'), 400, 'invalidValue');
  });
});

describe('400: bad values, paths and syntax change nothing', () => {
  it('a user without userName, in an unapproved domain, with a bad active value', async () => {
    expectError(
      await scim('acme', acme, 'POST', '/Users', {
        schemas: [USER],
        emails: [{ value: 'x@errors.example' }]
      }),
      400,
      'invalidValue'
    );
    const res = await scim('acme', acme, 'POST', '/Users', newUser('someone@elsewhere.example'));
    expectError(res, 400, 'invalidValue');
    expect(res.body.detail).toContain('elsewhere.example is not an approved domain');
    expectError(
      await scim('acme', acme, 'POST', '/Users', newUser('x2@errors.example', { active: 'maybe' })),
      400,
      'invalidValue'
    );
    expect(
      await tenantDb('acme').query.users.findFirst({ where: (u, { eq }) => eq(u.email, 'x2@errors.example') })
    ).toBeUndefined();
  });
  it('a PATCH to a path that does not exist is invalidPath; a missing PatchOp schema is invalidSyntax', async () => {
    expectError(
      await scim('acme', acme, 'PATCH', `/Users/${personId}`, {
        schemas: [PATCH],
        Operations: [{ op: 'replace', path: 'shoeSize', value: 42 }]
      }),
      400,
      'invalidPath'
    );
    expectError(
      await scim('acme', acme, 'PATCH', `/Users/${personId}`, {
        Operations: [{ op: 'replace', path: 'active', value: false }]
      }),
      400,
      'invalidSyntax'
    );
    expectError(
      await scim('acme', acme, 'PATCH', `/Users/${personId}`, {
        schemas: [PATCH],
        Operations: [{ op: 'replace', path: 'active', value: 'perhaps' }]
      }),
      400,
      'invalidValue'
    );
  });
  it('a body that is not JSON is invalidSyntax', async () => {
    expectError(await scim('acme', acme, 'POST', '/Users', '{"schemas": ['), 400, 'invalidSyntax');
  });
  it('a group PATCH on an unsupported path is invalidPath', async () => {
    const g = await scim('acme', acme, 'POST', '/Groups', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
      displayName: 'Errors group'
    });
    expect(g.status).toBe(201);
    expectError(
      await scim('acme', acme, 'PATCH', `/Groups/${g.body.id}`, {
        schemas: [PATCH],
        Operations: [{ op: 'replace', path: 'owners', value: 'x' }]
      }),
      400,
      'invalidPath'
    );
    expectError(
      await scim('acme', acme, 'PATCH', `/Groups/${g.body.id}`, {
        schemas: [PATCH],
        Operations: [{ op: 'add', path: 'members', value: [{ value: 'no-such-user' }] }]
      }),
      400,
      'invalidValue'
    );
  });
});

describe('409 uniqueness and 404', () => {
  it('a taken userName (in any case), a taken email, a taken group name', async () => {
    expectError(
      await scim('acme', acme, 'POST', '/Users', newUser('FIRST@errors.example')),
      409,
      'uniqueness'
    );
    // An admin-created person's email is their userName until the provider adopts them.
    const res = await scim('acme', acme, 'POST', '/Users', newUser('ada@acme.example'));
    expectError(res, 409, 'uniqueness');
    const second = await scim('acme', acme, 'POST', '/Users', newUser('second@errors.example'));
    expect(second.status).toBe(201);
    expectError(
      await scim(
        'acme',
        acme,
        'PUT',
        `/Users/${second.body.id}`,
        newUser('second@errors.example', { emails: [{ value: 'first@errors.example', type: 'work' }] })
      ),
      409,
      'uniqueness'
    );
    await scim('acme', acme, 'POST', '/Groups', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
      displayName: 'Unique group'
    });
    expectError(
      await scim('acme', acme, 'POST', '/Groups', {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
        displayName: 'UNIQUE GROUP'
      }),
      409,
      'uniqueness'
    );
  });
  it('unknown ids and endpoints are 404', async () => {
    for (const [m, p] of [
      ['GET', '/Users/nope'],
      ['PUT', '/Users/nope'],
      ['DELETE', '/Users/nope'],
      ['GET', '/Groups/nope'],
      ['DELETE', '/Groups/nope'],
      ['GET', '/Widgets']
    ] as const)
      expectError(
        await scim('acme', acme, m, p, m === 'PUT' ? newUser('nope@errors.example') : undefined),
        404
      );
  });
});

describe('the last active administrator', () => {
  it('is not deactivated or deleted by SCIM (409, nothing changes)', async () => {
    const db = env.DB_ACME;
    const other = await createUser(db, { role: 'admin' });
    // Setup only: `other` is the one active admin for this test.
    const others = (
      await db
        .prepare("SELECT id FROM users WHERE role = 'admin' AND status = 'active' AND id <> ?")
        .bind(other.id)
        .all<{ id: string }>()
    ).results.map((r) => r.id);
    const set = (s: string) =>
      db.batch(others.map((id) => db.prepare('UPDATE users SET status = ? WHERE id = ?').bind(s, id)));
    await set('suspended');
    try {
      const res = await scim('acme', acme, 'PATCH', `/Users/${other.id}`, {
        schemas: [PATCH],
        Operations: [{ op: 'replace', value: { active: false } }]
      });
      expectError(res, 409);
      expect(res.body.detail).toContain('last active administrator');
      expectError(await scim('acme', acme, 'DELETE', `/Users/${other.id}`), 409);
      const row = await db
        .prepare('SELECT status FROM users WHERE id = ?')
        .bind(other.id)
        .first<{ status: string }>();
      expect(row!.status).toBe('active');
    } finally {
      await set('active');
    }
  });
});
