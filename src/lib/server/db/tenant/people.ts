// Accounts and their sign-in material: users, sessions, second factors, single-use links,
// per-user preferences and the workspace's own settings.
import { sqliteTable, text, integer, uniqueIndex, index } from 'drizzle-orm/sqlite-core';
import { AUTH_TOKEN_PURPOSES, ROLES, THEMES, USER_STATUSES } from '../../../contracts/enums';
import { id, createdAt } from './columns';

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

export type UserRow = typeof users.$inferSelect;
