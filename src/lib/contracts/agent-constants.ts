// Pairing and report constants without zod, so the agent's daemon can use them without loading zod
// (its idle memory matters). src/lib/contracts/agent.ts re-exports everything here.

/** Pairing codes: "OT-" + 6 characters from an unambiguous uppercase alphabet (no 0/O, 1/I). */
export const PAIRING_CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const PAIRING_CODE_PATTERN = /^OT-[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{6}$/;
export const PAIRING_CODE_TTL_MS = 10 * 60 * 1000;
/** An automatic pairing (handshake) lives as long as a code. */
export const HANDSHAKE_TTL_MS = 10 * 60 * 1000;

/** Accepts what people type: any case, spaces around, with or without the dash / "OT-" prefix. */
export function normalizePairingCode(raw: string): string {
  const compact = raw.trim().toUpperCase().replace(/[\s-]/g, '');
  const body = compact.startsWith('OT') && compact.length === 8 ? compact.slice(2) : compact;
  return `OT-${body}`;
}

export const OS_FAMILIES = ['macos', 'windows', 'linux'] as const;
export type OsFamily = (typeof OS_FAMILIES)[number];

/** Largest installed-software list one report may carry. */
export const MAX_REPORT_SOFTWARE = 20_000;
/** Largest report body in bytes (a 20,000-application report is about 2.5 MB of JSON). */
export const MAX_REPORT_BYTES = 4 * 1024 * 1024;
