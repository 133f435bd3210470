// A small closed-loop load generator: `concurrency` workers each send the next request as soon as the
// previous answered, for `durationMs`. Keep-alive HTTP/1.1 to 127.0.0.1 with an explicit Host header
// (Node's resolver does not map *.localhost).
import http from 'node:http';

export interface Target {
  name: string;
  port: number;
  host: string;
  path: string;
  headers?: Record<string, string>;
  /** Extra headers taken in turn, one set per request (e.g. several API tokens, each with its own limit). */
  rotate?: Record<string, string>[];
  expectStatus?: number;
}

export interface LoadResult {
  name: string;
  requests: number;
  errors: number;
  durationMs: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
}

let sent = 0;

function once(agent: http.Agent, t: Target): Promise<{ status: number; ms: number }> {
  const turn = t.rotate?.length ? t.rotate[sent++ % t.rotate.length] : undefined;
  const start = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        agent,
        host: '127.0.0.1',
        port: t.port,
        path: t.path,
        method: 'GET',
        headers: { host: t.host, ...t.headers, ...turn }
      },
      (res) => {
        res.resume();
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, ms: Number(process.hrtime.bigint() - start) / 1e6 })
        );
      }
    );
    req.on('error', reject);
    req.end();
  });
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export async function runLoad(
  t: Target,
  concurrency: number,
  durationMs: number,
  warmup = 50
): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  for (let i = 0; i < warmup; i++) await once(agent, t);
  const latencies: number[] = [];
  let errors = 0;
  const started = Date.now();
  const deadline = started + durationMs;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < deadline) {
        try {
          const r = await once(agent, t);
          if (r.status !== (t.expectStatus ?? 200)) errors++;
          latencies.push(r.ms);
        } catch {
          errors++;
        }
      }
    })
  );
  const elapsed = Date.now() - started;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    name: t.name,
    requests: latencies.length,
    errors,
    durationMs: elapsed,
    rps: (latencies.length / elapsed) * 1000,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99)
  };
}
