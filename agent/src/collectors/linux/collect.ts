// Linux collector: DMI under /sys, /proc, os-release; packages from dpkg, rpm, snap and flatpak
// (whichever exist). Reading the DMI serial usually needs root; without it the serial is left empty.
import { readFile } from 'node:fs/promises';
import { hostname, cpus } from 'node:os';
import type { Collector, CollectedFacts } from '../types.ts';
import type { SoftwareItem } from '../../../../src/lib/contracts/agent.ts';
import { runCommand } from '../run-command.ts';
import {
  parseCpuinfo,
  parseDpkg,
  parseFlatpakList,
  parseOsRelease,
  parseRpm,
  parseSnapList
} from './parse.ts';

async function readText(path: string): Promise<string | null> {
  try {
    return (await readFile(path, 'utf8')).trim();
  } catch {
    return null;
  }
}

export const linuxCollector: Collector = {
  async facts(): Promise<CollectedFacts> {
    const osRelease = parseOsRelease(
      (await readText('/etc/os-release')) ?? (await readText('/usr/lib/os-release')) ?? ''
    );
    const cpu = parseCpuinfo((await readText('/proc/cpuinfo')) ?? '') ?? cpus()[0]?.model ?? null;
    const serial =
      (await readText('/sys/class/dmi/id/product_serial')) ||
      (await readText('/sys/class/dmi/id/board_serial'));
    return {
      hostname: hostname(),
      osFamily: 'linux',
      osName: osRelease.prettyName ?? `${osRelease.name}${osRelease.version ? ` ${osRelease.version}` : ''}`,
      osVersion: osRelease.version,
      cpu,
      serial: serial && !/^(none|to be filled|default string|0+)$/i.test(serial) ? serial : null
    };
  },

  async software(): Promise<SoftwareItem[]> {
    const [dpkg, rpm, snap, flatpak] = await Promise.all([
      runCommand('dpkg-query', ['-W', '-f=${db:Status-Abbrev}\t${Package}\t${Version}\t${Maintainer}\n']),
      runCommand('rpm', ['-qa', '--queryformat', '%{NAME}\t%{VERSION}-%{RELEASE}\t%{VENDOR}\n']),
      runCommand('snap', ['list']),
      runCommand('flatpak', ['list', '--app', '--columns=name,application,version,origin'])
    ]);
    return [
      ...(dpkg ? parseDpkg(dpkg) : []),
      ...(rpm ? parseRpm(rpm) : []),
      ...(snap ? parseSnapList(snap) : []),
      ...(flatpak ? parseFlatpakList(flatpak) : [])
    ];
  }
};
