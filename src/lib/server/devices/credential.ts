// Device credentials: 256 bits from the platform CSPRNG, prefixed so that a leaked one is recognisable
// in logs and secret scanners. Only the SHA-256 of a credential is ever stored (agent_devices.credential_hash).
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { generateToken, hashToken } from '../auth/tokens';

const PREFIX = 'otd_';

export function generateDeviceCredential(): string {
  const bytes = new Uint8Array(32);
  crypto.getRandomValues(bytes);
  return PREFIX + encodeBase32LowerCaseNoPadding(bytes);
}

/** Shape check before any lookup: 52 base32 characters after the prefix. */
export function looksLikeDeviceCredential(value: string | null | undefined): value is string {
  return typeof value === 'string' && /^otd_[a-z2-7]{52}$/.test(value);
}

export const hashDeviceCredential = hashToken;

/** One-time link and socket tokens of an automatic pairing (160 bits, same format as session tokens). */
export const generatePairingToken = generateToken;
