// Windows collector: the registry's Uninstall keys (64-bit, 32-bit and per-user) and WMI/CIM objects.
import { hostname } from 'node:os';
import type { Collector, CollectedFacts } from '../types.ts';
import type { SoftwareItem } from '../../../../src/lib/contracts/agent.ts';
import { runCommand } from '../run-command.ts';
import { parseCimJson, parseRegUninstall } from './parse.ts';

const UNINSTALL_KEYS = [
  'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall',
  'HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall',
  'HKCU\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall'
];

const CIM_SCRIPT =
  '$o = Get-CimInstance Win32_OperatingSystem | Select-Object Caption,Version; ' +
  "$d = (Get-ItemProperty 'HKLM:\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion').DisplayVersion; " +
  '$p = Get-CimInstance Win32_Processor | Select-Object -First 1 Name; ' +
  '$b = Get-CimInstance Win32_BIOS | Select-Object SerialNumber; ' +
  '@{ os = @{ Caption = $o.Caption; Version = $o.Version; DisplayVersion = $d }; cpu = $p; bios = $b } | ConvertTo-Json -Compress';

export const windowsCollector: Collector = {
  async facts(): Promise<CollectedFacts> {
    const text = await runCommand('powershell.exe', [
      '-NoProfile',
      '-NonInteractive',
      '-Command',
      CIM_SCRIPT
    ]);
    const cim = text ? parseCimJson(text) : { osName: 'Windows', osVersion: null, cpu: null, serial: null };
    return {
      hostname: hostname(),
      osFamily: 'windows',
      osName: cim.osName,
      osVersion: cim.osVersion,
      cpu: cim.cpu,
      serial: cim.serial
    };
  },
  async software(): Promise<SoftwareItem[]> {
    const outputs = await Promise.all(UNINSTALL_KEYS.map((key) => runCommand('reg', ['query', key, '/s'])));
    return outputs.flatMap((text) => (text ? parseRegUninstall(text) : []));
  }
};
