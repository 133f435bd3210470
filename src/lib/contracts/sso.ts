import * as z from 'zod';

// Admin › Settings › Single sign-on: the forms' inputs, validated once at the boundary.
const trimmed = (max: number) => z.string().trim().max(max);
const optionalUrl = z
  .string()
  .trim()
  .max(500)
  .refine((v) => v === '' || /^https?:\/\/[^\s]+$/i.test(v), 'Enter a full URL starting with https://');

export const oauthConnectionSchema = z.object({
  kind: z.enum(['google', 'microsoft']),
  clientId: trimmed(300).min(1, 'Enter the client ID'),
  // Empty means "keep the saved secret" when one is saved (secrets are never shown again).
  clientSecret: z.string().max(500),
  entraTenant: trimmed(100).refine(
    (v) => v === '' || /^[A-Za-z0-9.-]+$/.test(v),
    'Enter a tenant ID (a GUID), a domain, or "organizations"'
  ),
  devIssuerUrl: optionalUrl
});
export type OauthConnectionInput = z.infer<typeof oauthConnectionSchema>;

const PEM_BODY = /^[A-Za-z0-9+/=\s]+$/;
export const samlConnectionSchema = z.object({
  name: trimmed(60)
    .min(1, 'Enter a connection name')
    .refine((v) => !/^(google|microsoft)$/i.test(v), 'Choose a name other than Google or Microsoft'),
  idpEntityId: trimmed(500).min(1, 'Enter the IdP entity ID'),
  ssoUrl: trimmed(500).refine(
    (v) => /^https:\/\/[^\s]+$/i.test(v) || /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?\//i.test(v),
    'Enter the IdP sign-in URL (https://…)'
  ),
  certificate: z
    .string()
    .max(20_000)
    .transform((v) => v.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, ''))
    .refine((v) => v.length >= 100 && PEM_BODY.test(v), 'Paste the IdP signing certificate (PEM)')
});
export type SamlConnectionInput = z.infer<typeof samlConnectionSchema>;

const DOMAIN = /^(?=.{3,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
export const signInRulesSchema = z.object({
  domains: z
    .string()
    .max(5000)
    .transform((v) => [
      ...new Set(
        v
          .split(/[\s,]+/)
          .map((d) => d.trim().toLowerCase().replace(/^@/, ''))
          .filter(Boolean)
      )
    ])
    .refine((list) => list.length <= 50, 'Enter at most 50 domains')
    .refine((list) => list.every((d) => DOMAIN.test(d)), 'Enter domains like example.com, one per line'),
  createAccounts: z.boolean()
});
export type SignInRulesInput = z.infer<typeof signInRulesSchema>;

/** What the Sign in page may show of a connection: a projection, never the row. */
export interface SsoButton {
  id: string;
  label: string;
}
