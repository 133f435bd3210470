// npm run agent:publish: puts the agent's release files and their manifest into the AGENT_RELEASES
// R2 bucket, where My device's "Download the endpoint agent" card finds them (docs/agent.md).
//
//   --persist-to DIR   the local state folder (default .wrangler/state, the one `npm run dev` uses)
//   --if-empty         do nothing when this version is already published there (`npm run dev` uses it)
//   --targets a,b      publish only these (node, linux, windows, macos; default all)
//   --rebuild          build again even when dist/agent/ holds this version's files
//   --remote           the real bucket (wrangler r2 object put --remote; add --env production)
//
// Files come from dist/agent/ (npm run agent:build), built first when missing or of another version.
// Each file is uploaded before the manifest, so the card never lists a file the bucket lacks; locally
// R2 checks every upload against the SHA-256 measured by the build.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AGENT_VERSION } from '../agent/src/version.ts';
import {
  AGENT_RELEASE_MANIFEST_KEY,
  MISSING_REASONS,
  PROMISED_INSTALLERS,
  agentReleaseKey,
  agentReleaseManifestSchema,
  type AgentReleaseManifest
} from '../src/lib/contracts/agent-release.ts';
import { DIST, DIST_BUILD_INFO, DIST_MANIFEST, parseTargets, type Target } from './agent-build/targets.ts';

const ROOT = join(import.meta.dirname, '..');
const BUCKET = 'ontrackio-agent-releases';
const OS_OF: Record<Target, string> = { node: 'any', linux: 'linux', windows: 'windows', macos: 'macos' };

const argv = process.argv.slice(2);
const option = (name: string) => (argv.includes(name) ? (argv[argv.indexOf(name) + 1] ?? null) : null);
const targets = parseTargets(argv);
const persistTo = option('--persist-to') ?? join(ROOT, '.wrangler', 'state');
const remote = argv.includes('--remote');
const env = option('--env');

/** dist/agent/'s manifest when it is this version, was built for at least these targets, and is whole. */
function reusableBuild(): AgentReleaseManifest | null {
  if (argv.includes('--rebuild') || !existsSync(DIST_MANIFEST) || !existsSync(DIST_BUILD_INFO)) return null;
  const parsed = agentReleaseManifestSchema.safeParse(JSON.parse(readFileSync(DIST_MANIFEST, 'utf8')));
  const built: string[] = JSON.parse(readFileSync(DIST_BUILD_INFO, 'utf8')).targets ?? [];
  if (!parsed.success || parsed.data.version !== AGENT_VERSION) return null;
  if (!targets.every((t) => built.includes(t))) return null;
  const whole = parsed.data.files.every(
    (f) => existsSync(join(DIST, f.name)) && statSync(join(DIST, f.name)).size === f.bytes
  );
  return whole ? parsed.data : null;
}

/** The release as published: only the requested targets' files; promised installers not among them are missing. */
function releaseFor(build: AgentReleaseManifest): AgentReleaseManifest {
  const files = build.files.filter((f) => targets.some((t) => OS_OF[t] === f.os));
  const missing = PROMISED_INSTALLERS.filter((p) => !files.some((f) => f.os === p.os)).map((p) => ({
    os: p.os,
    label: p.label,
    reason: MISSING_REASONS.notBuilt
  }));
  return { ...build, publishedAt: Date.now(), files, missing };
}

function contentDisposition(name: string): string {
  return `attachment; filename="${name}"`;
}

type LocalBucket = { bucket: R2Bucket; dispose: () => Promise<void> };

/**
 * The bucket in the local state folder through wrangler's platform proxy: the same files `wrangler dev`
 * reads (R2 data is keyed by bucket name), with a configuration of this one binding so that nothing
 * else (databases, Durable Objects) starts.
 */
