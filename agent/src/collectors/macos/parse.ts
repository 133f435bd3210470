// Parsers for macOS: `sw_vers`, `system_profiler -json SPHardwareDataType SPApplicationsDataType`.
import type { SoftwareItem } from '../../../../src/lib/contracts/agent.ts';

export function parseSwVers(text: string): { name: string; version: string | null } {
  const name = /ProductName:\s*(.+)/.exec(text)?.[1]?.trim() ?? 'macOS';
  const version = /ProductVersion:\s*(.+)/.exec(text)?.[1]?.trim() ?? null;
  return { name: name === 'Mac OS X' ? 'macOS' : name, version };
}

interface HardwareItem {
  chip_type?: string;
  cpu_type?: string;
  current_processor_speed?: string;
  number_processors?: string | number;
  serial_number?: string;
  machine_model?: string;
}

export function parseHardwareJson(text: string): {
  cpu: string | null;
  serial: string | null;
  model: string | null;
} {
  const item = (JSON.parse(text) as { SPHardwareDataType?: HardwareItem[] }).SPHardwareDataType?.[0] ?? {};
  const cpu =
    item.chip_type ??
    (item.cpu_type
      ? `${item.cpu_type}${item.current_processor_speed ? ` ${item.current_processor_speed}` : ''}`
      : null);
  return { cpu: cpu ?? null, serial: item.serial_number ?? null, model: item.machine_model ?? null };
}

interface AppItem {
  _name?: string;
  version?: string;
  obtained_from?: string;
  signed_by?: string[];
  path?: string;
}

/** Applications under /Applications (and the user's ~/Applications), as system_profiler reports the bundles. */
export function parseApplicationsJson(text: string): SoftwareItem[] {
  const items = (JSON.parse(text) as { SPApplicationsDataType?: AppItem[] }).SPApplicationsDataType ?? [];
  return items
    .filter((a) => a._name && (!a.path || /^\/(Applications|Users\/[^/]+\/Applications)\//.test(a.path)))
    .map((a) => ({
      name: a._name!,
      version: a.version ?? '',
      publisher:
        a.obtained_from === 'apple'
          ? 'Apple'
          : (a.signed_by?.[0]
              ?.replace(/^Developer ID Application:\s*/, '')
              .replace(/\s*\([A-Z0-9]+\)$/, '') ?? null)
    }));
}
