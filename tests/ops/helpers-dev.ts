// `wrangler dev` on an ops test project (its own config and state) on a free port, in its own process
// group so that stopping it also stops workerd (STACK-NOTES).
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, type OpsProject } from './helpers-ops';

export interface DevServer {
  port: number;
  stop(): void;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export async function startDev(p: OpsProject): Promise<DevServer> {
  const port = await freePort();
  // Outside the project folder, so it survives the project's cleanup for a look after a failure.
  const logFile = join(tmpdir(), `ontrackio-ops-wrangler-dev-${port}.log`);
  const log = openSync(logFile, 'w');
  const child: ChildProcess = spawn(
    process.execPath,
    [
      join(ROOT, 'node_modules/wrangler/bin/wrangler.js'),
      'dev',
      '--config',
      p.config,
      '--port',
      String(port),
      '--ip',
      '127.0.0.1',
      '--show-interactive-dev-session=false'
    ],
    {
      cwd: p.dir,
      detached: true,
      stdio: ['ignore', log, log],
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false' }
    }
  );
  const stop = () => {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  const deadline = Date.now() + 150_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited early; see ${logFile}`);
    try {
      // Health first, then one page: the first page load imports the SvelteKit worker (slow on a busy machine).
      if (
        (await fetch(`http://127.0.0.1:${port}/api/v1/health`)).ok &&
        (await getPage(port, 'app', '/')).status === 200
      )
        return { port, stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  stop();
  throw new Error(`wrangler dev did not answer on ${port}; see ${logFile}`);
}

/**
 * GET a workspace page through the dev server. Node cannot resolve *.localhost and its fetch does not
 * let a caller set Host, so this uses node:http with an explicit Host header.
 */
export function getPage(port: number, slug: string, path: string): Promise<{ status: number; html: string }> {
  return new Promise((resolve, reject) => {
    // agent: false → a fresh connection per request; a pooled keep-alive socket that the dev server
    // closed while a slow CLI step ran would fail with "socket hang up".
    const req = httpRequest(
      { host: '127.0.0.1', port, path, agent: false, headers: { host: `${slug}.localhost:${port}` } },
      (res) => {
        let html = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (html += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, html }));
      }
    );
    req.on('error', reject);
    req.end();
  });
}
