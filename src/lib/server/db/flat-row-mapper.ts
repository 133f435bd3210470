// drizzle's row mapping for a select whose fields are all top-level keys, worked out once per query
// (db/fixed-query.ts), straight from the row objects a D1 batch returns. Same result as drizzle-orm
// 0.45's D1 batch mapping (`d1ToRawMapping`, then `mapResultRow`) for that shape: a row's values in
// the order D1 returned its columns, each field's value `null` when the cell is null, else its
// decoder's mapFromDriverValue (the decoder drizzle picks: compiled-row-mapper.ts). Nested selections
// (`{ user: { id, name } }`) take drizzle's mapper: for them flatRowMapper gives null.
import { Column, getTableName, is, SQL, Subquery } from 'drizzle-orm';
import { compileSelection } from './compiled-row-mapper';

const COLLAPSED_COLUMNS =
  'A fixed query returned fewer columns than it selects: two selected columns share a name. Alias one (db/aliased.ts).';

export type RowMapper<Row> = (rows: unknown[]) => Row[];

/** A mapper for `fields` (drizzle's ordered selected fields), or null when a field is nested. */
export function flatRowMapper<Row>(fields: unknown): RowMapper<Row> | null {
  const ordered = fields as { path: string[] }[] | undefined;
  if (!Array.isArray(ordered) || ordered.some((f) => f.path.length !== 1)) return null;
  const compiled = compileSelection(ordered, { is, Column, SQL, Subquery, getTableName });
  const keys = compiled.map((f) => f.path[0]);
  const decoders = compiled.map((f) => f.decoder);
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
