// Parsers for what Linux tells us: /etc/os-release, /proc/cpuinfo, dpkg-query, rpm, snap, flatpak.
// Pure functions over recorded text (tested in agent/test/collectors.test.ts).
import type { SoftwareItem } from '../../../../src/lib/contracts/agent.ts';

export function parseOsRelease(text: string): {
  name: string;
  version: string | null;
  prettyName: string | null;
} {
  const values: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (m) values[m[1]] = m[2].replace(/^["']|["']$/g, '');
  }
  return {
    name: values.NAME ?? 'Linux',
    version: values.VERSION_ID ?? null,
    prettyName: values.PRETTY_NAME ?? null
  };
}

export function parseCpuinfo(text: string): string | null {
  const model =
    /^model name\s*:\s*(.+)$/m.exec(text) ??
    /^Hardware\s*:\s*(.+)$/m.exec(text) ??
    /^Model\s*:\s*(.+)$/m.exec(text);
  if (!model) return null;
  const cores = (text.match(/^processor\s*:/gm) ?? []).length;
  return cores > 1 ? `${model[1].trim()} (${cores} threads)` : model[1].trim();
}

/** `dpkg-query -W -f='${db:Status-Abbrev}\t${Package}\t${Version}\t${Maintainer}\n'`: installed rows only. */
export function parseDpkg(text: string): SoftwareItem[] {
  const out: SoftwareItem[] = [];
  for (const line of text.split('\n')) {
    const [status, name, version, maintainer] = line.split('\t');
    if (!name || !status?.startsWith('ii')) continue;
    out.push({
      name: name.trim(),
      version: (version ?? '').trim(),
      publisher: maintainer?.replace(/\s*<[^>]*>\s*$/, '').trim() || null
    });
  }
  return out;
}

/** `rpm -qa --queryformat '%{NAME}\t%{VERSION}-%{RELEASE}\t%{VENDOR}\n'` */
export function parseRpm(text: string): SoftwareItem[] {
  const out: SoftwareItem[] = [];
  for (const line of text.split('\n')) {
    const [name, version, vendor] = line.split('\t');
    if (!name?.trim() || name.startsWith('gpg-pubkey')) continue;
    out.push({
      name: name.trim(),
      version: (version ?? '').trim(),
      publisher: vendor && vendor !== '(none)' ? vendor.trim() : null
    });
  }
  return out;
}

/** `snap list` (a header, then: Name Version Rev Tracking Publisher Notes). */
export function parseSnapList(text: string): SoftwareItem[] {
  const lines = text.split('\n').filter((l) => l.trim());
  if (!lines[0]?.startsWith('Name')) return [];
  return lines.slice(1).map((line) => {
    const cols = line.trim().split(/\s+/);
    return {
      name: cols[0],
      version: cols[1] ?? '',
      publisher: (cols[4] ?? '').replace(/[*✓]$/u, '') || null
    };
  });
}

/** `flatpak list --app --columns=name,application,version,origin` (tab separated). */
export function parseFlatpakList(text: string): SoftwareItem[] {
  const out: SoftwareItem[] = [];
  for (const line of text.split('\n')) {
    const [name, application, version, origin] = line.split('\t');
    if (!name?.trim() || name === 'Name') continue;
    out.push({
      name: name.trim() || application,
      version: (version ?? '').trim(),
      publisher: origin?.trim() || null
    });
  }
  return out;
}
