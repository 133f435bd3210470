// Issue 17 (probe) and issue 12 §4: D1 caps a LIKE pattern at 50 bytes. Every list that searches bounds
// its term by the pattern it makes (one schema, contracts/search.ts), with a field message, on the
// page, its CSV export and the API alike; the escaping is written once.
import { describe, expect, it } from 'vitest';
import { ACME, fetchWorker, cookieFor } from './helpers';
import {
  LIKE_PATTERN_MAX_BYTES,
  SEARCH_TOO_LONG_MESSAGE,
  fitsLikePattern,
  likeContains,
  likeDottedPrefix
} from '../../src/lib/contracts/search';

const API_SEARCHES = [
  (t: string) => `/api/v1/admin/people?q=${t}`,
  (t: string) => `/api/v1/admin/hardware?q=${t}`,
  (t: string) => `/api/v1/admin/hardware.csv?q=${t}`,
  (t: string) => `/api/v1/admin/maintenance?q=${t}`,
  (t: string) => `/api/v1/admin/audit?actor=${t}`,
  (t: string) => `/api/v1/admin/audit?action=${t}`,
  (t: string) => `/api/v1/admin/audit.csv?actor=${t}`,
  (t: string) => `/api/v1/admin/audit.csv?action=${t}`
];
const PAGE_SEARCHES = [
  ['/admin/people?q=', 'q-error'],
  ['/admin/hardware?q=', 'h-q-error'],
  ['/admin/maintenance?q=', 'f-q-error'],
  ['/admin/audit?actor=', 'a-actor-error'],
  ['/admin/audit?action=', 'a-action-error']
] as const;
const EXPORTS = [
  (t: string) => `/admin/hardware/export?q=${t}`,
  (t: string) => `/admin/audit/export?actor=${t}`
];

const bytes = (s: string) => new TextEncoder().encode(s).length;

describe('the bound', () => {
  it('is the pattern D1 gets: 48 plain letters, 24 two-byte letters, 24 escaped wildcards', () => {
    expect(fitsLikePattern('a'.repeat(48))).toBe(true);
    expect(fitsLikePattern('a'.repeat(49))).toBe(false);
    expect(fitsLikePattern('é'.repeat(24))).toBe(true);
    expect(fitsLikePattern('é'.repeat(25))).toBe(false);
    expect(fitsLikePattern('%'.repeat(24))).toBe(true);
    expect(fitsLikePattern('%'.repeat(25))).toBe(false);
    // A letter whose lower case is longer in UTF-8 ("İ" → "i̇") is measured after lowering.
    expect(fitsLikePattern('İ'.repeat(16))).toBe(true);
    expect(fitsLikePattern('İ'.repeat(17))).toBe(false);
    for (const term of ['a'.repeat(48), 'é'.repeat(24), '%_\\'.repeat(8)]) {
      expect(bytes(likeContains(term))).toBeLessThanOrEqual(LIKE_PATTERN_MAX_BYTES);
      expect(bytes(likeDottedPrefix(term))).toBeLessThanOrEqual(LIKE_PATTERN_MAX_BYTES);
    }
    expect(likeContains('50%_a\\b')).toBe('%50\\%\\_a\\\\b%');
    expect(likeDottedPrefix('request')).toBe('request.%');
  });
});

describe('every list that searches', () => {
  it('answers a term at the limit, on the API', async () => {
    const admin = await cookieFor(ACME, 'admin@acme.example');
    for (const term of ['a'.repeat(48), 'é'.repeat(24), '%'.repeat(24)]) {
      for (const path of API_SEARCHES) {
        const res = await fetchWorker(`${ACME}${path(encodeURIComponent(term))}`, {
          headers: { cookie: admin }
        });
        expect(res.status, path('…')).toBe(200);
        await res.body?.cancel();
      }
    }
  });

  it('refuses a longer term on the API with a field message (400), not a 500', async () => {
    const admin = await cookieFor(ACME, 'admin@acme.example');
    for (const term of ['a'.repeat(49), 'é'.repeat(25), '%'.repeat(25), 'x'.repeat(10_000)]) {
      for (const path of API_SEARCHES) {
        const url = path(encodeURIComponent(term));
        const res = await fetchWorker(`${ACME}${url}`, { headers: { cookie: admin } });
        expect(res.status, path('…')).toBe(400);
        const field = new URL(url, ACME).searchParams.keys().next().value as string;
        expect(await res.json()).toMatchObject({
          error: { code: 'validation_failed', fields: { [field]: [SEARCH_TOO_LONG_MESSAGE] } }
        });
      }
    }
  });

  it('shows the message beside the search box on the page, keeps what was typed and the other filters', async () => {
    const admin = await cookieFor(ACME, 'admin@acme.example');
    const term = 'é'.repeat(25);
    for (const [path, errorId] of PAGE_SEARCHES) {
      const res = await fetchWorker(`${ACME}${path}${encodeURIComponent(term)}`, {
        headers: { cookie: admin, accept: 'text/html' }
      });
      expect(res.status, path).toBe(200);
      const html = await res.text();
      expect(html, path).toContain(`id="${errorId}">${SEARCH_TOO_LONG_MESSAGE}`);
      expect(html, path).toContain(`value="${term}"`);
      expect(html, path).toContain(`aria-describedby="${errorId}"`);
    }
    // The status filter still applies while the search is refused.
    const res = await fetchWorker(`${ACME}/admin/hardware?status=lost&q=${'x'.repeat(60)}`, {
      headers: { cookie: admin, accept: 'text/html' }
    });
    const html = await res.text();
    expect(html).toContain('<option value="lost" selected');
  });

  it('refuses a longer term on the CSV exports with the message (400), not a 500', async () => {
    const admin = await cookieFor(ACME, 'admin@acme.example');
    for (const path of EXPORTS) {
      const res = await fetchWorker(`${ACME}${path('x'.repeat(60))}`, {
        headers: { cookie: admin, accept: 'text/html' }
      });
      expect(res.status, path('…')).toBe(400);
      expect(await res.text()).toContain(SEARCH_TOO_LONG_MESSAGE);
    }
  });
});
