// Admin › Loan pool › pool items: the field limits the form shows, without zod (see labels/hardware.ts).
// contracts/admin-loan-items.ts builds poolItemSchema from these and re-exports them for the server.
export const POOL_ITEM_NAME_MAX = 191;
export const POOL_ITEM_TAG_MAX = 64;
export const POOL_ITEM_DESCRIPTION_MAX = 2000;
