// Split from saml.test.ts (its header says what the set covers). This file: IdP metadata import; rate limit
// on /login/sso/*.
import { beforeAll, describe, expect, it } from 'vitest';
import { env } from 'cloudflare:workers';
import { openTenantDb } from '../../src/lib/server/db';
import { parseIdpMetadata } from '../../src/lib/server/sso/saml-idp-metadata';
import { LIMITS } from '../../src/lib/server/ratelimit/limits';
import { ACME, fetchWorker, freshAddress } from './helpers';
import { IDP_CERT_BODY, IDP_ENTITY_ID, IDP_SSO_URL, postToAcs, connectTestIdp } from './helpers-saml';

const db = openTenantDb(env.DB_ACME);

let connectionId: string;

beforeAll(async () => {
  connectionId = await connectTestIdp(db);
});

describe('IdP metadata import', () => {
  const good = `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="${IDP_ENTITY_ID}">
    <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
      <md:KeyDescriptor use="encryption"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>WRONGCERT</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
      <md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${IDP_CERT_BODY}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
      <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://idp.test.example/post"/>
      <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${IDP_SSO_URL}"/>
    </md:IDPSSODescriptor></md:EntityDescriptor>`;
  it('reads entity id, HTTP-Redirect SSO URL and the signing certificate', async () => {
    expect(await parseIdpMetadata(good)).toEqual({
      ok: true,
      value: { idpEntityId: IDP_ENTITY_ID, ssoUrl: IDP_SSO_URL, certificate: IDP_CERT_BODY }
    });
  });
  it('gives a clear message for malformed or incomplete metadata', async () => {
    expect(await parseIdpMetadata('<md:EntityDescriptor')).toEqual({
      ok: false,
      message: expect.stringMatching(/not well-formed XML/)
    });
    expect(await parseIdpMetadata('<html><body>Sign in</body></html>')).toEqual({
      ok: false,
      message: expect.stringMatching(/not SAML metadata/)
    });
    expect(
      await parseIdpMetadata(
        good
          .replace(/<md:KeyDescriptor use="signing">[\s\S]*?<\/md:KeyDescriptor>/, '')
          .replace(/<md:KeyDescriptor use="encryption">[\s\S]*?<\/md:KeyDescriptor>/, '')
      )
    ).toEqual({ ok: false, message: expect.stringMatching(/no signing certificate/) });
    expect(await parseIdpMetadata(good.replace('HTTP-Redirect', 'SOAP'))).toEqual({
      ok: false,
      message: expect.stringMatching(/HTTP-Redirect/)
    });
    expect(await parseIdpMetadata(`<!DOCTYPE x [<!ENTITY a "b">]>${good}`)).toEqual({
      ok: false,
      message: expect.stringMatching(/not well-formed XML/)
    });
  });
  // The same strict parser reads SAML responses (sso/saml-xml.ts). xmldom 0.8, the version xml-crypto
  // requires, would repair each of these into a tree; docs/decisions.md says why the app keeps 0.9.
  it('refuses XML a lenient parser would repair: mismatched tags, content after the root, unbound prefixes', async () => {
    const broken = [
      good.replace('</md:IDPSSODescriptor>', ''),
      good.replace('</md:IDPSSODescriptor>', '</md:Other></md:IDPSSODescriptor>'),
      `${good}trailing`,
      good.replace('<md:IDPSSODescriptor ', '<x:Extra/><md:IDPSSODescriptor ')
    ];
    for (const xml of broken)
      expect(await parseIdpMetadata(xml)).toEqual({
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
