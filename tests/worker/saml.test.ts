// SAML 2.0 sign-in inside workerd, through the public surface: the Sign in page's link (AuthnRequest
// over HTTP-Redirect, id stored server-side), the ACS receiving the IdP's cross-site POST, and the
// session it ends with. Responses are signed for real with xml-crypto and a TEST-ONLY key pair
// (tests/fixtures/saml-test-keys.ts); the verifier runs its real code path, nothing is mocked.
import { beforeAll, describe, expect, it } from 'vitest';
import { env } from 'cloudflare:workers';
import { and, eq } from 'drizzle-orm';
import { openTenantDb } from '../../src/lib/server/db';
import {
  auditLog,
  samlAssertionIds,
  samlRequests,
  sessions,
  ssoConnections,
  ssoIdentities,
  totpCredentials,
  users
} from '../../src/lib/server/db/tenant-schema';
import {
  addSamlConnection,
  listSsoButtons,
  removeSsoConnection,
  saveSignInRules
} from '../../src/lib/server/sso/connections';
import { verifySamlResponse, type SamlExpectations } from '../../src/lib/server/sso/saml-response';
import { parseIdpMetadata } from '../../src/lib/server/sso/saml-idp-metadata';
import { LIMITS } from '../../src/lib/server/ratelimit/limits';
import { ATTACKER_PRIVATE_KEY, IDP_CERTIFICATE } from '../fixtures/saml-test-keys';
import { ACME, fetchWorker, freshAddress, get, sessionCookieFrom, SETUP_ACTOR } from './helpers';
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
  startSaml
} from './helpers-saml';

const db = openTenantDb(env.DB_ACME);
let connectionId: string;

