// Parsers for Windows: `reg query <Uninstall key> /s` and PowerShell CIM objects as JSON.
import type { SoftwareItem } from '../../../../src/lib/contracts/agent.ts';

/**
 * `reg query HKLM\...\Uninstall /s` prints one block per key:
 *   HKEY_LOCAL_MACHINE\...\Uninstall\{GUID}
 *       DisplayName    REG_SZ    Mozilla Firefox (x64 en-US)
 *       DisplayVersion    REG_SZ    132.0
 * Entries without a DisplayName, system components and updates are not applications a person installed.
 */
export function parseRegUninstall(text: string): SoftwareItem[] {
  const out: SoftwareItem[] = [];
  let current: Record<string, string> = {};
  const flush = () => {
    const name = current.DisplayName?.trim();
    if (
      name &&
      current.SystemComponent !== '0x1' &&
      !current.ParentKeyName &&
      !/^(KB\d+|Update for|Security Update)/i.test(name)
    ) {
      out.push({
        name,
        version: current.DisplayVersion?.trim() ?? '',
        publisher: current.Publisher?.trim() || null
      });
    }
    current = {};
  };
  for (const raw of text.split(/\r?\n/)) {
    if (/^HKEY_/.test(raw)) {
      flush();
      continue;
    }
    const m = /^\s+(\S+)\s+(REG_\w+)\s+(.*)$/.exec(raw);
    if (m) current[m[1]] = m[3];
  }
  flush();
  return out;
}

/** `Get-CimInstance Win32_OperatingSystem,Win32_Processor,Win32_BIOS | ConvertTo-Json` shaped by collect.ts. */
export function parseCimJson(text: string): {
  osName: string;
  osVersion: string | null;
  cpu: string | null;
  serial: string | null;
} {
  const data = JSON.parse(text) as {
    os?: { Caption?: string; Version?: string; DisplayVersion?: string };
    cpu?: { Name?: string };
    bios?: { SerialNumber?: string };
  };
  const caption = (data.os?.Caption ?? 'Windows').replace(/^Microsoft\s+/, '').trim();
  return {
    osName: caption,
    osVersion: data.os?.DisplayVersion ?? data.os?.Version ?? null,
    cpu: data.cpu?.Name?.trim() ?? null,
    serial: data.bios?.SerialNumber?.trim() || null
  };
}
