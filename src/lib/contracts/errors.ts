import * as z from 'zod';

// The one error shape of the JSON API: { error: { code, message, fields? } }.
export const ERROR_CODES = [
  'bad_request',
  'validation_failed',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'payload_too_large',
  'rate_limited',
  'invalid_credentials',
  'account_inactive',
  'workspace_not_found',
  'workspace_suspended',
  'internal_error',
  'two_factor_setup_required',
  'mail_failed'
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const apiErrorSchema = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES),
      message: z.string(),
      fields: z.record(z.string(), z.array(z.string())).optional()
    })
  })
  .meta({ id: 'ApiError' });
export type ApiError = z.infer<typeof apiErrorSchema>;

/** zod issues → { field: [messages] } for forms and the API alike. */
export function fieldErrors(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join('.') : '_';
    (out[key] ??= []).push(issue.message);
  }
  return out;
}
