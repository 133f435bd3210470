// Every enumeration of the product, spelled once. The drizzle schemas (column enums), the zod schemas
// (z.enum) and the pages all derive from these tuples; this module imports nothing, so a page can use
// it without pulling zod or server code into its bundle.

export const ROLES = ['employee', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const USER_STATUSES = ['active', 'suspended', 'invited'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

export const AUTH_TOKEN_PURPOSES = ['password_reset', 'invitation'] as const;

export const HARDWARE_STATUSES = ['in_stock', 'assigned', 'in_repair', 'retired', 'lost'] as const;
export type HardwareStatus = (typeof HARDWARE_STATUSES)[number];

export const LOAN_ITEM_STATUSES = ['available', 'on_loan', 'retired'] as const;

/** New request › Request type (seed 000). */
export const REQUEST_TYPES = ['hardware', 'software', 'access', 'replacement', 'repair', 'other'] as const;
/** New request › Urgency (seed 000); also a maintenance record's priority. */
export const URGENCIES = ['low', 'medium', 'high', 'critical'] as const;
export type Urgency = (typeof URGENCIES)[number];

export const REQUEST_STATUSES = ['pending', 'approved', 'rejected', 'fulfilled', 'cancelled'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
/** Seed 000 troubleshooting: cancellation works only while a request is pending or approved. */
export const CANCELLABLE_STATUSES = ['pending', 'approved'] as const satisfies readonly RequestStatus[];
/** Requests still waiting on someone (dashboards count these). */
export const OPEN_REQUEST_STATUSES = ['pending', 'approved'] as const satisfies readonly RequestStatus[];

export const MAINTENANCE_STATUSES = ['open', 'in_progress', 'resolved', 'closed'] as const;
export type MaintenanceStatus = (typeof MAINTENANCE_STATUSES)[number];
/** A maintenance record someone still works on. */
export const ACTIVE_MAINTENANCE_STATUSES = [
  'open',
  'in_progress'
] as const satisfies readonly MaintenanceStatus[];

export const DEVICE_STATUSES = ['active', 'revoked'] as const;
export const SSO_KINDS = ['google', 'microsoft', 'saml'] as const;
export const WORKSPACE_STATUSES = ['active', 'suspended'] as const;

/** SCIM provisioning (issue 15): the role an admin may map an identity-provider group to. */
export const SCIM_GROUP_ROLES = ['admin'] as const;
/** How people the identity provider creates get in: SSO only, or a password invitation mail. */
export const PROVISIONING_NEW_PEOPLE = ['sso', 'invitation'] as const;
export type ProvisioningNewPeople = (typeof PROVISIONING_NEW_PEOPLE)[number];
/** Which SCIM attribute equals the subject the sign-in connection reports for the same person. */
export const PROVISIONING_SUBJECT_ATTRIBUTES = ['externalId', 'userName'] as const;
export type ProvisioningSubjectAttribute = (typeof PROVISIONING_SUBJECT_ATTRIBUTES)[number];