async function openLocalBucket(): Promise<LocalBucket> {
  const dir = mkdtempSync(join(tmpdir(), 'ontrackio-publish-'));
  const config = join(dir, 'wrangler.toml');
  writeFileSync(
    config,
    `name = "ontrackio-agent-publish"\ncompatibility_date = "2026-09-01"\n` +
      `[[r2_buckets]]\nbinding = "AGENT_RELEASES"\nbucket_name = "${BUCKET}"\n`
  );
  const { getPlatformProxy } = await import('wrangler');
  const proxy = await getPlatformProxy<{ AGENT_RELEASES: R2Bucket }>({
    configPath: config,
    persist: { path: join(persistTo, 'v3') }
  });
  return {
    bucket: proxy.env.AGENT_RELEASES,
    dispose: async () => {
      await proxy.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

/**
 * Written beside the local state after a publish: lets `--if-empty` answer without starting workerd.
 * It lives in the same folder as the R2 data, so `npm run dev:reset` removes both.
 */
const MARKER = join(persistTo, 'agent-release-published.json');
const publishedHere = () =>
  existsSync(MARKER) && JSON.parse(readFileSync(MARKER, 'utf8')).version === AGENT_VERSION;

async function publishLocally(bucket: R2Bucket, release: AgentReleaseManifest): Promise<void> {
  for (const f of release.files) {
    const started = Date.now();
    await bucket.put(agentReleaseKey(f.version, f.name), readFileSync(join(DIST, f.name)), {
      sha256: f.sha256, // R2 refuses the upload if the bytes do not hash to this
      httpMetadata: { contentType: f.contentType, contentDisposition: contentDisposition(f.name) },
      customMetadata: { sha256: f.sha256 }
    });
    console.log(`  uploaded ${f.name} (${f.bytes} bytes, ${Date.now() - started} ms)`);
  }
  await bucket.put(AGENT_RELEASE_MANIFEST_KEY, JSON.stringify(release), {
    httpMetadata: { contentType: 'application/json' }
  });
  // Earlier versions' files are no longer listed: drop them so local state does not grow.
  const keep = new Set([
    AGENT_RELEASE_MANIFEST_KEY,
    ...release.files.map((f) => agentReleaseKey(f.version, f.name))
  ]);
  const listed = await bucket.list({ prefix: 'releases/' });
  const stale = listed.objects.map((o) => o.key).filter((k) => !keep.has(k));
  if (stale.length) await bucket.delete(stale);
  writeFileSync(
    MARKER,
    JSON.stringify({ version: release.version, files: release.files.map((f) => f.name) }) + '\n'
  );
}

function publishRemotely(release: AgentReleaseManifest): void {
  const wrangler = (args: string[]) =>
    execFileSync(process.execPath, [join(ROOT, 'node_modules', 'wrangler', 'bin', 'wrangler.js'), ...args], {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false' }
    });
  const envArgs = env ? ['--env', env] : [];
  for (const f of release.files) {
    wrangler([
      'r2', 'object', 'put', `${BUCKET}/${agentReleaseKey(f.version, f.name)}`, '--file', join(DIST, f.name),
      '--content-type', f.contentType, '--content-disposition', contentDisposition(f.name), '--remote', ...envArgs
    ]); // prettier-ignore
  }
  const manifestFile = join(DIST, 'release.json');
  writeFileSync(manifestFile, JSON.stringify(release));
  wrangler([
    'r2', 'object', 'put', `${BUCKET}/${AGENT_RELEASE_MANIFEST_KEY}`, '--file', manifestFile,
    '--content-type', 'application/json', '--remote', ...envArgs
  ]); // prettier-ignore
}

const started = Date.now();
if (!remote && argv.includes('--if-empty') && publishedHere()) {
  console.log(
    `agent ${AGENT_VERSION} is already published in ${persistTo} (npm run agent:publish replaces it)`
  );
  process.exit(0);
}
let build = reusableBuild();
if (build) console.log(`agent ${AGENT_VERSION}: reusing the files in ${DIST}`);
else {
  console.log(`agent ${AGENT_VERSION}: building ${targets.join(', ')}`);
  build = await (await import('./agent-build.ts')).buildAgentRelease(targets);
}
const release = releaseFor(build);
if (remote) publishRemotely(release);
else {
  const local = await openLocalBucket();
  try {
    await publishLocally(local.bucket, release);
  } finally {
    await local.dispose();
  }
}
for (const m of release.missing) console.warn(`  not published: ${m.label} (the build log above says why)`);
console.log(
  `agent ${AGENT_VERSION}: ${release.files.length} file(s) published to ${remote ? `${BUCKET} (remote)` : persistTo} in ${Date.now() - started} ms`
);
