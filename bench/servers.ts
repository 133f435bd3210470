// The bench's servers: `wrangler dev` processes in their own process groups, and a plain HTTP client
// that talks to 127.0.0.1 with an explicit Host header (Node's resolver does not map *.localhost).
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..');
export const WRANGLER = join(ROOT, 'node_modules/wrangler/bin/wrangler.js');
export const benchEnv = { ...process.env, WRANGLER_SEND_METRICS: 'false' };

/** wrangler dev on `port`, its inspector on `port + 1000` (several people share this machine). */
export function startWrangler(args: string[], port: number, label: string): ChildProcess {
  return spawn(
    process.execPath,
    [
      WRANGLER,
      'dev',
      ...args,
      '--port',
      String(port),
      '--inspector-port',
      String(port + 1000),
      '--ip',
      '127.0.0.1',
      '--show-interactive-dev-session=false'
    ],
    {
      cwd: ROOT,
      detached: true,
      env: benchEnv,
      stdio: ['ignore', 'ignore', process.env.BENCH_VERBOSE ? 'inherit' : 'ignore']
    }
  ).on('exit', (code) => code && code !== 143 && console.error(`wrangler (${label}) exited with ${code}`));
}

/** Ends the whole process group (the npx-less node wrapper, wrangler and workerd). */
export function stop(child: ChildProcess | null) {
  try {
    if (child?.pid) process.kill(-child.pid, 'SIGTERM');
  } catch {
    // gone already
  }
}

export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export function request(
  port: number,
  host: string,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {}
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path, method: init.method ?? 'GET', headers: { host, ...init.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) })
        );
      }
    );
    req.on('error', reject);
    if (init.body) req.write(init.body);
    req.end();
  });
}

export async function waitFor(port: number, host: string, path: string) {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    try {
      if ((await request(port, host, path)).status === 200) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`nothing answered on ${port}`);
}

/** Signs in through the JSON API and returns its cookies as a Cookie header (`a=1; b=2`). */
export async function signInCookie(port: number, host: string, email: string): Promise<string> {
  const res = await request(port, host, '/api/v1/auth/sign-in', {
    method: 'POST',
    headers: { origin: `http://${host}`, 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'demo-password-2026' })
  });
  const cookie = (res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');
  if (res.status !== 200 || !cookie) throw new Error(`sign-in failed: ${res.status} ${res.body}`);
  return cookie;
}
