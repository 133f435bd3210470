// drizzle-orm's row mapping (`mapResultRow` in drizzle-orm/utils.js), worked out once per selection
// instead of once per cell. drizzle asks, for every cell of every row, which kind of field it is
// (`is()`, a walk up the prototype chain), which decoder that kind has, and walks the field's path
// with an iterator: a quarter of the CPU of a 50-row admin list through the API (bench/README.md,
// "seventh pass"). Here those answers are computed once per `columns` array (drizzle's ordered
// selected fields: one array per prepared query, so a query built once is compiled once) and each
// row is one plain loop. The result is the same object drizzle builds, left-join nulling included:
// tests/worker/compiled-row-mapper.test.ts compares the two on every shape drizzle maps.
//
// The build points drizzle's own mapResultRow at this (scripts/vite-plugins/drizzle.ts), handing in
// drizzle's classes so that `is()` sees the same copy of drizzle as the fields were made with.

/** What compiling needs from the drizzle copy the fields belong to. */
export interface DrizzleKinds {
  is(value: unknown, kind: unknown): boolean;
  Column: unknown;
  SQL: unknown;
  Subquery: unknown;
  getTableName(table: unknown): string;
}

interface Decoder {
  mapFromDriverValue(value: unknown): unknown;
}

/** One selected field, ready for mapping. */
export interface CompiledField {
  path: string[];
  decoder: Decoder;
  /** For a table column nested one level (`{ user: { id } }`): its table, for left-join nulling. */
  nullableAs: string | null;
}

/** An SQL expression's decoder (drizzle keeps it on the instance, not in its public type). */
function decoderOfSql(expression: unknown): Decoder {
  return (expression as { decoder: Decoder }).decoder;
}

/** drizzle's choice of decoder, and of which fields take part in left-join nulling. */
export function compileSelection(columns: unknown, kinds: DrizzleKinds): CompiledField[] {
  return (columns as { path: string[]; field: unknown }[]).map(({ path, field }) => {
    const isColumn = kinds.is(field, kinds.Column);
    let decoder: Decoder;
    if (isColumn) decoder = field as Decoder;
    else if (kinds.is(field, kinds.SQL)) decoder = decoderOfSql(field);
    else if (kinds.is(field, kinds.Subquery))
      decoder = decoderOfSql((field as { _: { sql: unknown } })._.sql);
    else decoder = decoderOfSql((field as { sql: unknown }).sql);
    const nullableAs =
      isColumn && path.length === 2 ? kinds.getTableName((field as { table: unknown }).table) : null;
    return { path, decoder, nullableAs };
  });
}

function mapRow(
  fields: CompiledField[],
  row: unknown[],
  joinsNotNullableMap: Record<string, boolean> | undefined
): Record<string, unknown> {
  const nullifyMap: Record<string, string | false> = {};
  let nullable = false;
  const result: Record<string, unknown> = {};
  for (let c = 0; c < fields.length; c++) {
    const { path, decoder, nullableAs } = fields[c];
    let node = result;
    const last = path.length - 1;
    for (let k = 0; k < last; k++) {
      const chunk = path[k];
      if (!(chunk in node)) node[chunk] = {};
      node = node[chunk] as Record<string, unknown>;
    }
    const raw = row[c];
    const value = (node[path[last]] = raw === null ? null : decoder.mapFromDriverValue(raw));
    if (joinsNotNullableMap && nullableAs !== null) {
      nullable = true;
      const objectName = path[0];
      if (!(objectName in nullifyMap)) nullifyMap[objectName] = value === null ? nullableAs : false;
      else if (typeof nullifyMap[objectName] === 'string' && nullifyMap[objectName] !== nullableAs)
        nullifyMap[objectName] = false;
    }
  }
  if (nullable)
    for (const objectName in nullifyMap) {
      const tableName = nullifyMap[objectName];
      if (typeof tableName === 'string' && !joinsNotNullableMap?.[tableName]) result[objectName] = null;
    }
  return result;
}

/** A drop-in mapResultRow(columns, row, joinsNotNullableMap) for drizzle, compiling each `columns` once. */
export function compiledMapResultRow(kinds: DrizzleKinds) {
  const compiled = new WeakMap<object, CompiledField[]>();
  return function mapResultRow(
    columns: unknown,
    row: unknown[],
    joinsNotNullableMap?: Record<string, boolean>
  ): Record<string, unknown> {
    let fields = compiled.get(columns as object);
    if (!fields) {
      fields = compileSelection(columns, kinds);
      compiled.set(columns as object, fields);
    }
    return mapRow(fields, row, joinsNotNullableMap);
  };
}
