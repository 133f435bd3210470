// D1 batches return rows as objects keyed by column name, so two selected columns with the same name
// (models.name, categories.name, …) overwrite each other and drizzle's positional mapping shifts every
// later field. Inside db.batch, give such columns a unique alias with this helper.
import { sql, type AnyColumn, type GetColumnData, type SQL } from 'drizzle-orm';

export function aliased<T extends AnyColumn>(column: T, alias: string): SQL.Aliased<GetColumnData<T>> {
  return sql<GetColumnData<T>>`${column}`.mapWith(column).as(alias);
}
