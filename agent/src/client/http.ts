// A small JSON-over-HTTP(S) client on node:http/https (the daemon stays lean: no fetch library loaded).
// Every connection resolves *.localhost to loopback itself (client/loopback.ts).
import http from 'node:http';
import https from 'node:https';
import { loopbackAwareLookup } from './loopback.ts';

const agents = {
  'http:': new http.Agent({ keepAlive: true, lookup: loopbackAwareLookup as never }),
  'https:': new https.Agent({ keepAlive: true, lookup: loopbackAwareLookup as never })
};

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

export function requestJson(
  method: 'GET' | 'POST',
  url: string,
  opts: { headers: Record<string, string>; body?: string; timeoutMs: number }
): Promise<HttpResponse> {
  const target = new URL(url);
  const transport = target.protocol === 'https:' ? https : http;
  const agent = agents[target.protocol as 'http:' | 'https:'];
  if (!agent) return Promise.reject(new Error(`unsupported protocol ${target.protocol}`));
  return new Promise((resolve, reject) => {
    const req = transport.request(
      target,
      {
        method,
        agent,
        headers: {
          ...opts.headers,
          ...(opts.body !== undefined ? { 'content-length': String(Buffer.byteLength(opts.body)) } : {})
        },
        timeout: opts.timeoutMs
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString('utf8')
          })
        );
        res.on('error', reject);
      }
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${opts.timeoutMs} ms`)));
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}
