// Shared XML plumbing for SAML: a strict parser (no DOCTYPE, so no entity expansion or external
// entities; any parse error is fatal) and namespace-aware child lookups. Lookups only ever go to
// DIRECT children: a value is never picked up from wherever it happens to appear in a document.
export { escapeXml } from './xml-escape';
import type { Document, Element } from '@xmldom/xmldom';
import { loadSamlXml } from '../lazy-modules/load';

export const NS = {
  protocol: 'urn:oasis:names:tc:SAML:2.0:protocol',
  assertion: 'urn:oasis:names:tc:SAML:2.0:assertion',
  metadata: 'urn:oasis:names:tc:SAML:2.0:metadata',
  dsig: 'http://www.w3.org/2000/09/xmldsig#'
} as const;

export class XmlError extends Error {}

type SamlXmlModule = Awaited<ReturnType<typeof loadSamlXml>>;

/** The XML stack (a separate module of the deployed Worker, loaded on first use). */
export interface SamlXml {
  /** Parses untrusted XML. Throws XmlError for anything malformed or carrying a DOCTYPE. */
  parseStrictXml(xml: string): Document;
  SignedXml: SamlXmlModule['SignedXml'];
}

export async function loadSamlXmlStack(): Promise<SamlXml> {
  const { DOMParser, SignedXml } = await loadSamlXml();
  return { parseStrictXml: (xml) => parseStrictXml(DOMParser, xml), SignedXml };
}

function parseStrictXml(DOMParser: SamlXmlModule['DOMParser'], xml: string): Document {
  if (/<!DOCTYPE/i.test(xml) || /<!ENTITY/i.test(xml))
    throw new XmlError('XML with a DOCTYPE is not accepted');
  let doc: Document;
  try {
    doc = new DOMParser({
      onError: (level, message) => {
        if (level !== 'warning') throw new XmlError(message);
      }
    }).parseFromString(xml, 'text/xml');
  } catch (err) {
    throw new XmlError(`Not well-formed XML: ${(err as Error).message.split('\n')[0]}`);
  }
  if (!doc.documentElement) throw new XmlError('Empty XML document');
  return doc;
}

export function isElement(node: unknown, ns: string, localName: string): node is Element {
  const n = node as Element | null;
  return !!n && n.nodeType === 1 && n.namespaceURI === ns && n.localName === localName;
}

export function children(parent: Element, ns: string, localName: string): Element[] {
  const out: Element[] = [];
  for (let n = parent.firstChild; n; n = n.nextSibling) if (isElement(n, ns, localName)) out.push(n);
  return out;
}

export function child(parent: Element, ns: string, localName: string): Element | null {
  return children(parent, ns, localName)[0] ?? null;
}

export function text(el: Element | null): string {
  return (el?.textContent ?? '').trim();
}

/** A bare base64 certificate body as PEM, 64 characters a line. */
export function certificateToPem(body: string): string {
  const clean = body.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
  return `-----BEGIN CERTIFICATE-----\n${clean.match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`;
}
