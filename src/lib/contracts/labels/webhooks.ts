// The events a webhook endpoint can subscribe to (issue 14 §3), one list with the labels the settings
// page shows, without zod (see labels/hardware.ts); docs/webhooks.md describes each payload.
// `webhook.test` is sent only by "Send test event" and cannot be chosen. contracts/webhook-events.ts
// builds webhookEndpointSchema from this list and re-exports it for the server.
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
