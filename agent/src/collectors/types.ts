import type { DeviceFacts, SoftwareItem } from '../../../src/lib/contracts/agent.ts';

/** What a collector finds; the agent adds its own version. */
export type CollectedFacts = Omit<DeviceFacts, 'agentVersion'>;

export interface Collector {
  facts(): Promise<CollectedFacts>;
  software(): Promise<SoftwareItem[]>;
}
