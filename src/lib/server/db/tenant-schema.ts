// Tenant schema: every workspace's own D1 database has exactly these tables (migrations/tenant).
// Times are integer milliseconds since the epoch (UTC); calendar dates (renewals, loan due dates)
// are ISO `YYYY-MM-DD` text. Uniqueness and one-live-row rules live in the database as constraints.
import { sql } from 'drizzle-orm';
import { sqliteTable, text, integer, primaryKey, uniqueIndex, index } from 'drizzle-orm/sqlite-core';
import {
  AUTH_TOKEN_PURPOSES,
  DEVICE_STATUSES,
  HARDWARE_STATUSES,
  LOAN_ITEM_STATUSES,
  MAINTENANCE_STATUSES,
  REQUEST_STATUSES,
  REQUEST_TYPES,
  ROLES,
  SCIM_GROUP_ROLES,
  SSO_KINDS,
  THEMES,
  URGENCIES,
  USER_STATUSES
} from '../../contracts/enums';

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
};

const id = () =>
  text('id')
    .primaryKey()
    .$defaultFn(() => crypto.randomUUID());
const createdAt = () =>
  integer('created_at')
    .notNull()
    .$defaultFn(() => Date.now());

export const users = sqliteTable('users', {
  id: id(),
  // Stored lowercased; unique per workspace (one database per workspace).
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  role: text('role', { enum: ROLES }).notNull().default('employee'),
  status: text('status', { enum: USER_STATUSES }).notNull().default('active'),
  // Null for SSO-only or invited users. Format: see auth/password.ts.
  passwordHash: text('password_hash'),
  jobTitle: text('job_title'),
  department: text('department'),
  phone: text('phone'),
  theme: text('theme', { enum: THEMES }).notNull().default('system'),
  createdAt: createdAt(),
  updatedAt: integer('updated_at')
    .notNull()
    .$defaultFn(() => Date.now())
});

// Strongly consistent session ledger. KV holds the hot copy; this row is checked on every request
// so that a revocation is seen at once even though KV is eventually consistent.
export const sessions = sqliteTable(
  'sessions',
  {
    // SHA-256 (hex) of the session token; the token itself is never stored.
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    lastSeenAt: integer('last_seen_at').notNull(),
    revokedAt: integer('revoked_at'),
    persistent: integer('persistent', { mode: 'boolean' }).notNull().default(false),
    // How the session was established: password, password+totp, password+passkey, sso ...
    authMethod: text('auth_method').notNull(),
    userAgent: text('user_agent'),
    ipAddress: text('ip_address')
  },
  (t) => [index('sessions_user_idx').on(t.userId)]
);

export const totpCredentials = sqliteTable('totp_credentials', {
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  // Encrypted with the workspace secret key (AES-GCM), never stored in clear.
  secretEncrypted: text('secret_encrypted').notNull(),
  // Highest RFC 6238 time step accepted: a code is accepted once.
  lastUsedStep: integer('last_used_step'),
  confirmedAt: integer('confirmed_at'),
  createdAt: createdAt()
});

export const passkeys = sqliteTable(
  'passkeys',
  {
    // WebAuthn credential id, base64url.
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    publicKey: text('public_key').notNull(),
    counter: integer('counter').notNull().default(0),
    transports: text('transports'),
    createdAt: createdAt(),
    lastUsedAt: integer('last_used_at')
  },
  (t) => [index('passkeys_user_idx').on(t.userId)]
);

export const recoveryCodes = sqliteTable(
  'recovery_codes',
  {
    id: id(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: integer('used_at'),
    createdAt: createdAt()
  },
  (t) => [uniqueIndex('recovery_codes_user_hash_uq').on(t.userId, t.codeHash)]
);

// Single-use links (password reset, invitation): only the SHA-256 of the token is stored.
export const authTokens = sqliteTable(
  'auth_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: text('purpose', { enum: AUTH_TOKEN_PURPOSES }).notNull(),
    expiresAt: integer('expires_at').notNull(),
    usedAt: integer('used_at'),
    createdAt: createdAt()
  },
  (t) => [index('auth_tokens_user_idx').on(t.userId)]
);

