// Admin › Hardware's labels, without zod (labels/*.ts never import zod or server code, so a page can
// use them without shipping the schemas to the browser). contracts/admin.ts builds its schemas from
// these and re-exports them for the server.
import type { HardwareStatus } from '../enums';

/** The statuses an admin may set by editing; "assigned" is set only by assigning to a person. */
export const EDITABLE_HARDWARE_STATUSES = [
  'in_stock',
  'in_repair',
  'retired',
  'lost'
] as const satisfies readonly HardwareStatus[];

export const HARDWARE_STATUS_LABELS: Record<string, string> = {
  in_stock: 'In stock',
  assigned: 'Assigned',
  in_repair: 'In repair',
  retired: 'Retired',
  lost: 'Lost'
} satisfies Record<HardwareStatus, string>;
