// The events a webhook endpoint can subscribe to (issue 14 §3), one list with the labels the settings
// page shows; docs/webhooks.md describes each payload. `webhook.test` is sent only by "Send test
// event" and cannot be chosen.
import * as z from 'zod';

export const WEBHOOK_EVENT_TYPES = [
  'request.created',
  'request.updated',
  'request.cancelled',
  'hardware.assigned',
  'hardware.returned',
  'hardware.acknowledged',
  'maintenance.reported',
  'maintenance.updated',
  'loan.lent',
  'loan.returned',
  'loan.overdue',
  'device.paired',
  'device.revoked',
  'device.not_seen',
  'licence.renewing',
  'person.invited',
  'person.suspended'
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];
export const TEST_EVENT_TYPE = 'webhook.test';

export const WEBHOOK_EVENT_LABELS: Record<WebhookEventType, string> = {
  'request.created': 'A request was raised',
  'request.updated': 'A request was approved, rejected or fulfilled',
  'request.cancelled': 'A request was cancelled by its requester',
  'hardware.assigned': 'Hardware was assigned to a person',
  'hardware.returned': 'Hardware was returned (unassigned)',
  'hardware.acknowledged': 'A person acknowledged receiving hardware',
  'maintenance.reported': 'A person reported a problem with hardware',
  'maintenance.updated': 'A maintenance record changed status',
  'loan.lent': 'A pool item was lent',
  'loan.returned': 'A pool item was returned',
  'loan.overdue': 'A loan passed its due date',
  'device.paired': 'A computer was paired with the agent',
  'device.revoked': 'A device pairing was revoked',
  'device.not_seen': 'A paired device hasn’t been seen for a week',
  'licence.renewing': 'A licence renews within 30, 7 or 1 days',
  'person.invited': 'A person was invited',
  'person.suspended': 'A person was suspended'
};

const GROUPS: { title: string; prefix: string }[] = [
  { title: 'Requests', prefix: 'request.' },
  { title: 'Hardware', prefix: 'hardware.' },
  { title: 'Maintenance', prefix: 'maintenance.' },
  { title: 'Loans', prefix: 'loan.' },
  { title: 'Devices', prefix: 'device.' },
  { title: 'Licences', prefix: 'licence.' },
  { title: 'People', prefix: 'person.' }
];

export function webhookEventGroups(): {
  title: string;
  events: { type: WebhookEventType; label: string }[];
}[] {
  return GROUPS.map((g) => ({
    title: g.title,
    events: WEBHOOK_EVENT_TYPES.filter((t) => t.startsWith(g.prefix)).map((type) => ({
      type,
      label: WEBHOOK_EVENT_LABELS[type]
    }))
  }));
}

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
