/** A safe download name: ontrackio-acme-ada-2026-11-22.json (or .zip); only [a-z0-9-] from user data. */
export function exportFileName(
  slug: string,
  email: string,
  now = Date.now(),
  ext: 'json' | 'zip' = 'json'
): string {
  const local =
    email
      .split('@')[0]!
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .slice(0, 40) || 'me';
  return `ontrackio-${slug}-${local}-${new Date(now).toISOString().slice(0, 10)}.${ext}`;
}
