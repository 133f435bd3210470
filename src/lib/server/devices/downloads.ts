// The "Download the endpoint agent" card reads the manifest that `npm run agent:build` writes next to
// the files it produced (static/downloads/agent/manifest.json, served as a static asset). Nothing here
// is typed in by hand: no manifest means no installers have been built for this deploy.
import * as z from 'zod';

export const MANIFEST_PATH = '/downloads/agent/manifest.json';

const manifestSchema = z.object({
  version: z.string(),
  builtAt: z.string(),
  files: z.array(
    z.object({
      label: z.string(),
      platform: z.string(),
      file: z.string(),
      bytes: z.number().int().nonnegative(),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
      /** Path under the workspace origin, or null when the file is too large to serve as a Worker asset. */
      href: z.string().nullable()
    })
  )
});
export type AgentDownloads = z.infer<typeof manifestSchema>;

export async function loadAgentDownloads(
  assets: Fetcher | undefined,
  origin: string
): Promise<AgentDownloads | null> {
  if (!assets) return null;
  try {
    const res = await assets.fetch(new URL(MANIFEST_PATH, origin));
    if (!res.ok) return null;
    const parsed = manifestSchema.safeParse(await res.json());
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
