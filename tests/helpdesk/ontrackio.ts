// The product as the help-desk tests use it: only its public surface (the JSON API, the settings page's
// form actions and pages, the cron endpoint wrangler dev exposes with --test-scheduled). Node's resolver
// does not know *.localhost, so connections go to loopback with the workspace's Host (RFC 6761).
import { Agent, fetch as undiciFetch } from 'undici';
import { inject } from 'vitest';
import { loopbackAwareLookup } from '../../agent/src/client/loopback';

const dispatcher = new Agent({ connect: { lookup: loopbackAwareLookup as never } });
export const PASSWORD = 'demo-password-2026';

export function port(): number {
  return inject('helpdeskPort');
}
export function origin(slug = 'acme'): string {
  return `http://${slug}.localhost:${port()}`;
}

export async function http(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {}
) {
  return undiciFetch(url, { ...init, dispatcher, redirect: 'manual' });
}

export class Session {
  private constructor(
    readonly slug: string,
    readonly cookie: string
  ) {}

  static async signIn(email: string, slug = 'acme'): Promise<Session> {
    const res = await http(`${origin(slug)}/api/v1/auth/sign-in`, {
      method: 'POST',
      headers: {
        origin: origin(slug),
        'content-type': 'application/json',
        'cf-connecting-ip': `203.0.113.${Math.floor(Math.random() * 250)}`
      },
      body: JSON.stringify({ email, password: PASSWORD })
    });
    const cookie = res.headers
      .getSetCookie()
      .map((c) => /^(ontrackio_session=[^;]+)/.exec(c)?.[1])
      .find(Boolean);
    if (!cookie) throw new Error(`sign-in of ${email} failed: ${res.status} ${await res.text()}`);
    return new Session(slug, cookie);
  }

  async api<T = Record<string, unknown>>(
    path: string,
    json?: unknown,
    method = json === undefined ? 'GET' : 'POST'
  ): Promise<T> {
    const res = await http(`${origin(this.slug)}/api/v1${path}`, {
      method,
      headers: {
        cookie: this.cookie,
        origin: origin(this.slug),
        ...(json === undefined ? {} : { 'content-type': 'application/json' })
      },
      body: json === undefined ? undefined : JSON.stringify(json)
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : {}) as T;
  }

  /** A page's form action, posted as a browser without JavaScript would. */
  async form(path: string, fields: Record<string, string>) {
    const res = await http(`${origin(this.slug)}${path}`, {
      method: 'POST',
      headers: {
        cookie: this.cookie,
        origin: origin(this.slug),
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'text/html'
      },
      body: new URLSearchParams(fields).toString()
    });
    return { status: res.status, html: await res.text() };
  }

  async page(path: string): Promise<string> {
    const res = await http(`${origin(this.slug)}${path}`, {
      headers: { cookie: this.cookie, accept: 'text/html' }
    });
    if (res.status !== 200) throw new Error(`GET ${path}: ${res.status}`);
    return res.text();
  }
}

/** Runs the 2-minute cron now (outbox wake-up + help-desk pull); resolves when the job has finished. */
export async function runSyncCron(): Promise<void> {
  const res = await http(`http://127.0.0.1:${port()}/__scheduled?cron=${encodeURIComponent('*/2 * * * *')}`);
  if (!res.ok) throw new Error(`cron: ${res.status} ${await res.text()}`);
}

/** Polls until `check` returns a value (not undefined/false), or fails after `ms`. Not a timing assertion. */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined | false>,
  ms = 60_000
): Promise<T> {
  const deadline = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v !== undefined && v !== false) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 400));
  }
}