export const notificationPreferences = sqliteTable('notification_preferences', {
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  renewalAlerts: integer('renewal_alerts', { mode: 'boolean' }).notNull().default(true),
  requestAlerts: integer('request_alerts', { mode: 'boolean' }).notNull().default(true)
});

export const workspaceSettings = sqliteTable('workspace_settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: integer('updated_at').notNull()
});

export const locations = sqliteTable('locations', {
  id: id(),
  name: text('name').notNull().unique(),
  address: text('address')
});

export const hardwareCategories = sqliteTable('hardware_categories', {
  id: id(),
  name: text('name').notNull().unique()
});

export const hardwareModels = sqliteTable(
  'hardware_models',
  {
    id: id(),
    categoryId: text('category_id')
      .notNull()
      .references(() => hardwareCategories.id),
    manufacturer: text('manufacturer').notNull(),
    name: text('name').notNull()
  },
  (t) => [uniqueIndex('hardware_models_uq').on(t.manufacturer, t.name)]
);

export const hardwareAssets = sqliteTable(
  'hardware_assets',
  {
    id: id(),
    assetTag: text('asset_tag').notNull().unique(),
    serial: text('serial'),
    modelId: text('model_id')
      .notNull()
      .references(() => hardwareModels.id),
    locationId: text('location_id').references(() => locations.id),
    status: text('status', { enum: HARDWARE_STATUSES }).notNull().default('in_stock'),
    assignedTo: text('assigned_to').references(() => users.id),
    assignedAt: integer('assigned_at'),
    acknowledgementRequested: integer('acknowledgement_requested', { mode: 'boolean' })
      .notNull()
      .default(false),
    acknowledgedAt: integer('acknowledged_at'),
    purchaseDate: text('purchase_date'),
    purchaseCostCents: integer('purchase_cost_cents'),
    warrantyEnds: text('warranty_ends'),
    notes: text('notes'),
    createdAt: createdAt(),
    updatedAt: integer('updated_at')
      .notNull()
      .$defaultFn(() => Date.now())
  },
  (t) => [
    index('hardware_assets_assignee_idx').on(t.assignedTo, t.assignedAt),
    uniqueIndex('hardware_assets_serial_uq').on(t.serial)
  ]
);

export const hardwareAssignments = sqliteTable(
  'hardware_assignments',
  {
    id: id(),
    assetId: text('asset_id')
      .notNull()
      .references(() => hardwareAssets.id),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    assignedAt: integer('assigned_at').notNull(),
    returnedAt: integer('returned_at'),
    assignedBy: text('assigned_by').references(() => users.id)
  },
  (t) => [index('hardware_assignments_asset_idx').on(t.assetId)]
);

export const softwareProducts = sqliteTable(
  'software_products',
  {
    id: id(),
    name: text('name').notNull(),
    vendor: text('vendor').notNull(),
    // Offered in the New request form's "Software" list when true.
    approved: integer('approved', { mode: 'boolean' }).notNull().default(true),
    description: text('description')
  },
  (t) => [uniqueIndex('software_products_uq').on(t.vendor, t.name)]
);

export const licences = sqliteTable('licences', {
  id: id(),
  productId: text('product_id')
    .notNull()
    .references(() => softwareProducts.id),
  edition: text('edition').notNull(),
  seats: integer('seats').notNull(),
  renewalDate: text('renewal_date'),
  costCents: integer('cost_cents'),
  notes: text('notes'),
  createdAt: createdAt()
});

export const licenceAssignments = sqliteTable(
  'licence_assignments',
  {
    id: id(),
    licenceId: text('licence_id')
      .notNull()
      .references(() => licences.id),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    assignedAt: integer('assigned_at').notNull()
  },
  (t) => [
    uniqueIndex('licence_assignments_uq').on(t.licenceId, t.userId),
    index('licence_assignments_user_idx').on(t.userId)
  ]
);

export const licenceAssignmentDevices = sqliteTable(
  'licence_assignment_devices',
  {
    assignmentId: text('assignment_id')
      .notNull()
      .references(() => licenceAssignments.id, { onDelete: 'cascade' }),
    assetId: text('asset_id')
      .notNull()
      .references(() => hardwareAssets.id)
  },
  (t) => [primaryKey({ columns: [t.assignmentId, t.assetId] })]
);

