// The agent's side of /agent/v1/*. Every call carries the device credential as a bearer token (never
// logged). Errors come back as AgentApiError with the portal's { error: { code, message } }.
import type {
  DeviceFacts,
  Enrolment,
  HandshakeStarted,
  Report,
  DeviceStatus
} from '../../../src/lib/contracts/agent.ts';
import { AGENT_VERSION } from '../version.ts';
import { requestJson } from './http.ts';

/** The response schemas (zod) are loaded only by the commands that read answers (pair, status). */
const schemas = () => import('../../../src/lib/contracts/agent.ts');

export class AgentApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly retryAfterSeconds: number | null;
  constructor(status: number, code: string, message: string, retryAfterSeconds: number | null = null) {
    super(message);
    this.status = status;
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
  }
  get unauthorized(): boolean {
    return this.status === 401;
  }
}

export interface ApiClientOptions {
  workspaceUrl: string;
  credential?: string;
  timeoutMs?: number;
}

export class AgentApi {
  private readonly opts: ApiClientOptions;
  constructor(opts: ApiClientOptions) {
    this.opts = opts;
  }

  private url(path: string): string {
    return new URL(`/agent/v1${path}`, this.opts.workspaceUrl).toString();
  }

  private async call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
    const headers: Record<string, string> = {
      accept: 'application/json',
      'user-agent': `ontrackio-agent/${AGENT_VERSION}`
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.opts.credential) headers.authorization = `Bearer ${this.opts.credential}`;
    let res;
    try {
      res = await requestJson(method, this.url(path), {
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        timeoutMs: this.opts.timeoutMs ?? 30_000
      });
    } catch (err) {
      throw new AgentApiError(
        0,
        'network',
        `Can't reach ${new URL(this.opts.workspaceUrl).host}: ${(err as Error).message}`
      );
    }
    const text = res.text;
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      // not JSON (a proxy's error page)
    }
    if (res.status < 200 || res.status > 299) {
      const e = (
        json as { error?: { code?: string; message?: string; fields?: Record<string, string[]> } } | null
      )?.error;
      const retry = Number(res.headers['retry-after']);
      throw new AgentApiError(
        res.status,
        e?.code ?? 'http_error',
        e?.message ?? `The portal answered ${res.status}.`,
        Number.isFinite(retry) && retry > 0 ? retry : null
      );
    }
    return json;
  }

  async startPairing(facts: DeviceFacts): Promise<HandshakeStarted> {
    return (await schemas()).handshakeStartedSchema.parse(await this.call('POST', '/pairings', { facts }));
  }

  async enrolWithCode(code: string, facts: DeviceFacts): Promise<Enrolment> {
    return (await schemas()).enrolmentSchema.parse(await this.call('POST', '/enrol', { code, facts }));
  }

  async device(): Promise<DeviceStatus> {
    return (await schemas()).deviceStatusSchema.parse(await this.call('GET', '/device'));
  }

  async heartbeat(): Promise<{ lastSeenAt: number }> {
    return (await this.call('POST', '/heartbeat', { agentVersion: AGENT_VERSION })) as { lastSeenAt: number };
  }

  async sendReport(report: Report): Promise<{ applied: boolean; softwareCount?: number; reason?: string }> {
    return (await this.call('POST', '/reports', report)) as {
      applied: boolean;
      softwareCount?: number;
      reason?: string;
    };
  }
}
