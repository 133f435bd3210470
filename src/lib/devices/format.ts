// Display helpers for My device and the Security page (safe for the browser and the server). Both
// pages format on the server (their loads send the words), so the browser does not download these.

/** "22 Nov 2026, 14:20 UTC": rendered the same on the server and after hydration. */
export function formatMoment(ms: number): string {
  const d = new Date(ms);
  const date = d.toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC'
  });
  const time = d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });
  return `${date}, ${time} UTC`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** A moment for `<time datetime={iso}>{text}</time>`. */
export interface Moment {
  iso: string;
  text: string;
}

export const momentOf = (ms: number): Moment => ({ iso: new Date(ms).toISOString(), text: formatMoment(ms) });

/** Which computers a release file is for, in an employee's words. */
export function platformNote(arch: string): string {
  if (arch === 'universal') return 'Apple silicon and Intel Macs';
  if (arch === 'x64') return '64-bit (x64)';
  if (arch === 'arm64') return 'ARM 64-bit';
  return 'needs Node.js 24';
}

/** "Version 1.4.0 · 12.3 MB · Apple silicon and Intel Macs": the line under a download's link. */
export const downloadDetail = (file: { version: string; bytes: number; arch: string }): string =>
  `Version ${file.version} · ${formatBytes(file.bytes)} · ${platformNote(file.arch)}`;
