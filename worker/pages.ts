// SvelteKit's server, called directly rather than through the adapter's generated _worker.js. The
// adapter's worker first looks every request up in the Cache API (caches.default.match) and would
// store cacheable responses there. No page here is cacheable: signed-in pages answer
// `private, no-store`, and the rest depend on the workspace, the cookie and the CSRF state. So the
// lookup was one storage round trip before every page that could never hit. Static files never
// reach this code: Workers Assets serves .svelte-kit/cloudflare (`/_app/immutable/*`, favicon,
// robots.txt) before the Worker runs; the ASSETS branch below covers the same cases as the adapter's.
// Assumes @sveltejs/adapter-cloudflare 7's build layout (output/server + cloudflare-tmp/manifest.js).
import { env as runtimeEnv } from 'cloudflare:workers';
import type { SSRManifest } from '@sveltejs/kit';
import { Server } from '../.svelte-kit/output/server/index.js';
import * as generated from '../.svelte-kit/cloudflare-tmp/manifest.js';

// Typed as SvelteKit declares them (the generated file's inferred literal types are narrower).
const manifest = generated.manifest as unknown as SSRManifest;
const prerendered = generated.prerendered as Set<string>;
const basePath = generated.base_path as string;

const server = new Server(manifest);
const immutable = `/${manifest.appPath}/immutable/`;
const versionFile = `/${manifest.appPath}/version.json`;
let origin: string | undefined;
const initialized = server.init({
  env: runtimeEnv as unknown as Record<string, string>,
  read: async (file: string) => {
    const res = await (runtimeEnv as Env).ASSETS.fetch(`${origin}/${file}`);
    if (!res.ok) throw new Error(`read(${file}) failed: ${res.status}`);
    return res.body as ReadableStream;
  }
});

function isStaticFile(pathname: string): boolean {
  let path = pathname;
  try {
    path = decodeURIComponent(pathname);
  } catch {
    // keep it as sent
  }
  const file = path.replace(/\/$/, '').slice(basePath.length + 1);
  return (
    (file !== '' && (manifest.assets.has(file) || manifest.assets.has(`${file}/index.html`))) ||
    prerendered.has(path) ||
    path === versionFile ||
    path.startsWith(immutable)
  );
}

export async function renderPage(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
  origin ??= new URL(request.url).origin;
  await initialized;
  const { pathname } = new URL(request.url);
  if (isStaticFile(pathname)) return env.ASSETS.fetch(request);
  return server.respond(request, {
    platform: { env, ctx, context: ctx, caches, cf: request.cf },
    getClientAddress: () => request.headers.get('cf-connecting-ip') as string
  });
}
