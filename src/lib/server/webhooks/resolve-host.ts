// Host name → addresses, for the webhook address check. A Worker has no DNS resolver of its own (no
// sockets for DNS, and fetch() resolves names inside Cloudflare's network without telling us the
// address), so names are looked up with DNS over HTTPS (RFC 8484, the JSON form) at Cloudflare's
// public resolver. Fails closed: a lookup that fails or times out is an error, never "allowed".
export interface HostResolver {
  /** Every A and AAAA address of the name; throws when the lookup itself fails. */
  resolve(hostname: string): Promise<string[]>;
}

const DOH_URL = 'https://cloudflare-dns.com/dns-query';
const TYPES = { A: 1, AAAA: 28 } as const;

interface DohAnswer {
  Status: number;
  Answer?: { type: number; data: string }[];
}

async function lookup(hostname: string, type: keyof typeof TYPES): Promise<string[]> {
  const url = `${DOH_URL}?name=${encodeURIComponent(hostname)}&type=${type}`;
  const res = await fetch(url, {
    headers: { accept: 'application/dns-json' },
    signal: AbortSignal.timeout(3_000)
  });
  if (!res.ok) throw new Error(`DNS lookup answered HTTP ${res.status}`);
  const body = (await res.json()) as DohAnswer;
  // 0 = NOERROR, 3 = NXDOMAIN (no such name: no addresses); anything else is a failed lookup.
  if (body.Status === 3) return [];
  if (body.Status !== 0) throw new Error(`DNS lookup failed (status ${body.Status})`);
  return (body.Answer ?? []).filter((a) => a.type === TYPES[type]).map((a) => a.data);
}

export const dohResolver: HostResolver = {
  async resolve(hostname) {
    const [a, aaaa] = await Promise.all([lookup(hostname, 'A'), lookup(hostname, 'AAAA')]);
    return [...a, ...aaaa];
  }
};
