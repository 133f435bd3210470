// Split from saml.test.ts (its header says what the set covers). This file: ACS: bad responses end on the
// Sign in page and create nothing; the verifier names why it refuses (each test fails for its own reason).
import { beforeAll, describe, expect, it } from 'vitest';
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { openTenantDb } from '../../src/lib/server/db';
import {
  samlAssertionIds,
  sessions,
  ssoConnections,
  ssoIdentities,
  users
} from '../../src/lib/server/db/tenant-schema';
import {
  addSamlConnection,
  removeSsoConnection,
  saveSignInRules
} from '../../src/lib/server/sso/connections';
import { verifySamlResponse, type SamlExpectations } from '../../src/lib/server/sso/saml-response';
import { ATTACKER_PRIVATE_KEY, IDP_CERTIFICATE } from '../fixtures/saml-test-keys';
import { ACME, fetchWorker, freshAddress, sessionCookieFrom, SETUP_ACTOR } from './helpers';
import {
  ACS_URL,
  assertionXml,
  IDP_CERT_BODY,
  IDP_ENTITY_ID,
  IDP_SSO_URL,
  postToAcs,
  responseXml,
  sign,
  SP_ENTITY_ID,
  startSaml,
  connectTestIdp
} from './helpers-saml';

const db = openTenantDb(env.DB_ACME);

let connectionId: string;

beforeAll(async () => {
  connectionId = await connectTestIdp(db);
});

const identityCount = async () =>
  (await db.select().from(ssoIdentities).where(eq(ssoIdentities.connectionId, connectionId))).length;

const userCount = async () => (await db.select({ id: users.id }).from(users)).length;

const sessionCount = async () => (await db.select({ id: sessions.id }).from(sessions)).length;

const refusal = (res: Response) => ({
  status: res.status,
  location: res.headers.get('location'),
  cookie: sessionCookieFrom(res)
});

