// Read batches that one read-only request starts in the same turn go to D1 as ONE batch
// (docs/architecture.md, "CPU per request"). A signed-in page's layout and page loads each run
// their own batch (the frame's counts, the page's rows); SvelteKit starts them side by side, so
// without this they are two D1 calls, each with its own round trip and per-call cost.
//
// Assumptions and invariants:
// - Only for GET/HEAD requests (read-session.ts): every statement queued here is a read. A D1 batch
//   is one transaction, so a write must never share one with another caller's reads.
// - Callers get exactly the results of their own statements, in their order; a failed batch fails
//   every caller that was in it (a read only fails on a broken query or an unreachable database,
//   which would fail the page either way).
// - Only `batch()` is coalesced. drizzle's single statements (stmt.all()/raw()/run()) go straight to
//   the session; fixedQuery's `.all()` goes through `batch()` so that it takes part.
// - The flush waits until no new batch has arrived for QUIET_HOPS microtask hops (at most MAX_HOPS):
//   loads that SvelteKit starts side by side reach their first query a few hops apart. Microtasks,
//   not a timer: a timer in workerd may fire only after pending I/O, which would add a round trip.

const QUIET_HOPS = 3;
const MAX_HOPS = 50;

interface Waiting {
  statements: D1PreparedStatement[];
  resolve(results: D1Result[]): void;
  reject(error: unknown): void;
}

/** `session` with its read batches coalesced per turn; prepare and the bookmark are its own. */
export function coalescingReadSession(session: D1DatabaseSession): D1DatabaseSession {
  let queue: Waiting[] | null = null;

  async function flush(waiting: Waiting[]) {
    if (waiting.length === 1) {
      session.batch(waiting[0].statements).then(waiting[0].resolve, waiting[0].reject);
      return;
    }
    try {
      const results = await session.batch(waiting.flatMap((w) => w.statements));
      let at = 0;
      for (const w of waiting) {
        w.resolve(results.slice(at, at + w.statements.length));
        at += w.statements.length;
      }
    } catch (error) {
      for (const w of waiting) w.reject(error);
    }
  }

  return {
    prepare: (query: string) => session.prepare(query),
    getBookmark: () => session.getBookmark(),
    batch<T = unknown>(statements: D1PreparedStatement[]): Promise<D1Result<T>[]> {
      return new Promise<D1Result[]>((resolve, reject) => {
        if (!queue) {
          const waiting: Waiting[] = (queue = []);
          let seen = 0;
          let quiet = 0;
          let hops = 0;
          const hop = () => {
            hops++;
            quiet = waiting.length === seen ? quiet + 1 : 0;
            seen = waiting.length;
            if (quiet < QUIET_HOPS && hops < MAX_HOPS) return queueMicrotask(hop);
            queue = null;
            void flush(waiting);
          };
          queueMicrotask(hop);
        }
        queue.push({ statements, resolve, reject });
      }) as Promise<D1Result<T>[]>;
    }
  } as D1DatabaseSession;
}
