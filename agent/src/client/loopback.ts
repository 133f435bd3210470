// RFC 6761: "localhost" and every "*.localhost" name are the loopback host. Browsers know this; this
// machine's resolver (and so Node's DNS) does not, so the agent maps them itself for every connection
// (HTTP and WebSocket) while keeping the real host name in the URL (the Worker picks the tenant by it).
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';

export function isLocalhostName(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/\.$/, '');
  return h === 'localhost' || h.endsWith('.localhost');
}

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number
) => void;

export function loopbackAwareLookup(
  hostname: string,
  options: { all?: boolean } | number | undefined,
  callback: LookupCallback
): void {
  const opts = typeof options === 'object' && options !== null ? options : {};
  if (isLocalhostName(hostname)) {
    if (opts.all) callback(null, [{ address: '127.0.0.1', family: 4 }]);
    else callback(null, '127.0.0.1', 4);
    return;
  }
  dnsLookup(hostname, opts as never, callback as never);
}
