// What the bad-input sweeps need: every form action of the portal (read from the route files, so a
// new action is covered the day it is added), bodies that are not a form, and a fingerprint of a
// tenant database to show that nothing was written; redirect targets that must never leave the
// workspace.
import { ACME } from './helpers';

// The route sources as text, bundled at build time (no file system inside workerd).
const PAGE_SERVERS = import.meta.glob('../../src/routes/**/+page.server.ts', {
  query: '?raw',
  import: 'default',
  eager: true
}) as Record<string, string>;

/** A value for each route parameter that reaches the action (the guard answers before any lookup). */
const PARAM_VALUES: Record<string, string> = { 'kind=hwcatalog': 'models' };

export interface FormAction {
  /** Path and action query, e.g. "/my/hardware/x?/report" ("" for a default action). */
  url: string;
  route: string;
}

export function everyFormAction(): FormAction[] {
  const out: FormAction[] = [];
  for (const [file, source] of Object.entries(PAGE_SERVERS)) {
    const at = source.indexOf('export const actions');
    if (at < 0) continue;
    const route = file
      .replace(/^.*\/src\/routes/, '')
      .replace(/\/\+page\.server\.ts$/, '')
      .replace(/\/\([^)]+\)/g, '');
    const path =
      route.replace(/\[([^\]]+)\]/g, (_m, p: string) => PARAM_VALUES[p] ?? 'x0000000-probe') || '/';
    // Top-level keys of the actions object sit at two spaces of indentation (Prettier).
    const names = [...source.slice(at).matchAll(/^ {2}([A-Za-z]\w*)\s*[:(]/gm)].map((m) => m[1]);
    for (const name of names) out.push({ route, url: name === 'default' ? path : `${path}?/${name}` });
  }
  return out;
}

/** Bodies a form action cannot read: each is [content-type or null, body]. */
export const NON_FORM_BODIES: [string | null, string][] = [
  ['text/plain', 'theme=dark\r\nreason=probe'],
  ['application/json', '{"theme":"dark","reason":"probe"}'],
  ['multipart/form-data', '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--'],
  [
    'multipart/form-data; boundary=probe',
    '--probe\r\nContent-Disposition: form-data; name="a"\r\n\r\nunterminated'
  ],
  ['multipart/form-data; boundary=probe', 'not multipart at all'],
  ['application/xml', '<theme>dark</theme>'],
  [null, 'theme=dark']
];

/**
 * A fingerprint of every table of a tenant database (row count and a hash of the rows), to compare
 * before and after a sweep: equal means nothing was written.
 */
export async function fingerprint(db: D1Database): Promise<Record<string, string>> {
  const tables = await db
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name NOT LIKE 'd1_%'"
    )
    .all<{ name: string }>();
  const out: Record<string, string> = {};
  for (const { name } of tables.results) {
    const rows = await db.prepare(`SELECT * FROM "${name}"`).all();
    const text = JSON.stringify(rows.results);
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
    out[name] = `${rows.results.length}:${btoa(String.fromCharCode(...new Uint8Array(digest)))}`;
  }
  return out;
}

/** Targets that must never leave the workspace (decoded values, as a query parser hands them over). */
export const HOSTILE_TARGETS = [
  '/\t/evil.example',
  '/\r/evil.example',
  '/\n/evil.example',
  '/\r\nSet-Cookie: x=1',
  '\t//evil.example',
  '\\evil.example',
  '/\\evil.example',
  '\\/evil.example',
  '//evil.example',
  '///evil.example',
  '//evil.example/%2F..',
  '/.//evil.example',
  '/..//evil.example',
  '/a/..//evil.example',
  ' //evil.example',
  'https://evil.example/',
  'http:evil.example',
  '//acme.localhost:8787@evil.example',
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  '/\u0000/evil.example',
  '/\u0085/evil.example',
  'evil.example',
  `/${'a'.repeat(2000)}`
];

/** Raw query strings (encoded, double-encoded) for next= and back=, as a phishing link would carry. */
export const HOSTILE_QUERY_VALUES = [
  '/%09/evil.example',
  '/%0D/x',
  '/%0A/x',
  '%5Cevil.example',
  '/%5Cevil.example',
  '/%5C/evil.example',
  '%2F%2Fevil.example',
  '%2F%5Cevil.example',
  '/%2509/evil.example',
  '%252F%252Fevil.example',
  '%2F%09%2Fevil.example',
  'javascript%3Aalert(1)',
  '%E2%80%AE//evil.example'
];

/** A Location header stays on the workspace: a path of this origin, resolved the way a browser would. */
export function staysOnWorkspace(location: string | null, origin = ACME): boolean {
  if (location === null) return true;
  // Browsers strip tab/CR/LF and read "\" as "/" before resolving: do the same, then compare origins.
  const asBrowser = location.replace(/[\t\r\n]/g, '').replace(/\\/g, '/');
  const clean = [...location].every((ch) => ch.charCodeAt(0) > 0x1f && ch !== '\\');
  return clean && new URL(asBrowser, origin).origin === origin;
}
