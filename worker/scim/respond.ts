// Answers in SCIM's media type, and the one mapping from a service's failure code to RFC 7644 §3.12.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ScimEnv } from './types';
import { ScimError, scimErrorBody } from '../../src/lib/server/scim/errors';
import type { ProvisionFailure } from '../../src/lib/server/provisioning/result';
import { MAX_PAGE } from '../../src/lib/server/scim/discovery';

export const SCIM_MEDIA_TYPE = 'application/scim+json';

export function scimJson(
  c: Context<ScimEnv>,
  body: unknown,
  status: ContentfulStatusCode = 200,
  location?: string
) {
  const headers: Record<string, string> = { 'Content-Type': SCIM_MEDIA_TYPE };
  if (location) headers.Location = location;
  return c.body(JSON.stringify(body), status, headers);
}

export function scimError(c: Context<ScimEnv>, err: ScimError, headers: Record<string, string> = {}) {
  c.set('outcome', err.detail);
  return c.body(JSON.stringify(scimErrorBody(err)), err.status as ContentfulStatusCode, {
    'Content-Type': SCIM_MEDIA_TYPE,
    ...headers
  });
}

/** A service's refusal → the RFC status and scimType. The last-admin rule is a 409 with no scimType. */
export function failureToScim(failure: ProvisionFailure): ScimError {
  switch (failure.code) {
    case 'forbidden':
      return new ScimError(403, null, failure.message);
    case 'not_found':
      return new ScimError(404, null, failure.message);
    case 'uniqueness':
      return new ScimError(409, 'uniqueness', failure.message);
    case 'invalid':
      return new ScimError(400, 'invalidValue', failure.message);
    case 'last_admin':
      return new ScimError(409, null, failure.message);
  }
}

/** startIndex (1-based, < 1 means 1) and count (< 0 means 0, capped at MAX_PAGE), RFC 7644 §3.4.2.4. */
export function pageParams(c: Context<ScimEnv>): { startIndex: number; count: number } {
  const read = (name: string, fallback: number) => {
    const raw = c.req.query(name);
    if (raw === undefined || raw === '') return fallback;
    if (!/^-?\d{1,9}$/.test(raw)) throw new ScimError(400, 'invalidValue', `${name} must be an integer.`);
    return Number(raw);
  };
  return {
    startIndex: Math.max(1, read('startIndex', 1)),
    count: Math.min(MAX_PAGE, Math.max(0, read('count', 100)))
  };
}

/** The JSON body, or 400 invalidSyntax: never a 500 for a malformed request. */
export async function readJsonBody(c: Context<ScimEnv>): Promise<unknown> {
  const type = (c.req.header('content-type') ?? '').toLowerCase();
  if (!type.startsWith('application/scim+json') && !type.startsWith('application/json'))
    throw new ScimError(400, 'invalidSyntax', `Send the body as ${SCIM_MEDIA_TYPE}.`);
  try {
    return await c.req.json();
  } catch {
    throw new ScimError(400, 'invalidSyntax', 'The request body is not valid JSON.');
  }
}
