// Search terms of the admin lists (people, hardware, maintenance, the audit log's actor and action,
// and their CSV exports, pages and API alike): one schema and one LIKE pattern builder.
//
// D1 refuses a LIKE pattern longer than 50 bytes ("LIKE or GLOB pattern too complex"), in production
// as in local workerd. So a term is measured by the pattern it becomes (UTF-8 bytes, with the two
// wildcards and the escapes added), at the boundary, and refused with a field message before any
// query runs. 48 plain letters fit; "é" takes 2 bytes, most other scripts 3, and % _ \ are escaped.
import * as z from 'zod';

export const LIKE_PATTERN_MAX_BYTES = 50;
export const SEARCH_TOO_LONG_MESSAGE =
  'Use a shorter search: up to 48 letters, fewer with accents, other scripts or symbols.';

const utf8 = new TextEncoder();

/** `%`, `_` and `\` stand for themselves: a search for "50%" means those characters. Use with ESCAPE '\'. */
export function escapeLike(term: string): string {
  return term.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** "contains term", for `lower(column) LIKE ? ESCAPE '\'`. */
export function likeContains(term: string): string {
  return `%${escapeLike(term.toLowerCase())}%`;
}

/** "starts with term, then a dot" (the audit log's action families: "request" → "request.approved"). */
export function likeDottedPrefix(term: string): string {
  return `${escapeLike(term)}.%`;
}

/** True when every pattern built from the term stays inside D1's limit. */
export function fitsLikePattern(term: string): boolean {
  return [likeContains(term), likeDottedPrefix(term)].every(
    (pattern) => utf8.encode(pattern).length <= LIKE_PATTERN_MAX_BYTES
  );
}

/** An optional search box: trimmed, "" or absent means no search, bounded by the LIKE pattern it makes. */
export const searchTermSchema = z.preprocess(
  (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : v.trim()) : v === null ? undefined : v),
  z.string({ error: 'Enter the search as text.' }).refine(fitsLikePattern, SEARCH_TOO_LONG_MESSAGE).optional()
);
