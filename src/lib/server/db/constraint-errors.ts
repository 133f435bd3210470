// Recognising the database's own refusals. Unique indexes are the guard for "already taken" (tags,
// emails, names, one seat per person); the services turn the refusal into a message beside the field.
// D1 reports it as "UNIQUE constraint failed: <table>.<column>", on the error itself or on its cause
// (drizzle wraps driver errors), so both are read.
function errorText(err: unknown): string {
  const e = err as { message?: unknown; cause?: unknown } | null;
  return `${String(e?.message ?? err)} ${String((e?.cause as { message?: unknown } | undefined)?.message ?? e?.cause ?? '')}`;
}

/** True when `err` is a UNIQUE (or primary-key) refusal; with `column`, only one naming that column. */
export function isUniqueViolation(err: unknown, column?: string): boolean {
  const text = errorText(err);
  if (!/UNIQUE constraint failed/i.test(text)) return false;
  return column === undefined || text.includes(column);
}
