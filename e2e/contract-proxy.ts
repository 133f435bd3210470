// Runs Stoplight Prism (an independent OpenAPI tool from npm) as a validating proxy in front of the
// running Worker: every response that passes through is checked against the description the Worker
// serves, and with --errors a violation comes back as a 500 problem+json naming it.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const PRISM = join(ROOT, 'node_modules/@stoplight/prism-cli/dist/index.js');

export interface ContractProxy {
  url: string;
  log: () => string;
  stop: () => void;
}

/** Starts Prism on `port`, proxying to the workspace at `upstream` (its host name is kept). */
export async function startContractProxy(
  specUrl: string,
  upstream: string,
  port: number
): Promise<ContractProxy> {
  const spec = await (await fetch(specUrl)).text();
  const dir = mkdtempSync(join(tmpdir(), 'ontrackio-contract-'));
  const specFile = join(dir, 'openapi.json');
  writeFileSync(specFile, spec);
  let output = '';
  const child: ChildProcess = spawn(
    process.execPath,
    [PRISM, 'proxy', specFile, upstream, '--errors', '-p', String(port), '-h', '127.0.0.1'],
    {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        // Prism reaches acme.localhost (RFC 6761 loopback) although this machine's resolver does not.
        NODE_OPTIONS: `--require ${join(ROOT, 'e2e/localhost-dns.cjs')}`,
        SCARF_ANALYTICS: 'false'
      }
    }
  );
  const collect = (chunk: Buffer) => (output += chunk.toString());
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const stop = () => {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  const deadline = Date.now() + 60_000;
  while (!output.includes('Prism is listening')) {
    if (child.exitCode !== null) throw new Error(`prism exited (${child.exitCode}):\n${output}`);
    if (Date.now() > deadline) {
      stop();
      throw new Error(`prism did not start within 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url: `http://127.0.0.1:${port}`, log: () => output, stop };
}

/** Prism's own answer (a violation, or a request it refused), not the Worker's. */
export async function prismProblem(res: Response): Promise<string | null> {
  if (!(res.headers.get('content-type') ?? '').startsWith('application/problem+json')) return null;
  return await res.clone().text();
}
