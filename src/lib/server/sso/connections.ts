// SSO connections, approved domains and the "create accounts on first sign-in" switch
// (Admin › Settings › Single sign-on). Client secrets are sealed with auth/secret-box.ts (AES-GCM, key
// from the Worker secret TOTP_ENCRYPTION_KEY) with "sso-connection:<id>" as associated data, and are
// never returned to a page: views only learn whether a secret is saved.
import { asc, eq } from 'drizzle-orm';
import type { TenantDb } from '../db';
import { ssoApprovedDomains, ssoConnections, workspaceSettings } from '../db/tenant-schema';
import { auditStatement } from '../audit/record';
import { openSecret, sealSecret, type SecretBoxEnv } from '../auth/secret-box';
import type {
  OauthConnectionInput,
  SamlConnectionInput,
  SignInRulesInput,
  SsoButton
} from '../../contracts/sso';
import { actorCan, auditActorOf, FORBIDDEN, type Actor, type Forbidden } from '../authz/actor';

export const CREATE_ACCOUNTS_KEY = 'sso.create_accounts_on_first_sign_in';
export type SsoConnectionRow = typeof ssoConnections.$inferSelect;

const secretOwner = (connectionId: string) => `sso-connection:${connectionId}`;

export function buttonLabel(row: Pick<SsoConnectionRow, 'kind' | 'name'>): string {
  if (row.kind === 'google') return 'Continue with Google';
  if (row.kind === 'microsoft') return 'Continue with Microsoft';
  return `Continue with ${row.name}`;
}

const OAUTH_KINDS: ReadonlySet<string> = new Set(['google', 'microsoft']);

/** A connection gets a Sign in button once it has everything its flow needs. */
function readyForSignIn(r: SsoConnectionRow): boolean {
  if (r.kind === 'saml') return !!(r.samlIdpEntityId && r.samlSsoUrl && r.samlCertificate);
  return !!(r.clientId && r.clientSecretSealed);
}

/** Sign in page buttons: one per configured connection, Google, Microsoft, then SAML by age. */
export async function listSsoButtons(db: TenantDb): Promise<SsoButton[]> {
  const rows = await db.select().from(ssoConnections).orderBy(asc(ssoConnections.createdAt));
  const order = { google: 0, microsoft: 1, saml: 2 } as const;
  return rows
    .filter(readyForSignIn)
    .sort((a, b) => order[a.kind] - order[b.kind])
    .map((r) => ({ id: r.id, label: buttonLabel(r) }));
}

export interface SsoAdminView {
  google: OauthView | null;
  microsoft: OauthView | null;
  saml: { id: string; name: string; idpEntityId: string; ssoUrl: string; certificateSummary: string }[];
  domains: string[];
  createAccounts: boolean;
}
interface OauthView {
  id: string;
  clientId: string;
  hasSecret: boolean;
  entraTenant: string;
  devIssuerUrl: string;
}

export async function ssoAdminView(db: TenantDb): Promise<SsoAdminView> {
  const [rows, domains, createAccounts] = await Promise.all([
    db.select().from(ssoConnections).orderBy(asc(ssoConnections.createdAt)),
    listApprovedDomains(db),
    isCreateAccountsOn(db)
  ]);
  const oauth = (kind: 'google' | 'microsoft'): OauthView | null => {
    const r = rows.find((x) => x.kind === kind);
    return r
      ? {
          id: r.id,
          clientId: r.clientId ?? '',
          hasSecret: !!r.clientSecretSealed,
          entraTenant: r.entraTenant ?? '',
          devIssuerUrl: r.devIssuerUrl ?? ''
        }
      : null;
  };
  return {
    google: oauth('google'),
    microsoft: oauth('microsoft'),
    saml: rows
      .filter((r) => r.kind === 'saml')
      .map((r) => ({
        id: r.id,
        name: r.name,
        idpEntityId: r.samlIdpEntityId ?? '',
        ssoUrl: r.samlSsoUrl ?? '',
        certificateSummary: `${(r.samlCertificate ?? '').slice(0, 16)}… (${(r.samlCertificate ?? '').length} characters)`
      })),
    domains,
    createAccounts
  };
}

export async function listApprovedDomains(db: TenantDb): Promise<string[]> {
  const rows = await db
    .select({ domain: ssoApprovedDomains.domain })
    .from(ssoApprovedDomains)
    .orderBy(asc(ssoApprovedDomains.domain));
  return rows.map((r) => r.domain);
}

export async function isCreateAccountsOn(db: TenantDb): Promise<boolean> {
  const row = await db.query.workspaceSettings.findFirst({
    where: eq(workspaceSettings.key, CREATE_ACCOUNTS_KEY)
  });
  return row?.value === 'true';
}

export type SaveResult =
  { ok: true } | { ok: false; code: 'invalid'; fields: Record<string, string[]> } | Forbidden;

