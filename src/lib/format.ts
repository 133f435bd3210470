// Display formatting shared by server render and hydration: fixed locale (en-GB) and UTC so both agree.
// Dates are written out by hand instead of through Intl.DateTimeFormat: ICU's formatting was a few per
// cent of the CPU of a 200-row list (two dates a row), and a browser whose ICU differs from the
// Worker's cannot print another string. tests/worker/format.test.ts checks the output against
// Intl.DateTimeFormat('en-GB', UTC) day by day over a century, including its "Sept".
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sept', 'Oct', 'Nov', 'Dec'];

function utcDate(ms: number): Date {
  const date = new Date(ms);
  if (Number.isNaN(date.getTime())) throw new RangeError('Invalid time value'); // as Intl would
  return date;
}

function dayOf(date: Date): string {
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

const twoDigits = (n: number) => (n < 10 ? `0${n}` : String(n));

/** A millisecond timestamp as "22 Nov 2026". */
export function formatDay(ms: number | null | undefined): string {
  return ms === null || ms === undefined ? '—' : dayOf(utcDate(ms));
}

/** A millisecond timestamp as "22 Nov 2026, 14:05 UTC". */
export function formatTime(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  const date = utcDate(ms);
  return `${dayOf(date)}, ${twoDigits(date.getUTCHours())}:${twoDigits(date.getUTCMinutes())} UTC`;
}

/** An ISO calendar date (YYYY-MM-DD) as "22 Nov 2026". */
export function formatIsoDay(iso: string | null | undefined): string {
  return iso ? dayOf(utcDate(Date.parse(`${iso}T00:00:00Z`))) : '—';
}

export function formatCents(cents: number | null | undefined): string {
  return cents === null || cents === undefined
    ? '—'
    : (cents / 100).toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

export function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1).replace(/_/g, ' ');
}
