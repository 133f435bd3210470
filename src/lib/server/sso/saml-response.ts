// Verifies a SAML Response posted to the ACS, in the Worker (xml-crypto SignedXml + @xmldom/xmldom,
// STACK-NOTES "SSO in workerd"). Every fact returned is read from the bytes the signature covers
// (SignedXml.getSignedReferences), never from the posted document, and the posted document must
// hold exactly one Assertion: an unsigned copy placed next to a signed one (signature wrapping) is
// refused. Checked: signature against the connection's certificate only (never a key the message
// brings along), Issuer, Audience, Recipient/Destination, InResponseTo, validity window (with a
// small clock skew) and the bearer subject confirmation. Replay (assertion id once) and the
// one-use request id are enforced by the caller against the database.
import type { Element } from '@xmldom/xmldom';
import {
  NS,
  XmlError,
  certificateToPem,
  child,
  children,
  isElement,
  loadSamlXmlStack,
  text
} from './saml-xml';

export const CLOCK_SKEW_MS = 2 * 60 * 1000;
export const MAX_RESPONSE_CHARS = 256 * 1024;
const STATUS_SUCCESS = 'urn:oasis:names:tc:SAML:2.0:status:Success';
const BEARER = 'urn:oasis:names:tc:SAML:2.0:cm:bearer';

export interface SamlExpectations {
  certificate: string;
  idpEntityId: string;
  /** Our SP entity id. */
  audience: string;
  /** Our ACS URL. */
  recipient: string;
  /** The id of the AuthnRequest this browser started (stored server-side). */
  inResponseTo: string;
  now: number;
}

export interface SamlAssertionFacts {
  assertionId: string;
  nameId: string;
  email: string | null;
  name: string | null;
  /** When this assertion stops being acceptable (ms): how long its id must be remembered. */
  expiresAt: number;
}

/** A refusal; `reason` is for logs and tests, never shown to the user. */
export class SamlError extends Error {
  constructor(
    readonly reason: string,
    readonly code: 'invalid_response' | 'failed' = 'invalid_response'
  ) {
    super(reason);
  }
}

/** The undecoded SAMLResponse form value to XML (size-checked). */
export function decodeSamlResponse(value: string): string {
  if (!value || value.length > MAX_RESPONSE_CHARS) throw new SamlError('missing or oversized SAMLResponse');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(
      Uint8Array.from(atob(value.replace(/\s+/g, '')), (c) => c.charCodeAt(0))
    );
  } catch {
    throw new SamlError('SAMLResponse is not base64 UTF-8');
  }
}

/**
 * InResponseTo of the (not yet verified) Response: only used to find the stored request.
 * Throws SamlError when the message is not a readable samlp:Response at all.
 */
export async function peekInResponseTo(xml: string): Promise<string | null> {
  const { parseStrictXml } = await loadSamlXmlStack();
  let root;
  try {
    root = parseStrictXml(xml).documentElement;
  } catch (err) {
    throw new SamlError(err instanceof XmlError ? err.message : 'unreadable XML');
  }
  if (!isElement(root, NS.protocol, 'Response')) throw new SamlError('root element is not samlp:Response');
  return root.getAttribute('InResponseTo') || null;
}

