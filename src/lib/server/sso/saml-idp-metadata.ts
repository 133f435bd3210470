// "IdP metadata XML" on the admin page: reads the IdP entity id, its HTTP-Redirect sign-in URL and
// its signing certificate out of the metadata an IdP publishes, to fill in the connection form.
// Anything missing or malformed is a clear message for the field; nothing is saved from here.
import { BINDING_REDIRECT } from './saml-sp';
import { NS, XmlError, child, children, isElement, loadSamlXmlStack, text } from './saml-xml';
import type { Element } from '@xmldom/xmldom';

export interface IdpMetadata {
  idpEntityId: string;
  ssoUrl: string;
  certificate: string;
}

export type MetadataResult = { ok: true; value: IdpMetadata } | { ok: false; message: string };

export const MAX_METADATA_CHARS = 200_000;

export async function parseIdpMetadata(xml: string): Promise<MetadataResult> {
  if (xml.length > MAX_METADATA_CHARS)
    return { ok: false, message: 'This metadata is too large to be IdP metadata.' };
  const { parseStrictXml } = await loadSamlXmlStack();
  let root: Element;
  try {
    root = parseStrictXml(xml.trim()).documentElement as Element;
  } catch (err) {
    return {
      ok: false,
      message:
        err instanceof XmlError
          ? 'This is not well-formed XML. Paste the whole metadata file from your identity provider.'
          : 'This metadata could not be read.'
    };
  }
  // An EntitiesDescriptor with one entity is accepted too (some IdPs publish that way).
  let entity: Element | null = isElement(root, NS.metadata, 'EntityDescriptor') ? root : null;
  if (!entity && isElement(root, NS.metadata, 'EntitiesDescriptor')) {
    const all = children(root, NS.metadata, 'EntityDescriptor');
    if (all.length !== 1)
      return {
        ok: false,
        message: 'This metadata describes several entities. Paste the metadata of one identity provider.'
      };
    entity = all[0];
  }
  if (!entity) return { ok: false, message: 'This is not SAML metadata (no EntityDescriptor).' };
  const idpEntityId = (entity.getAttribute('entityID') ?? '').trim();
  const idp = child(entity, NS.metadata, 'IDPSSODescriptor');
  if (!idp)
    return {
      ok: false,
      message:
        'This metadata has no identity provider section (IDPSSODescriptor). Is it your service provider’s metadata?'
    };
  if (!idpEntityId) return { ok: false, message: 'This metadata has no entityID.' };
  const redirect = children(idp, NS.metadata, 'SingleSignOnService').find(
    (s) => s.getAttribute('Binding') === BINDING_REDIRECT
  );
  const ssoUrl = (redirect?.getAttribute('Location') ?? '').trim();
  if (!ssoUrl)
    return {
      ok: false,
      message: 'This metadata has no sign-in URL for the HTTP-Redirect binding, which OnTrackio uses.'
    };
  const keys = children(idp, NS.metadata, 'KeyDescriptor').filter(
    (k) => (k.getAttribute('use') ?? 'signing') === 'signing'
  );
  let certificate = '';
  for (const k of keys) {
    const x509 = child(
      child(child(k, NS.dsig, 'KeyInfo') ?? k, NS.dsig, 'X509Data') ?? k,
      NS.dsig,
      'X509Certificate'
    );
    certificate = text(x509).replace(/\s+/g, '');
    if (certificate) break;
  }
  if (!certificate)
    return {
      ok: false,
      message: 'This metadata has no signing certificate (KeyDescriptor with an X509Certificate).'
    };
  return { ok: true, value: { idpEntityId, ssoUrl, certificate } };
}
