// What Admin › Settings › Help desk shows: the connection (never the token), the webhook URL and its
// signing secret, the last successful sync, unmapped help-desk statuses, and every failed delivery.
import { desc } from 'drizzle-orm';
import type { TenantDb } from '../db';
import { helpdeskUnmappedStatuses } from '../db/tenant-schema';
import { outboxSummaryForWorkspace, type OutboxSummary } from '../outbox';
import type { StatusMap } from '../../contracts/helpdesk';
import { loadConnectionRow, openWebhookSecret, type HelpdeskEnv } from './connection';
import { DEFAULT_STATUS_MAP, parseStatusMap } from './status-map';
import { PROVIDER_LABELS, type HelpdeskProvider } from './providers';

export const HELPDESK_WEBHOOK_PATH = '/api/v1/helpdesk/webhook';

export interface HelpdeskAdminView {
  connected: boolean;
  /** Saved settings (also after Disconnect, so reconnecting only needs a token). */
  settings: {
    provider: HelpdeskProvider;
    providerLabel: string;
    baseUrl: string;
    queue: string;
    referenceField: string;
    hasToken: boolean;
  } | null;
  statusMap: StatusMap;
  webhook: { url: string; secret: string } | null;
  lastSyncAt: number | null;
  lastSyncError: string | null;
  unmapped: { status: string; ticketId: string; seen: number; lastSeenAt: number }[];
  deliveries: OutboxSummary;
}

export async function helpdeskAdminView(
  env: HelpdeskEnv,
  db: TenantDb,
  origin: string
): Promise<HelpdeskAdminView> {
  const [row, unmapped, deliveries] = await Promise.all([
    loadConnectionRow(db),
    db.select().from(helpdeskUnmappedStatuses).orderBy(desc(helpdeskUnmappedStatuses.lastSeenAt)).limit(50),
    outboxSummaryForWorkspace(db, 'helpdesk')
  ]);
  const provider = (row?.provider ?? 'rt5') as HelpdeskProvider;
  return {
    connected: !!row?.enabled,
    settings: row
      ? {
          provider,
          providerLabel: PROVIDER_LABELS[provider] ?? row.provider,
          baseUrl: row.baseUrl,
          queue: row.queue,
          referenceField: row.referenceField,
          hasToken: !!row.apiTokenSealed
        }
      : null,
    statusMap: row ? parseStatusMap(row.statusMap) : DEFAULT_STATUS_MAP,
    webhook: row?.enabled
      ? { url: `${origin}${HELPDESK_WEBHOOK_PATH}`, secret: await openWebhookSecret(env, row) }
      : null,
    lastSyncAt: row?.lastSyncAt ?? null,
    lastSyncError: row?.lastSyncError ?? null,
    unmapped: unmapped.map((u) => ({
      status: u.status,
      ticketId: u.ticketId,
      seen: u.seen,
      lastSeenAt: u.lastSeenAt
    })),
    deliveries
  };
}
