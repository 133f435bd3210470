// The bench's integrations, made the way an administrator makes them: by posting the settings pages'
// forms (Admin › Settings › API tokens, Admin › Settings › Webhooks) with a signed-in admin's cookie,
// so the product's own services create the token (SHA-256 stored, audit row) and the endpoint (URL
// policy, sealed secret). The secret is read from the page that shows it once.
import { request } from './servers.ts';

async function postForm(port: number, host: string, cookie: string, path: string, form: URLSearchParams) {
  const res = await request(port, host, path, {
    method: 'POST',
    headers: {
      cookie,
      origin: `http://${host}`,
      accept: 'text/html',
      'content-type': 'application/x-www-form-urlencoded'
    },
    body: form.toString()
  });
  const html = res.body.toString('utf8');
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${html.slice(0, 300)}`);
  return html;
}

/** A workspace service token with `scopes`, expiring in 30 days; returns its secret (`otk_…`). */
export async function createServiceToken(
  port: number,
  host: string,
  adminCookie: string,
  name: string,
  scopes: string[]
): Promise<string> {
  const form = new URLSearchParams({ name, expiry: '30', expiresOn: '', allowedAddresses: '' });
  for (const s of scopes) form.append('scopes', s);
  const html = await postForm(port, host, adminCookie, '/admin/settings/api-tokens?/create', form);
  const secret = /otk_[0-9A-Za-z]{36}/.exec(html)?.[0];
  if (!secret) throw new Error('the API tokens page showed no new token');
  return secret;
}

/** A webhook endpoint for `eventTypes`; returns its id and signing secret (`whsec_…`). */
export async function createWebhookEndpoint(
  port: number,
  host: string,
  adminCookie: string,
  url: string,
  eventTypes: string[]
): Promise<{ secret: string }> {
  const form = new URLSearchParams({ url, description: 'bench receiver' });
  for (const t of eventTypes) form.append('eventTypes', t);
  const html = await postForm(port, host, adminCookie, '/admin/settings/webhooks?/create', form);
  const secret = /whsec_[A-Za-z0-9+/=]+/.exec(html)?.[0];
  if (!secret) throw new Error(`the webhooks page showed no signing secret: ${html.slice(0, 300)}`);
  return { secret };
}
