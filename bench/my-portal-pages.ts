// Every page of the My portal for the `weight` part: the fixed pages (page-weight.ts) and those that
// need an id, found the way a user reaches them: the bulk user's first device and first request
// (through the JSON API), and the confirmation page of an automatic pairing an agent just started
// (POST /agent/v1/pairings, as `ontrackio-agent pair` does).
import { request } from './servers.ts';
import { MY_PORTAL_PAGES } from './page-weight.ts';

async function firstItemId(port: number, host: string, cookie: string, path: string): Promise<string> {
  const res = await request(port, host, path, { headers: { cookie } });
  const id = (JSON.parse(res.body.toString()) as { items?: { id: string }[] }).items?.[0]?.id;
  if (res.status !== 200 || !id) throw new Error(`no item from ${path}: ${res.status}`);
  return id;
}

async function pairingPagePath(port: number, host: string): Promise<string> {
  const facts = { hostname: 'bench-box', osFamily: 'linux', osName: 'Debian GNU/Linux 12', osVersion: '12' };
  const res = await request(port, host, '/agent/v1/pairings', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ facts: { ...facts, cpu: 'bench', agentVersion: '1.0.0' } })
  });
  const pairUrl = (JSON.parse(res.body.toString()) as { pairUrl?: string }).pairUrl;
  if (!pairUrl) throw new Error(`no pairing started: ${res.status} ${res.body}`);
  return new URL(pairUrl).pathname;
}

export async function allMyPortalPages(port: number, host: string, bulkCookie: string): Promise<string[]> {
  return [
    ...MY_PORTAL_PAGES,
    `/my/hardware/${await firstItemId(port, host, bulkCookie, '/api/v1/my/hardware')}`,
    `/my/requests/${await firstItemId(port, host, bulkCookie, '/api/v1/my/requests')}`,
    '/my/profile/api-tokens',
    await pairingPagePath(port, host)
  ];
}
