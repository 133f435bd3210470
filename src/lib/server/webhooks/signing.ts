// Standard Webhooks signing (https://www.standardwebhooks.com): the secret is `whsec_` + base64 of
// 32 random bytes; the signature is base64(HMAC-SHA256(secret bytes, `${id}.${timestamp}.${body}`)),
// sent as `webhook-signature: v1,<sig>`, space-separated when two secrets sign (a rotation).
import { decodeBase64, encodeBase64 } from '@oslojs/encoding';

export const SECRET_PREFIX = 'whsec_';
const SECRET_BYTES = 32;

export function generateWebhookSecret(): string {
  return SECRET_PREFIX + encodeBase64(crypto.getRandomValues(new Uint8Array(SECRET_BYTES)));
}

/** The key bytes of a `whsec_…` secret. */
export function secretBytes(secret: string): Uint8Array {
  return decodeBase64(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret);
}

async function hmac(key: Uint8Array, message: string): Promise<string> {
  const k = await crypto.subtle.importKey(
    'raw',
    new Uint8Array(key),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign']
  );
  return encodeBase64(new Uint8Array(await crypto.subtle.sign('HMAC', k, new TextEncoder().encode(message))));
}

/** The `webhook-signature` header value: one `v1,<sig>` per secret, newest first. */
export async function signatureHeader(
  webhookId: string,
  timestampSeconds: number,
  body: string,
  secrets: readonly string[]
): Promise<string> {
  const signed = `${webhookId}.${timestampSeconds}.${body}`;
  const sigs = await Promise.all(secrets.map(async (s) => `v1,${await hmac(secretBytes(s), signed)}`));
  return sigs.join(' ');
}
