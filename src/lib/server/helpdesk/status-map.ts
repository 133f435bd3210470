// How OnTrackio statuses become help-desk statuses (outbound) and what a help-desk status means here
// (inbound). OnTrackio owns the approval (pending, approved, rejected, cancelled); the help desk owns
// its working states; a "fulfils" status completes an approved request; anything else is unmapped:
// logged and shown on the settings page, never silently dropped.
import type { StatusMap } from '../../contracts/helpdesk';

/** Request Tracker 5's default lifecycle (new, open, stalled, resolved, rejected, deleted). */
export const DEFAULT_STATUS_MAP: StatusMap = {
  request: {
    pending: 'new',
    approved: 'open',
    rejected: 'rejected',
    fulfilled: 'resolved',
    cancelled: 'rejected'
  },
  maintenance: { open: 'new', in_progress: 'open', resolved: 'resolved', closed: 'resolved' },
  fulfils: ['resolved'],
  working: ['new', 'open', 'stalled', 'rejected', 'deleted']
};

export function parseStatusMap(json: string): StatusMap {
  try {
    const v = JSON.parse(json) as Partial<StatusMap>;
    return {
      request: { ...DEFAULT_STATUS_MAP.request, ...v.request },
      maintenance: { ...DEFAULT_STATUS_MAP.maintenance, ...v.maintenance },
      fulfils: Array.isArray(v.fulfils) ? v.fulfils : DEFAULT_STATUS_MAP.fulfils,
      working: Array.isArray(v.working) ? v.working : DEFAULT_STATUS_MAP.working
    };
  } catch {
    return DEFAULT_STATUS_MAP;
  }
}

export type InboundMeaning = 'fulfils' | 'working' | 'unmapped';

/** Help-desk status names compare case-insensitively ("Resolved" = "resolved"). */
export function inboundMeaning(map: StatusMap, status: string): InboundMeaning {
  const s = status.trim().toLowerCase();
  if (map.fulfils.some((f) => f.toLowerCase() === s)) return 'fulfils';
  if (map.working.some((w) => w.toLowerCase() === s)) return 'working';
  return 'unmapped';
}
