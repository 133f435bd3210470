// SCIM error responses (RFC 7644 §3.12): one class for every expected failure, mapped to the RFC's body
// in one place (worker/scim/app.ts). `status` is a string in the body, as the RFC's examples show.
export const SCIM_ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';

export type ScimType =
  | 'invalidFilter'
  | 'tooMany'
  | 'uniqueness'
  | 'mutability'
  | 'invalidSyntax'
  | 'invalidPath'
  | 'noTarget'
  | 'invalidValue'
  | 'invalidVers'
  | 'sensitive';

export class ScimError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429 | 500 | 501,
    readonly scimType: ScimType | null,
    readonly detail: string
  ) {
    super(detail);
  }
}

export interface ScimErrorBody {
  schemas: [typeof SCIM_ERROR_SCHEMA];
  status: string;
  scimType?: ScimType;
  detail: string;
}

export function scimErrorBody(err: ScimError): ScimErrorBody {
  return {
    schemas: [SCIM_ERROR_SCHEMA],
    status: String(err.status),
    ...(err.scimType ? { scimType: err.scimType } : {}),
    detail: err.detail
  };
}

const SCIM_TYPES: ReadonlySet<string> = new Set<ScimType>([
  'invalidFilter',
  'tooMany',
  'uniqueness',
  'mutability',
  'invalidSyntax',
  'invalidPath',
  'noTarget',
  'invalidValue',
  'invalidVers',
  'sensitive'
]);

/**
 * scimmy reports protocol problems as its own SCIMError (status + scimType) and schema conformance
 * problems as plain TypeErrors; both are the client's mistake (400), never a 500.
 */
export function fromScimmyError(err: unknown, fallback: ScimType = 'invalidValue'): ScimError | null {
  if (err instanceof ScimError) return err;
  if (!(err instanceof Error)) return null;
  const e = err as Error & { status?: unknown; scimType?: unknown };
  if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
    const type =
      typeof e.scimType === 'string' && SCIM_TYPES.has(e.scimType) ? (e.scimType as ScimType) : null;
    return new ScimError(400, type ?? fallback, e.message);
  }
  if (err instanceof TypeError) return new ScimError(400, fallback, e.message);
  return null;
}
