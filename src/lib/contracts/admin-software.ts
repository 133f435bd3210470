// Admin › Software: the approved catalog and licences with seats. Form actions and
// /api/v1/admin/software|licences share these schemas. Form posts arrive as strings, JSON as typed
// values; "" means "not given".
import * as z from 'zod';

const blank = (v: unknown) => (v === '' || v === null ? undefined : v);
const trimmed = (v: unknown) => (typeof v === 'string' ? blank(v.trim()) : blank(v));
/** Form checkbox ('on' / '' when unticked) or JSON boolean; omitted from JSON means approved. */
const approvedFlag = (v: unknown) =>
  v === undefined || v === true || v === 'on' || v === 'true'
    ? true
    : v === '' || v === false || v === 'false'
      ? false
      : v;

/** "2026-02-31" is shaped right but is not a day: it must survive a round trip through Date. */
function realDay(s: string): boolean {
  const t = Date.parse(`${s}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === s;
}

export const productSchema = z.object({
  name: z
    .string({ error: 'Enter the product name.' })
    .trim()
    .min(1, 'Enter the product name.')
    .max(120, 'Keep the name to 120 characters or fewer.'),
  vendor: z
    .string({ error: 'Enter the vendor.' })
    .trim()
    .min(1, 'Enter the vendor.')
    .max(120, 'Keep the vendor to 120 characters or fewer.'),
  description: z.preprocess(
    trimmed,
    z.string().max(1000, 'Keep the description to 1,000 characters or fewer.').optional()
  ),
  /** Offered in the New request form's Software list when true. */
  approved: z.preprocess(
    approvedFlag,
    z.boolean({ error: 'Say whether the product is approved (true or false).' })
  )
});
export type ProductInput = z.infer<typeof productSchema>;

export const SEATS_MAX = 100_000;

export const licenceSchema = z.object({
  productId: z
    .string({ error: 'Choose a product.' })
    .trim()
    .min(1, 'Choose a product.')
    .max(64, 'Choose a product from the list.'),
  edition: z
    .string({ error: 'Enter the edition.' })
    .trim()
    .min(1, 'Enter the edition.')
    .max(120, 'Keep the edition to 120 characters or fewer.'),
  seats: z.preprocess(
    (v) =>
      typeof v === 'string'
        ? v.trim() === ''
          ? undefined
          : /^\d+$/.test(v.trim())
            ? Number(v.trim())
            : v
        : v,
    z
      .number({
        error: (iss) =>
          iss.input === undefined
            ? 'Enter the number of seats.'
            : 'Enter the number of seats as a whole number.'
      })
      .int('Enter the number of seats as a whole number.')
      .min(1, 'A licence has at least 1 seat.')
      .max(SEATS_MAX, 'That is more seats than OnTrackio tracks (100,000).')
  ),
  renewalDate: z.preprocess(
    blank,
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the renewal date as YYYY-MM-DD.')
      .refine((s) => !/^\d{4}-\d{2}-\d{2}$/.test(s) || realDay(s), 'Enter a real date.')
      .optional()
  ),
  cost: z.preprocess(
    (v) => {
      if (typeof v !== 'string') return blank(v);
      const t = v.trim().replace(/,/g, '');
      return t === '' ? undefined : /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : t;
    },
    z
      .number({ error: 'Enter the cost as a number, for example 1200.00.' })
      .nonnegative('The cost can’t be negative.')
      .max(100_000_000, 'That cost is too large.')
      .optional()
  ),
  notes: z.preprocess(
    trimmed,
    z.string().max(2000, 'Keep the notes to 2,000 characters or fewer.').optional()
  )
});
export type LicenceInput = z.infer<typeof licenceSchema>;

export const seatAssignSchema = z.object({
  userId: z
    .string({ error: 'Choose a person.' })
    .trim()
    .min(1, 'Choose a person.')
    .max(64, 'Choose a person from the list.')
});
export type SeatAssignInput = z.infer<typeof seatAssignSchema>;

/** The devices a seat is linked to (replaces the set). Only the seat holder's own hardware qualifies. */
export const seatDevicesSchema = z.object({
  assetIds: z
    .array(z.string().min(1).max(64), { error: 'Send assetIds as a list of asset ids.' })
    .max(50, 'Link at most 50 devices to one seat.')
});
export type SeatDevicesInput = z.infer<typeof seatDevicesSchema>;