/**
 * Renewal reminders the daily cron has sent (migrations/tenant/0004): one per licence, renewal date
 * and threshold in days. The key makes a second run a no-op and a new renewal date re-arms it.
 */
export const licenceRemindersSent = sqliteTable(
  'licence_reminders_sent',
  {
    licenceId: text('licence_id')
      .notNull()
      .references(() => licences.id, { onDelete: 'cascade' }),
    renewalDate: text('renewal_date').notNull(),
    threshold: integer('threshold').notNull(),
    /** The run that claimed the row; only that run writes the notifications. */
    runId: text('run_id').notNull(),
    sentAt: integer('sent_at').notNull()
  },
  (t) => [primaryKey({ columns: [t.licenceId, t.renewalDate, t.threshold] })]
);

export const loanPoolItems = sqliteTable('loan_pool_items', {
  id: id(),
  name: text('name').notNull(),
  assetTag: text('asset_tag').notNull().unique(),
  categoryId: text('category_id').references(() => hardwareCategories.id),
  description: text('description'),
  status: text('status', { enum: LOAN_ITEM_STATUSES }).notNull().default('available')
});

export const loans = sqliteTable(
  'loans',
  {
    id: id(),
    itemId: text('item_id')
      .notNull()
      .references(() => loanPoolItems.id),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    lentAt: integer('lent_at').notNull(),
    dueDate: text('due_date').notNull(),
    returnedAt: integer('returned_at'),
    lentBy: text('lent_by').references(() => users.id),
    notes: text('notes')
  },
  (t) => [
    // One open loan per pool item, enforced by the database.
    uniqueIndex('loans_open_item_uq')
      .on(t.itemId)
      .where(sql`returned_at IS NULL`),
    index('loans_user_idx').on(t.userId)
  ]
);

