import * as z from 'zod';
import { THEMES } from './enums';

// Sign in form / POST /api/v1/auth/sign-in. Seed 002: Email (required, a valid email address),
// Password (required), Keep me signed in (optional, off).
export const signInSchema = z.object({
  email: z
    .string({ error: 'Enter your email.' })
    .trim()
    .min(1, 'Enter your email.')
    .max(254, 'That email is too long.')
    .pipe(z.email('Enter a valid email address.'))
    .transform((v) => v.toLowerCase()),
  password: z
    .string({ error: 'Enter your password.' })
    .min(1, 'Enter your password.')
    .max(256, 'That password is too long.'),
  remember: z.boolean().default(false)
});
export type SignInInput = z.infer<typeof signInSchema>;

export const meSchema = z.object({
  user: z.object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.string(),
    theme: z.enum(THEMES)
  }),
  workspace: z.object({ slug: z.string(), name: z.string() })
});
export type MeResponse = z.infer<typeof meSchema>;
