// The Help desk settings form as an administrator fills it in for a test Request Tracker (the RT
// set-up of docs/helpdesk.md): shared by the help-desk tests, the worker tests (with an address where
// no help desk answers) and `npm run bench:helpdesk`, so it has no test-runner imports.

/** `rt`: where the help desk is and the integration user's token (an RtServer, or any address). */
export function connectionFields(
  rt: { baseUrl: string; tokens: { integration: string } },
  overrides: Record<string, string> = {}
): Record<string, string> {
  return {
    provider: 'rt5',
    baseUrl: rt.baseUrl,
    apiToken: rt.tokens.integration,
    queue: 'IT Requests',
    referenceField: 'OnTrackio reference',
    request_pending: 'new',
    request_approved: 'open',
    request_rejected: 'rejected',
    request_fulfilled: 'resolved',
    request_cancelled: 'rejected',
    maintenance_open: 'new',
    maintenance_in_progress: 'open',
    maintenance_resolved: 'resolved',
    maintenance_closed: 'resolved',
    fulfils: 'resolved',
    working: 'new, open, stalled, rejected, deleted',
    ...overrides
  };
}
