// OnTrackio as a SAML service provider, one per workspace: its entity id and Assertion Consumer
// Service URL derive from the workspace origin, so an administrator can register OnTrackio at the
// IdP before adding the connection here. Which connection a response belongs to is known from the
// stored AuthnRequest its InResponseTo names (saml_requests), not from the URL.
import { escapeXml } from './xml-escape';

export const SAML_METADATA_PATH = '/login/sso/saml/metadata';
export const SAML_ACS_PATH = '/login/sso/saml/acs';

export const spEntityId = (origin: string) => `${origin}${SAML_METADATA_PATH}`;
export const acsUrl = (origin: string) => `${origin}${SAML_ACS_PATH}`;

export const NAMEID_EMAIL = 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress';
export const BINDING_POST = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST';
export const BINDING_REDIRECT = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';

/** The SP metadata XML an administrator gives the IdP (also served at SAML_METADATA_PATH). */
export function spMetadataXml(origin: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="${escapeXml(spEntityId(origin))}">
  <md:SPSSODescriptor AuthnRequestsSigned="false" WantAssertionsSigned="true" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:NameIDFormat>${NAMEID_EMAIL}</md:NameIDFormat>
    <md:AssertionConsumerService Binding="${BINDING_POST}" Location="${escapeXml(acsUrl(origin))}" index="0" isDefault="true"/>
  </md:SPSSODescriptor>
</md:EntityDescriptor>
`;
}
