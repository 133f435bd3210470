// The token secret format (otk_ + random + CRC32 checksum) and the allowed-address parser: pure
// functions, tested against known values (zlib's CRC32 check value, RFC 5952 examples).
import { describe, expect, it } from 'vitest';
import {
  bearerTokenOf,
  crc32,
  generateApiTokenSecret,
  hashApiTokenSecret,
  isWellFormedApiToken
} from '../../src/lib/server/api-tokens/format';
import {
  addressAllowed,
  formatIpRange,
  parseIpAddress,
  parseIpRange
} from '../../src/lib/contracts/ip-ranges';
import { createApiTokenSchema } from '../../src/lib/contracts/api-tokens';
import { fieldErrors } from '../../src/lib/contracts/errors';

describe('token secrets', () => {
  it('CRC32 is the zlib one (check value of "123456789")', () => {
    expect(crc32('123456789')).toBe(0xcbf43926);
    expect(crc32('')).toBe(0);
  });

  it('look like otk_ + 36 base62 characters, are unique and pass their own checksum', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const t = generateApiTokenSecret();
      expect(t).toMatch(/^otk_[0-9A-Za-z]{36}$/);
      expect(isWellFormedApiToken(t)).toBe(true);
      seen.add(t);
    }
    expect(seen.size).toBe(200);
  });

  it('any changed character fails the checksum (the cheap refusal before a lookup)', () => {
    const t = generateApiTokenSecret();
    for (let i = 4; i < t.length; i++) {
      const c = t[i] === 'a' ? 'b' : 'a';
      expect(isWellFormedApiToken(t.slice(0, i) + c + t.slice(i + 1))).toBe(false);
    }
    expect(isWellFormedApiToken(t.slice(0, -1))).toBe(false);
    expect(isWellFormedApiToken(`${t}x`)).toBe(false);
    expect(isWellFormedApiToken(t.replace('otk_', 'ghp_'))).toBe(false);
    expect(isWellFormedApiToken('')).toBe(false);
  });

  it('the stored hash is the SHA-256 hex of the whole secret', async () => {
    const t = generateApiTokenSecret();
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(t)));
    expect(hashApiTokenSecret(t)).toBe([...digest].map((b) => b.toString(16).padStart(2, '0')).join(''));
  });

  it('reads the bearer scheme case-insensitively and nothing else', () => {
    expect(bearerTokenOf('Bearer otk_abc')).toBe('otk_abc');
    expect(bearerTokenOf('bearer   otk_abc ')).toBe('otk_abc');
    expect(bearerTokenOf('Basic b3RrOg==')).toBeNull();
    expect(bearerTokenOf('Bearer')).toBeNull();
    expect(bearerTokenOf('Bearer a b')).toBeNull();
    expect(bearerTokenOf(null)).toBeNull();
  });
});

describe('allowed client addresses', () => {
  it('parses addresses and ranges and writes them canonically', () => {
    const canonical = (t: string) => {
      const r = parseIpRange(t);
      return r.ok ? formatIpRange(r.range) : r.message;
    };
    expect(canonical('203.0.113.7')).toBe('203.0.113.7');
    expect(canonical('10.0.0.0/8')).toBe('10.0.0.0/8');
    expect(canonical('0.0.0.0/0')).toBe('0.0.0.0/0');
    expect(canonical('2001:DB8:0:0:0:0:0:1')).toBe('2001:db8::1');
    expect(canonical('2001:db8:0:0:1:0:0:1')).toBe('2001:db8::1:0:0:1');
    expect(canonical('2001:db8::/32')).toBe('2001:db8::/32');
    expect(canonical('::1')).toBe('::1');
    expect(canonical('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(canonical('::ffff:192.0.2.0/120')).toBe('192.0.2.0/24');
  });

  it('refuses malformed input with a message naming it, and host bits after the prefix with a suggestion', () => {
    for (const bad of [
      '256.1.1.1',
      '10.0.0',
      '010.0.0.1',
      '10.0.0.0/33',
      '1::2::3',
      'fe80::1%eth0',
      'example.com',
      '10.0.0.0/8/8',
      '2001:db8::/129',
      '1:2:3:4:5:6:7:8:9'
    ])
      expect(parseIpRange(bad).ok, bad).toBe(false);
    const r = parseIpRange('10.1.2.3/8');
    expect(r).toEqual({
      ok: false,
      message: '“10.1.2.3/8” has address bits set after the /8. Did you mean 10.0.0.0/8?'
    });
  });

  it('matches IPv4 and IPv6 clients against the list; an IPv4-mapped client counts as IPv4', () => {
    const list = ['203.0.113.0/24', '2001:db8:1::/48', '198.51.100.9'];
    expect(addressAllowed('203.0.113.200', list)).toBe(true);
    expect(addressAllowed('203.0.114.1', list)).toBe(false);
    expect(addressAllowed('198.51.100.9', list)).toBe(true);
    expect(addressAllowed('198.51.100.10', list)).toBe(false);
    expect(addressAllowed('2001:db8:1:ffff::5', list)).toBe(true);
    expect(addressAllowed('2001:db8:2::5', list)).toBe(false);
    expect(addressAllowed('::ffff:203.0.113.5', list)).toBe(true);
    expect(addressAllowed('unknown', list)).toBe(false);
    expect(parseIpAddress('::')).toEqual({ version: 6, value: 0n });
  });

  it('the form schema turns the box into a canonical, de-duplicated list, or a field error', () => {
    const base = { name: 'Sync', scopes: ['my:read'], expiry: '30' };
    const ok = createApiTokenSchema.safeParse({
      ...base,
      allowedAddresses: '203.0.113.7\n 2001:DB8::/32, 203.0.113.7'
    });
    expect(ok.success && ok.data.allowedAddresses).toEqual(['203.0.113.7', '2001:db8::/32']);
    const bad = createApiTokenSchema.safeParse({ ...base, allowedAddresses: '203.0.113.7\nnot-an-ip' });
    expect(!bad.success && fieldErrors(bad.error)).toEqual({
      allowedAddresses: ['“not-an-ip” is not an IPv4 or IPv6 address or range.']
    });
  });
});
