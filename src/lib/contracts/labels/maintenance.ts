// Admin › Maintenance's labels and field limits, without zod (see labels/hardware.ts).
// contracts/maintenance.ts builds its schemas from these and re-exports them for the server.
import type { MaintenanceStatus } from '../enums';

export const MAINTENANCE_STATUS_LABELS: Record<MaintenanceStatus, string> = {
  open: 'Open',
  in_progress: 'In progress',
  resolved: 'Resolved',
  closed: 'Closed'
};

export const NOTE_MAX = 4000;
export const RESOLUTION_MAX = 4000;
