// XML text and attribute escaping, apart from saml-xml.ts so that building a SAML request or the SP
// metadata never loads the XML parser (@xmldom/xmldom).
/** XML attribute / text escaping for documents we build. */
export function escapeXml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
