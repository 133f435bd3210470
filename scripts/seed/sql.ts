// Tiny SQL literal builder for seed files (values are our own constants, still escaped properly).
import { createHash } from 'node:crypto';

export type SqlValue = string | number | boolean | null | undefined;

export function sqlLiteral(v: SqlValue): string {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`not a finite number: ${v}`);
    return String(v);
  }
  return `'${v.replace(/'/g, "''")}'`;
}

/** INSERT OR IGNORE: running the seed twice changes nothing. */
export function insertOrIgnore(table: string, row: Record<string, SqlValue>): string {
  const cols = Object.keys(row);
  return `INSERT OR IGNORE INTO ${table} (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${cols
    .map((c) => sqlLiteral(row[c]))
    .join(', ')});`;
}

/** Stable UUID-shaped id from a name, so seeded rows keep their ids across runs. */
export function stableId(name: string): string {
  const h = createHash('sha256').update(name).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
