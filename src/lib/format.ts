// Display formatting shared by server render and hydration: fixed locale and UTC so both agree.
const dayFmt = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC'
});
const timeFmt = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC'
});

/** A millisecond timestamp as "22 Nov 2026". */
export function formatDay(ms: number | null | undefined): string {
  return ms === null || ms === undefined ? '—' : dayFmt.format(new Date(ms));
}

/** A millisecond timestamp as "22 Nov 2026, 14:05 UTC". */
export function formatTime(ms: number | null | undefined): string {
  return ms === null || ms === undefined ? '—' : `${timeFmt.format(new Date(ms))} UTC`;
}

/** An ISO calendar date (YYYY-MM-DD) as "22 Nov 2026". */
export function formatIsoDay(iso: string | null | undefined): string {
  return iso ? dayFmt.format(new Date(`${iso}T00:00:00Z`)) : '—';
}

export function formatCents(cents: number | null | undefined): string {
  return cents === null || cents === undefined
    ? '—'
    : (cents / 100).toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

export function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1).replace(/_/g, ' ');
}
