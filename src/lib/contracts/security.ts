import * as z from 'zod';

// Sign-in security forms (seed 002 "Reset a forgotten password", seed 000 "My profile").
const email = z
  .string({ error: 'Enter your email.' })
  .trim()
  .min(1, 'Enter your email.')
  .max(254, 'That email is too long.')
  .pipe(z.email('Enter a valid email address.'))
  .transform((v) => v.toLowerCase());

// Seed 002: New password "At least 12 characters"; Confirm new password "Must match New password".
const newPassword = z
  .string({ error: 'Enter a new password.' })
  .min(12, 'Use at least 12 characters.')
  .max(256, 'That password is too long.');

export const forgotPasswordSchema = z.object({ email });
export type ForgotPasswordInput = z.infer<typeof forgotPasswordSchema>;

export const setPasswordSchema = z
  .object({ email, password: newPassword, confirm: z.string({ error: 'Enter the new password again.' }) })
  .refine((v) => v.password === v.confirm, { path: ['confirm'], message: 'The passwords don’t match.' });
export type SetPasswordInput = z.infer<typeof setPasswordSchema>;

export const changePasswordSchema = z
  .object({
    current: z
      .string({ error: 'Enter your current password.' })
      .min(1, 'Enter your current password.')
      .max(256),
    password: newPassword,
    confirm: z.string({ error: 'Enter the new password again.' }),
    signOutOthers: z.boolean().default(true)
  })
  .refine((v) => v.password === v.confirm, { path: ['confirm'], message: 'The passwords don’t match.' });

export const confirmPasswordSchema = z.object({
  password: z.string({ error: 'Enter your password.' }).min(1, 'Enter your password.').max(256)
});

export const totpCodeSchema = z.object({
  code: z
    .string({ error: 'Enter the 6-digit code.' })
    .transform((v) => v.replace(/\s/g, ''))
    .pipe(z.string().regex(/^\d{6}$/, 'Enter the 6-digit code.'))
});

export const recoveryCodeSchema = z.object({
  code: z
    .string({ error: 'Enter a recovery code.' })
    .trim()
    .min(1, 'Enter a recovery code.')
    .max(40, 'That is not a recovery code.')
});

export const passkeyNameSchema = z.object({
  name: z
    .string({ error: 'Name this passkey.' })
    .trim()
    .min(1, 'Name this passkey.')
    .max(60, 'Use at most 60 characters.')
});

export const securitySettingsSchema = z.object({ requireTwoFactor: z.boolean() });