beforeAll(async () => {
  const added = await addSamlConnection(db, SETUP_ACTOR, {
    name: 'Okta Test',
    idpEntityId: IDP_ENTITY_ID,
    ssoUrl: IDP_SSO_URL,
    certificate: IDP_CERT_BODY
  });
  expect(added).toEqual({ ok: true });
  connectionId = (await db.query.ssoConnections.findFirst({ where: eq(ssoConnections.name, 'Okta Test') }))!
    .id;
  await saveSignInRules(db, SETUP_ACTOR, { domains: ['acme.example'], createAccounts: false });
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

describe('SP side: button, metadata, AuthnRequest', () => {
  it('shows "Continue with <connection name>" and links it like the OpenID buttons', async () => {
    expect(await listSsoButtons(db)).toContainEqual({ id: connectionId, label: 'Continue with Okta Test' });
    const html = await (await fetchWorker(`${ACME}/login`)).text();
    expect(html).toContain('Continue with Okta Test');
    expect(html).toContain(`href="/login/sso/${connectionId}"`);
  });

  it('serves the SP metadata with our entity id and ACS URL', async () => {
    const res = await fetchWorker(`${ACME}/login/sso/saml/metadata`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('samlmetadata+xml');
    const xml = await res.text();
    expect(xml).toContain(`entityID="${SP_ENTITY_ID}"`);
    expect(xml).toContain(`Location="${ACS_URL}"`);
    expect(xml).toContain('urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST');
  });

  it('redirects to the IdP with a deflated AuthnRequest whose id is stored server-side', async () => {
    const { res, location, xml, requestId } = await startSaml(connectionId, freshAddress());
    expect(res.status).toBe(303);
    expect(location.startsWith(`${IDP_SSO_URL}?SAMLRequest=`)).toBe(true);
    expect(xml).toContain(`AssertionConsumerServiceURL="${ACS_URL}"`);
    expect(xml).toContain(`<saml:Issuer>${SP_ENTITY_ID}</saml:Issuer>`);
    expect(xml).toContain(`Destination="${IDP_SSO_URL}"`);
    const row = await db.query.samlRequests.findFirst({ where: eq(samlRequests.id, requestId) });
    expect(row).toMatchObject({ connectionId });
    // No cookie carries the flow: the IdP's cross-site POST would not bring a SameSite=Lax one back.
    expect(res.headers.getSetCookie()).toEqual([]);
  });

  it('an unknown connection is a clear message on the Sign in page, not a 500', async () => {
    const res = await fetchWorker(`${ACME}/login/sso/no-such-connection`, { address: freshAddress() });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/login?sso_error=unknown_connection');
    const page = await (await fetchWorker(`${ACME}/login?sso_error=unknown_connection`)).text();
    expect(page).toContain('That sign-in option isn’t available');
  });
});

describe('ACS: a good response signs in', () => {
  it('links the existing account by email, signs in at /my without two-factor, from a cross-site POST', async () => {
    // Ada has an authenticator app: two-factor is still not asked after SSO (seed 002).
    await db
      .insert(totpCredentials)
      .values({
        userId: (await db.query.users.findFirst({ where: eq(users.email, 'ada@acme.example') }))!.id,
        secretEncrypted: 'x',
        confirmedAt: Date.now()
      })
      .onConflictDoNothing();
    const address = freshAddress();
    const { requestId } = await startSaml(connectionId, address);
    const res = await postToAcs(sign(responseXml({ inResponseTo: requestId })), address);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/my');
    const cookie = sessionCookieFrom(res);
    expect(cookie).not.toBeNull();
    const my = await get(`${ACME}/my`, cookie);
    expect(my.status).toBe(200);
    const ada = await db.query.users.findFirst({ where: eq(users.email, 'ada@acme.example') });
    const identity = await db.query.ssoIdentities.findFirst({
      where: and(eq(ssoIdentities.connectionId, connectionId), eq(ssoIdentities.subject, 'ada@acme.example'))
    });
    expect(identity?.userId).toBe(ada!.id);
    const session = await db.query.sessions.findFirst({
      where: eq(sessions.userId, ada!.id),
      orderBy: (s, { desc }) => desc(s.createdAt)
    });
    expect(session?.authMethod).toBe('sso:saml');
    // The request was used up.
    expect(await db.query.samlRequests.findFirst({ where: eq(samlRequests.id, requestId) })).toBeUndefined();
    const audit = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'sso.identity_linked'), eq(auditLog.entityId, ada!.id)));
    expect(audit.length).toBeGreaterThan(0);
  });

  it('accepts a response signed as a whole (Response signature) too', async () => {
    const address = freshAddress();
    const { requestId } = await startSaml(connectionId, address);
    const res = await postToAcs(
      sign(responseXml({ inResponseTo: requestId }), { what: 'response' }),
      address
    );
    expect(res.headers.get('location')).toBe('/my');
  });
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
  const reason = (xml: string) => {
    try {
      verifySamlResponse(xml, expectFor('_req'));
      return 'accepted';
    } catch (err) {
      return (err as Error).message;
    }
  };
  it('accepts the good one and reads it from the signed bytes', () => {
    const facts = verifySamlResponse(
      sign(responseXml({ inResponseTo: '_req', nameId: 'grace@acme.example' })),
      expectFor('_req')
    );
    expect(facts).toMatchObject({ nameId: 'grace@acme.example', email: 'grace@acme.example' });
  });
  it('refuses for the intended reason', () => {
    const ok = { inResponseTo: '_req' };
    expect(
      reason(
        sign(responseXml(ok)).replace('ada@acme.example</saml:NameID>', 'admin@acme.example</saml:NameID>')
      )
    ).toMatch(/signature rejected/);
    expect(reason(sign(responseXml(ok), { key: ATTACKER_PRIVATE_KEY }))).toMatch(/signature rejected/);
    const signed = sign(responseXml(ok));
    expect(
      reason(
        signed.replace(
          '<saml:Assertion ',
          `${assertionXml({ ...ok, nameId: 'admin@acme.example' })}<saml:Assertion `
        )
      )
    ).toMatch(/exactly one Assertion/);
    expect(reason(sign(responseXml({ ...ok, audience: 'x' })))).toMatch(/audience/);
    expect(reason(sign(responseXml({ ...ok, recipient: 'https://evil.example/acs' })))).toMatch(/Recipient/);
    expect(reason(sign(responseXml({ ...ok, destination: 'https://evil.example/acs' })))).toMatch(
      /Destination/
    );
    const past = new Date(Date.now() - 30 * 60_000);
    expect(
      reason(sign(responseXml({ ...ok, now: past, notOnOrAfter: new Date(past.getTime() + 60_000) })))
    ).toMatch(/expired/);
    expect(reason(sign(responseXml({ inResponseTo: '_other' })))).toMatch(/InResponseTo/);
    expect(reason(sign(responseXml({ ...ok, issuer: 'https://other-idp.example' })))).toMatch(/Issuer/);
    expect(reason(responseXml(ok))).toMatch(/neither the Response nor the Assertion is signed/);
    // A certificate the message itself carries (KeyInfo) is never trusted: only the configured one.
    expect(IDP_CERTIFICATE).toContain('BEGIN CERTIFICATE');
  });
});

