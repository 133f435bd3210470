/** A time on the Security page (formatted by its load function): "12 Mar 2026, 09:41 UTC", or "Never" for a time that has not happened. */
export const when = (ms: number | null): string =>
  ms === null
    ? 'Never'
    : new Date(ms).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }) +
      ' UTC';
