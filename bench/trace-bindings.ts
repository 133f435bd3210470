// Bench-only instrumentation of the Worker's storage bindings: every D1 statement or batch, KV
// operation, Durable Object call and Cache API lookup a request makes is recorded with its depth on
// the critical path. Loaded only by bench/instrumented-worker.ts, never by the product.
//
// Depth: a call that starts after another call of the same request has completed may depend on it,
// so its depth is 1 + the largest depth among the calls completed before it started; calls started
// side by side share a depth. The request's sequential storage steps = the largest depth.
// 'async_hooks', not 'node:async_hooks': the product's wrangler.toml aliases the latter to a module
// without AsyncLocalStorage (worker/no-async-local-storage.ts); this bench-only tracer needs the real one.
import { AsyncLocalStorage } from 'async_hooks';

export type CallKind = 'd1' | 'kv' | 'do' | 'cache';

export interface TracedCall {
  kind: CallKind;
  /** `read`/`write` for KV, `statement`/`batch` for D1, the method for a DO, `match` for the cache. */
  op: string;
  /** D1: the statements' SQL (shortened); KV: the key's prefix; DO: the namespace binding. */
  detail: string;
  /** SQL statements this call ran (1 for a single statement, N for a batch, 0 for the rest). */
  statements: number;
  depth: number;
}

export interface Trace {
  calls: TracedCall[];
  doneDepth: number;
}

const store = new AsyncLocalStorage<Trace>();

export function withTrace<T>(run: () => Promise<T>): { trace: Trace; result: Promise<T> } {
  const trace: Trace = { calls: [], doneDepth: 0 };
  return { trace, result: store.run(trace, run) };
}

function recorded<T>(
  kind: CallKind,
  op: string,
  detail: string,
  statements: number,
  run: () => Promise<T>
): Promise<T> {
  const trace = store.getStore();
  if (!trace) return run();
  const call: TracedCall = { kind, op, detail, statements, depth: trace.doneDepth + 1 };
  trace.calls.push(call);
  const done = () => {
    trace.doneDepth = Math.max(trace.doneDepth, call.depth);
  };
  return run().then(
    (v) => {
      done();
      return v;
    },
    (e) => {
      done();
      throw e;
    }
  );
}

const short = (sql: string) => sql.replace(/\s+/g, ' ').slice(0, 90);

// One wrapper per real object, so that identity-keyed caches in the product (drizzle handles per
// binding) behave as they do without instrumentation.
const wrapped = new WeakMap<object, object>();
const real = new WeakMap<object, object>();

function once<T extends object>(target: T, make: (t: T) => T): T {
  let w = wrapped.get(target) as T | undefined;
  if (!w) {
    w = make(target);
    wrapped.set(target, w);
    real.set(w, target);
  }
  return w;
}

function statement(stmt: D1PreparedStatement, sql: string): D1PreparedStatement {
  const w = {
    bind: (...values: unknown[]) => statement(stmt.bind(...values), sql),
    first: (col?: string) => recorded('d1', 'statement', short(sql), 1, () => stmt.first(col as never)),
    all: () => recorded('d1', 'statement', short(sql), 1, () => stmt.all()),
    raw: (opts?: { columnNames?: boolean }) =>
      recorded('d1', 'statement', short(sql), 1, () => stmt.raw(opts as never)),
    run: () => recorded('d1', 'statement', short(sql), 1, () => stmt.run())
  } as unknown as D1PreparedStatement;
  real.set(w, stmt);
  return w;
}

function unwrapStatements(stmts: D1PreparedStatement[]) {
  return stmts.map((s) => (real.get(s) as D1PreparedStatement | undefined) ?? s);
}

type Queryable = Pick<D1Database, 'prepare' | 'batch'>;

function d1Like<T extends Queryable>(db: T, label: string, extra: Record<string, unknown> = {}): T {
  return {
    ...extra,
    prepare: (sql: string) => statement(db.prepare(sql), sql),
    batch: (stmts: D1PreparedStatement[]) =>
      recorded('d1', 'batch', `${label} batch of ${stmts.length}`, stmts.length, () =>
        db.batch(unwrapStatements(stmts))
      )
  } as unknown as T;
}

function d1(db: D1Database, name: string): D1Database {
  return once(db, () =>
    d1Like(db, name, {
      exec: (sql: string) => recorded('d1', 'exec', short(sql), 1, () => db.exec(sql)),
      dump: () => db.dump(),
      withSession: (constraint?: string) => {
        const session = db.withSession(constraint as never);
        return d1Like(session as unknown as D1Database, `${name} session`, {
          getBookmark: () => session.getBookmark()
        });
      }
    })
  );
}

