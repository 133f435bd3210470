import { formatMoment } from '$lib/devices/format';

/**
 * A time on the Security page (formatted by its load function): "12 Mar 2026, 09:41 UTC" (the same
 * words as My device), or "Never" for a time that has not happened.
 */
export const when = (ms: number | null): string => (ms === null ? 'Never' : formatMoment(ms));
