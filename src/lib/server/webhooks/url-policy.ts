// The rules for a webhook URL, checked when an endpoint is saved and again before every delivery:
// - https only; in development (APP_ENV=development) also http://127.0.0.1 (local receivers, tests);
// - no user name or password in the URL (the signature authenticates OnTrackio);
// - the host must be public: an address literal is checked directly, a name is looked up (DNS over
//   HTTPS, resolve-host.ts) and every address it resolves to must be public (address-policy.ts);
//   names that are local by definition (localhost, *.local, *.internal, single labels) are refused
//   without a lookup. Development allows the literal 127.0.0.1 only, never a name.
// Redirects are never followed when delivering, so a public URL can't bounce a delivery inside.
// What a Worker cannot do, and why this is still sound, is in docs/webhooks.md ("Where deliveries go").
import { parseIpAddress, formatIpAddress } from '../../contracts/ip-ranges';
import { refusedAddressReason } from './address-policy';
import type { HostResolver } from './resolve-host';

export interface UrlPolicyEnv {
  APP_ENV?: string;
}

export type UrlCheck =
  | { ok: true; url: string }
  /** `transient`: the lookup failed (try again later), not a refusal of the URL itself. */
  | { ok: false; message: string; transient?: boolean };

const LOCAL_SUFFIXES = ['.localhost', '.local', '.internal', '.home.arpa', '.lan', '.intranet', '.corp'];
const PUBLIC_ONLY = 'Webhooks go only to public addresses.';

const isDevelopment = (env: UrlPolicyEnv) => env.APP_ENV === 'development';

export async function checkWebhookUrl(
  text: string,
  env: UrlPolicyEnv,
  resolver: HostResolver
): Promise<UrlCheck> {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return { ok: false, message: 'Enter a full URL, for example https://hooks.example.com/ontrackio.' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return { ok: false, message: 'Enter a web address starting with https://.' };
  if (url.username || url.password)
    return {
      ok: false,
      message:
        'Remove the user name and password from the URL: the signature proves the call is from OnTrackio.'
    };
  url.hash = '';
  const host = url.hostname
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
    .toLowerCase();
  const devLoopback = isDevelopment(env) && host === '127.0.0.1';
  if (url.protocol === 'http:' && !devLoopback)
    return {
      ok: false,
      message: isDevelopment(env)
        ? 'Use an https:// URL (in development, http:// is allowed only for 127.0.0.1).'
        : 'Use an https:// URL.'
    };
  if (devLoopback) return { ok: true, url: url.href };

  const literal = parseIpAddress(host);
  if (literal) {
    const why = refusedAddressReason(literal);
    return why
      ? { ok: false, message: `${formatIpAddress(literal)} is ${why}. ${PUBLIC_ONLY}` }
      : { ok: true, url: url.href };
  }
  if (host === 'localhost' || !host.includes('.') || LOCAL_SUFFIXES.some((s) => host.endsWith(s)))
    return { ok: false, message: `“${host}” is a local name, not a public host. ${PUBLIC_ONLY}` };

  let addresses: string[];
  try {
    addresses = await resolver.resolve(host);
  } catch {
    return {
      ok: false,
      transient: true,
      message: `We couldn’t look up “${host}” just now. Try again in a moment.`
    };
  }
  if (addresses.length === 0)
    return { ok: false, message: `“${host}” doesn’t resolve to any address. Check the host name.` };
  for (const text of addresses) {
    const a = parseIpAddress(text);
    const why = a ? refusedAddressReason(a) : 'not an IP address';
    if (why) return { ok: false, message: `“${host}” resolves to ${text}, ${why}. ${PUBLIC_ONLY}` };
  }
  return { ok: true, url: url.href };
}
