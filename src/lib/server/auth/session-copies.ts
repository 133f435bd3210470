// The isolate's copies of sessions (docs/architecture.md, "CPU per request"), keyed like KV
// (`<slug>:session:<id>`), each kept for at most COPY_TTL_MS after it was last read, written or
// confirmed:
// - the KV session value, so a signed-in request does not read KV when this isolate has just read
//   or written it;
// - the session as the last full check in this isolate saw it (ValidatedSession), so that a read-only
//   request can start its page's reads at once and send the ledger check in the same D1 batch
//   (http/request-context.ts, withKnownSession).
//
// Why a copy cannot let in a session that should be refused: a KV session value never changes
// except its lastSeenAt (userId, createdAt and persistent are fixed when the session is created),
// and every request still reads the session ledger from the primary, which alone decides
// revocation, suspension, idle and absolute expiry. Whenever a KV session is deleted, its ledger row
// is revoked or already past its idle bound, so the ledger refuses it whether or not a copy is left
// here. A confirmed copy is only a guess that the ledger checks before anything computed from it
// leaves the Worker. A copy saves a read; it never widens what counts as signed in.
import type { ValidatedSession } from './session';

const COPY_TTL_MS = 60_000;
// Bounded so that an isolate serving many users does not grow without limit; the oldest copy goes.
const MAX_COPIES = 5_000;

interface Copy {
  raw: string;
  until: number;
  confirmed?: ValidatedSession;
}

const copies = new Map<string, Copy>();

function fresh(key: string): Copy | undefined {
  const copy = copies.get(key);
  if (copy && copy.until > Date.now()) return copy;
  if (copy) copies.delete(key);
  return undefined;
}

function keep(key: string, copy: Omit<Copy, 'until'>): void {
  copies.delete(key);
  if (copies.size >= MAX_COPIES) copies.delete(copies.keys().next().value as string);
  copies.set(key, { ...copy, until: Date.now() + COPY_TTL_MS });
}

/** The KV value under `key`: this isolate's fresh copy, else a KV read (remembered if present). */
export function readKvSessionValue(kv: KVNamespace, key: string): Promise<string | null> {
  const copy = fresh(key);
  if (copy) return Promise.resolve(copy.raw);
  return kv.get(key).then((raw) => {
    if (raw === null) copies.delete(key);
    else rememberKvSessionValue(key, raw);
    return raw;
  });
}

/** Records a KV value this isolate just read or wrote under `key` (a confirmed copy stays). */
export function rememberKvSessionValue(key: string, raw: string): void {
  keep(key, { raw, confirmed: copies.get(key)?.confirmed });
}

/** Records the session a full check (KV value and ledger row agreeing) has just accepted. */
export function rememberConfirmedSession(key: string, raw: string, session: ValidatedSession): void {
  keep(key, { raw, confirmed: session });
}

/** The KV value and the last confirmed session under `key`, when this isolate has both, fresh. */
export function confirmedSessionCopy(key: string): { raw: string; session: ValidatedSession } | undefined {
  const copy = fresh(key);
  return copy?.confirmed ? { raw: copy.raw, session: copy.confirmed } : undefined;
}

/** Drops this isolate's copy under `key` (the KV value was deleted, or the ledger disagreed). */
export function forgetSessionCopy(key: string): void {
  copies.delete(key);
}
