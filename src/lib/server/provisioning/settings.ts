// Settings › Provisioning: SCIM on/off, how new people get in (single sign-on only, or a password
// invitation mail), and which sign-in connection + SCIM attribute pre-link a provisioned person's
// single sign-on identity (sso/resolve-user.ts rule 2: by (connection, subject), never by email).
// Stored as workspace_settings rows; every change is audited with the acting admin.
import { eq, inArray } from 'drizzle-orm';
import type { TenantDb } from '../db';
import { ssoConnections, workspaceSettings } from '../db/tenant-schema';
import { auditStatement } from '../audit/record';
import { actorCan, auditActorOf, type Actor } from '../authz/actor';
import type {
  ProvisioningNewPeople,
  ProvisioningSettingsInput,
  ProvisioningSubjectAttribute
} from '../../contracts/scim';

export const PROVISIONING_KEYS = {
  enabled: 'scim.enabled',
  newPeople: 'scim.new_people',
  connectionId: 'scim.sso_connection_id',
  subjectAttribute: 'scim.sso_subject_attribute'
} as const;

export interface ProvisioningSettings {
  enabled: boolean;
  newPeople: ProvisioningNewPeople;
  connectionId: string | null;
  subjectAttribute: ProvisioningSubjectAttribute;
}

export async function getProvisioningSettings(db: TenantDb): Promise<ProvisioningSettings> {
  const rows = await db
    .select({ key: workspaceSettings.key, value: workspaceSettings.value })
    .from(workspaceSettings)
    .where(inArray(workspaceSettings.key, Object.values(PROVISIONING_KEYS)));
  const get = (k: string) => rows.find((r) => r.key === k)?.value ?? null;
  return {
    enabled: get(PROVISIONING_KEYS.enabled) === 'true',
    newPeople: get(PROVISIONING_KEYS.newPeople) === 'invitation' ? 'invitation' : 'sso',
    connectionId: get(PROVISIONING_KEYS.connectionId) || null,
    subjectAttribute: get(PROVISIONING_KEYS.subjectAttribute) === 'userName' ? 'userName' : 'externalId'
  };
}

export const PROVISIONING_MESSAGES = {
  forbidden: 'Only administrators can change provisioning settings.',
  noConnection: 'Choose the single sign-on connection provisioned people sign in with.',
  unknownConnection: 'That single sign-on connection no longer exists.'
} as const;

export type SaveProvisioningResult =
  | { ok: true }
  | { ok: false; code: 'forbidden' | 'invalid'; message: string; fields?: Record<string, string[]> };

export async function saveProvisioningSettings(
  db: TenantDb,
  actor: Actor,
  input: ProvisioningSettingsInput
): Promise<SaveProvisioningResult> {
  if (!actorCan(actor, 'admin.settings'))
    return { ok: false, code: 'forbidden', message: PROVISIONING_MESSAGES.forbidden };
  if (input.connectionId) {
    const found = await db
      .select({ id: ssoConnections.id })
      .from(ssoConnections)
      .where(eq(ssoConnections.id, input.connectionId))
      .get();
    if (!found) {
      const m = PROVISIONING_MESSAGES.unknownConnection;
      return { ok: false, code: 'invalid', message: m, fields: { connectionId: [m] } };
    }
  } else if (input.enabled && input.newPeople === 'sso') {
    // SSO-only people without a pre-linked identity could never sign in (no email linking for them).
    const m = PROVISIONING_MESSAGES.noConnection;
    return { ok: false, code: 'invalid', message: m, fields: { connectionId: [m] } };
  }
  const before = await getProvisioningSettings(db);
  const now = Date.now();
  const values: [string, string][] = [
    [PROVISIONING_KEYS.enabled, String(input.enabled)],
    [PROVISIONING_KEYS.newPeople, input.newPeople],
    [PROVISIONING_KEYS.connectionId, input.connectionId ?? ''],
    [PROVISIONING_KEYS.subjectAttribute, input.subjectAttribute]
  ];
  await db.batch([
    auditStatement(db, {
      ...auditActorOf(actor),
      action: 'provisioning.settings_updated',
      entityType: 'workspace_settings',
      entityId: PROVISIONING_KEYS.enabled,
      before,
      after: input
    }),
    ...values.map(([key, value]) =>
      db
        .insert(workspaceSettings)
        .values({ key, value, updatedAt: now })
        .onConflictDoUpdate({ target: workspaceSettings.key, set: { value, updatedAt: now } })
    )
  ]);
  return { ok: true };
}
