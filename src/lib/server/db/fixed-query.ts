// Fixed-shape tenant queries whose SQL is built once per isolate (docs/architecture.md, "CPU per
// request"). Drizzle turns a query builder into SQL text on every call, walking every column and
// condition; for the queries every signed-in page runs (the session ledger, the portal frame, the
// dashboard) that walk was the largest single cost of a request (bench/README.md, the /my profile).
//
// A FixedQuery is written once with named placeholders (`p.userId`) instead of values. The first
// call prepares it with drizzle (SQL text, the selected fields and their result mapping); every
// call after that binds the values to that SQL on the caller's own connection (the request's D1
// read session or the binding) and maps the rows with drizzle's own mapper. Same SQL, same rows,
// same types as running the builder directly; the scope (e.g. `user_id = :userId`) is in the SQL,
// so a caller cannot run it without the values it names (a missing one is a thrown error, never
// an unscoped query: D1 refuses a statement with an unbound parameter).
// Placeholder values go to D1 as they are, without a column's encoding: pass what the column stores
// (ids and ISO dates as text, numbers), never a Date or a boolean.
//
// Rows are mapped by a mapper compiled once per query (flatRowMapper) when every selected field is
// a top-level key, which is every fixed query's shape: drizzle's own mapper works out each cell's
// decoder and path again for every cell of every row (8% of a 200-row list page's CPU).
//
// Assumes drizzle-orm 0.45's D1 driver: a select's prepare() gives a D1PreparedQuery whose `stmt`
// is the D1 statement it runs, whose getQuery()/mapResult() are the SQL and the row mapper and whose
// `fields` are the selected fields in column order; a TenantDb's `session.client` is the D1 binding
// or D1 session it queries through (db/index.ts).
import { fillPlaceholders, sql, type Placeholder } from 'drizzle-orm';
import type { TenantDb } from './index';
import { flatRowMapper, type RowMapper } from './flat-row-mapper';

/** The part of drizzle's D1PreparedQuery this module uses. */
interface PreparedSelect<Row> {
  stmt: D1PreparedStatement;
  all(values?: Record<string, unknown>): Promise<Row[]>;
  getQuery(): { sql: string; params: unknown[] };
  mapResult(response: unknown, isFromBatch?: boolean): unknown;
  fields?: unknown;
}

/** A drizzle select builder (anything whose prepare() runs with `.all()`). */
interface Preparable {
  prepare(): { all(values?: Record<string, unknown>): Promise<unknown[]> };
}
type RowOf<B extends Preparable> = Awaited<ReturnType<ReturnType<B['prepare']>['all']>>[number];

/** The connection a TenantDb queries through: its D1 binding or its request's D1 session. */
function clientOf(db: TenantDb): D1Database | D1DatabaseSession {
  return (db as unknown as { session: { client: D1Database | D1DatabaseSession } }).session.client;
}

export class FixedQuery<Key extends string, Row> {
  #template: PreparedSelect<Row> | undefined;
  #mapRows: RowMapper<Row> | null = null;

  constructor(
    private readonly keys: readonly Key[],
    private readonly build: (db: TenantDb, p: Record<Key, Placeholder>) => Preparable
  ) {}

  /** drizzle's prepared query, built on the first call (with `db`'s dialect), shared after. */
  #templateFor(db: TenantDb): PreparedSelect<Row> {
    if (!this.#template) {
      const p = Object.fromEntries(this.keys.map((k) => [k, sql.placeholder(k)])) as unknown as Record<
        Key,
        Placeholder
      >;
      this.#template = this.build(db, p).prepare() as unknown as PreparedSelect<Row>;
      this.#mapRows = flatRowMapper<Row>(this.#template.fields);
    }
    return this.#template;
  }

  /** The rows of one D1 batch result of this query, as drizzle would map them. */
  rowsOf(prepared: PreparedSelect<Row>, result: D1Result): Row[] {
    return this.#mapRows ? this.#mapRows(result.results) : (prepared.mapResult(result, true) as Row[]);
  }

  /** The prepared query on `db`'s connection. */
  on(db: TenantDb): PreparedSelect<Row> {
    const template = this.#templateFor(db);
    const prepared = Object.create(template) as PreparedSelect<Row>;
    prepared.stmt = clientOf(db).prepare(template.getQuery().sql);
    return prepared;
  }

  /**
   * Every row, for these values of the placeholders. Runs as a one-statement batch so that, on a
   * read-only request, it joins the other reads of the same turn (coalesced-reads.ts).
   */
  async all(db: TenantDb, values: Record<Key, unknown>): Promise<Row[]> {
    const [rows] = await runFixedBatch(db, [this.with(values)]);
    return rows;
  }

  /** This query with its values, for runFixedBatch. */
  with(values: Record<Key, unknown>): BoundFixedQuery<Row> {
    return { query: this as FixedQuery<string, Row>, values };
  }
}

export interface BoundFixedQuery<Row> {
  readonly query: FixedQuery<string, Row>;
  readonly values: Record<string, unknown>;
}

/**
 * A fixed-shape select. `keys` names its placeholders; `build` writes the query with them:
 * `fixedQuery(['userId'], (db, p) => db.select(...).from(t).where(eq(t.userId, p.userId)))`.
 */
export function fixedQuery<Key extends string, B extends Preparable>(
  keys: readonly Key[],
  build: (db: TenantDb, p: Record<Key, Placeholder>) => B
): FixedQuery<Key, RowOf<B>> {
  return new FixedQuery<Key, RowOf<B>>(keys, build);
}

/** Several fixed queries in one D1 batch (one round trip), each result mapped like `.all()`. */
export async function runFixedBatch<const T extends readonly BoundFixedQuery<unknown>[]>(
  db: TenantDb,
  items: T
): Promise<{ [I in keyof T]: T[I] extends BoundFixedQuery<infer Row> ? Row[] : never }> {
  const prepared = items.map((item) => item.query.on(db));
  const statements = prepared.map((q, i) =>
    q.stmt.bind(...fillPlaceholders(q.getQuery().params, items[i].values))
  );
  const results = await clientOf(db).batch(statements);
  return results.map((result, i) => items[i].query.rowsOf(prepared[i], result)) as {
    [I in keyof T]: T[I] extends BoundFixedQuery<infer Row> ? Row[] : never;
  };
}
