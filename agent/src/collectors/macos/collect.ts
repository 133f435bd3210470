// macOS collector: sw_vers for the OS, system_profiler for hardware and application bundles.
import { hostname } from 'node:os';
import type { Collector, CollectedFacts } from '../types.ts';
import type { SoftwareItem } from '../../../../src/lib/contracts/agent.ts';
import { runCommand } from '../run-command.ts';
import { parseApplicationsJson, parseHardwareJson, parseSwVers } from './parse.ts';

export const macosCollector: Collector = {
  async facts(): Promise<CollectedFacts> {
    const os = parseSwVers((await runCommand('sw_vers', [])) ?? '');
    const hwText = await runCommand('system_profiler', ['-json', 'SPHardwareDataType']);
    const hw = hwText ? parseHardwareJson(hwText) : { cpu: null, serial: null, model: null };
    const computerName = (await runCommand('scutil', ['--get', 'ComputerName']))?.trim();
    return {
      hostname: computerName || hostname(),
      osFamily: 'macos',
      osName: os.name,
      osVersion: os.version,
      cpu: hw.cpu,
      serial: hw.serial
    };
  },
  async software(): Promise<SoftwareItem[]> {
    const text = await runCommand(
      'system_profiler',
      ['-json', '-detailLevel', 'mini', 'SPApplicationsDataType'],
      180_000
    );
    return text ? parseApplicationsJson(text) : [];
  }
};