function kv(ns: KVNamespace, name: string): KVNamespace {
  const keyPrefix = (key: unknown) => `${name} ${String(key).split(':').slice(0, 2).join(':')}`;
  return once(ns, () => {
    const w: Record<string, unknown> = {};
    for (const op of ['get', 'getWithMetadata', 'list'] as const)
      w[op] = (key: unknown, ...rest: unknown[]) =>
        recorded('kv', 'read', keyPrefix(key), 0, () =>
          (ns[op] as (...a: unknown[]) => Promise<unknown>)(key, ...rest)
        );
    for (const op of ['put', 'delete'] as const)
      w[op] = (key: unknown, ...rest: unknown[]) =>
        recorded('kv', 'write', keyPrefix(key), 0, () =>
          (ns[op] as (...a: unknown[]) => Promise<unknown>)(key, ...rest)
        );
    return w as unknown as KVNamespace;
  });
}

function doStub(stub: DurableObjectStub, name: string): DurableObjectStub {
  return new Proxy(stub, {
    get(target, prop) {
      const value = (target as unknown as Record<PropertyKey, unknown>)[prop];
      if (typeof value !== 'function' || prop === 'then' || typeof prop === 'symbol') return value;
      return (...args: unknown[]) =>
        recorded('do', String(prop), name, 0, () =>
          // Reflect.apply: an RPC stub's methods are stubs too, and `.apply` would be sent as a call.
          Promise.resolve(Reflect.apply(value as (...a: unknown[]) => unknown, target, args))
        );
    }
  });
}

function doNamespace(ns: DurableObjectNamespace, name: string): DurableObjectNamespace {
  return once(ns, () => {
    return new Proxy(ns, {
      get(target, prop) {
        const value = (target as unknown as Record<PropertyKey, unknown>)[prop];
        if (prop === 'get' || prop === 'getByName')
          return (...args: unknown[]) =>
            doStub(Reflect.apply(value as (...a: unknown[]) => DurableObjectStub, target, args), name);
        return typeof value === 'function'
          ? (...args: unknown[]) => Reflect.apply(value as (...a: unknown[]) => unknown, target, args)
          : value;
      }
    });
  });
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** The same env with its D1, KV and Durable Object bindings recorded. */
export function traceEnv<E extends object>(env: E): E {
  return once(env, () => {
    const out: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(env)) {
      if (!isObj(value)) out[name] = value;
      else if (typeof value.prepare === 'function' && typeof value.batch === 'function')
        out[name] = d1(value as unknown as D1Database, name);
      else if (typeof value.getWithMetadata === 'function')
        out[name] = kv(value as unknown as KVNamespace, name);
      else if (typeof value.idFromName === 'function')
        out[name] = doNamespace(value as unknown as DurableObjectNamespace, name);
      else out[name] = value;
    }
    return out as E;
  });
}

/** Counts Cache API lookups (the adapter's `caches.default.match`) for the request in progress. */
export function traceCacheApi() {
  const cache = (globalThis as unknown as { caches: { default: Cache } }).caches.default;
  const proto = Object.getPrototypeOf(cache) as Cache;
  const match = proto.match;
  proto.match = function (this: Cache, ...args: Parameters<Cache['match']>) {
    return recorded('cache', 'match', 'caches.default', 0, () => match.apply(this, args));
  };
}

export interface TraceSummary {
  d1Calls: number;
  d1Statements: number;
  kvReads: number;
  kvWrites: number;
  doCalls: number;
  cacheLookups: number;
  /** Storage calls that waited on an earlier one: the request's sequential storage steps. */
  sequentialSteps: number;
  calls: TracedCall[];
}

export function summarize(trace: Trace): TraceSummary {
  const c = trace.calls;
  const count = (kind: CallKind, op?: string) =>
    c.filter((x) => x.kind === kind && (!op || x.op === op)).length;
  return {
    d1Calls: count('d1'),
    d1Statements: c.reduce((n, x) => n + x.statements, 0),
    kvReads: count('kv', 'read'),
    kvWrites: count('kv', 'write'),
    doCalls: count('do'),
    cacheLookups: count('cache'),
    sequentialSteps: c.reduce((n, x) => Math.max(n, x.depth), 0),
    calls: c.map((x) => ({ ...x }))
  };
}
