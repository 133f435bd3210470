// A real Request Tracker 5 for the help-desk tests (Debian's request-tracker5 + rt5-db-sqlite +
// rt5-standalone, installed by .ci/run). Nothing of the machine's RT is changed: each instance runs with
// its own configuration folder (RT_SITE_CONFIG_DIR) and its own copy of the SQLite database, restored
// from a template made once per run (Debian's fresh database + tests/helpdesk/setup-rt.pl).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

export const RT_ROOT = '/usr/share/request-tracker5';
const DEBIAN_DB = '/var/lib/dbconfig-common/sqlite3/request-tracker5/rtdb';
const HERE = import.meta.dirname;
const REPO = join(HERE, '..', '..');
/** First port of the range the tests use (one port per test file: RT_PORT + n). */
export const RT_BASE_PORT = Number(process.env.RT_PORT ?? 8980);

export interface RtTokens {
  integration: string;
  agent: string;
  norights: string;
}

function configDir(dir: string, port: number, dbFile: string): string {
  const conf = join(dir, 'conf');
  mkdirSync(conf, { recursive: true });
  writeFileSync(join(dir, 'sendmail.sh'), `#!/bin/sh\ncat >> '${join(dir, 'mail.log')}'\n`, { mode: 0o755 });
  writeFileSync(
    join(conf, '50-ontrackio-test.pm'),
    [
      `Set($rtname, 'ontrackio-test');`,
      `Set($Organization, 'helpdesk.test');`,
      `Set($CorrespondAddress, 'rt@helpdesk.test');`,
      `Set($CommentAddress, 'rt-comment@helpdesk.test');`,
      `Set($WebPath, '');`,
      `Set($WebDomain, '127.0.0.1');`,
      `Set($WebPort, ${port});`,
      `Set($WebBaseURL, 'http://127.0.0.1:${port}');`,
      `Set($DatabaseType, 'SQLite');`,
      `Set($DatabaseName, '${dbFile}');`,
      `Set($LogToSyslog, undef);`,
      `Set($LogToSTDERR, 'warning');`,
      // RT mails the requestor on create, reply and resolve: into a file, never to the network.
      `Set($MailCommand, 'sendmailpipe');`,
      `Set($SendmailPath, '${join(dir, 'sendmail.sh')}');`,
      `Set($SendmailArguments, '');`,
      '1;',
      ''
    ].join('\n')
  );
  return conf;
}

function perl(conf: string, script: string, env: Record<string, string> = {}): string {
  return execFileSync('perl', [script], {
    env: { ...process.env, RT_SITE_CONFIG_DIR: conf, ...env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe']
  });
}

/** The clean template (database + tokens), made once per run and shared by every test file. */
export function prepareTemplate(): { db: string; tokens: RtTokens } {
  const dir = join(tmpdir(), `ontrackio-rt-template-${RT_BASE_PORT}`);
  const db = join(dir, 'rtdb');
  const tokensFile = join(dir, 'tokens.json');
  if (existsSync(tokensFile) && existsSync(db))
    return { db, tokens: JSON.parse(readFileSync(tokensFile, 'utf8')) };
  if (!existsSync(DEBIAN_DB))
    throw new Error(
      `No Request Tracker database at ${DEBIAN_DB}: install request-tracker5 rt5-db-sqlite (bash .ci/run)`
    );
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  copyFileSync(DEBIAN_DB, db);
  const out = perl(configDir(dir, RT_BASE_PORT, db), join(HERE, 'setup-rt.pl'));
  const tokens = JSON.parse(out.trim().split('\n').pop()!) as RtTokens;
  writeFileSync(tokensFile, JSON.stringify(tokens));
  return { db, tokens };
}

export class RtServer {
  readonly port: number;
  readonly tokens: RtTokens;
  readonly dir: string;
  readonly conf: string;
  readonly db: string;
  readonly baseUrl: string;
  private child: ChildProcess | null = null;

  // Plain fields (no parameter properties): the benchmark runs this file under Node's type stripping.
  constructor(port: number, tokens: RtTokens, template: string) {
    this.port = port;
    this.tokens = tokens;
    this.dir = join(tmpdir(), `ontrackio-rt-${port}`);
    rmSync(this.dir, { recursive: true, force: true });
    mkdirSync(this.dir, { recursive: true });
    this.db = join(this.dir, 'rtdb');
    copyFileSync(template, this.db);
    this.conf = configDir(this.dir, port, this.db);
    this.baseUrl = `http://127.0.0.1:${port}`;
  }

  /** Starts rt-server in its own process group and waits for its REST API. */
  async start(): Promise<void> {
    try {
      await fetch(`${this.baseUrl}/`, { signal: AbortSignal.timeout(1000) });
      throw new Error(`Port ${this.port} is already in use (a stale rt-server?). Stop it or set RT_PORT.`);
    } catch (e) {
      if (e instanceof Error && e.message.startsWith('Port ')) throw e;
    }
    const log = openSync(join(this.dir, 'rt-server.log'), 'a');
    this.child = spawn(
      join(RT_ROOT, 'libexec', 'rt-server'),
      ['--port', String(this.port), '--host', '127.0.0.1', '--max-workers', '3'],
      { detached: true, stdio: ['ignore', log, log], env: { ...process.env, RT_SITE_CONFIG_DIR: this.conf } }
    );
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null)
        throw new Error(`rt-server exited; see ${join(this.dir, 'rt-server.log')}`);
      try {
        const res = await fetch(`${this.baseUrl}/REST/2.0/rt`, {
          headers: { authorization: `token ${this.tokens.agent}` },
          signal: AbortSignal.timeout(2_000)
        });
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`rt-server did not answer on ${this.port} within 60 s`);
  }

  /** SIGTERM to the whole group (rt-server and its workers), then waits until the port is closed. */
  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child?.pid || child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    await exited;
    for (let i = 0; i < 100; i++) {
      try {
        await fetch(`${this.baseUrl}/`, { signal: AbortSignal.timeout(500) });
        await new Promise((r) => setTimeout(r, 100));
      } catch {
        return;
      }
    }
  }

  /** Installs the OnTrackio webhook Scrip (scripts/helpdesk) as an RT administrator would. */
  installWebhookScrip(url: string, secret: string, hostHeader: string): void {
    perl(this.conf, join(REPO, 'scripts', 'helpdesk', 'install-rt-scrip.pl'), {
      ONTRACKIO_WEBHOOK_URL: url,
      ONTRACKIO_SIGNING_SECRET: secret,
      ONTRACKIO_HOST_HEADER: hostHeader
    });
  }

  /** A call to RT's REST 2.0 API as the agent (or another account). */
  async api(
    path: string,
    init: { method?: string; json?: unknown; as?: keyof RtTokens } = {}
  ): Promise<Response> {
    return fetch(`${this.baseUrl}/REST/2.0${path}`, {
      method: init.method ?? 'GET',
      headers: {
        authorization: `token ${this.tokens[init.as ?? 'agent']}`,
        ...(init.json === undefined ? {} : { 'content-type': 'application/json' })
      },
      body: init.json === undefined ? undefined : JSON.stringify(init.json)
    });
  }

  async json<T = Record<string, unknown>>(
    path: string,
    init: Parameters<RtServer['api']>[1] = {}
  ): Promise<T> {
    const res = await this.api(path, init);
    if (!res.ok) throw new Error(`RT ${init.method ?? 'GET'} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }
}
