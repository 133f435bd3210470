// A software WebAuthn authenticator (ES256, "none" attestation) for worker tests: it answers the
// options our pages hand to @simplewebauthn/browser exactly as a platform authenticator would.
import { isoBase64URL, isoCBOR } from '@simplewebauthn/server/helpers';

const enc = new TextEncoder();
const sha256 = async (data: Uint8Array) =>
  new Uint8Array(await crypto.subtle.digest('SHA-256', new Uint8Array(data)));
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
};

/** WebCrypto ECDSA signatures are r||s; WebAuthn wants ASN.1 DER. */
function rawToDer(raw: Uint8Array): Uint8Array {
  const int = (b: Uint8Array) => {
    let i = 0;
    while (i < b.length - 1 && b[i] === 0) i++;
    let v = b.slice(i);
    if (v[0] & 0x80) v = concat(new Uint8Array([0]), v);
    return concat(new Uint8Array([0x02, v.length]), v);
  };
  const body = concat(int(raw.slice(0, 32)), int(raw.slice(32)));
  return concat(new Uint8Array([0x30, body.length]), body);
}

export class SoftAuthenticator {
  private counter = 0;
  readonly credentialId = crypto.getRandomValues(new Uint8Array(16));
  private constructor(private readonly keys: CryptoKeyPair) {}

  static async create() {
    const keys = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
      'sign',
      'verify'
    ])) as CryptoKeyPair;
    return new SoftAuthenticator(keys);
  }

  get id() {
    return isoBase64URL.fromBuffer(this.credentialId);
  }

  private async authData(rpId: string, withCredential: boolean) {
    this.counter += 1;
    const flags = withCredential ? 0x45 : 0x05; // UP | UV (| AT)
    const count = new Uint8Array([
      (this.counter >>> 24) & 255,
      (this.counter >>> 16) & 255,
      (this.counter >>> 8) & 255,
      this.counter & 255
    ]);
    const head = concat(await sha256(enc.encode(rpId)), new Uint8Array([flags]), count);
    if (!withCredential) return head;
    const jwk = await crypto.subtle.exportKey('jwk', this.keys.publicKey);
    const cose = isoCBOR.encode(
      new Map<number, number | Uint8Array>([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, isoBase64URL.toBuffer(jwk.x!)],
        [-3, isoBase64URL.toBuffer(jwk.y!)]
      ])
    );
    const idLen = new Uint8Array([0, this.credentialId.length]);
    return concat(head, new Uint8Array(16), idLen, this.credentialId, cose);
  }

  /** navigator.credentials.create() for PublicKeyCredentialCreationOptionsJSON. */
  async register(options: { challenge: string; rp: { id?: string } }, origin: string) {
    const clientDataJSON = enc.encode(
      JSON.stringify({ type: 'webauthn.create', challenge: options.challenge, origin, crossOrigin: false })
    );
    const attestationObject = isoCBOR.encode(
      new Map<string, unknown>([
        ['fmt', 'none'],
        ['attStmt', new Map()],
        ['authData', await this.authData(options.rp.id!, true)]
      ]) as never
    );
    return {
      id: this.id,
      rawId: this.id,
      type: 'public-key',
      clientExtensionResults: {},
      response: {
        clientDataJSON: isoBase64URL.fromBuffer(clientDataJSON),
        attestationObject: isoBase64URL.fromBuffer(attestationObject),
        transports: ['internal']
      }
    };
  }

  /** navigator.credentials.get() for a challenge on an rpId. */
  async assert(challenge: string, rpId: string, origin: string) {
    const clientDataJSON = enc.encode(
      JSON.stringify({ type: 'webauthn.get', challenge, origin, crossOrigin: false })
    );
    const authenticatorData = await this.authData(rpId, false);
    const signed = concat(authenticatorData, await sha256(clientDataJSON));
    const raw = new Uint8Array(
      await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, this.keys.privateKey, signed)
    );
    return {
      id: this.id,
      rawId: this.id,
      type: 'public-key',
      clientExtensionResults: {},
      response: {
        clientDataJSON: isoBase64URL.fromBuffer(clientDataJSON),
        authenticatorData: isoBase64URL.fromBuffer(authenticatorData),
        signature: isoBase64URL.fromBuffer(new Uint8Array(rawToDer(raw)))
      }
    };
  }
}
