// Random tokens and their hashes. Tokens are 160 bits from the platform CSPRNG, base32 encoded;
// only the SHA-256 (hex) of a token is ever stored.
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';

export function generateToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

export function hashToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

/** Shape check before any lookup: malformed cookies are treated as absent. */
export function looksLikeToken(value: string | undefined | null): value is string {
  return typeof value === 'string' && /^[a-z2-7]{32}$/.test(value);
}
