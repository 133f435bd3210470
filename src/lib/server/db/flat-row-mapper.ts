// drizzle's row mapping for a select whose fields are all top-level keys, worked out once per query
// instead of once per cell (db/fixed-query.ts). Same result as drizzle-orm 0.45's D1 batch mapping
// (`d1ToRawMapping` then `mapResultRow`) for that shape: a row's values in the order D1 returned its
// columns, each field's value `null` when the cell is null, else its decoder's mapFromDriverValue.
// Nested selections (`{ user: { id, name } }`) and their left-join nulling are drizzle's: for them
// flatRowMapper gives null and the caller keeps drizzle's mapper.
import { Column, is, SQL, Subquery } from 'drizzle-orm';

const COLLAPSED_COLUMNS =
  'A fixed query returned fewer columns than it selects: two selected columns share a name. Alias one (db/aliased.ts).';

export type RowMapper<Row> = (rows: unknown[]) => Row[];

interface Decoder {
  mapFromDriverValue(value: unknown): unknown;
}

/** An SQL expression's decoder (drizzle keeps it on the instance, not in its public type). */
function decoderOfSql(expression: unknown): Decoder {
  return (expression as { decoder: Decoder }).decoder;
}

/** The decoder drizzle's mapResultRow picks for a selected field. */
function decoderOf(field: unknown): Decoder {
  if (is(field, Column)) return field;
  if (is(field, SQL)) return decoderOfSql(field);
  if (is(field, Subquery)) return decoderOfSql((field as unknown as { _: { sql: unknown } })._.sql);
  return decoderOfSql((field as { sql: unknown }).sql);
}

/** A mapper for `fields` (drizzle's ordered selected fields), or null when a field is nested. */
export function flatRowMapper<Row>(fields: unknown): RowMapper<Row> | null {
  const ordered = fields as { path: string[]; field: unknown }[] | undefined;
  if (!Array.isArray(ordered) || ordered.some((f) => f.path.length !== 1)) return null;
  const keys = ordered.map((f) => f.path[0]);
  const decoders = ordered.map((f) => decoderOf(f.field));
  const width = keys.length;
  return (rows) =>
    rows.map((row) => {
      const values = Object.values(row as Record<string, unknown>);
      // A D1 batch answers rows as objects: two columns of one name would be one key (drizzle's own
      // batch mapping would shift every value after it). Fail loudly instead.
      if (values.length !== width) throw new Error(COLLAPSED_COLUMNS);
      const out: Record<string, unknown> = {};
      for (let i = 0; i < width; i++) {
        const value = values[i];
        out[keys[i]] = value === null ? null : decoders[i].mapFromDriverValue(value);
      }
      return out as Row;
    });
}
