// D1 read replication through the Sessions API (docs/architecture.md, "Reads near the user").
//
// A request's tenant queries run in one D1 session. Read-only requests (GET, HEAD) may be served by
// the nearest read replica: the session starts from the bookmark the browser carries in a cookie
// (the bookmark of the user's last write), so the replica that answers is at least as new as that
// write, and a user always reads their own writes. Without a bookmark they start unconstrained.
// Every other method starts at the primary. After a signed-in write the response carries the new
// bookmark (bookmarkSetCookie). Writes inside any session always go to the primary (D1 forwards them).
//
// NOT through these sessions: the session ledger check (auth/session.ts), which must see a revocation
// at once and so reads the primary through the binding itself (side by side with the request's
// reads on the shortcut path: http/request-context.ts).
import { openTenantDbOver, type TenantDb } from './index';
import { coalescingReadSession, gatedReadSession } from './coalesced-reads';

const READ_ONLY = new Set(['GET', 'HEAD']);
// D1 bookmarks are four dash-separated hex fields ("00000085-0000024c-00004c6d-8e61117bf38d..."). A
// cookie that does not look like one is ignored (the request starts unconstrained) rather than sent.
const BOOKMARK = /^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{32,128}$/i;

/** GET and HEAD: the requests whose tenant queries are all reads. */
export function isReadOnlyMethod(method: string): boolean {
  return READ_ONLY.has(method.toUpperCase());
}

export function bookmarkCookieName(url: URL): string {
  return url.protocol === 'https:' ? '__Host-ontrackio_d1' : 'ontrackio_d1';
}

export interface RequestDb {
  db: TenantDb;
  /** The session's bookmark now (after the request's queries), or null if D1 gave none. */
  bookmark(): string | null;
  readOnly: boolean;
}

export function openRequestDb(
  binding: D1Database,
  method: string,
  cookieBookmark: string | undefined,
  gate?: Promise<boolean>
): RequestDb & { passed(): Promise<boolean> } {
  const readOnly = isReadOnlyMethod(method);
  const start =
    readOnly && cookieBookmark && BOOKMARK.test(cookieBookmark)
      ? cookieBookmark
      : readOnly
        ? 'first-unconstrained'
        : 'first-primary';
  const session = binding.withSession(start);
  // A read-only request's loaders share one D1 batch per turn (coalesced-reads.ts); with a gate, no
  // result is released before it passes.
  const reads =
    readOnly && gate
      ? gatedReadSession(session, gate)
      : { client: readOnly ? coalescingReadSession(session) : session, passed: confirmed };
  return {
    db: openTenantDbOver(binding, reads.client),
    bookmark: () => session.getBookmark(),
    readOnly,
    passed: reads.passed
  };
}
const confirmed = () => Promise.resolve(true);

/**
 * The Set-Cookie value that hands the browser its new bookmark after a signed-in write, or null when
 * there is nothing to hand over (a read, a signed-out request, an unchanged bookmark). A session cookie
 * (no Max-Age): a bookmark only matters for the seconds a replica may lag behind.
 */
export function bookmarkSetCookie(
  url: URL,
  reads: RequestDb,
  signedIn: boolean,
  sent: string | undefined
): string | null {
  if (reads.readOnly || !signedIn) return null;
  const bookmark = reads.bookmark();
  if (!bookmark || bookmark === sent || !BOOKMARK.test(bookmark)) return null;
  const secure = url.protocol === 'https:' ? '; Secure' : '';
  return `${bookmarkCookieName(url)}=${bookmark}; Path=/; HttpOnly; SameSite=Lax${secure}`;
}