describe('ACS: bad responses end on the Sign in page and create nothing', () => {
  async function refused(build: (requestId: string) => string, code = 'invalid_response') {
    const address = freshAddress();
    const { requestId } = await startSaml(connectionId, address);
    const [identities, people, sess] = [await identityCount(), await userCount(), await sessionCount()];
    const res = await postToAcs(build(requestId), address);
    expect(refusal(res)).toEqual({ status: 303, location: `/login?sso_error=${code}`, cookie: null });
    expect([await identityCount(), await userCount(), await sessionCount()]).toEqual([
      identities,
      people,
      sess
    ]);
    return requestId;
  }

  it('a tampered signed assertion (NameID changed after signing)', async () => {
    await refused((id) =>
      sign(responseXml({ inResponseTo: id, nameId: 'grace@acme.example' })).replace(
        /grace@acme\.example/g,
        'ada@acme.example'
      )
    );
  });
  it('a response signed by another key', async () => {
    await refused((id) => sign(responseXml({ inResponseTo: id }), { key: ATTACKER_PRIVATE_KEY }));
  });
  it('an unsigned response', async () => {
    await refused((id) => responseXml({ inResponseTo: id }));
  });
  it('signature wrapping: an unsigned copy of the assertion placed before the signed one', async () => {
    await refused((id) => {
      const signed = sign(responseXml({ inResponseTo: id, nameId: 'grace@acme.example' }));
      const evil = assertionXml({ inResponseTo: id, nameId: 'admin@acme.example' });
      return signed.replace('<saml:Assertion ', `${evil}<saml:Assertion `);
    });
  });
  it('signature wrapping: the signed assertion hidden in Extensions behind a forged one', async () => {
    await refused((id) => {
      const signed = sign(responseXml({ inResponseTo: id, nameId: 'grace@acme.example' }));
      const start = signed.indexOf('<saml:Assertion ');
      const end = signed.indexOf('</saml:Assertion>') + '</saml:Assertion>'.length;
      const original = signed.slice(start, end);
      const forged = original
        .replace(/grace@acme\.example/g, 'admin@acme.example')
        .replace(/<ds:Signature[\s\S]*<\/ds:Signature>/, '');
      return (
        signed.slice(0, start) +
        `<samlp:Extensions>${original}</samlp:Extensions>` +
        forged +
        signed.slice(end)
      );
    });
  });
  it('a wrong audience', async () => {
    await refused((id) =>
      sign(responseXml({ inResponseTo: id, audience: 'https://someone-else.example/sp' }))
    );
  });
  it('a wrong recipient, and a wrong Destination', async () => {
    await refused((id) =>
      sign(responseXml({ inResponseTo: id, recipient: 'https://evil.example/acs', destination: ACS_URL }))
    );
    await refused((id) => sign(responseXml({ inResponseTo: id, destination: 'https://evil.example/acs' })));
  });
  it('an assertion from another issuer', async () => {
    await refused((id) => sign(responseXml({ inResponseTo: id, issuer: 'https://other-idp.example' })));
  });
  it('an expired assertion, and one not valid yet', async () => {
    const past = new Date(Date.now() - 30 * 60_000);
    await refused((id) =>
      sign(responseXml({ inResponseTo: id, now: past, notOnOrAfter: new Date(past.getTime() + 5 * 60_000) }))
    );
    const future = new Date(Date.now() + 30 * 60_000);
    await refused((id) => sign(responseXml({ inResponseTo: id, now: future, notBefore: future })));
  });
  it('an unknown InResponseTo (no stored request), and none at all (IdP-initiated)', async () => {
    await refused(() => sign(responseXml({ inResponseTo: '_never-issued' })), 'expired');
    await refused(() => sign(responseXml({ inResponseTo: '' })), 'expired');
  });
  it('a replayed response, and a replayed assertion id under a new request', async () => {
    const address = freshAddress();
    const first = await startSaml(connectionId, address);
    const assertionId = `_replay${crypto.randomUUID().replace(/-/g, '')}`;
    const message = sign(
      responseXml({ inResponseTo: first.requestId, nameId: 'grace@acme.example', assertionId })
    );
    expect((await postToAcs(message, address)).headers.get('location')).toBe('/my');
    // The same message again: its request is used up.
    expect(refusal(await postToAcs(message, address))).toEqual({
      status: 303,
      location: '/login?sso_error=expired',
      cookie: null
    });
    // The same assertion id answering a fresh request: the replay table refuses it.
    await refused((id) => sign(responseXml({ inResponseTo: id, nameId: 'grace@acme.example', assertionId })));
    expect(
      await db.query.samlAssertionIds.findFirst({ where: eq(samlAssertionIds.assertionId, assertionId) })
    ).toMatchObject({ connectionId });
  });
  it('garbage, a DOCTYPE (entity expansion) and a non-form body', async () => {
    await refused(() => '<<<not xml');
    await refused(
      (id) => `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x "y">]>` + sign(responseXml({ inResponseTo: id }))
    );
    const res = await fetchWorker(ACS_URL, {
      method: 'POST',
      address: freshAddress(),
      headers: { origin: 'https://idp.test.example', 'content-type': 'application/json' },
      body: '{}'
    });
    expect(res.headers.get('location')).toBe('/login?sso_error=invalid_response');
    const empty = await postToAcs('', freshAddress(), '');
    expect(empty.headers.get('location')).toBe('/login?sso_error=invalid_response');
  });
  it('an email in a domain that is not approved', async () => {
    await refused(
      (id) => sign(responseXml({ inResponseTo: id, nameId: 'mallory@elsewhere.example' })),
      'domain'
    );
    const page = await (await fetchWorker(`${ACME}/login?sso_error=domain`)).text();
    expect(page).toContain('Access is restricted to approved company domains');
  });
  it('an unknown subject with "create accounts on first sign-in" off; created when on', async () => {
    await refused(
      (id) => sign(responseXml({ inResponseTo: id, nameId: 'newhire@acme.example' })),
      'no_account'
    );
    expect(
      await db.query.users.findFirst({ where: eq(users.email, 'newhire@acme.example') })
    ).toBeUndefined();
    await saveSignInRules(db, SETUP_ACTOR, { domains: ['acme.example'], createAccounts: true });
    try {
      const address = freshAddress();
      const { requestId } = await startSaml(connectionId, address);
      const res = await postToAcs(
        sign(responseXml({ inResponseTo: requestId, nameId: 'newhire@acme.example' })),
        address
      );
      expect(res.headers.get('location')).toBe('/my');
      expect(
        await db.query.users.findFirst({ where: eq(users.email, 'newhire@acme.example') })
      ).toMatchObject({ role: 'employee', status: 'active', passwordHash: null });
    } finally {
      await saveSignInRules(db, SETUP_ACTOR, { domains: ['acme.example'], createAccounts: false });
    }
  });
  it('a suspended account: "This account is not active"', async () => {
    await refused((id) => sign(responseXml({ inResponseTo: id, nameId: 'linus@acme.example' })), 'inactive');
    expect(await (await fetchWorker(`${ACME}/login?sso_error=inactive`)).text()).toContain(
      'This account is not active'
    );
  });
  it('a response for a connection removed meanwhile (its requests go with it)', async () => {
    await addSamlConnection(db, SETUP_ACTOR, {
      name: 'Short-lived',
      idpEntityId: IDP_ENTITY_ID,
      ssoUrl: IDP_SSO_URL,
      certificate: IDP_CERT_BODY
    });
    const doomed = (await db.query.ssoConnections.findFirst({
      where: eq(ssoConnections.name, 'Short-lived')
    }))!.id;
    const address = freshAddress();
    const { requestId } = await startSaml(doomed, address);
    await removeSsoConnection(db, SETUP_ACTOR, doomed);
    const res = await postToAcs(sign(responseXml({ inResponseTo: requestId })), address);
    expect(refusal(res)).toEqual({ status: 303, location: '/login?sso_error=expired', cookie: null });
  });
});