/** Creates or updates the Google / Microsoft connection. An empty secret keeps the saved one. */
export async function saveOauthConnection(
  env: SecretBoxEnv,
  db: TenantDb,
  actor: Actor,
  input: OauthConnectionInput
): Promise<SaveResult> {
  if (!actorCan(actor, 'admin.settings')) return FORBIDDEN;
  const existing = await db.query.ssoConnections.findFirst({ where: eq(ssoConnections.kind, input.kind) });
  if (!existing && input.clientSecret.trim() === '')
    return { ok: false, code: 'invalid', fields: { clientSecret: ['Enter the client secret'] } };
  if (input.kind === 'microsoft' && input.entraTenant === '')
    return { ok: false, code: 'invalid', fields: { entraTenant: ['Enter your Entra tenant ID'] } };
  const id = existing?.id ?? crypto.randomUUID();
  const sealed = input.clientSecret.trim()
    ? await sealSecret(env, secretOwner(id), new TextEncoder().encode(input.clientSecret.trim()))
    : existing!.clientSecretSealed;
  const now = Date.now();
  const values = {
    clientId: input.clientId,
    clientSecretSealed: sealed,
    entraTenant: input.kind === 'microsoft' ? input.entraTenant : null,
    devIssuerUrl: input.devIssuerUrl || null,
    updatedAt: now
  };
  const after = {
    kind: input.kind,
    clientId: input.clientId,
    entraTenant: values.entraTenant,
    secretChanged: !!input.clientSecret.trim()
  };
  await db.batch([
    existing
      ? db.update(ssoConnections).set(values).where(eq(ssoConnections.id, id))
      : db.insert(ssoConnections).values({
          id,
          kind: input.kind,
          name: input.kind === 'google' ? 'Google' : 'Microsoft',
          createdAt: now,
          ...values
        }),
    auditStatement(db, {
      ...auditActorOf(actor),
      action: existing ? 'sso.connection_updated' : 'sso.connection_created',
      entityType: 'sso_connection',
      entityId: id,
      before: existing ? { clientId: existing.clientId, entraTenant: existing.entraTenant } : undefined,
      after
    })
  ]);
  return { ok: true };
}

export async function addSamlConnection(
  db: TenantDb,
  actor: Actor,
  input: SamlConnectionInput
): Promise<SaveResult> {
  if (!actorCan(actor, 'admin.settings')) return FORBIDDEN;
  const clash = await db.query.ssoConnections.findFirst({
    where: eq(ssoConnections.name, input.name),
    columns: { id: true }
  });
  if (clash)
    return { ok: false, code: 'invalid', fields: { name: ['A connection with this name already exists'] } };
  const id = crypto.randomUUID();
  const now = Date.now();
  await db.batch([
    db.insert(ssoConnections).values({
      id,
      kind: 'saml',
      name: input.name,
      samlIdpEntityId: input.idpEntityId,
      samlSsoUrl: input.ssoUrl,
      samlCertificate: input.certificate,
      createdAt: now,
      updatedAt: now
    }),
    auditStatement(db, {
      ...auditActorOf(actor),
      action: 'sso.connection_created',
      entityType: 'sso_connection',
      entityId: id,
      after: { kind: 'saml', name: input.name, idpEntityId: input.idpEntityId, ssoUrl: input.ssoUrl }
    })
  ]);
  return { ok: true };
}

/** Removing a connection also removes its linked identities (cascade); user accounts stay. */
export async function removeSsoConnection(
  db: TenantDb,
  actor: Actor,
  connectionId: string
): Promise<{ ok: true } | { ok: false; code: 'not_found' } | Forbidden> {
  if (!actorCan(actor, 'admin.settings')) return FORBIDDEN;
  const existing = await db.query.ssoConnections.findFirst({ where: eq(ssoConnections.id, connectionId) });
  if (!existing) return { ok: false, code: 'not_found' };
  await db.batch([
    db.delete(ssoConnections).where(eq(ssoConnections.id, connectionId)),
    auditStatement(db, {
      ...auditActorOf(actor),
      action: 'sso.connection_removed',
      entityType: 'sso_connection',
      entityId: connectionId,
      before: { kind: existing.kind, name: existing.name }
    })
  ]);
  return { ok: true };
}

export async function saveSignInRules(
  db: TenantDb,
  actor: Actor,
  input: SignInRulesInput
): Promise<{ ok: true } | Forbidden> {
  if (!actorCan(actor, 'admin.settings')) return FORBIDDEN;
  const before = { domains: await listApprovedDomains(db), createAccounts: await isCreateAccountsOn(db) };
  const now = Date.now();
  await db.batch([
    db.delete(ssoApprovedDomains),
    ...input.domains.map((domain) => db.insert(ssoApprovedDomains).values({ domain, createdAt: now })),
    db
      .insert(workspaceSettings)
      .values({ key: CREATE_ACCOUNTS_KEY, value: String(input.createAccounts), updatedAt: now })
      .onConflictDoUpdate({
        target: workspaceSettings.key,
        set: { value: String(input.createAccounts), updatedAt: now }
      }),
    auditStatement(db, {
      ...auditActorOf(actor),
      action: 'sso.sign_in_rules_updated',
      entityType: 'workspace_settings',
      entityId: CREATE_ACCOUNTS_KEY,
      before,
      after: { domains: input.domains, createAccounts: input.createAccounts }
    })
  ]);
  return { ok: true };
}

/** The connection with its client secret opened, for the sign-in flow only. */
export async function loadConnectionForSignIn(
  env: SecretBoxEnv,
  db: TenantDb,
  connectionId: string
): Promise<(SsoConnectionRow & { clientSecret: string }) | null> {
  const row = await db.query.ssoConnections.findFirst({ where: eq(ssoConnections.id, connectionId) });
  if (!row || !OAUTH_KINDS.has(row.kind) || !row.clientId || !row.clientSecretSealed) return null;
  const secret = new TextDecoder().decode(await openSecret(env, secretOwner(row.id), row.clientSecretSealed));
  return { ...row, clientSecret: secret };
}