describe('IdP metadata import', () => {
  const good = `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="${IDP_ENTITY_ID}">
    <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
      <md:KeyDescriptor use="encryption"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>WRONGCERT</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
      <md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${IDP_CERT_BODY}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
      <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://idp.test.example/post"/>
      <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${IDP_SSO_URL}"/>
    </md:IDPSSODescriptor></md:EntityDescriptor>`;
  it('reads entity id, HTTP-Redirect SSO URL and the signing certificate', () => {
    expect(parseIdpMetadata(good)).toEqual({
      ok: true,
      value: { idpEntityId: IDP_ENTITY_ID, ssoUrl: IDP_SSO_URL, certificate: IDP_CERT_BODY }
    });
  });
  it('gives a clear message for malformed or incomplete metadata', () => {
    expect(parseIdpMetadata('<md:EntityDescriptor')).toEqual({
      ok: false,
      message: expect.stringMatching(/not well-formed XML/)
    });
    expect(parseIdpMetadata('<html><body>Sign in</body></html>')).toEqual({
      ok: false,
      message: expect.stringMatching(/not SAML metadata/)
    });
    expect(
      parseIdpMetadata(
        good
          .replace(/<md:KeyDescriptor use="signing">[\s\S]*?<\/md:KeyDescriptor>/, '')
          .replace(/<md:KeyDescriptor use="encryption">[\s\S]*?<\/md:KeyDescriptor>/, '')
      )
    ).toEqual({ ok: false, message: expect.stringMatching(/no signing certificate/) });
    expect(parseIdpMetadata(good.replace('HTTP-Redirect', 'SOAP'))).toEqual({
      ok: false,
      message: expect.stringMatching(/HTTP-Redirect/)
    });
    expect(parseIdpMetadata(`<!DOCTYPE x [<!ENTITY a "b">]>${good}`)).toEqual({
      ok: false,
      message: expect.stringMatching(/not well-formed XML/)
    });
  });
});

describe('rate limit on /login/sso/*', () => {
  it(`refuses more than ${LIMITS.ssoAddress.limit} SSO requests from one address in the window`, async () => {
    const address = freshAddress();
    for (let i = 0; i < LIMITS.ssoAddress.limit; i++) {
      const res = await fetchWorker(`${ACME}/login/sso/no-such-connection`, { address });
      expect(res.headers.get('location')).toBe('/login?sso_error=unknown_connection');
    }
    expect(
      (await fetchWorker(`${ACME}/login/sso/${connectionId}`, { address })).headers.get('location')
    ).toBe('/login?sso_error=rate_limited');
    expect((await postToAcs('x', address)).headers.get('location')).toBe('/login?sso_error=rate_limited');
    expect(
      (await fetchWorker(`${ACME}/login/sso/callback?state=a&code=b`, { address })).headers.get('location')
    ).toBe('/login?sso_error=rate_limited');
    expect(await (await fetchWorker(`${ACME}/login?sso_error=rate_limited`)).text()).toContain(
      'Too many login attempts'
    );
  });
});
