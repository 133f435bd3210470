// The "Download the endpoint agent" card and its downloads. `npm run agent:publish` puts the release
// files and their manifest (sizes and SHA-256 measured from the bytes) into the AGENT_RELEASES R2
// bucket; nothing here is typed in by hand. Releases are the same for every workspace; who may
// download is decided by the caller (a signed-in member of the workspace: the route).
import {
  AGENT_RELEASE_MANIFEST_KEY,
  MISSING_REASONS,
  PROMISED_INSTALLERS,
  agentReleaseFileNameSchema,
  agentReleaseKey,
  agentReleaseManifestSchema,
  type AgentDownloads,
  type AgentReleaseManifest
} from '$lib/contracts/agent-release';
import { parseByteRange } from '../http/byte-range';

export const DOWNLOAD_PATH = '/my/agent/downloads';

const OS_ORDER = ['macos', 'windows', 'linux', 'any'];

async function readManifest(bucket: R2Bucket): Promise<AgentReleaseManifest | null> {
  const object = await bucket.get(AGENT_RELEASE_MANIFEST_KEY);
  if (!object) return null;
  try {
    const parsed = agentReleaseManifestSchema.safeParse(await object.json());
    return parsed.success ? parsed.data : null;
  } catch {
    return null; // not JSON: treated as nothing published
  }
}

/**
 * What the card shows: every published file that is really in the bucket (checked with a HEAD each),
 * and every promised installer that is not, with the reason in words for an employee. Null when
 * nothing has been published.
 */
export async function loadAgentDownloads(bucket: R2Bucket | undefined): Promise<AgentDownloads | null> {
  if (!bucket) return null;
  const manifest = await readManifest(bucket);
  if (!manifest) return null;
  const present = await Promise.all(
    manifest.files.map(async (f) => (await bucket.head(agentReleaseKey(f.version, f.name))) !== null)
  );
  const files = manifest.files
    .filter((_, i) => present[i])
    .map((f) => ({ ...f, href: `${DOWNLOAD_PATH}/${encodeURIComponent(f.name)}` }))
    .sort((a, b) => OS_ORDER.indexOf(a.os) - OS_ORDER.indexOf(b.os));
  const lost = manifest.files
    .filter((_, i) => !present[i])
    .map((f) => ({ os: f.os, label: f.label, reason: MISSING_REASONS.lost }));
  const missing = [...manifest.missing, ...lost].filter(
    (m, i, all) => !files.some((f) => f.os === m.os) && all.findIndex((x) => x.label === m.label) === i
  );
  // A promised installer that the manifest neither lists nor explains is missing too.
  for (const p of PROMISED_INSTALLERS)
    if (!files.some((f) => f.os === p.os) && !missing.some((m) => m.os === p.os))
      missing.push({ os: p.os, label: p.label, reason: MISSING_REASONS.notBuilt });
  missing.sort((a, b) => OS_ORDER.indexOf(a.os) - OS_ORDER.indexOf(b.os));
  return { version: manifest.version, files, missing };
}

/**
 * One release file, streamed from R2: Content-Length, ETag, Content-Disposition, and single byte
 * ranges (206; 416 past the end; If-Range with a different ETag sends the whole file). Only names
 * listed in the published manifest are served; the R2 key comes from the manifest, never from the URL.
 * Null when there is no such file (the route answers 404).
 */
export async function serveAgentDownload(
  bucket: R2Bucket | undefined,
  rawName: string,
  request: Request
): Promise<Response | null> {
  const name = agentReleaseFileNameSchema.safeParse(rawName);
  if (!bucket || !name.success) return null;
  const manifest = await readManifest(bucket);
  const entry = manifest?.files.find((f) => f.name === name.data);
  if (!entry) return null;
  const key = agentReleaseKey(entry.version, entry.name);
  const head = await bucket.head(key);
  if (!head) return null;

  const headers = new Headers({
    'content-type': entry.contentType,
    'content-disposition': `attachment; filename="${entry.name}"`,
    etag: head.httpEtag,
    'accept-ranges': 'bytes',
    // Private (members only); a browser may keep it but must check the ETag before reusing it.
    'cache-control': 'private, no-cache'
  });
  const ifNoneMatch = request.headers.get('if-none-match');
  if (ifNoneMatch && ifNoneMatch.split(',').some((t) => t.trim() === head.httpEtag || t.trim() === '*'))
    return new Response(null, { status: 304, headers });

  const ifRange = request.headers.get('if-range');
  const rangeHeader = ifRange && ifRange.trim() !== head.httpEtag ? null : request.headers.get('range');
  const range = parseByteRange(rangeHeader, head.size);
  if (range.kind === 'unsatisfiable') {
    headers.set('content-range', `bytes */${head.size}`);
    headers.delete('content-disposition');
    return new Response(null, { status: 416, headers });
  }
  const isHead = request.method === 'HEAD';
  if (range.kind === 'full') {
    headers.set('content-length', String(head.size));
    if (isHead) return new Response(null, { status: 200, headers });
    const object = await bucket.get(key);
    if (!object) return null;
    return new Response(object.body, { status: 200, headers });
  }
  const length = range.end - range.start + 1;
  headers.set('content-length', String(length));
  headers.set('content-range', `bytes ${range.start}-${range.end}/${head.size}`);
  if (isHead) return new Response(null, { status: 206, headers });
  const object = await bucket.get(key, { range: { offset: range.start, length } });
  if (!object) return null;
  return new Response(object.body, { status: 206, headers });
}
