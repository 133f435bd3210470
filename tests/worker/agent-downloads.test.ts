// The "Download the endpoint agent" card and its downloads from R2 (the AGENT_RELEASES bucket, local R2
// inside workerd): the listed SHA-256 matches the bytes served, ranges (206/416), conditional requests,
// members only, and the card's words for an installer that is missing.
import { beforeAll, describe, expect, it } from 'vitest';
import { env } from 'cloudflare:workers';
import { ACME, GLOBEX, cookieFor as signedIn, get as getWithCookie } from './helpers';
import { unpairDirectly } from './helpers-agent';
import {
  AGENT_RELEASE_MANIFEST_KEY,
  MISSING_REASONS,
  agentReleaseKey,
  type AgentReleaseManifest
} from '../../src/lib/contracts/agent-release';

const VERSION = '9.9.9-test';
const PKG = `ontrackio-agent-${VERSION}-macos.pkg`;
const GONE = `ontrackio-agent-${VERSION}-linux-x64`;
const pkgBytes: Uint8Array<ArrayBuffer> = Uint8Array.from(
  { length: 70_000 },
  (_, i) => (i * 7919 + (i >> 8)) & 0xff
);

async function sha256Hex(bytes: ArrayBuffer | Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

const decodeEntities = (html: string) => html.replace(/&amp;/g, '&').replace(/&#39;/g, "'");

let cookie: string;
let pkgSha: string;

beforeAll(async () => {
  pkgSha = await sha256Hex(pkgBytes);
  // What `npm run agent:publish` writes: each file (R2 checks the SHA-256), then the manifest. The Linux
  // file is listed but never uploaded (a store that lost it); no Windows .msi was built.
  await env.AGENT_RELEASES.put(agentReleaseKey(VERSION, PKG), pkgBytes, {
    sha256: pkgSha,
    httpMetadata: { contentType: 'application/octet-stream' }
  });
  const manifest: AgentReleaseManifest = {
    version: VERSION,
    publishedAt: Date.now(),
    files: [
      {
        name: PKG,
        label: 'macOS installer (.pkg)',
        os: 'macos',
        arch: 'universal',
        version: VERSION,
        bytes: pkgBytes.length,
        sha256: pkgSha,
        contentType: 'application/octet-stream'
      },
      {
        name: GONE,
        label: 'Linux program (x64)',
        os: 'linux',
        arch: 'x64',
        version: VERSION,
        bytes: 10,
        sha256: 'a'.repeat(64),
        contentType: 'application/octet-stream'
      }
    ],
    missing: [{ os: 'windows', label: 'Windows installer (.msi)', reason: MISSING_REASONS.notBuilt }]
  };
  await env.AGENT_RELEASES.put(AGENT_RELEASE_MANIFEST_KEY, JSON.stringify(manifest));
  await unpairDirectly(ACME, 'grace@acme.example');
  cookie = await signedIn(ACME, 'grace@acme.example');
});

const download = (name: string, headers: Record<string, string> = {}, method = 'GET') =>
  getWithCookie(`${ACME}/my/agent/downloads/${name}`, cookie, { headers, method });

describe('the Download the endpoint agent card', () => {
  it('lists the published installer with version, size and SHA-256, and says which are missing and why', async () => {
    const html = decodeEntities(await (await getWithCookie(`${ACME}/my/agent`, cookie)).text());
    expect(html).toContain('Download the endpoint agent');
    expect(html).toContain(`href="/my/agent/downloads/${PKG}"`);
    expect(html).toContain('macOS installer (.pkg)');
    expect(html).toContain(`Version ${VERSION} · 68.4 KB · Apple silicon and Intel Macs`);
    expect(html).toContain(`SHA-256 ${pkgSha}`);
    // Built but absent from the store, and never built: both named, with the reason.
    expect(html).toMatch(/Windows installer \(\.msi\)[\s\S]*Not available here[\s\S]*It was not produced/);
    expect(html).toMatch(/Linux program \(x64\)[\s\S]*The file is missing from the download store/);
    expect(html).not.toContain(`/my/agent/downloads/${GONE}`);
  });

  it('serves the file whose SHA-256 the card shows, with length, ETag and a download name', async () => {
    const res = await download(PKG);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe(String(pkgBytes.length));
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${PKG}"`);
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    expect(res.headers.get('etag')).toMatch(/^"[0-9a-f]+"$/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await sha256Hex(await res.arrayBuffer())).toBe(pkgSha);
    const head = await download(PKG, {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(pkgBytes.length));
  });

  it('answers byte ranges with 206 and an unsatisfiable one with 416', async () => {
    const first = await download(PKG, { range: 'bytes=0-99' });
    expect(first.status).toBe(206);
    expect(first.headers.get('content-range')).toBe(`bytes 0-99/${pkgBytes.length}`);
    expect(first.headers.get('content-length')).toBe('100');
    expect(new Uint8Array(await first.arrayBuffer())).toEqual(pkgBytes.slice(0, 100));

    const tail = await download(PKG, { range: 'bytes=-10' });
    expect(tail.status).toBe(206);
    expect(new Uint8Array(await tail.arrayBuffer())).toEqual(pkgBytes.slice(-10));

    // Resuming: the rest from an offset, the end clamped to the file.
    const rest = await download(PKG, { range: `bytes=69990-99999999` });
    expect(rest.headers.get('content-range')).toBe(`bytes 69990-69999/${pkgBytes.length}`);
    expect(new Uint8Array(await rest.arrayBuffer())).toEqual(pkgBytes.slice(69990));

    const past = await download(PKG, { range: `bytes=${pkgBytes.length}-` });
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe(`bytes */${pkgBytes.length}`);

    // Several ranges, another unit, or a range for an older ETag: the whole file.
    for (const headers of [
      { range: 'bytes=0-1,5-6' } as Record<string, string>,
      { range: 'items=0-1' },
      { range: 'bytes=0-1', 'if-range': '"stale"' }
    ]) {
      const whole = await download(PKG, headers);
      expect(whole.status).toBe(200);
      expect(await sha256Hex(await whole.arrayBuffer())).toBe(pkgSha);
    }
  });

  it('answers 304 when the browser already has this ETag', async () => {
    const etag = (await download(PKG, {}, 'HEAD')).headers.get('etag')!;
    expect((await download(PKG, { 'if-none-match': etag })).status).toBe(304);
  });

  it('serves only files of the published manifest, and only to a signed-in member of the workspace', async () => {
    expect((await download(GONE)).status).toBe(404);
    expect((await download('ontrackio-agent-0.0.1.cjs')).status).toBe(404);
    expect((await download('..%2Fmanifest.json')).status).toBe(404);
    expect((await download('manifest.json')).status).toBe(404);

    const anonymous = await getWithCookie(`${ACME}/my/agent/downloads/${PKG}`, null);
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toBe(
      `/login?next=${encodeURIComponent(`/my/agent/downloads/${PKG}`)}`
    );

    // Another workspace's session is not a session here.
    const globex = await signedIn(GLOBEX, 'hank@globex.example');
    const foreign = await getWithCookie(`${ACME}/my/agent/downloads/${PKG}`, globex);
    expect(foreign.status).toBe(303);
  });
});
