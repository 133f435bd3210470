// The SAML Assertion Consumer Service: POST /login/sso/saml/acs, form field SAMLResponse.
//
// Why it is handled here, in front of SvelteKit (worker/index.ts routes it): the identity provider's
// page POSTs this form cross-site, so the request's Origin is the IdP's. SvelteKit's CSRF check
// (403 for a cross-origin form POST) and the API's sameOriginWrites would both refuse it, correctly
// for every other endpoint. This endpoint is safe to exempt because it changes nothing unless the
// posted message carries a valid IdP signature over an assertion for OUR audience and ACS, answering
// a request id stored server-side for this workspace, used once (login CSRF needs a fresh request id
// this server issued, which it only issues to a browser that started the sign-in).
//
// Every outcome is a 303: to the workspace on success, to /login?sso_error=<code> otherwise.
// Nothing is created unless every check passes; nothing answers 500.
import { and, eq, gt, lt } from 'drizzle-orm';
import type { TenantDb } from '../db';
import { samlAssertionIds, samlRequests } from '../db/tenant-schema';
import {
  loadRequestContext,
  baseSecurityHeaders,
  clientAddressOf,
  type CoreEnv
} from '../http/request-context';
import { homePathFor } from '../auth/home';
import { safeRedirectPath } from '../http/safe-redirect';
import type { Role } from '../authz/roles';
import type { RateLimitEnv } from '../ratelimit/limits';
import { findSamlRequest, loadSamlConnection } from './saml-request';
import {
  MAX_RESPONSE_CHARS,
  SamlError,
  decodeSamlResponse,
  peekInResponseTo,
  verifySamlResponse
} from './saml-response';
import { acsUrl, spEntityId } from './saml-sp';
import { resolveSsoUser } from './resolve-user';
import { issueSsoSession, serializeCookie } from './sso-session';
import { forgiveSsoRequest, ssoRequestAllowed } from './rate-limit';

export type AcsEnv = CoreEnv & RateLimitEnv;
const MAX_FORM_BYTES = MAX_RESPONSE_CHARS * 2;
export type AcsOutcome =
  | { ok: true; userId: string; role: string; next: string | null }
  | { ok: false; code: string; detail: string };

function redirect(url: URL, location: string, cookie?: string): Response {
  const headers = new Headers({ ...baseSecurityHeaders(url), location, 'cache-control': 'no-store' });
  if (cookie) headers.append('set-cookie', cookie);
  return new Response(null, { status: 303, headers });
}

export async function handleSamlAcs(
  request: Request,
  env: AcsEnv,
  defer: (p: Promise<unknown>) => void
): Promise<Response> {
  const url = new URL(request.url);
  const ctx = await loadRequestContext(env, url, undefined, defer);
  if (ctx.site.kind !== 'workspace') return redirect(url, '/');
  const { db, workspace } = ctx.site;
  const address = clientAddressOf(request);
  if (!(await ssoRequestAllowed(env, workspace.slug, address)))
    return redirect(url, '/login?sso_error=rate_limited');

  let outcome: AcsOutcome;
  try {
    outcome = await consumeSamlResponse(db, request, url.origin, clientAddressOf(request));
  } catch (err) {
    outcome = { ok: false, code: 'failed', detail: `unexpected: ${String(err)}` };
  }
  if (!outcome.ok) {
    console.warn(JSON.stringify({ event: 'sso.saml_refused', code: outcome.code, detail: outcome.detail }));
    return redirect(url, `/login?sso_error=${outcome.code}`);
  }
  const cookie = await issueSsoSession(env, workspace.slug, db, {
    userId: outcome.userId,
    kind: 'saml',
    url,
    request
  });
  defer(forgiveSsoRequest(env, workspace.slug, address));
  return redirect(
    url,
    safeRedirectPath(outcome.next, url.origin) ?? homePathFor(outcome.role as Role),
    serializeCookie(cookie)
  );
}

/** Reads, verifies and consumes one posted SAMLResponse; resolves the user. Exported for tests. */
export async function consumeSamlResponse(
  db: TenantDb,
  request: Request,
  origin: string,
  ipAddress: string | null,
  now = Date.now()
): Promise<AcsOutcome> {
  const type = request.headers.get('content-type') ?? '';
  if (!type.toLowerCase().startsWith('application/x-www-form-urlencoded'))
    return { ok: false, code: 'invalid_response', detail: 'not a form post' };
  // A base64 SAMLResponse of MAX_RESPONSE_CHARS plus URL encoding fits well within this.
  if (Number(request.headers.get('content-length') ?? 0) > MAX_FORM_BYTES)
    return { ok: false, code: 'invalid_response', detail: 'form too large' };
  let xml: string;
  let requestId: string | null;
  try {
    const form = await request.formData();
    xml = decodeSamlResponse(String(form.get('SAMLResponse') ?? ''));
    // Which sign-in this answers: the stored request its InResponseTo names (IdP-initiated sign-in,
    // without a request, is not accepted).
    requestId = await peekInResponseTo(xml);
  } catch (err) {
    return { ok: false, code: 'invalid_response', detail: (err as Error).message };
  }
  const stored = requestId ? await findSamlRequest(db, requestId, now) : null;
  if (!stored) return { ok: false, code: 'expired', detail: `unknown or expired InResponseTo ${requestId}` };
  const conn = await loadSamlConnection(db, stored.connectionId);
  if (!conn) return { ok: false, code: 'unknown_connection', detail: 'connection removed' };

  let facts;
  try {
    facts = await verifySamlResponse(xml, {
      certificate: conn.samlCertificate!,
      idpEntityId: conn.samlIdpEntityId!,
      audience: spEntityId(origin),
      recipient: acsUrl(origin),
      inResponseTo: stored.id,
      now
    });
  } catch (err) {
    if (err instanceof SamlError) return { ok: false, code: err.code, detail: err.reason };
    return { ok: false, code: 'invalid_response', detail: String(err) };
  }

  // Use the request and remember the assertion id, atomically: a second use of either is refused.
  const [takenRequest, recordedAssertion] = await db.batch([
    db
      .delete(samlRequests)
      .where(and(eq(samlRequests.id, stored.id), gt(samlRequests.expiresAt, now)))
      .returning({ id: samlRequests.id }),
    db
      .insert(samlAssertionIds)
      .values({
        assertionId: facts.assertionId,
        connectionId: conn.id,
        expiresAt: facts.expiresAt,
        createdAt: now
      })
      .onConflictDoNothing()
      .returning({ id: samlAssertionIds.assertionId }),
    // Housekeeping: ids of assertions that would be refused as expired anyway.
    db.delete(samlAssertionIds).where(lt(samlAssertionIds.expiresAt, now))
  ]);
  if (takenRequest.length === 0) return { ok: false, code: 'expired', detail: 'request already used' };
  if (recordedAssertion.length === 0)
    return { ok: false, code: 'invalid_response', detail: `assertion ${facts.assertionId} replayed` };

  // The email comes from the signed assertion of an IdP the administrator configured: it counts as
  // verified (SAML has no email_verified); the approved-domain rule still applies to it.
  const resolved = await resolveSsoUser(
    db,
    conn.id,
    { subject: facts.nameId, email: facts.email, emailVerified: facts.email !== null, name: facts.name },
    ipAddress
  );
  if (!resolved.ok) return { ok: false, code: resolved.code, detail: `refused: ${resolved.code}` };
  return { ok: true, userId: resolved.userId, role: resolved.role, next: stored.next };
}
