// Machine callers: SCIM provisioning and API tokens.
import { sql } from 'drizzle-orm';
import { sqliteTable, text, integer, primaryKey, uniqueIndex, index } from 'drizzle-orm/sqlite-core';
import { SCIM_GROUP_ROLES } from '../../../contracts/enums';
import { id, createdAt } from './columns';
import { users } from './people';

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
