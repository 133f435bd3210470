// The agent's release manifest: what `npm run agent:publish` uploads to the AGENT_RELEASES bucket next to
// the files, and what My device's "Download the endpoint agent" card reads. Every size and SHA-256 is
// measured from the bytes by the build (scripts/agent-build), never typed in. Imports only zod.
import * as z from 'zod';

/** The manifest's key in the bucket; release files live under `releases/<version>/<name>`. */
export const AGENT_RELEASE_MANIFEST_KEY = 'releases/manifest.json';

export function agentReleaseKey(version: string, name: string): string {
  return `releases/${version}/${name}`;
}

/** A file name as it appears in the download URL: no path separators, no dot-files. */
export const agentReleaseFileNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/, 'Not a release file name.');

export const agentReleaseOsSchema = z.enum(['macos', 'windows', 'linux', 'any']);
export type AgentReleaseOs = z.infer<typeof agentReleaseOsSchema>;

export const agentReleaseFileSchema = z.object({
  /** File name, also the last segment of /my/agent/downloads/<name>. */
  name: agentReleaseFileNameSchema,
  /** What an employee reads on the card: "macOS installer (.pkg)". */
  label: z.string().min(1).max(120),
  os: agentReleaseOsSchema,
  /** "universal" (Apple silicon and Intel), "x64", or "any". */
  arch: z.enum(['universal', 'x64', 'arm64', 'any']),
  version: z.string().min(1).max(40),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  contentType: z.string().min(1).max(100)
});
export type AgentReleaseFile = z.infer<typeof agentReleaseFileSchema>;

/** An installer the card promises (seed 001: macOS .pkg, Windows .msi) that this release lacks. */
export const agentReleaseMissingSchema = z.object({
  label: z.string().min(1).max(120),
  os: agentReleaseOsSchema,
  /** One sentence for an employee: why it is not here and what to do. */
  reason: z.string().min(1).max(300)
});
export type AgentReleaseMissing = z.infer<typeof agentReleaseMissingSchema>;

export const agentReleaseManifestSchema = z.object({
  version: z.string().min(1).max(40),
  publishedAt: z.number().int(),
  files: z.array(agentReleaseFileSchema).max(20),
  missing: z.array(agentReleaseMissingSchema).max(20)
});
export type AgentReleaseManifest = z.infer<typeof agentReleaseManifestSchema>;

/** What My device's download card shows (src/lib/server/devices/downloads.ts builds it). */
export interface AgentDownloads {
  version: string;
  files: Array<AgentReleaseFile & { href: string }>;
  missing: AgentReleaseMissing[];
}

/** The installers the card always accounts for (seed 001), in the order it shows them. */
export const PROMISED_INSTALLERS = [
  { os: 'macos', label: 'macOS installer (.pkg)' },
  { os: 'windows', label: 'Windows installer (.msi)' }
] as const satisfies ReadonlyArray<{ os: AgentReleaseOs; label: string }>;

/** Why a promised installer is absent, in words for an employee (the technical cause is in the build log). */
export const MISSING_REASONS = {
  notBuilt:
    'It was not produced when this version was published, so the portal cannot offer it. Ask your IT team for it.',
  lost: 'The file is missing from the download store. Ask your IT team to publish it again.'
} as const;
