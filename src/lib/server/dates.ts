// Calendar-date helpers. Calendar dates are ISO `YYYY-MM-DD` strings in UTC, which sort and compare
// as text; that is why the schema stores them as text.
export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
