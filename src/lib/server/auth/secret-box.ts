// Encryption at rest for secrets that cannot be hashed (TOTP seeds): AES-256-GCM with a random
// 96-bit IV per value and the owner's id as associated data, so a ciphertext copied onto another
// user's row does not decrypt. Key: the Worker secret TOTP_ENCRYPTION_KEY (base64, 32 bytes).
// Development only (APP_ENV=development) falls back to a fixed, public key so that a fresh checkout
// runs without a .dev.vars file; production refuses to start the operation without the secret.
import { decodeBase64, encodeBase64 } from '@oslojs/encoding';

export interface SecretBoxEnv {
  TOTP_ENCRYPTION_KEY?: string;
  APP_ENV?: string;
}

// Public on purpose (docs/security.md): protects nothing but local demo data.
const DEVELOPMENT_KEY_B64 = 'b250cmFja2lvLWRldmVsb3BtZW50LW9ubHkta2V5ISE=';
const VERSION = 'v1';

async function importKey(env: SecretBoxEnv): Promise<CryptoKey> {
  const b64 = env.TOTP_ENCRYPTION_KEY ?? (env.APP_ENV === 'development' ? DEVELOPMENT_KEY_B64 : undefined);
  if (!b64) throw new Error('TOTP_ENCRYPTION_KEY is not set (wrangler secret put TOTP_ENCRYPTION_KEY).');
  const raw = decodeBase64(b64);
  if (raw.length !== 32) throw new Error('TOTP_ENCRYPTION_KEY must be 32 bytes, base64 encoded.');
  return crypto.subtle.importKey('raw', new Uint8Array(raw), 'AES-GCM', false, ['encrypt', 'decrypt']);
}

export async function sealSecret(env: SecretBoxEnv, ownerId: string, plain: Uint8Array): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const key = await importKey(env);
  const sealed = new Uint8Array(
    await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(ownerId) },
      key,
      new Uint8Array(plain)
    )
  );
  return `${VERSION}:${encodeBase64(iv)}:${encodeBase64(sealed)}`;
}

/** Throws if the value was tampered with, belongs to another owner, or the key changed. */
export async function openSecret(env: SecretBoxEnv, ownerId: string, stored: string): Promise<Uint8Array> {
  const [version, ivB64, dataB64] = stored.split(':');
  if (version !== VERSION || !ivB64 || !dataB64) throw new Error('Unknown sealed secret format.');
  const key = await importKey(env);
  const plain = await crypto.subtle.decrypt(
    {
      name: 'AES-GCM',
      iv: new Uint8Array(decodeBase64(ivB64)),
      additionalData: new TextEncoder().encode(ownerId)
    },
    key,
    new Uint8Array(decodeBase64(dataB64))
  );
  return new Uint8Array(plain);
}