describe('the verifier names why it refuses (each test fails for its own reason)', () => {
  const expectFor = (inResponseTo: string): SamlExpectations => ({
    certificate: IDP_CERT_BODY,
    idpEntityId: IDP_ENTITY_ID,
    audience: SP_ENTITY_ID,
    recipient: ACS_URL,
    inResponseTo,
    now: Date.now()
  });
  const reason = async (xml: string) => {
    try {
      await verifySamlResponse(xml, expectFor('_req'));
      return 'accepted';
    } catch (err) {
      return (err as Error).message;
    }
  };
  it('accepts the good one and reads it from the signed bytes', async () => {
    const facts = await verifySamlResponse(
      sign(responseXml({ inResponseTo: '_req', nameId: 'grace@acme.example' })),
      expectFor('_req')
    );
    expect(facts).toMatchObject({ nameId: 'grace@acme.example', email: 'grace@acme.example' });
  });
  it('refuses for the intended reason', async () => {
    const ok = { inResponseTo: '_req' };
    expect(
      await reason(
        sign(responseXml(ok)).replace('ada@acme.example</saml:NameID>', 'admin@acme.example</saml:NameID>')
      )
    ).toMatch(/signature rejected/);
    expect(await reason(sign(responseXml(ok), { key: ATTACKER_PRIVATE_KEY }))).toMatch(/signature rejected/);
    const signed = sign(responseXml(ok));
    expect(
      await reason(
        signed.replace(
          '<saml:Assertion ',
          `${assertionXml({ ...ok, nameId: 'admin@acme.example' })}<saml:Assertion `
        )
      )
    ).toMatch(/exactly one Assertion/);
    expect(await reason(sign(responseXml({ ...ok, audience: 'x' })))).toMatch(/audience/);
    expect(await reason(sign(responseXml({ ...ok, recipient: 'https://evil.example/acs' })))).toMatch(
      /Recipient/
    );
    expect(await reason(sign(responseXml({ ...ok, destination: 'https://evil.example/acs' })))).toMatch(
      /Destination/
    );
    const past = new Date(Date.now() - 30 * 60_000);
    expect(
      await reason(sign(responseXml({ ...ok, now: past, notOnOrAfter: new Date(past.getTime() + 60_000) })))
    ).toMatch(/expired/);
    expect(await reason(sign(responseXml({ inResponseTo: '_other' })))).toMatch(/InResponseTo/);
    expect(await reason(sign(responseXml({ ...ok, issuer: 'https://other-idp.example' })))).toMatch(/Issuer/);
    expect(await reason(responseXml(ok))).toMatch(/neither the Response nor the Assertion is signed/);
    // A certificate the message itself carries (KeyInfo) is never trusted: only the configured one.
    expect(IDP_CERTIFICATE).toContain('BEGIN CERTIFICATE');
  });
});
