// Entry of the SAML XML stack as one separately loaded module (@xmldom/xmldom, xml-crypto and, through
// it, xpath): what SAML sign-in and IdP metadata parsing need, and nothing else does.
export { DOMParser } from '@xmldom/xmldom';
export { SignedXml } from 'xml-crypto';
