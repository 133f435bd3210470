// The API token's secret format, made for secret scanners (GitHub's token format is the model):
//   otk_ + 30 random base62 characters (≈178 bits) + 6 base62 characters of the CRC32 of the random part.
// The fixed prefix lets a scanner find the token, the checksum lets it (and us) tell a real-looking
// token from a random string without a database lookup. Only the SHA-256 of the whole string is stored.
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';

export const TOKEN_PREFIX = 'otk_';
const RANDOM_LENGTH = 30;
const CHECKSUM_LENGTH = 6; // 62^6 > 2^32: every CRC32 fits
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SHAPE = new RegExp(`^${TOKEN_PREFIX}[0-9A-Za-z]{${RANDOM_LENGTH + CHECKSUM_LENGTH}}$`);

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (IEEE 802.3, the zlib one) of an ASCII string. */
export function crc32(text: string): number {
  let crc = 0xffffffff;
  for (let i = 0; i < text.length; i++) crc = CRC_TABLE[(crc ^ text.charCodeAt(i)) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function base62(value: number, width: number): string {
  let out = '';
  let v = value;
  for (let i = 0; i < width; i++) {
    out = ALPHABET[v % 62] + out;
    v = Math.floor(v / 62);
  }
  return out;
}

/** Uniform base62 characters from the platform CSPRNG (rejection sampling: no modulo bias). */
function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    const bytes = crypto.getRandomValues(new Uint8Array(length * 2));
    for (const b of bytes) {
      if (b < 248 && out.length < length) out += ALPHABET[b % 62];
    }
  }
  return out;
}

export function generateApiTokenSecret(): string {
  const random = randomBase62(RANDOM_LENGTH);
  return `${TOKEN_PREFIX}${random}${base62(crc32(random), CHECKSUM_LENGTH)}`;
}

/** Shape and checksum only: the cheap refusal before any lookup. */
export function isWellFormedApiToken(value: string): boolean {
  if (!SHAPE.test(value)) return false;
  const body = value.slice(TOKEN_PREFIX.length);
  const random = body.slice(0, RANDOM_LENGTH);
  return body.slice(RANDOM_LENGTH) === base62(crc32(random), CHECKSUM_LENGTH);
}

/** The stored form: SHA-256 (hex) of the whole secret. */
export function hashApiTokenSecret(secret: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(secret)));
}

/** `Authorization: Bearer <token>` → the token, or null for any other shape. The scheme is case-insensitive (RFC 9110). */
export function bearerTokenOf(headerValue: string | null | undefined): string | null {
  if (!headerValue) return null;
  const m = /^Bearer[ ]+(\S+)[ ]*$/i.exec(headerValue);
  return m ? m[1] : null;
}
