// INSERT that fails on a conflict (unlike the seed's INSERT OR IGNORE): provisioning must notice a
// row that is already there instead of silently keeping the old one.
import { sqlLiteral, type SqlValue } from '../seed/sql.ts';

export function insertRow(table: string, row: Record<string, SqlValue>): string {
  const cols = Object.keys(row);
  return `INSERT INTO ${table} (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${cols.map((c) => sqlLiteral(row[c])).join(', ')});`;
}
