// why: a deploy cannot reach Cloudflare from here (no account, no network in CI). This stands in for
// the few Cloudflare API endpoints `wrangler deploy` (4.164) calls for this Worker, answers them as for
// an existing Worker with no secrets, deployments or assets to upload, and keeps each Worker upload
// (the multipart form wrangler sends) for the test to read. Pointed at by
// CLOUDFLARE_API_BASE_URL; everything else gets an empty success.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StandInApi {
  baseUrl: string;
  /** The forms of the Worker uploads received, in order. */
  uploads: FormData[];
  close(): Promise<void>;
}

function resultFor(method: string, path: string): unknown {
  if (/\/workers\/services\/[^/]+$/.test(path))
    return { default_environment: { environment: 'production', script: { handlers: ['fetch'] } } };
  if (/\/(secrets|routes|schedules)$/.test(path) && method === 'GET') return [];
  if (/\/deployments$/.test(path))
    return method === 'GET'
      ? { deployments: [] }
      : { id: 'd1', versions: [{ version_id: 'v1', percentage: 100 }] };
  if (path.endsWith('/assets-upload-session')) return { jwt: 'stand-in', buckets: [] };
  if (path.endsWith('/settings')) return { bindings: [], tags: [], tail_consumers: [] };
  if (/\/versions$/.test(path) && method === 'POST')
    return {
      id: 'v1',
      number: 1,
      resources: { script: { etag: 'e', handlers: ['fetch'] }, script_runtime: {} }
    };
  if (/\/workers\/workers\/[^/]+$/.test(path))
    return { subdomain: { enabled: false, previews_enabled: false } };
  if (path.endsWith('/workers/subdomain')) return { subdomain: 'stand-in' };
  return {};
}

export async function startStandInApi(): Promise<StandInApi> {
  const uploads: FormData[] = [];
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const path = new URL(req.url ?? '/', 'http://stand-in').pathname;
    const type = req.headers['content-type'] ?? '';
    // The Worker upload: PUT …/scripts/<name>, or POST …/scripts/<name>/versions (wrangler picks).
    if (type.startsWith('multipart/form-data'))
      uploads.push(
        await new Response(Buffer.concat(chunks), { headers: { 'content-type': type } }).formData()
      );
    res.setHeader('content-type', 'application/json');
    res.end(
      JSON.stringify({
        success: true,
        errors: [],
        messages: [],
        result: resultFor(req.method ?? 'GET', path)
      })
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/client/v4`,
    uploads,
    close: () => new Promise((resolve) => server.close(() => resolve()))
  };
}
