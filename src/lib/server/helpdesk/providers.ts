// The help desks OnTrackio can connect to. Each is an adapter behind HelpdeskConnector (connector.ts).
import type { HelpdeskConfig, HelpdeskConnector } from './connector';
import { requestTracker5 } from './rt';

export const HELPDESK_PROVIDERS = ['rt5'] as const;
export type HelpdeskProvider = (typeof HELPDESK_PROVIDERS)[number];

export const PROVIDER_LABELS: Record<HelpdeskProvider, string> = {
  rt5: 'Request Tracker 5 (REST 2.0)'
};

export function connectorFor(provider: HelpdeskProvider, config: HelpdeskConfig): HelpdeskConnector {
  switch (provider) {
    case 'rt5':
      return requestTracker5(config);
  }
}
