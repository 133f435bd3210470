// SP-initiated SAML sign-in: an AuthnRequest over the HTTP-Redirect binding (a GET to the IdP, so
// the CSP form-action rule never applies). Its id is stored server-side (saml_requests), because the
// IdP POSTs the response back cross-site and a SameSite=Lax cookie would not come along; the ACS
// deletes the row when it is used, so each request is answered once.
import { encodeBase64, encodeHexLowerCase } from '@oslojs/encoding';
import { and, eq, gt, lt } from 'drizzle-orm';
import type { TenantDb } from '../db';
import { samlRequests, ssoConnections } from '../db/tenant-schema';
import { BINDING_POST, NAMEID_EMAIL, acsUrl, spEntityId } from './saml-sp';
import { escapeXml } from './xml-escape';

export const SAML_REQUEST_TTL_MS = 10 * 60 * 1000;

export async function loadSamlConnection(db: TenantDb, connectionId: string) {
  const row = await db.query.ssoConnections.findFirst({
    where: and(eq(ssoConnections.id, connectionId), eq(ssoConnections.kind, 'saml'))
  });
  return row && row.samlIdpEntityId && row.samlSsoUrl && row.samlCertificate ? row : null;
}

export function newRequestId(): string {
  // XML IDs must not start with a digit.
  return `_${encodeHexLowerCase(crypto.getRandomValues(new Uint8Array(20)))}`;
}

export function authnRequestXml(id: string, origin: string, destination: string, issueInstant: Date): string {
  return (
    `<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"` +
    ` ID="${id}" Version="2.0" IssueInstant="${issueInstant.toISOString()}" Destination="${escapeXml(destination)}"` +
    ` AssertionConsumerServiceURL="${escapeXml(acsUrl(origin))}" ProtocolBinding="${BINDING_POST}">` +
    `<saml:Issuer>${escapeXml(spEntityId(origin))}</saml:Issuer>` +
    `<samlp:NameIDPolicy Format="${NAMEID_EMAIL}" AllowCreate="true"/>` +
    `</samlp:AuthnRequest>`
  );
}

/** DEFLATE (raw) + base64, as the HTTP-Redirect binding wants. */
async function deflateBase64(xml: string): Promise<string> {
  const stream = new Blob([xml]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return encodeBase64(new Uint8Array(await new Response(stream).arrayBuffer()));
}

/** null when the connection is unknown or not a complete SAML connection. */
export async function startSamlSignIn(
  db: TenantDb,
  connectionId: string,
  origin: string,
  next: string | null,
  now = Date.now()
): Promise<string | null> {
  const conn = await loadSamlConnection(db, connectionId);
  if (!conn) return null;
  const id = newRequestId();
  await db.batch([
    // Housekeeping: requests nobody came back for.
    db.delete(samlRequests).where(lt(samlRequests.expiresAt, now)),
    db
      .insert(samlRequests)
      .values({ id, connectionId: conn.id, next, createdAt: now, expiresAt: now + SAML_REQUEST_TTL_MS })
  ]);
  const url = new URL(conn.samlSsoUrl!);
  url.searchParams.set(
    'SAMLRequest',
    await deflateBase64(authnRequestXml(id, origin, conn.samlSsoUrl!, new Date(now)))
  );
  return url.toString();
}

/** The stored, unexpired request a response answers (read only: the ACS deletes it once verified). */
export async function findSamlRequest(db: TenantDb, requestId: string, now = Date.now()) {
  if (requestId.length > 100) return null;
  return (
    (await db.query.samlRequests.findFirst({
      where: and(eq(samlRequests.id, requestId), gt(samlRequests.expiresAt, now))
    })) ?? null
  );
}
