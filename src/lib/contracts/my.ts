// The My portal's wire shapes (seed 000): forms and /api/v1/my/* share these schemas, so a rule
// (a limit, an allowed value) is written once. Form posts arrive as strings, JSON as typed values:
// the preprocessors below accept both and turn "" into "not given".
import * as z from 'zod';
import { THEMES } from './enums';

import {
  JUSTIFICATION_MAX,
  MESSAGE_MAX,
  MODEL_MAX,
  PROBLEM_MAX,
  REQUEST_TYPES,
  TITLE_MAX,
  URGENCIES
} from './my-labels';

export { JUSTIFICATION_MAX, MESSAGE_MAX, MODEL_MAX, PROBLEM_MAX, REQUEST_TYPES, TITLE_MAX, URGENCIES };
export { CANCELLABLE_STATUSES, REQUEST_STATUSES } from './enums';

/** A sanity ceiling for "Estimated cost" (a figure, not a budget); keeps cents inside a safe integer. */
export const COST_MAX = 10_000_000;

const blankToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);
const optionalText = (max: number, tooLong: string) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? blankToUndefined(v.trim()) : blankToUndefined(v)),
    z.string({ error: 'Enter text here.' }).max(max, tooLong).optional()
  );
const optionalId = (message: string) =>
  z.preprocess(blankToUndefined, z.string({ error: message }).max(64, message).optional());

export const newRequestSchema = z.object({
  type: z.enum(REQUEST_TYPES, { error: 'Choose a request type.' }),
  title: z
    .string({ error: 'Enter a title.' })
    .trim()
    .min(1, 'Enter a title.')
    .max(TITLE_MAX, `Keep the title to ${TITLE_MAX} characters or fewer.`),
  justification: z
    .string({ error: 'Explain why you need it.' })
    .trim()
    .min(1, 'Explain why you need it.')
    .max(JUSTIFICATION_MAX, 'Keep the justification to 4,000 characters or fewer.'),
  urgency: z.enum(URGENCIES, { error: 'Choose an urgency.' }),
  categoryId: optionalId('Choose a hardware category from the list.'),
  softwareId: optionalId('Choose software from the approved catalog.'),
  specificModel: optionalText(MODEL_MAX, `Keep the model to ${MODEL_MAX} characters or fewer.`),
  estimatedCost: z.preprocess(
    (v) => {
      if (typeof v !== 'string') return blankToUndefined(v);
      const t = v.trim().replace(/,/g, '');
      // Plain decimals only ("250", "249.99", "-5"); anything else stays a string and fails as "not a number".
      return t === '' ? undefined : /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : t;
    },
    z
      .number({ error: 'Enter the estimated cost as a number, for example 250 or 249.99.' })
      .finite('Enter the estimated cost as a number, for example 250 or 249.99.')
      .nonnegative('The estimated cost can’t be negative.')
      .max(COST_MAX, 'That estimate is too large; enter a figure up to 10,000,000.')
      .optional()
  )
});
export type NewRequestInput = z.infer<typeof newRequestSchema>;

export const requestMessageSchema = z.object({
  body: z
    .string({ error: 'Write a message.' })
    .trim()
    .min(1, 'Write a message.')
    .max(MESSAGE_MAX, 'Keep the message to 4,000 characters or fewer.')
});
export type RequestMessageInput = z.infer<typeof requestMessageSchema>;

export const problemReportSchema = z.object({
  description: z
    .string({ error: 'Describe the problem.' })
    .trim()
    .min(1, 'Describe the problem.')
    .max(PROBLEM_MAX, 'Keep the description to 4,000 characters or fewer.'),
  priority: z.enum(URGENCIES, { error: 'Choose a priority.' })
});
export type ProblemReportInput = z.infer<typeof problemReportSchema>;

export const NAME_MAX = 191;
export const PHONE_MAX = 40;

export const contactDetailsSchema = z.object({
  name: z
    .string({ error: 'Enter your name.' })
    .trim()
    .min(1, 'Enter your name.')
    .max(NAME_MAX, 'Keep your name to 191 characters or fewer.'),
  jobTitle: optionalText(NAME_MAX, 'Keep the job title to 191 characters or fewer.'),
  department: optionalText(NAME_MAX, 'Keep the department to 191 characters or fewer.'),
  phone: z.preprocess(
    (v) => (typeof v === 'string' ? blankToUndefined(v.trim()) : blankToUndefined(v)),
    z
      .string({ error: 'Enter a phone number.' })
      .max(PHONE_MAX, 'Keep the phone number to 40 characters or fewer.')
      .regex(/^[0-9+()./\s-]+$/, 'Use digits, spaces and + ( ) - . only.')
      .optional()
  )
});
export type ContactDetailsInput = z.infer<typeof contactDetailsSchema>;

export const notificationPreferencesSchema = z.object({
  renewalAlerts: z.boolean({ error: 'Say on or off.' }),
  requestAlerts: z.boolean({ error: 'Say on or off.' })
});
export type NotificationPreferencesInput = z.infer<typeof notificationPreferencesSchema>;

/** PATCH /api/v1/my/profile: any subset of contact details, preferences and theme. */
export const profilePatchSchema = z
  .object({
    name: contactDetailsSchema.shape.name.optional(),
    jobTitle: contactDetailsSchema.shape.jobTitle,
    department: contactDetailsSchema.shape.department,
    phone: contactDetailsSchema.shape.phone,
    renewalAlerts: z.boolean({ error: 'Say true or false.' }).optional(),
    requestAlerts: z.boolean({ error: 'Say true or false.' }).optional(),
    theme: z.enum(THEMES, { error: 'Choose light, dark or system.' }).optional()
  })
  .strict();
export type ProfilePatchInput = z.infer<typeof profilePatchSchema>;

/** ?page=N on list pages and list endpoints (1-based). */
export const pageQuerySchema = z.object({
  page: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: 'Page must be a number.' })
      .int('Page must be a whole number.')
      .min(1, 'Page starts at 1.')
      .max(100_000, 'No such page.')
      .default(1)
  )
});
export const PAGE_SIZE = 50;

export interface Paged<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
  pageCount: number;
}
