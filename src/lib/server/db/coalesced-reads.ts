// Read batches that one read-only request starts in the same turn go to D1 as ONE batch
// (docs/architecture.md, "CPU per request"). A signed-in page's layout and page loads each run
// their own batch (the frame's counts, the page's rows); SvelteKit starts them side by side, so
// without this they are two D1 calls, each with its own per-call cost.
//
// With a gate (gatedReadSession), every result waits for a verdict that runs side by side with the
// reads (the session ledger check, auth/session-guess.ts): if it refuses, every caller gets
// ReadGateRefused instead of rows, and a statement run on its own to write (run()) is not even sent
// before the verdict. Reads start at once; nothing they return reaches a caller ahead of it.
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

/** What every read of a request whose gate refused gets instead of rows. */
export class ReadGateRefused extends Error {
  constructor() {
    super('The request’s session check refused it; its reads were not released.');
    this.name = 'ReadGateRefused';
  }
}

/** True for ReadGateRefused, also when drizzle wrapped it ("Failed query: …", the refusal its cause). */
export function isReadGateRefusal(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++)
    if (e instanceof ReadGateRefused) return true;
  return false;
}

interface Waiting {
  statements: D1PreparedStatement[];
  resolve(results: D1Result[]): void;
  reject(error: unknown): void;
}

/** `session` with its read batches coalesced per turn; prepare and the bookmark are its own. */
export function coalescingReadSession(session: D1DatabaseSession): D1DatabaseSession {
  return coalesce(session, null);
}

/**
 * `session` coalesced as above, every result held until `gate` (started by the caller, side by side
 * with the reads) says true. `passed()` is the gate's verdict.
 */
export function gatedReadSession(
  session: D1DatabaseSession,
  gate: Promise<boolean>
): { client: D1DatabaseSession; passed(): Promise<boolean> } {
  // Observed here so that a failed gate is never an unhandled rejection; callers await it too.
  gate.catch(() => undefined);
  return { client: coalesce(session, gate), passed: () => gate };
}

function coalesce(session: D1DatabaseSession, gate: Promise<boolean> | null): D1DatabaseSession {
  let queue: Waiting[] | null = null;
  // Statements handed out by prepare() (wrapped until the gate has passed) → the session's own.
  const own = new WeakMap<object, D1PreparedStatement>();
  let gatePassed = false;
  gate?.then((ok) => (gatePassed = ok)).catch(() => undefined);

  /** `read`'s result once the gate has passed; ReadGateRefused if it refused. */
  async function released<T>(read: Promise<T>): Promise<T> {
    if (!gate) return read;
    const [ok, result] = await Promise.all([gate, read]);
    if (!ok) throw new ReadGateRefused();
    return result;
  }

  async function flush(waiting: Waiting[]) {
    let results: D1Result[];
    try {
      results = await released(session.batch(waiting.flatMap((w) => w.statements)));
    } catch (error) {
      for (const w of waiting) w.reject(error);
      return;
    }
    let at = 0;
    for (const w of waiting) {
      w.resolve(results.slice(at, at + w.statements.length));
      at += w.statements.length;
    }
  }

  function enqueue(statements: D1PreparedStatement[]): Promise<D1Result[]> {
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
    });
  }

  // A statement run on its own: a read starts at once and is held; a write (run) waits for the gate.
  function guarded(stmt: D1PreparedStatement): D1PreparedStatement {
    const wrapper = {
      bind: (...values: unknown[]) => guarded(stmt.bind(...values)),
      first: (column?: string) => released(column ? stmt.first(column) : stmt.first()),
      all: () => released(stmt.all()),
      raw: (options?: { columnNames?: boolean }) => released(stmt.raw(options as { columnNames: true })),
      run: async () => {
        if (!(await gate)) throw new ReadGateRefused();
        return stmt.run();
      }
    };
    own.set(wrapper, stmt);
    return wrapper as unknown as D1PreparedStatement;
  }

  return {
    prepare: (query: string) =>
      gate && !gatePassed ? guarded(session.prepare(query)) : session.prepare(query),
    getBookmark: () => session.getBookmark(),
    batch<T = unknown>(statements: D1PreparedStatement[]): Promise<D1Result<T>[]> {
      return enqueue(statements.map((s) => own.get(s) ?? s)) as Promise<D1Result<T>[]>;
    }
  } as D1DatabaseSession;
}
