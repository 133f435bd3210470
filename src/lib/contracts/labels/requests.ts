// Admin › Requests' decision form, without zod (see labels/hardware.ts). contracts/admin.ts builds
// requestDecisionSchema from these and re-exports them for the server.
export const REQUEST_DECISIONS = ['approve', 'reject', 'fulfil'] as const;
export type RequestDecision = (typeof REQUEST_DECISIONS)[number];
export const REASON_MAX = 2000;
