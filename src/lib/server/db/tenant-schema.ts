// Tenant schema: every workspace's own D1 database has exactly these tables (migrations/tenant).
// Times are integer milliseconds since the epoch (UTC); calendar dates (renewals, loan due dates)
// are ISO `YYYY-MM-DD` text. Uniqueness and one-live-row rules live in the database as constraints.
// One file a domain under ./tenant/; this index is what drizzle.config.ts and every import read.

// The enumerations live in contracts/enums.ts (one spelling per rule); re-exported for older imports.
export {
  AUTH_TOKEN_PURPOSES,
  DEVICE_STATUSES,
  HARDWARE_STATUSES,
  LOAN_ITEM_STATUSES,
  MAINTENANCE_STATUSES,
  REQUEST_STATUSES,
  REQUEST_TYPES,
  SSO_KINDS,
  THEMES,
  URGENCIES,
  USER_STATUSES
} from '../../contracts/enums';

export * from './tenant/people';
export * from './tenant/inventory';
export * from './tenant/requests';
export * from './tenant/devices';
export * from './tenant/audit';
export * from './tenant/sso';
export * from './tenant/helpdesk';
export * from './tenant/provisioning';
export * from './tenant/webhooks';
