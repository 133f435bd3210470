// The API token create form's expiry choices, without zod (see labels/hardware.ts).
// contracts/api-tokens.ts builds createApiTokenSchema from these and re-exports them for the server.
export const EXPIRY_CHOICES = ['7', '30', '90', '365', 'custom'] as const;
export type ExpiryChoice = (typeof EXPIRY_CHOICES)[number];
export const EXPIRY_LABELS: Record<ExpiryChoice, string> = {
  '7': '7 days',
  '30': '30 days',
  '90': '90 days',
  '365': '365 days',
  custom: 'On a date'
};
export const DEFAULT_EXPIRY: ExpiryChoice = '90';
