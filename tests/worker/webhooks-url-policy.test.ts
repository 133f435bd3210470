// Where webhooks may go (issue 14 §3 "SSRF refusals"): https only (http://127.0.0.1 in development),
// no credentials in the URL, no loopback, private, link-local, metadata or other special addresses,
// whether written as an address or reached through a name; names are checked after resolving.
import { describe, expect, it } from 'vitest';
import { checkWebhookUrl } from '../../src/lib/server/webhooks/url-policy';
import { refusedAddressTextReason } from '../../src/lib/server/webhooks/address-policy';
import type { HostResolver } from '../../src/lib/server/webhooks/resolve-host';

const DEV = { APP_ENV: 'development' };
const PROD = { APP_ENV: 'production' };

/** why: no internet here; a resolver with fixed answers is what the rule under test reads. */
function resolverOf(answers: Record<string, string[] | 'fail'>): HostResolver & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    async resolve(name) {
      asked.push(name);
      const a = answers[name];
      if (a === 'fail' || a === undefined) throw new Error('lookup failed');
      return a;
    }
  };
}

describe('addresses', () => {
  it('refuses every special-purpose range and allows public addresses', () => {
    const refused = {
      '127.0.0.1': 'a loopback address',
      '10.1.2.3': 'a private address',
      '172.20.0.1': 'a private address',
      '192.168.1.1': 'a private address',
      '169.254.169.254': 'a link-local address (cloud metadata services live there)',
      '100.100.100.200': 'a shared (carrier-grade NAT) address',
      '0.0.0.0': 'a reserved address',
      '224.0.0.1': 'a multicast address',
      '255.255.255.255': 'a reserved address',
      '::1': 'a loopback address',
      '::': 'the unspecified address',
      'fe80::1': 'a link-local address',
      'fd00:ec2::254': 'a private (unique-local) address',
      '::ffff:10.0.0.1': 'a private address',
      '64:ff9b::a9fe:a9fe': 'a link-local address (cloud metadata services live there)',
      '2002:c0a8:0101::1': 'a private address'
    };
    for (const [address, why] of Object.entries(refused))
      expect(refusedAddressTextReason(address), address).toBe(why);
    for (const ok of ['93.184.215.14', '1.1.1.1', '2606:4700:4700::1111', '172.32.0.1', '64:ff9b::808:808'])
      expect(refusedAddressTextReason(ok), ok).toBeNull();
  });
});

describe('URLs', () => {
  const none = resolverOf({});
  const refusal = async (url: string, env = PROD, resolver: HostResolver = none) => {
    const r = await checkWebhookUrl(url, env, resolver);
    return r.ok ? null : r.message;
  };

  it('accepts https to a public address and, in development only, http://127.0.0.1', async () => {
    expect(await checkWebhookUrl('https://93.184.215.14/hook#frag', PROD, none)).toEqual({
      ok: true,
      url: 'https://93.184.215.14/hook'
    });
    expect(await checkWebhookUrl('http://127.0.0.1:8813/hook', DEV, none)).toEqual({
      ok: true,
      url: 'http://127.0.0.1:8813/hook'
    });
    expect(await refusal('http://127.0.0.1:8813/hook', PROD)).toBe('Use an https:// URL.');
    expect(await refusal('https://127.0.0.1/hook', PROD)).toBe(
      '127.0.0.1 is a loopback address. Webhooks go only to public addresses.'
    );
    expect(none.asked).toEqual([]);
  });

  it('refuses malformed URLs, other schemes, plain http and credentials with a message that says why', async () => {
    expect(await refusal('not a url')).toBe(
      'Enter a full URL, for example https://hooks.example.com/ontrackio.'
    );
    expect(await refusal('ftp://files.example.com/x')).toBe('Enter a web address starting with https://.');
    expect(await refusal('http://hooks.example.com/x', DEV)).toBe(
      'Use an https:// URL (in development, http:// is allowed only for 127.0.0.1).'
    );
    expect(await refusal('http://127.0.0.2/x', DEV)).toBe(
      'Use an https:// URL (in development, http:// is allowed only for 127.0.0.1).'
    );
    expect(await refusal('https://user:pw@hooks.example.com/x')).toBe(
      'Remove the user name and password from the URL: the signature proves the call is from OnTrackio.'
    );
  });

  it('refuses address literals in every spelling the URL parser accepts', async () => {
    expect(await refusal('https://10.0.0.1/x')).toBe(
      '10.0.0.1 is a private address. Webhooks go only to public addresses.'
    );
    expect(await refusal('https://169.254.169.254/latest/meta-data')).toBe(
      '169.254.169.254 is a link-local address (cloud metadata services live there). Webhooks go only to public addresses.'
    );
    // 2130706433 and 0x7f.1 are 127.0.0.1 to the WHATWG URL parser (and so to fetch).
    expect(await refusal('https://2130706433/x')).toMatch(/^127\.0\.0\.1 is a loopback address/);
    expect(await refusal('https://0x7f.1/x')).toMatch(/^127\.0\.0\.1 is a loopback address/);
    expect(await refusal('https://[::1]/x')).toMatch(/^::1 is a loopback address/);
    expect(await refusal('https://[::ffff:169.254.169.254]/x')).toMatch(
      /^169\.254\.169\.254 is a link-local/
    );
  });

  it('refuses local names without asking DNS', async () => {
    const r = resolverOf({});
    for (const host of [
      'localhost',
      'api.localhost',
      'printer.local',
      'metadata.google.internal',
      'intranet',
      'nas.home.arpa'
    ])
      expect(await refusal(`https://${host}/x`, PROD, r), host).toMatch(/is a local name, not a public host/);
    expect(r.asked).toEqual([]);
  });

  it('checks every address a name resolves to, and fails closed when the lookup fails', async () => {
    const r = resolverOf({
      'hooks.example.com': ['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c'],
      'rebind.example.com': ['93.184.215.14', '10.0.0.7'],
      'meta.example.com': ['169.254.169.254'],
      'gone.example.com': [],
      'flaky.example.com': 'fail'
    });
    expect(await checkWebhookUrl('https://hooks.example.com/x', PROD, r)).toEqual({
      ok: true,
      url: 'https://hooks.example.com/x'
    });
    expect(await refusal('https://rebind.example.com/x', PROD, r)).toBe(
      '“rebind.example.com” resolves to 10.0.0.7, a private address. Webhooks go only to public addresses.'
    );
    expect(await refusal('https://META.example.com./x', PROD, r)).toMatch(
      /^“meta\.example\.com” resolves to 169\.254\.169\.254/
    );
    expect(await refusal('https://gone.example.com/x', PROD, r)).toBe(
      '“gone.example.com” doesn’t resolve to any address. Check the host name.'
    );
    expect(await checkWebhookUrl('https://flaky.example.com/x', PROD, r)).toEqual({
      ok: false,
      transient: true,
      message: 'We couldn’t look up “flaky.example.com” just now. Try again in a moment.'
    });
  });
});
