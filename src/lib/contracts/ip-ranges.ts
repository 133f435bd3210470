// IPv4 / IPv6 addresses and CIDR ranges, parsed strictly (no zone ids, no octal or short IPv4 forms)
// and written back canonically (RFC 5952 for IPv6). Pure: shared by the token form's validation and
// the token check. An IPv4-mapped IPv6 address (::ffff:192.0.2.1) is treated as the IPv4 address.

export interface IpAddress {
  version: 4 | 6;
  value: bigint;
}

export interface IpRange {
  version: 4 | 6;
  base: bigint;
  prefix: number;
}

const bits = (version: 4 | 6) => (version === 4 ? 32 : 128);

function parseIpv4(text: string): bigint | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let value = 0n;
  for (const p of parts) {
    if (!/^(0|[1-9][0-9]{0,2})$/.test(p) || Number(p) > 255) return null;
    value = (value << 8n) | BigInt(p);
  }
  return value;
}

function parseIpv6(text: string): bigint | null {
  if (!/^[0-9a-fA-F:.]+$/.test(text) || text.length > 45) return null;
  let t = text;
  if (t.includes('.')) {
    // An embedded IPv4 tail (::ffff:192.0.2.1) becomes its two 16-bit groups.
    const lastColon = t.lastIndexOf(':');
    const v4 = parseIpv4(t.slice(lastColon + 1));
    if (v4 === null) return null;
    t = `${t.slice(0, lastColon + 1)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const halves = t.split('::');
  if (halves.length > 2) return null;
  const toGroups = (s: string) => (s === '' ? [] : s.split(':'));
  let groups: string[];
  if (halves.length === 2) {
    const left = toGroups(halves[0]);
    const right = toGroups(halves[1]);
    const missing = 8 - left.length - right.length;
    if (missing < 1) return null;
    groups = [...left, ...Array<string>(missing).fill('0'), ...right];
  } else {
    groups = toGroups(t);
  }
  if (groups.length !== 8) return null;
  let value = 0n;
  for (const g of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null;
    value = (value << 16n) | BigInt(parseInt(g, 16));
  }
  return value;
}

export function parseIpAddress(text: string): IpAddress | null {
  const t = text.trim();
  const v4 = parseIpv4(t);
  if (v4 !== null) return { version: 4, value: v4 };
  const v6 = t.includes(':') ? parseIpv6(t) : null;
  if (v6 === null) return null;
  if (v6 >> 32n === 0xffffn) return { version: 4, value: v6 & 0xffffffffn };
  return { version: 6, value: v6 };
}

export type RangeParse = { ok: true; range: IpRange } | { ok: false; message: string };

/** "192.0.2.7", "192.0.2.0/24", "2001:db8::/32". A range with bits set after its prefix is refused. */
export function parseIpRange(text: string): RangeParse {
  const t = text.trim();
  const [addr, prefixText, extra] = t.split('/');
  const bad = { ok: false as const, message: `“${t}” is not an IPv4 or IPv6 address or range.` };
  if (extra !== undefined) return bad;
  const parsed = parseIpAddress(addr);
  if (!parsed) return bad;
  // Written as IPv6 but mapped to IPv4 (::ffff:…): a prefix counts IPv6 bits, so re-base it.
  const writtenBits = addr.includes(':') ? 128 : 32;
  let prefix = bits(parsed.version);
  if (prefixText !== undefined) {
    if (!/^(0|[1-9][0-9]{0,2})$/.test(prefixText) || Number(prefixText) > writtenBits) return bad;
    prefix = Number(prefixText) - (writtenBits - bits(parsed.version));
    if (prefix < 0) return bad;
  }
  const hostBits = BigInt(bits(parsed.version) - prefix);
  const mask = (1n << hostBits) - 1n;
  const range: IpRange = { version: parsed.version, base: parsed.value & ~mask, prefix };
  if ((parsed.value & mask) !== 0n)
    return {
      ok: false,
      message: `“${t}” has address bits set after the /${prefixText}. Did you mean ${formatIpRange(range)}?`
    };
  return { ok: true, range };
}

function formatIpv6(value: bigint): string {
  const groups = Array.from({ length: 8 }, (_, i) => Number((value >> BigInt((7 - i) * 16)) & 0xffffn));
  // RFC 5952: compress the longest run (2 or more) of zero groups, the first one on a tie.
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

export function formatIpAddress(a: IpAddress): string {
  if (a.version === 6) return formatIpv6(a.value);
  return [24n, 16n, 8n, 0n].map((s) => String((a.value >> s) & 0xffn)).join('.');
}

/** A single address is written without its prefix; a range as address/prefix. */
export function formatIpRange(r: IpRange): string {
  const addr = formatIpAddress({ version: r.version, value: r.base });
  return r.prefix === bits(r.version) ? addr : `${addr}/${r.prefix}`;
}

export function ipInRange(a: IpAddress, r: IpRange): boolean {
  if (a.version !== r.version) return false;
  const hostBits = BigInt(bits(r.version) - r.prefix);
  return a.value >> hostBits === r.base >> hostBits;
}

/** True when the address text parses and falls in one of the ranges (given as canonical text). */
export function addressAllowed(addressText: string, ranges: readonly string[]): boolean {
  const a = parseIpAddress(addressText);
  if (!a) return false;
  return ranges.some((text) => {
    const r = parseIpRange(text);
    return r.ok && ipInRange(a, r.range);
  });
}
