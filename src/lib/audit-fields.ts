// How the audit log shows an entry's stored before/after value to a person: a JSON object as one
// "field value" pair per key, in the order stored (strings as they are, null as "none", anything else
// as compact JSON); any other stored text (not JSON, an array, a bare value) exactly as stored. The
// CSV export keeps the raw JSON.
export type AuditValue =
  { kind: 'none' } | { kind: 'text'; text: string } | { kind: 'fields'; fields: AuditField[] };
export interface AuditField {
  key: string;
  value: string;
}

function shown(value: unknown): string {
  if (value === null) return 'none';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function auditValueOf(stored: string | null | undefined): AuditValue {
  if (stored === null || stored === undefined || stored === '') return { kind: 'none' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(stored);
  } catch {
    return { kind: 'text', text: stored };
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    return { kind: 'text', text: stored };
  const fields = Object.entries(parsed).map(([key, value]) => ({ key, value: shown(value) }));
  return fields.length ? { kind: 'fields', fields } : { kind: 'none' };
}
