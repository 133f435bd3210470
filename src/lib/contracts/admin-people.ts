// Admin › People: inviting a person and changing a role. Form actions and /api/v1/admin/people/*
// share these schemas (form posts arrive as strings, JSON as typed values).
import * as z from 'zod';

import { ROLES } from './enums';
import { INVITE_SIGN_IN } from './labels/people';

// The pages import these from labels/people.ts (zod-free); re-exported here for the server.
export { INVITE_SIGN_IN, ROLE_CHOICES, ROLE_LABELS, type InviteSignIn } from './labels/people';

export const inviteSchema = z.object({
  name: z
    .string({ error: 'Enter their name.' })
    .trim()
    .min(1, 'Enter their name.')
    .max(120, 'Keep the name to 120 characters or fewer.'),
  email: z
    .string({ error: 'Enter their email.' })
    .trim()
    .min(1, 'Enter their email.')
    .max(254, 'That email is too long.')
    .pipe(z.email('Enter a valid email address.'))
    .transform((v) => v.toLowerCase()),
  role: z.enum(ROLES, { error: 'Choose a role.' }),
  signIn: z.enum(INVITE_SIGN_IN, { error: 'Choose how they sign in.' })
});
export type InviteInput = z.infer<typeof inviteSchema>;

export const roleChangeSchema = z.object({
  role: z.enum(ROLES, { error: 'Choose a role.' })
});
export type RoleChangeInput = z.infer<typeof roleChangeSchema>;

/** /admin/devices?seen=stale: only active pairings not seen for a week (the dashboard's link). */
export const devicesQuerySchema = z.object({
  seen: z.preprocess(
    (v) => (v === '' || v === null ? undefined : v),
    z.enum(['stale'], { error: 'Use seen=stale or leave it out.' }).optional()
  )
});