export async function verifySamlResponse(xml: string, expect: SamlExpectations): Promise<SamlAssertionFacts> {
  const { parseStrictXml, SignedXml } = await loadSamlXmlStack();
  let doc;
  try {
    doc = parseStrictXml(xml);
  } catch (err) {
    throw new SamlError(err instanceof XmlError ? err.message : 'unreadable XML');
  }
  const response = doc.documentElement;
  if (!isElement(response, NS.protocol, 'Response'))
    throw new SamlError('root element is not samlp:Response');

  const statusCode = child(child(response, NS.protocol, 'Status') ?? response, NS.protocol, 'StatusCode');
  if (statusCode?.getAttribute('Value') !== STATUS_SUCCESS)
    throw new SamlError(`IdP status ${statusCode?.getAttribute('Value') ?? 'missing'}`, 'failed');
  const destination = response.getAttribute('Destination');
  if (destination && destination !== expect.recipient)
    throw new SamlError(`Destination ${destination} is not our ACS`);
  const responseIrt = response.getAttribute('InResponseTo');
  if (responseIrt && responseIrt !== expect.inResponseTo)
    throw new SamlError('Response InResponseTo does not match the request');

  // Exactly one assertion anywhere in the message (signature-wrapping defence), never encrypted.
  if (doc.getElementsByTagNameNS(NS.assertion, 'EncryptedAssertion').length > 0)
    throw new SamlError('encrypted assertions are not supported');
  const all = doc.getElementsByTagNameNS(NS.assertion, 'Assertion');
  if (all.length !== 1) throw new SamlError(`expected exactly one Assertion, found ${all.length}`);
  const postedAssertion = all[0] as Element;
  if (postedAssertion.parentNode !== response)
    throw new SamlError('the Assertion is not a child of the Response');

  // The signature enveloped in the assertion, else the one enveloped in the response.
  const signatureEl = child(postedAssertion, NS.dsig, 'Signature') ?? child(response, NS.dsig, 'Signature');
  if (!signatureEl) throw new SamlError('neither the Response nor the Assertion is signed');
  const signedElement = signatureEl.parentNode as Element;

  const sig = new SignedXml({
    publicCert: certificateToPem(expect.certificate),
    getCertFromKeyInfo: () => null
  });
  let signedXml: string;
  try {
    sig.loadSignature(signatureEl as unknown as Node); // why: xml-crypto types use the DOM lib Node; an xmldom node is what it expects at runtime
    if (!sig.checkSignature(xml)) throw new Error('signature does not verify');
    const refs = sig.getSignedReferences();
    if (refs.length !== 1) throw new Error(`expected one signed reference, found ${refs.length}`);
    signedXml = refs[0];
  } catch (err) {
    throw new SamlError(`signature rejected: ${(err as Error).message.split('\n')[0]}`);
  }

  // Read everything from the signed bytes. The signed element must be the one the signature sits in.
  const signedRoot = parseStrictXml(signedXml).documentElement as Element;
  if (
    signedRoot.localName !== signedElement.localName ||
    signedRoot.namespaceURI !== signedElement.namespaceURI ||
    signedRoot.getAttribute('ID') !== signedElement.getAttribute('ID')
  ) {
    throw new SamlError('the signature does not cover the element it is in');
  }
  const signedAssertions = isElement(signedRoot, NS.assertion, 'Assertion')
    ? [signedRoot]
    : children(signedRoot, NS.assertion, 'Assertion');
  if (signedAssertions.length !== 1)
    throw new SamlError('the signed content does not hold exactly one Assertion');
  const a = signedAssertions[0];
  const assertionId = a.getAttribute('ID') ?? '';
  if (!assertionId || assertionId !== postedAssertion.getAttribute('ID'))
    throw new SamlError('the signed Assertion is not the posted one');

  const issuer = text(child(a, NS.assertion, 'Issuer'));
  if (issuer !== expect.idpEntityId) throw new SamlError(`Issuer ${issuer} is not the connection's IdP`);

  const now = expect.now;
  const conditions = child(a, NS.assertion, 'Conditions');
  if (!conditions) throw new SamlError('the Assertion has no Conditions');
  const notBefore = time(conditions.getAttribute('NotBefore'));
  const notOnOrAfter = time(conditions.getAttribute('NotOnOrAfter'));
  if (notBefore !== null && now + CLOCK_SKEW_MS < notBefore)
    throw new SamlError('the Assertion is not valid yet');
  if (notOnOrAfter === null) throw new SamlError('the Assertion has no NotOnOrAfter');
  if (now - CLOCK_SKEW_MS >= notOnOrAfter) throw new SamlError('the Assertion has expired');
  const restrictions = children(conditions, NS.assertion, 'AudienceRestriction');
  if (restrictions.length === 0) throw new SamlError('the Assertion has no AudienceRestriction');
  for (const r of restrictions) {
    if (!children(r, NS.assertion, 'Audience').some((el) => text(el) === expect.audience))
      throw new SamlError('the Assertion is for another audience');
  }

  const subject = child(a, NS.assertion, 'Subject');
  const nameId = text(child(subject ?? a, NS.assertion, 'NameID'));
  if (!subject || !nameId) throw new SamlError('the Assertion has no Subject NameID');
  const confirmed = children(subject, NS.assertion, 'SubjectConfirmation').some((sc) => {
    if (sc.getAttribute('Method') !== BEARER) return false;
    const data = child(sc, NS.assertion, 'SubjectConfirmationData');
    if (!data) return false;
    const until = time(data.getAttribute('NotOnOrAfter'));
    return (
      data.getAttribute('Recipient') === expect.recipient &&
      data.getAttribute('InResponseTo') === expect.inResponseTo &&
      until !== null &&
      now - CLOCK_SKEW_MS < until
    );
  });
  if (!confirmed)
    throw new SamlError(
      'no bearer SubjectConfirmation for our ACS (Recipient), this request (InResponseTo) and now'
    );

  const attrs = attributes(a);
  const email = firstOf(attrs, EMAIL_ATTRIBUTES) ?? (looksLikeEmail(nameId) ? nameId : null);
  const given = firstOf(attrs, [
    'givenname',
    'firstname',
    'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname'
  ]);
  const sur = firstOf(attrs, [
    'surname',
    'lastname',
    'sn',
    'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname'
  ]);
  const name = firstOf(attrs, NAME_ATTRIBUTES) ?? ([given, sur].filter(Boolean).join(' ') || null);
  return {
    assertionId,
    nameId: nameId.slice(0, 500),
    email: email && looksLikeEmail(email) ? email.trim().toLowerCase() : null,
    name: name ? name.slice(0, 200) : null,
    expiresAt: notOnOrAfter + CLOCK_SKEW_MS
  };
}

const EMAIL_ATTRIBUTES = [
  'email',
  'mail',
  'emailaddress',
  'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress',
  'urn:oid:0.9.2342.19200300.100.1.3'
];
const NAME_ATTRIBUTES = [
  'name',
  'displayname',
  'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name',
  'http://schemas.microsoft.com/identity/claims/displayname',
  'urn:oid:2.16.840.1.113730.3.1.241'
];

function attributes(assertion: Element): Map<string, string> {
  const out = new Map<string, string>();
  for (const st of children(assertion, NS.assertion, 'AttributeStatement')) {
    for (const attr of children(st, NS.assertion, 'Attribute')) {
      const key = (attr.getAttribute('Name') ?? '').toLowerCase();
      const value = text(child(attr, NS.assertion, 'AttributeValue'));
      if (key && value && !out.has(key)) out.set(key, value);
    }
  }
  return out;
}

function firstOf(attrs: Map<string, string>, names: string[]): string | null {
  for (const n of names) if (attrs.get(n)) return attrs.get(n)!;
  return null;
}

function looksLikeEmail(v: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v) && v.length <= 254;
}

function time(v: string | null): number | null {
  if (!v) return null;
  const t = Date.parse(v);
  return Number.isFinite(t) ? t : null;
}
