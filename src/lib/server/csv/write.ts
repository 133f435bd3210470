// CSV writing (RFC 4180) with a defence against formula injection: a cell starting with = + - @
// (or a tab / carriage return) gets a leading ' so spreadsheets show it as text instead of running it.
// The hardware import strips that same ' again (see hardware/csv-columns.ts), so an export re-imports.
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: unknown): string {
  let s = value === null || value === undefined ? '' : String(value);
  if (FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Lines joined with CRLF, ending with one. */
export function toCsv(rows: unknown[][]): string {
  return rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** Undoes csvCell's formula guard on a cell read back in: "'=x" → "=x". Other text is unchanged. */
export function unguardCell(s: string): string {
  return s.startsWith("'") && FORMULA_START.test(s.slice(1)) ? s.slice(1) : s;
}
