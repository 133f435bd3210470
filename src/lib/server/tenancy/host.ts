// Host → workspace slug. Pure: the only input is the request's hostname and the configured APP_HOST.
//   APP_HOST = "localhost":         acme.localhost → "acme";  localhost, app.localhost → central
//   APP_HOST = "app.ontrackio.com": acme.app.ontrackio.com → "acme";  app.ontrackio.com → central

export const RESERVED_SLUGS = [
  'app',
  'www',
  'api',
  'admin',
  'mail',
  'static',
  'assets',
  'status',
  'help',
  'docs'
] as const;

// A workspace slug is one lowercase DNS label, 2-40 characters.
export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])$/;

export type HostKind = { kind: 'central' } | { kind: 'workspace'; slug: string } | { kind: 'foreign' };

export function classifyHost(hostname: string, appHost: string): HostKind {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  const base = appHost.toLowerCase();
  if (host === base || host === `app.${base}` || host === `www.${base}`) return { kind: 'central' };
  if (!host.endsWith(`.${base}`)) return { kind: 'foreign' };
  const label = host.slice(0, -(base.length + 1));
  if (label.includes('.') || !SLUG_PATTERN.test(label)) return { kind: 'foreign' };
  if ((RESERVED_SLUGS as readonly string[]).includes(label)) return { kind: 'central' };
  return { kind: 'workspace', slug: label };
}

export function isValidWorkspaceSlug(slug: string): boolean {
  return SLUG_PATTERN.test(slug) && !(RESERVED_SLUGS as readonly string[]).includes(slug);
}

/** The URL of a workspace, on the same scheme and port as the current request. */
export function workspaceUrl(slug: string, current: URL, appHost: string): string {
  const port = current.port ? `:${current.port}` : '';
  return `${current.protocol}//${slug}.${appHost}${port}/`;
}
