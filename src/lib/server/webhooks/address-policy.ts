// Where a webhook may be delivered: public addresses only. Refused: loopback, private (RFC 1918,
// unique-local), carrier-grade NAT, link-local (where cloud metadata services live: 169.254.169.254,
// fd00:ec2::254), multicast, reserved and documentation ranges, and IPv6 forms that embed an IPv4
// address (mapped, NAT64, 6to4) when the embedded address is refused. Pure: unit-tested on its own.
import {
  ipInRange,
  parseIpAddress,
  parseIpRange,
  type IpAddress,
  type IpRange
} from '../../contracts/ip-ranges';

const range = (text: string): IpRange => {
  const r = parseIpRange(text);
  if (!r.ok) throw new Error(`bad built-in range ${text}`);
  return r.range;
};

const REFUSED: { range: IpRange; why: string }[] = [
  ['0.0.0.0/8', 'a reserved address'],
  ['10.0.0.0/8', 'a private address'],
  ['100.64.0.0/10', 'a shared (carrier-grade NAT) address'],
  ['127.0.0.0/8', 'a loopback address'],
  ['169.254.0.0/16', 'a link-local address (cloud metadata services live there)'],
  ['172.16.0.0/12', 'a private address'],
  ['192.0.0.0/24', 'a reserved address'],
  ['192.0.2.0/24', 'a documentation address'],
  ['192.88.99.0/24', 'a reserved address'],
  ['192.168.0.0/16', 'a private address'],
  ['198.18.0.0/15', 'a benchmarking address'],
  ['198.51.100.0/24', 'a documentation address'],
  ['203.0.113.0/24', 'a documentation address'],
  ['224.0.0.0/4', 'a multicast address'],
  ['240.0.0.0/4', 'a reserved address'],
  ['::/128', 'the unspecified address'],
  ['::1/128', 'a loopback address'],
  ['100::/64', 'a discard address'],
  ['2001:db8::/32', 'a documentation address'],
  ['fc00::/7', 'a private (unique-local) address'],
  ['fe80::/10', 'a link-local address'],
  ['ff00::/8', 'a multicast address']
].map(([text, why]) => ({ range: range(text), why }));

const NAT64 = range('64:ff9b::/96');
const SIX_TO_FOUR = range('2002::/16');

/** Why an address may not receive webhooks, or null when it is a public address. */
export function refusedAddressReason(address: IpAddress): string | null {
  // IPv6 forms carrying an IPv4 address are judged by that address.
  if (address.version === 6 && ipInRange(address, NAT64))
    return refusedAddressReason({ version: 4, value: address.value & 0xffffffffn });
  if (address.version === 6 && ipInRange(address, SIX_TO_FOUR))
    return refusedAddressReason({ version: 4, value: (address.value >> 80n) & 0xffffffffn });
  return REFUSED.find((r) => ipInRange(address, r.range))?.why ?? null;
}

export function refusedAddressTextReason(text: string): string | null {
  const a = parseIpAddress(text);
  return a ? refusedAddressReason(a) : 'not an IP address';
}
