// src/lib/format.ts writes dates by hand; they must read exactly as Intl.DateTimeFormat('en-GB', UTC)
// printed them (what every page showed before, and what tests and users read).
import { describe, expect, it } from 'vitest';
import { formatDay, formatIsoDay, formatTime } from '../../src/lib/format';

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
const DAY_MS = 86_400_000;

describe('date formatting', () => {
  it('matches Intl en-GB (UTC) for every day from 1950 to 2070, at varying times of day', () => {
    const mismatches: string[] = [];
    for (let ms = Date.UTC(1950, 0, 1), i = 0; ms < Date.UTC(2070, 0, 1); ms += DAY_MS, i++) {
      const at = ms + ((i * 7_919_000) % DAY_MS); // a different hour and minute each day
      if (formatDay(at) !== dayFmt.format(at)) mismatches.push(`${at}: ${formatDay(at)}`);
      if (formatTime(at) !== `${timeFmt.format(at)} UTC`) mismatches.push(`${at}: ${formatTime(at)}`);
      const iso = new Date(ms).toISOString().slice(0, 10);
      if (formatIsoDay(iso) !== dayFmt.format(ms)) mismatches.push(`${iso}: ${formatIsoDay(iso)}`);
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
  });

  it('keeps the edges: midnight, a minute before, September, nothing given, an invalid time', () => {
    expect(formatTime(Date.UTC(2026, 8, 4, 0, 0))).toBe('4 Sept 2026, 00:00 UTC');
    expect(formatTime(Date.UTC(2026, 11, 31, 23, 59))).toBe('31 Dec 2026, 23:59 UTC');
    expect(formatIsoDay('2026-11-22')).toBe('22 Nov 2026');
    expect([formatDay(null), formatTime(undefined), formatIsoDay('')]).toEqual(['—', '—', '—']);
    expect(() => formatDay(Number.NaN)).toThrow(RangeError);
    expect(() => formatIsoDay('not a date')).toThrow(RangeError);
  });
});
