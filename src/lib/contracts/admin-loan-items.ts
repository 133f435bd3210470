// Admin › Loan pool › pool items: the wire shape shared by the form actions and /api/v1/admin/loans/items.
// Form posts arrive as strings ("" = not given), JSON as typed values.
import * as z from 'zod';
import { POOL_ITEM_DESCRIPTION_MAX, POOL_ITEM_NAME_MAX, POOL_ITEM_TAG_MAX } from './labels/loan-items';

const blank = (v: unknown) => (v === '' || v === null ? undefined : v);
const trimmed = (v: unknown) => (typeof v === 'string' ? v.trim() : v);

// The form imports these from labels/loan-items.ts (zod-free); re-exported here for the server.
export { POOL_ITEM_DESCRIPTION_MAX, POOL_ITEM_NAME_MAX, POOL_ITEM_TAG_MAX };

export const poolItemSchema = z.object({
  name: z.preprocess(
    trimmed,
    z
      .string({ error: 'Enter a name.' })
      .min(1, 'Enter a name.')
      .max(POOL_ITEM_NAME_MAX, `Keep the name to ${POOL_ITEM_NAME_MAX} characters or fewer.`)
  ),
  assetTag: z.preprocess(
    trimmed,
    z
      .string({ error: 'Enter an asset tag.' })
      .min(1, 'Enter an asset tag.')
      .max(POOL_ITEM_TAG_MAX, `Keep the asset tag to ${POOL_ITEM_TAG_MAX} characters or fewer.`)
      .regex(/^[\p{L}\p{N}._\-/ ]+$/u, 'Use letters, digits, spaces and . _ - / only.')
  ),
  categoryId: z.preprocess(blank, z.string().max(64, 'Choose a category from the list.').optional()),
  description: z.preprocess(
    (v) => blank(trimmed(v)),
    z
      .string()
      .max(
        POOL_ITEM_DESCRIPTION_MAX,
        `Keep the description to ${POOL_ITEM_DESCRIPTION_MAX.toLocaleString('en-GB')} characters or fewer.`
      )
      .optional()
  )
});
export type PoolItemInput = z.infer<typeof poolItemSchema>;
