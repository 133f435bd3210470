// Single sign-on: OpenID and SAML connections, identities, approved domains, SAML state.
import { sql } from 'drizzle-orm';
import { sqliteTable, text, integer, primaryKey, uniqueIndex, index } from 'drizzle-orm/sqlite-core';
import { SSO_KINDS } from '../../../contracts/enums';
import { id, createdAt } from './columns';
import { users } from './people';

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
