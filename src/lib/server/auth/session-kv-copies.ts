// The isolate's copies of KV session values (docs/architecture.md, "CPU per request"): a signed-in
// request reads its KV session from here when this isolate read or wrote it less than a minute ago,
// which saves one storage call per request.
//
// Why a copy cannot let in a session that should be refused: a KV session value never changes
// except its lastSeenAt (userId, createdAt and persistent are fixed when the session is created),
// and every request still reads the session ledger from the primary (session.ts), which alone
// decides revocation, suspension, idle and absolute expiry. Whenever a KV session is deleted, its
// ledger row is revoked or already past its idle bound, so the ledger refuses it whether or not a
// copy is left here. A copy only ever saves a read; it never widens what counts as signed in.
const COPY_TTL_MS = 60_000;
// Bounded so that an isolate serving many users does not grow without limit; the oldest copy goes.
const MAX_COPIES = 5_000;

const copies = new Map<string, { raw: string; until: number }>();

/** The KV value under `key`: this isolate's fresh copy, else a KV read (remembered if present). */
export function readKvSessionValue(kv: KVNamespace, key: string): Promise<string | null> {
  const copy = copies.get(key);
  if (copy && copy.until > Date.now()) return Promise.resolve(copy.raw);
  return kv.get(key).then((raw) => {
    if (raw === null) copies.delete(key);
    else rememberKvSessionValue(key, raw);
    return raw;
  });
}

/** Records a value this isolate just read or wrote under `key`. */
export function rememberKvSessionValue(key: string, raw: string): void {
  copies.delete(key);
  if (copies.size >= MAX_COPIES) copies.delete(copies.keys().next().value as string);
  copies.set(key, { raw, until: Date.now() + COPY_TTL_MS });
}

/** Drops this isolate's copy under `key` (the KV value was deleted). */
export function forgetKvSessionValue(key: string): void {
  copies.delete(key);
}
