// Picks the collector for this operating system and assembles a report.
import { randomUUID } from 'node:crypto';
import type { Collector } from './types.ts';
import { linuxCollector } from './linux/collect.ts';
import { macosCollector } from './macos/collect.ts';
import { windowsCollector } from './windows/collect.ts';
import { AGENT_VERSION } from '../version.ts';
import type { DeviceFacts, Report } from '../../../src/lib/contracts/agent.ts';
import { MAX_REPORT_SOFTWARE } from '../../../src/lib/contracts/agent-constants.ts';

export function collectorFor(platform: NodeJS.Platform = process.platform): Collector {
  if (platform === 'darwin') return macosCollector;
  if (platform === 'win32') return windowsCollector;
  return linuxCollector;
}

export async function collectFacts(collector = collectorFor()): Promise<DeviceFacts> {
  return { ...(await collector.facts()), agentVersion: AGENT_VERSION };
}

export async function collectReport(collector = collectorFor()): Promise<Report> {
  const [facts, software] = await Promise.all([collectFacts(collector), collector.software()]);
  const clean = software
    .filter((s) => s.name.trim())
    .map((s) => ({
      name: s.name.trim().slice(0, 300),
      version: (s.version ?? '').trim().slice(0, 120),
      publisher: s.publisher?.trim().slice(0, 200) || null
    }));
  return {
    reportId: randomUUID(),
    collectedAt: Date.now(),
    facts,
    software: clean.slice(0, MAX_REPORT_SOFTWARE)
  };
}
