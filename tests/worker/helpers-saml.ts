// SAML test helpers: build a Response the way an IdP does and sign it for real with xml-crypto
// (RSA-SHA256, exclusive c14n) with the TEST-ONLY key in tests/fixtures/saml-test-keys.ts.
import { SignedXml } from 'xml-crypto';
import { IDP_CERTIFICATE, IDP_PRIVATE_KEY } from '../fixtures/saml-test-keys';
import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import type { TenantDb } from '../../src/lib/server/db';
import { ssoConnections } from '../../src/lib/server/db/tenant-schema';
import { addSamlConnection, saveSignInRules } from '../../src/lib/server/sso/connections';
import { ACME, fetchWorker, SETUP_ACTOR } from './helpers';

export const IDP_ENTITY_ID = 'https://idp.test.example/saml';
export const IDP_SSO_URL = 'https://idp.test.example/sso';
export const SP_ENTITY_ID = `${ACME}/login/sso/saml/metadata`;
export const ACS_URL = `${ACME}/login/sso/saml/acs`;
export const IDP_CERT_BODY = IDP_CERTIFICATE.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(
  /\s+/g,
  ''
);

export interface ResponseOptions {
  inResponseTo: string;
  nameId?: string;
  email?: string | null;
  assertionId?: string;
  audience?: string;
  recipient?: string;
  destination?: string;
  issuer?: string;
  notBefore?: Date;
  notOnOrAfter?: Date;
  now?: Date;
}

const iso = (d: Date) => d.toISOString();

export function assertionXml(o: ResponseOptions): string {
  const now = o.now ?? new Date();
  const until = o.notOnOrAfter ?? new Date(now.getTime() + 5 * 60_000);
  const nameId = o.nameId ?? 'ada@acme.example';
  const email = o.email === undefined ? nameId : o.email;
  const id = o.assertionId ?? `_a${crypto.randomUUID().replace(/-/g, '')}`;
  return (
    `<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${id}" Version="2.0" IssueInstant="${iso(now)}">` +
    `<saml:Issuer>${o.issuer ?? IDP_ENTITY_ID}</saml:Issuer>` +
    `<saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">${nameId}</saml:NameID>` +
    `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">` +
    `<saml:SubjectConfirmationData InResponseTo="${o.inResponseTo}" NotOnOrAfter="${iso(until)}" Recipient="${o.recipient ?? ACS_URL}"/>` +
    `</saml:SubjectConfirmation></saml:Subject>` +
    `<saml:Conditions NotBefore="${iso(o.notBefore ?? new Date(now.getTime() - 60_000))}" NotOnOrAfter="${iso(until)}">` +
    `<saml:AudienceRestriction><saml:Audience>${o.audience ?? SP_ENTITY_ID}</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
    `<saml:AuthnStatement AuthnInstant="${iso(now)}"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>` +
    (email
      ? `<saml:AttributeStatement><saml:Attribute Name="email"><saml:AttributeValue>${email}</saml:AttributeValue></saml:Attribute></saml:AttributeStatement>`
      : '') +
    `</saml:Assertion>`
  );
}

export function responseXml(o: ResponseOptions, assertion = assertionXml(o)): string {
  const now = o.now ?? new Date();
  return (
    `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_r${crypto.randomUUID().replace(/-/g, '')}"` +
    ` Version="2.0" IssueInstant="${iso(now)}" Destination="${o.destination ?? ACS_URL}" InResponseTo="${o.inResponseTo}">` +
    `<saml:Issuer>${o.issuer ?? IDP_ENTITY_ID}</saml:Issuer>` +
    `<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>` +
    assertion +
    `</samlp:Response>`
  );
}

/** Signs the Assertion (signature enveloped after its Issuer) or the whole Response. */
export function sign(xml: string, opts: { what?: 'assertion' | 'response'; key?: string } = {}): string {
  const what = opts.what ?? 'assertion';
  const target = what === 'assertion' ? "//*[local-name(.)='Assertion']" : "/*[local-name(.)='Response']";
  const sig = new SignedXml({
    privateKey: opts.key ?? IDP_PRIVATE_KEY,
    publicCert: IDP_CERTIFICATE,
    signatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
    canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#'
  });
  sig.addReference({
    xpath: target,
    digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256',
    transforms: [
      'http://www.w3.org/2000/09/xmldsig#enveloped-signature',
      'http://www.w3.org/2001/10/xml-exc-c14n#'
    ]
  });
  sig.computeSignature(xml, {
    location: { reference: `${target}/*[local-name(.)='Issuer']`, action: 'after' }
  });
  return sig.getSignedXml();
}

export const b64 = (xml: string) => btoa(String.fromCharCode(...new TextEncoder().encode(xml)));

/** Starts a sign-in through the Sign in page's link; returns the redirect and the AuthnRequest it carries. */
export async function startSaml(connectionId: string, address: string, query = '') {
  const res = await fetchWorker(`${ACME}/login/sso/${connectionId}${query}`, { address });
  const location = res.headers.get('location') ?? '';
  const samlRequest = location.startsWith('http') ? new URL(location).searchParams.get('SAMLRequest') : null;
  let xml = '';
  if (samlRequest) {
    const bytes = Uint8Array.from(atob(samlRequest), (c) => c.charCodeAt(0));
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
    xml = await new Response(stream).text();
  }
  const requestId = /\sID="([^"]+)"/.exec(xml)?.[1] ?? '';
  return { res, location, xml, requestId };
}

/** The IdP's browser POST to the ACS: cross-site (the IdP's Origin), form-encoded. */
export function postToAcs(samlResponseXml: string, address: string, encoded = b64(samlResponseXml)) {
  return fetchWorker(ACS_URL, {
    method: 'POST',
    address,
    headers: { origin: 'https://idp.test.example', 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ SAMLResponse: encoded, RelayState: '' })
  });
}

/**
 * The test IdP as a SAML connection of Acme ("Okta Test", this file's entity ID, SSO URL and
 * certificate), with acme.example as the sign-in domain and no account creation; its id.
 */
export async function connectTestIdp(db: TenantDb): Promise<string> {
  const added = await addSamlConnection(db, SETUP_ACTOR, {
    name: 'Okta Test',
    idpEntityId: IDP_ENTITY_ID,
    ssoUrl: IDP_SSO_URL,
    certificate: IDP_CERT_BODY
  });
  expect(added).toEqual({ ok: true });
  const connection = await db.query.ssoConnections.findFirst({ where: eq(ssoConnections.name, 'Okta Test') });
  await saveSignInRules(db, SETUP_ACTOR, { domains: ['acme.example'], createAccounts: false });
  return connection!.id;
}