export const requests = sqliteTable(
  'requests',
  {
    id: id(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    type: text('type', { enum: REQUEST_TYPES }).notNull(),
    title: text('title').notNull(),
    justification: text('justification').notNull(),
    urgency: text('urgency', { enum: URGENCIES }).notNull(),
    categoryId: text('category_id').references(() => hardwareCategories.id),
    softwareId: text('software_id').references(() => softwareProducts.id),
    specificModel: text('specific_model'),
    estimatedCostCents: integer('estimated_cost_cents'),
    status: text('status', { enum: REQUEST_STATUSES }).notNull().default('pending'),
    decidedBy: text('decided_by').references(() => users.id),
    decidedAt: integer('decided_at'),
    decisionReason: text('decision_reason'),
    externalTicketId: text('external_ticket_id'),
    createdAt: createdAt(),
    updatedAt: integer('updated_at')
      .notNull()
      .$defaultFn(() => Date.now())
  },
  (t) => [index('requests_user_idx').on(t.userId, t.createdAt), index('requests_status_idx').on(t.status)]
);

export const requestEvents = sqliteTable(
  'request_events',
  {
    id: id(),
    requestId: text('request_id')
      .notNull()
      .references(() => requests.id, { onDelete: 'cascade' }),
    fromStatus: text('from_status', { enum: REQUEST_STATUSES }),
    toStatus: text('to_status', { enum: REQUEST_STATUSES }).notNull(),
    actorId: text('actor_id').references(() => users.id),
    note: text('note'),
    createdAt: createdAt()
  },
  (t) => [index('request_events_request_idx').on(t.requestId)]
);

export const requestMessages = sqliteTable(
  'request_messages',
  {
    id: id(),
    requestId: text('request_id')
      .notNull()
      .references(() => requests.id, { onDelete: 'cascade' }),
    // Null for a reply written in the help desk (migrations/tenant/0008): author_label names the agent.
    authorId: text('author_id').references(() => users.id),
    authorLabel: text('author_label'),
    /** The help desk's change id for a reply that came from there (applied once). */
    externalId: text('external_id'),
    body: text('body').notNull(),
    createdAt: createdAt()
  },
  (t) => [
    index('request_messages_request_idx').on(t.requestId),
    uniqueIndex('request_messages_external_uq').on(t.externalId)
  ]
);

export const maintenanceRecords = sqliteTable(
  'maintenance_records',
  {
    id: id(),
    assetId: text('asset_id')
      .notNull()
      .references(() => hardwareAssets.id),
    reportedBy: text('reported_by')
      .notNull()
      .references(() => users.id),
    description: text('description').notNull(),
    priority: text('priority', { enum: URGENCIES }).notNull(),
    status: text('status', { enum: MAINTENANCE_STATUSES }).notNull().default('open'),
    notes: text('notes'),
    resolution: text('resolution'),
    createdAt: createdAt(),
    updatedAt: integer('updated_at')
      .notNull()
      .$defaultFn(() => Date.now()),
    resolvedAt: integer('resolved_at')
  },
  (t) => [index('maintenance_asset_idx').on(t.assetId)]
);

export const notifications = sqliteTable(
  'notifications',
  {
    id: id(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body'),
    link: text('link'),
    readAt: integer('read_at'),
    createdAt: createdAt()
  },
  (t) => [index('notifications_user_idx').on(t.userId, t.readAt)]
);

export const agentDevices = sqliteTable(
  'agent_devices',
  {
    id: id(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    // SHA-256 (hex) of the device credential; the credential itself lives only on the device.
    credentialHash: text('credential_hash').notNull().unique(),
    hostname: text('hostname').notNull(),
    osName: text('os_name').notNull(),
    osVersion: text('os_version'),
    cpu: text('cpu'),
    serial: text('serial'),
    agentVersion: text('agent_version'),
    status: text('status', { enum: DEVICE_STATUSES }).notNull().default('active'),
    enrolledAt: integer('enrolled_at').notNull(),
    lastSeenAt: integer('last_seen_at'),
    lastReportAt: integer('last_report_at'),
    revokedAt: integer('revoked_at'),
    revokedBy: text('revoked_by').references(() => users.id)
  },
  (t) => [
    // One live pairing per user, enforced by the database.
    uniqueIndex('agent_devices_active_user_uq')
      .on(t.userId)
      .where(sql`status = 'active'`)
  ]
);

export const agentSoftware = sqliteTable(
  'agent_software',
  {
    deviceId: text('device_id')
      .notNull()
      .references(() => agentDevices.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    version: text('version').notNull().default(''),
    publisher: text('publisher')
  },
  (t) => [primaryKey({ columns: [t.deviceId, t.name, t.version] })]
);

// Report ids already applied: replaying a report changes nothing.
export const agentReports = sqliteTable('agent_reports', {
  id: text('id').primaryKey(),
  deviceId: text('device_id')
    .notNull()
    .references(() => agentDevices.id, { onDelete: 'cascade' }),
  receivedAt: integer('received_at').notNull()
});

// Append-only: the application never updates or deletes rows (a trigger refuses it).
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    actorId: text('actor_id'),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    before: text('before'),
    after: text('after'),
    ipAddress: text('ip_address'),
    createdAt: createdAt(),
    /** Who acted when no person's session did: a token's name, "Provisioning", "Help desk" (0005). */
    actorLabel: text('actor_label')
  },
  (t) => [
    index('audit_log_entity_idx').on(t.entityType, t.entityId),
    index('audit_log_created_idx').on(t.createdAt)
  ]
);

// Single sign-on (migrations/tenant/0002_sso.sql). Client secrets are sealed with auth/secret-box.ts
// (owner = connection id) and never sent back to a page. `dev_issuer_url` points a Google/Microsoft
// connection at a local OpenID provider; it is honoured only when APP_ENV is "development".
export const ssoConnections = sqliteTable(
  'sso_connections',
  {
    id: id(),
    kind: text('kind', { enum: SSO_KINDS }).notNull(),
    name: text('name').notNull(),
    clientId: text('client_id'),
    clientSecretSealed: text('client_secret_sealed'),
    entraTenant: text('entra_tenant'),
    samlIdpEntityId: text('saml_idp_entity_id'),
    samlSsoUrl: text('saml_sso_url'),
    samlCertificate: text('saml_certificate'),
    devIssuerUrl: text('dev_issuer_url'),
    createdAt: createdAt(),
    updatedAt: integer('updated_at')
      .notNull()
      .$defaultFn(() => Date.now())
  },
  (t) => [
    uniqueIndex('sso_connections_name_unique').on(t.name),
    uniqueIndex('sso_connections_one_per_oauth_kind')
      .on(t.kind)
      .where(sql`${t.kind} IN ('google', 'microsoft')`)
  ]
);

// An identity is (connection, subject) - the provider's stable id - never the email alone.
export const ssoIdentities = sqliteTable(
  'sso_identities',
  {
    connectionId: text('connection_id')
      .notNull()
      .references(() => ssoConnections.id, { onDelete: 'cascade' }),
    subject: text('subject').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    createdAt: createdAt(),
    lastUsedAt: integer('last_used_at').notNull()
  },
  (t) => [primaryKey({ columns: [t.connectionId, t.subject] }), index('sso_identities_user_idx').on(t.userId)]
);

export const ssoApprovedDomains = sqliteTable('sso_approved_domains', {
  domain: text('domain').primaryKey(),
  createdAt: createdAt()
});

export type UserRow = typeof users.$inferSelect;

// SAML sign-in state (migrations/tenant/0003_saml.sql). The IdP POSTs back cross-site, where a
// SameSite=Lax cookie is not sent, so the AuthnRequest id lives here and is deleted when used.
export const samlRequests = sqliteTable(
  'saml_requests',
  {
    id: text('id').primaryKey(),
    connectionId: text('connection_id')
      .notNull()
      .references(() => ssoConnections.id, { onDelete: 'cascade' }),
    next: text('next'),
    createdAt: createdAt(),
    expiresAt: integer('expires_at').notNull()
  },
  (t) => [index('saml_requests_expires_idx').on(t.expiresAt)]
);

// Every accepted assertion id, kept until the assertion expires: an id is accepted once (replay).
// Not tied to the connection by a foreign key: removing a connection must not forget used ids.
export const samlAssertionIds = sqliteTable(
  'saml_assertion_ids',
  {
    assertionId: text('assertion_id').primaryKey(),
    connectionId: text('connection_id').notNull(),
    expiresAt: integer('expires_at').notNull(),
    createdAt: createdAt()
  },
  (t) => [index('saml_assertion_ids_expires_idx').on(t.expiresAt)]
);

// The outbox (migrations/tenant/0007_outbox.sql; src/lib/server/outbox): changes waiting to leave
// OnTrackio, written in the same batch as the change. `id` is the delivery order within a key.
export const OUTBOX_STATUSES = ['pending', 'delivered', 'failed', 'skipped'] as const;
export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    channel: text('channel').notNull(),
    orderingKey: text('ordering_key').notNull(),
    eventType: text('event_type').notNull(),
    payload: text('payload').notNull(),
    status: text('status', { enum: OUTBOX_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at').notNull(),
    lastError: text('last_error'),
    createdAt: integer('created_at').notNull(),
    finishedAt: integer('finished_at')
  },
  (t) => [
    index('outbox_key_idx').on(t.channel, t.orderingKey, t.status, t.id),
    index('outbox_status_idx').on(t.status, t.nextAttemptAt)
  ]
);

// Help-desk sync (migrations/tenant/0008_helpdesk.sql; src/lib/server/helpdesk). One connection per
// workspace (id = 1); token and webhook secret sealed with auth/secret-box.ts.
export const helpdeskConnection = sqliteTable('helpdesk_connection', {
  id: integer('id').primaryKey(),
  provider: text('provider').notNull(),
  baseUrl: text('base_url').notNull(),
  apiTokenSealed: text('api_token_sealed'),
  queue: text('queue').notNull(),
  referenceField: text('reference_field').notNull(),
  /** JSON: helpdesk/status-map.ts StatusMap. */
  statusMap: text('status_map').notNull(),
  webhookSecretSealed: text('webhook_secret_sealed').notNull(),
  /** The workspace's own address, for the link back on each ticket. */
  publicOrigin: text('public_origin').notNull(),
  enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
  cursor: text('cursor'),
  integrationUser: text('integration_user'),
  lastSyncAt: integer('last_sync_at'),
  lastSyncError: text('last_sync_error'),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull()
});

export const HELPDESK_ENTITY_TYPES = ['request', 'maintenance'] as const;
export const helpdeskLinks = sqliteTable(
  'helpdesk_links',
  {
    /** The help desk's address: ticket numbers are unique only within one help desk. */
    source: text('source').notNull(),
    entityType: text('entity_type', { enum: HELPDESK_ENTITY_TYPES }).notNull(),
    entityId: text('entity_id').notNull(),
    ticketId: text('ticket_id').notNull(),
    ticketUrl: text('ticket_url').notNull(),
    helpdeskStatus: text('helpdesk_status'),
    createdAt: integer('created_at').notNull()
  },
  (t) => [
    primaryKey({ columns: [t.source, t.entityType, t.entityId] }),
    uniqueIndex('helpdesk_links_ticket_uq').on(t.source, t.ticketId)
  ]
);

export const helpdeskChanges = sqliteTable(
  'helpdesk_changes',
  {
    changeId: text('change_id').primaryKey(),
    origin: text('origin', { enum: ['ours', 'theirs'] }).notNull(),
    createdAt: integer('created_at').notNull()
  },
  (t) => [index('helpdesk_changes_created_idx').on(t.createdAt)]
);

export const helpdeskWebhookEvents = sqliteTable(
  'helpdesk_webhook_events',
  {
    eventId: text('event_id').primaryKey(),
    receivedAt: integer('received_at').notNull()
  },
  (t) => [index('helpdesk_webhook_events_received_idx').on(t.receivedAt)]
);

export const helpdeskUnmappedStatuses = sqliteTable('helpdesk_unmapped_statuses', {
  status: text('status').primaryKey(),
  ticketId: text('ticket_id').notNull(),
  seen: integer('seen').notNull().default(1),
  firstSeenAt: integer('first_seen_at').notNull(),
  lastSeenAt: integer('last_seen_at').notNull()
});

// SCIM 2.0 provisioning (migrations/tenant/0009_scim_provisioning.sql, src/lib/server/provisioning).
export const scimUsers = sqliteTable(
  'scim_users',
  {
    userId: text('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    userName: text('user_name').notNull(),
    externalId: text('external_id'),
    givenName: text('given_name'),
    familyName: text('family_name'),
    managerId: text('manager_id'),
    /** The (connection, subject) identity provisioning pre-linked in sso_identities, if any. */
    ssoConnectionId: text('sso_connection_id'),
    ssoSubject: text('sso_subject'),
    /** The provider DELETEd the person: suspended in OnTrackio, no longer a SCIM resource. */
    deprovisionedAt: integer('deprovisioned_at'),
    createdAt: createdAt(),
    updatedAt: integer('updated_at').notNull()
  },
  (t) => [
    uniqueIndex('scim_users_user_name_uq').on(sql`lower(${t.userName})`),
    index('scim_users_external_id_idx').on(t.externalId)
  ]
);

export const scimGroups = sqliteTable(
  'scim_groups',
  {
    id: id(),
    displayName: text('display_name').notNull(),
    externalId: text('external_id'),
    /** The admin's mapping: null = membership only, 'admin' = members are administrators. */
    role: text('role', { enum: SCIM_GROUP_ROLES }),
    createdAt: createdAt(),
    updatedAt: integer('updated_at').notNull()
  },
  (t) => [uniqueIndex('scim_groups_display_name_uq').on(sql`lower(${t.displayName})`)]
);

export const scimGroupMembers = sqliteTable(
  'scim_group_members',
  {
    groupId: text('group_id')
      .notNull()
      .references(() => scimGroups.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    addedAt: integer('added_at').notNull()
  },
  (t) => [primaryKey({ columns: [t.groupId, t.userId] }), index('scim_group_members_user_idx').on(t.userId)]
);

export const scimCalls = sqliteTable('scim_calls', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  method: text('method').notNull(),
  path: text('path').notNull(),
  status: integer('status').notNull(),
  outcome: text('outcome').notNull(),
  createdAt: integer('created_at').notNull()
});

// API tokens (migrations/tenant/0006_api_tokens.sql, src/lib/server/api-tokens). Only the SHA-256 of
// the secret is stored. A personal token has an owner and acts as them; a service token has none and
// belongs to the workspace (created_by is for display). scopes / allowed_addresses: JSON text arrays.
export const API_TOKEN_KINDS = ['personal', 'service'] as const;
export const apiTokens = sqliteTable(
  'api_tokens',
  {
    id: id(),
    kind: text('kind', { enum: API_TOKEN_KINDS }).notNull(),
    ownerUserId: text('owner_user_id').references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    secretHash: text('secret_hash').notNull(),
    scopes: text('scopes').notNull(),
    allowedAddresses: text('allowed_addresses'),
    expiresAt: integer('expires_at').notNull(),
    createdAt: createdAt(),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    lastUsedAt: integer('last_used_at'),
    revokedAt: integer('revoked_at'),
    revokedBy: text('revoked_by').references(() => users.id, { onDelete: 'set null' }),
    /** Who revoked when no person did: "Provisioning", a service token's name (authz/actor.ts). */
    revokedByLabel: text('revoked_by_label')
  },
  (t) => [
    uniqueIndex('api_tokens_secret_hash_unique').on(t.secretHash),
    index('api_tokens_owner_idx').on(t.ownerUserId)
  ]
);

// Outgoing webhooks (migrations/tenant/0010_webhooks.sql, src/lib/server/webhooks). Secrets are sealed
// with auth/secret-box.ts (owner `webhook:<id>`); event_types is a JSON text array.
export const WEBHOOK_ENDPOINT_STATUSES = ['enabled', 'disabled'] as const;
export const WEBHOOK_DISABLED_REASONS = ['admin', 'failing', 'gone'] as const;
export const WEBHOOK_MESSAGE_STATUSES = ['pending', 'delivered', 'failed', 'skipped'] as const;

export const webhookEndpoints = sqliteTable('webhook_endpoints', {
  id: id(),
  url: text('url').notNull(),
  description: text('description').notNull().default(''),
  eventTypes: text('event_types').notNull(),
  secretSealed: text('secret_sealed').notNull(),
  previousSecretSealed: text('previous_secret_sealed'),
  previousSecretExpiresAt: integer('previous_secret_expires_at'),
  status: text('status', { enum: WEBHOOK_ENDPOINT_STATUSES }).notNull().default('enabled'),
  disabledReason: text('disabled_reason', { enum: WEBHOOK_DISABLED_REASONS }),
  disabledAt: integer('disabled_at'),
  createdAt: createdAt(),
  createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
  updatedAt: integer('updated_at')
    .notNull()
    .$defaultFn(() => Date.now())
});

/** The delivery log: one row per event and endpoint; `event_id` is the `webhook-id` header. */
export const webhookMessages = sqliteTable(
  'webhook_messages',
  {
    id: id(),
    endpointId: text('endpoint_id')
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
    eventId: text('event_id').notNull(),
    eventType: text('event_type').notNull(),
    payload: text('payload').notNull(),
    status: text('status', { enum: WEBHOOK_MESSAGE_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastAttemptAt: integer('last_attempt_at'),
    lastResponseStatus: integer('last_response_status'),
    createdAt: integer('created_at').notNull()
  },
  (t) => [
    uniqueIndex('webhook_messages_event_endpoint_unique').on(t.eventId, t.endpointId),
    index('webhook_messages_endpoint_idx').on(t.endpointId, t.createdAt),
    index('webhook_messages_created_idx').on(t.createdAt)
  ]
);

export const webhookAttempts = sqliteTable(
  'webhook_attempts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    messageId: text('message_id')
      .notNull()
      .references(() => webhookMessages.id, { onDelete: 'cascade' }),
    attemptedAt: integer('attempted_at').notNull(),
    durationMs: integer('duration_ms'),
    responseStatus: integer('response_status'),
    /** The first 2 KB of the receiver's answer (admins only). */
    responseBody: text('response_body'),
    error: text('error')
  },
  (t) => [index('webhook_attempts_message_idx').on(t.messageId, t.id)]
);

/** Daily events fire once per subject: the key is claimed in the same batch as the outbox row. */
export const webhookEventOnce = sqliteTable('webhook_event_once', {
  key: text('key').primaryKey(),
  createdAt: integer('created_at').notNull()
});
