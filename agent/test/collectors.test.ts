// Collector parsers on recorded outputs. Linux fixtures were recorded on this Debian 12 machine;
// macOS and Windows fixtures follow the documented output of system_profiler -json, sw_vers,
// `reg query ... /s` and the collector's own PowerShell script (no Mac or Windows machine here).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  parseCpuinfo,
  parseDpkg,
  parseFlatpakList,
  parseOsRelease,
  parseRpm,
  parseSnapList
} from '../src/collectors/linux/parse.ts';
import { parseApplicationsJson, parseHardwareJson, parseSwVers } from '../src/collectors/macos/parse.ts';
import { parseCimJson, parseRegUninstall } from '../src/collectors/windows/parse.ts';
import { linuxCollector } from '../src/collectors/linux/collect.ts';
import { softwareItemSchema, deviceFactsSchema } from '../../src/lib/contracts/agent.ts';
import { AGENT_VERSION } from '../src/version.ts';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');

describe('Linux', () => {
  it('reads os-release and cpuinfo', () => {
    expect(parseOsRelease(fixture('linux-os-release.txt'))).toEqual({
      name: 'Debian GNU/Linux',
      version: '12',
      prettyName: 'Debian GNU/Linux 12 (bookworm)'
    });
    expect(parseCpuinfo(fixture('linux-cpuinfo.txt'))).toMatch(/\(2 threads\)$/);
  });
  it('lists installed dpkg packages only, with the maintainer as publisher', () => {
    const items = parseDpkg(fixture('linux-dpkg.txt'));
    expect(items).toHaveLength(40);
    expect(items[0]).toEqual({ name: 'adduser', version: '3.134', publisher: 'Debian Adduser Developers' });
    expect(items.find((i) => i.name === 'libold1')).toBeUndefined(); // "rc": removed, config left
  });
  it('parses rpm, snap and flatpak lists', () => {
    expect(parseRpm(fixture('linux-rpm.txt'))).toEqual([
      { name: 'bash', version: '5.2.26-3.fc40', publisher: 'Fedora Project' },
      { name: 'firefox', version: '132.0-1.fc40', publisher: 'Fedora Project' },
      { name: 'code', version: '1.95.3-1731513157.el8', publisher: 'Microsoft Corporation' }
    ]);
    expect(parseSnapList(fixture('linux-snap.txt'))).toEqual([
      { name: 'core22', version: '20241001', publisher: 'canonical' },
      { name: 'firefox', version: '132.0.2-1', publisher: 'mozilla' },
      { name: 'slack', version: '4.41.105', publisher: 'slack' }
    ]);
    expect(parseFlatpakList(fixture('linux-flatpak.txt'))).toEqual([
      { name: 'GIMP', version: '2.10.38', publisher: 'flathub' },
      { name: 'Spotify', version: '1.2.50.335', publisher: 'flathub' }
    ]);
  });
  // The Linux collector reads /etc/os-release, /proc and dpkg: only a Linux machine has them.
  it.skipIf(process.platform !== 'linux')(
    'collects this machine for real, in the shapes the portal accepts',
    async () => {
      const facts = await linuxCollector.facts();
      expect(deviceFactsSchema.safeParse({ ...facts, agentVersion: AGENT_VERSION }).success).toBe(true);
      const software = await linuxCollector.software();
      expect(software.length).toBeGreaterThan(10);
      for (const item of software) expect(softwareItemSchema.safeParse(item).success).toBe(true);
    }
  );
});

describe('macOS', () => {
  it('parses sw_vers and the hardware overview', () => {
    expect(parseSwVers(fixture('macos-sw_vers.txt'))).toEqual({ name: 'macOS', version: '15.1' });
    expect(parseHardwareJson(fixture('macos-hardware.json'))).toEqual({
      cpu: 'Apple M3 Pro',
      serial: 'C02XK1ZZJGH5',
      model: 'Mac15,6'
    });
  });
  it('lists application bundles from /Applications and ~/Applications, not system components', () => {
    expect(parseApplicationsJson(fixture('macos-applications.json'))).toEqual([
      { name: 'Safari', version: '18.1', publisher: 'Apple' },
      { name: 'Slack', version: '4.41.105', publisher: 'Slack Technologies, Inc.' },
      { name: 'Figma', version: '124.6.5', publisher: 'Figma, Inc.' }
    ]);
  });
});

describe('Windows', () => {
  it('lists Uninstall entries with a name, skipping system components and updates', () => {
    expect(parseRegUninstall(fixture('windows-reg-uninstall.txt'))).toEqual([
      { name: '7-Zip 24.08 (x64)', version: '24.08', publisher: 'Igor Pavlov' },
      { name: 'Mozilla Firefox (x64 en-US)', version: '132.0', publisher: 'Mozilla' }
    ]);
  });
  it('reads OS, CPU and serial from the CIM objects', () => {
    expect(parseCimJson(fixture('windows-cim.json'))).toEqual({
      osName: 'Windows 11 Pro',
      osVersion: '23H2',
      cpu: '13th Gen Intel(R) Core(TM) i7-1365U',
      serial: '5CG3481XYZ'
    });
  });
});
