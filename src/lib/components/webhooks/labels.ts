// Words the Webhooks pages show for an endpoint's state.
export const DISABLED_REASON_LABELS = {
  admin: 'Disabled',
  failing: 'Disabled: deliveries failed for 3 days',
  gone: 'Disabled: the receiver answered 410 Gone'
} as const;
