// A webhook endpoint's wire shape and the views the settings pages list. The events and their labels
// live in labels/webhooks.ts (zod-free, for the pages); they are re-exported here for the server.
import * as z from 'zod';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from './labels/webhooks';

export {
  TEST_EVENT_TYPE,
  WEBHOOK_EVENT_LABELS,
  WEBHOOK_EVENT_TYPES,
  webhookEventGroups,
  type WebhookEventType
} from './labels/webhooks';

export const webhookEndpointSchema = z.object({
  // The URL's own rules (https, no private addresses) are the service's: they need DNS.
  url: z
    .string({ error: 'Enter the endpoint URL.' })
    .trim()
    .min(1, 'Enter the endpoint URL, for example https://hooks.example.com/ontrackio.')
    .max(2000, 'That URL is too long (2,000 characters at most).'),
  description: z.string().trim().max(200, 'Keep the description to 200 characters or fewer.'),
  eventTypes: z
    .array(z.string())
    .transform((list) => [...new Set(list)])
    .refine((list) => list.length > 0, 'Choose at least one event.')
    .refine(
      (list) => list.every((t) => (WEBHOOK_EVENT_TYPES as readonly string[]).includes(t)),
      'Choose events from the list.'
    )
    .transform((list) => list as WebhookEventType[])
});
export type WebhookEndpointInput = z.infer<typeof webhookEndpointSchema>;

/** What the endpoint form holds between posts (echoed back on a field error). */
export interface WebhookFormValues {
  url: string;
  description: string;
  eventTypes: string[];
}

/** An endpoint as the settings page lists it: never its secret. */
export interface WebhookEndpointSummary {
  id: string;
  url: string;
  description: string;
  eventTypes: WebhookEventType[];
  status: 'enabled' | 'disabled';
  disabledReason: 'admin' | 'failing' | 'gone' | null;
  disabledAt: number | null;
  createdAt: number;
  createdByName: string | null;
  /** True while an old secret still signs alongside the new one (a rotation's grace period). */
  rotating: boolean;
  lastDeliveryAt: number | null;
  lastDeliveryStatus: 'pending' | 'delivered' | 'failed' | 'skipped' | null;
}

export interface WebhookAttemptView {
  at: number;
  durationMs: number | null;
  responseStatus: number | null;
  /** The first 2 KB of the receiver's answer; shown to admins only. */
  responseBody: string | null;
  error: string | null;
}

export interface WebhookMessageView {
  id: string;
  webhookId: string;
  eventType: string;
  createdAt: number;
  status: 'pending' | 'delivered' | 'failed' | 'skipped';
  attempts: number;
  lastAttemptAt: number | null;
  lastResponseStatus: number | null;
  payload: string;
  attemptLog: WebhookAttemptView[];
}
