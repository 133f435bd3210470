// Agent devices in the tenant database: enrol, authenticate, heartbeat, revoke, and what My device shows.
// Scope rule: portal reads take the user id and put it in the WHERE clause; the agent side is scoped by
// the credential hash (which identifies exactly one device of one user in this workspace's database).
import { and, asc, eq, sql } from 'drizzle-orm';
import type { TenantDb } from '../db';
import { agentDevices, agentSoftware, users } from '../db/tenant-schema';
import { auditStatement } from '../audit/record';
import { auditStatementIfChanged } from '../audit/guarded';
import type { DeviceFacts } from '../../contracts/agent';
import { actorRefOf, webhookEventStatement } from '../webhooks/events';
import { actorCan, auditActorOf, FORBIDDEN, personIdOf, type Actor, type Forbidden } from '../authz/actor';
import { isUniqueViolation } from '../db/constraint-errors';

export interface DeviceCard {
  id: string;
  hostname: string;
  /** "Ubuntu 24.04.1 LTS", "macOS 15.1", "Windows 11 Pro". */
  operatingSystem: string;
  cpu: string | null;
  agentVersion: string | null;
  enrolledAt: number;
  lastSeenAt: number | null;
  lastReportAt: number | null;
}

export interface InstalledApp {
  name: string;
  version: string;
  publisher: string | null;
}

const cardColumns = {
  id: agentDevices.id,
  hostname: agentDevices.hostname,
  osName: agentDevices.osName,
  osVersion: agentDevices.osVersion,
  cpu: agentDevices.cpu,
  agentVersion: agentDevices.agentVersion,
  enrolledAt: agentDevices.enrolledAt,
  lastSeenAt: agentDevices.lastSeenAt,
  lastReportAt: agentDevices.lastReportAt
};

/** "Ubuntu 24.04.1 LTS" already carries its version; "macOS" + "15.1" does not. */
export function operatingSystemLabel(osName: string, osVersion: string | null): string {
  if (!osVersion || osName.includes(osVersion)) return osName;
  return `${osName} ${osVersion}`;
}

function toCard(
  row: { osName: string; osVersion: string | null } & Omit<DeviceCard, 'operatingSystem'>
): DeviceCard {
  const { osName, osVersion, ...rest } = row;
  return { ...rest, operatingSystem: operatingSystemLabel(osName, osVersion) };
}

/** The user's paired device (at most one is active: a partial unique index). */
export async function getActiveDeviceForUser(db: TenantDb, userId: string): Promise<DeviceCard | null> {
  const row = await db
    .select(cardColumns)
    .from(agentDevices)
    .where(and(eq(agentDevices.userId, userId), eq(agentDevices.status, 'active')))
    .get();
  return row ? toCard(row) : null;
}

/** The applications the user's active device last reported, by name. */
export async function listInstalledSoftwareForUser(db: TenantDb, userId: string): Promise<InstalledApp[]> {
  return db
    .select({ name: agentSoftware.name, version: agentSoftware.version, publisher: agentSoftware.publisher })
    .from(agentSoftware)
    .innerJoin(agentDevices, eq(agentDevices.id, agentSoftware.deviceId))
    .where(and(eq(agentDevices.userId, userId), eq(agentDevices.status, 'active')))
    .orderBy(asc(sql`lower(${agentSoftware.name})`), asc(agentSoftware.version))
    .all();
}

export type EnrolResult = { ok: true; deviceId: string } | { ok: false; code: 'already_paired' };

/**
 * Records a newly paired device for the user. With `replace`, the user's current device is revoked in
 * the same batch (automatic pairing after the page's warning); without it, an existing pairing wins and
 * the partial unique index refuses the insert.
 */
export async function enrolDeviceForUser(
  db: TenantDb,
  input: {
    userId: string;
    facts: DeviceFacts;
    credentialHash: string;
    replace: boolean;
    method: 'code' | 'handshake';
  }
): Promise<EnrolResult> {
  const now = Date.now();
  const deviceId = crypto.randomUUID();
  const { facts } = input;
  const previous = input.replace ? await getActiveDeviceForUser(db, input.userId) : null;
  const insert = db.insert(agentDevices).values({
    id: deviceId,
    userId: input.userId,
    credentialHash: input.credentialHash,
    hostname: facts.hostname,
    osName: facts.osName,
    osVersion: facts.osVersion ?? null,
    cpu: facts.cpu ?? null,
    serial: facts.serial ?? null,
    agentVersion: facts.agentVersion,
    status: 'active',
    enrolledAt: now
  });
  const audit = auditStatement(db, {
    actorId: input.userId,
    action: 'device.paired',
    entityType: 'agent_device',
    entityId: deviceId,
    after: {
      hostname: facts.hostname,
      os: facts.osName,
      method: input.method,
      replaced: previous?.id ?? null
    }
  });
  const pairedEvent = webhookEventStatement(
    db,
    'device.paired',
    {
      device: {
        id: deviceId,
        hostname: facts.hostname,
        os: facts.osName,
        osVersion: facts.osVersion ?? null,
        serial: facts.serial ?? null,
        agentVersion: facts.agentVersion
      },
      person: { id: input.userId },
      method: input.method
    },
    { now }
  );
  try {
    if (previous) {
      const revoke = db
        .update(agentDevices)
        .set({ status: 'revoked', revokedAt: now, revokedBy: input.userId })
        .where(
          and(
            eq(agentDevices.id, previous.id),
            eq(agentDevices.userId, input.userId),
            eq(agentDevices.status, 'active')
          )
        );
      const revokeAudit = auditStatement(db, {
        actorId: input.userId,
        action: 'device.replaced',
        entityType: 'agent_device',
        entityId: previous.id,
        before: { status: 'active' },
        after: { status: 'revoked', replacedBy: deviceId }
      });
      const revokedEvent = webhookEventStatement(
        db,
        'device.revoked',
        {
          device: { id: previous.id },
          person: { id: input.userId },
          reason: 'replaced',
          replacedBy: deviceId
        },
        { now }
      );
      await db.batch([revoke, revokeAudit, insert, audit, revokedEvent, pairedEvent]);
    } else {
      await db.batch([insert, audit, pairedEvent]);
    }
  } catch (err) {
    // agent_devices_active_user_uq: one active device per person; a concurrent pairing won.
    if (isUniqueViolation(err, 'agent_devices.user_id')) return { ok: false, code: 'already_paired' };
    throw err;
  }
  return { ok: true, deviceId };
}

export interface AuthenticatedDevice {
  deviceId: string;
  userId: string;
  userName: string;
  userEmail: string;
  lastSeenAt: number | null;
  lastReportAt: number | null;
  enrolledAt: number;
}

/** The active device holding this credential hash, of an active user; null means 401. */
export async function authenticateDeviceByCredentialHash(
  db: TenantDb,
  credentialHash: string
): Promise<AuthenticatedDevice | null> {
  const row = await db
    .select({
      deviceId: agentDevices.id,
      userId: agentDevices.userId,
      userName: users.name,
      userEmail: users.email,
      lastSeenAt: agentDevices.lastSeenAt,
      lastReportAt: agentDevices.lastReportAt,
      enrolledAt: agentDevices.enrolledAt
    })
    .from(agentDevices)
    .innerJoin(users, eq(users.id, agentDevices.userId))
    .where(
      and(
        eq(agentDevices.credentialHash, credentialHash),
        eq(agentDevices.status, 'active'),
        eq(users.status, 'active')
      )
    )
    .get();
  return row ?? null;
}

/** Last seen = now. Conditional on the device still being active (a revoke in between wins). */
export async function recordHeartbeatForDevice(
  db: TenantDb,
  deviceId: string,
  agentVersion?: string
): Promise<number> {
  const now = Date.now();
  await db
    .update(agentDevices)
    .set({ lastSeenAt: now, ...(agentVersion ? { agentVersion } : {}) })
    .where(and(eq(agentDevices.id, deviceId), eq(agentDevices.status, 'active')));
  return now;
}

export type RevokeResult = { ok: true } | { ok: false; code: 'not_found' } | Forbidden;

/**
 * IT revokes a pairing (admin console or API). Enforces 'admin.devices' on the actor; the conditional
 * UPDATE makes a second revoke a no-op. The device's credential stops working on the agent's very
 * next request (authentication reads status from D1).
 */
export async function revokeDeviceAsAdmin(
  db: TenantDb,
  actor: Actor,
  deviceId: string
): Promise<RevokeResult> {
  if (!actorCan(actor, 'admin.devices')) return FORBIDDEN;
  const now = Date.now();
  const device = await db
    .select({ hostname: agentDevices.hostname, userId: agentDevices.userId })
    .from(agentDevices)
    .where(eq(agentDevices.id, deviceId))
    .get();
  // The compare-and-set (status still 'active'), then its audit row and webhook event, each chained on
  // changes() = 1 in one batch: a second or concurrent revoke changes nothing and writes neither.
  const [updated] = await db.batch([
    db
      .update(agentDevices)
      .set({ status: 'revoked', revokedAt: now, revokedBy: personIdOf(actor) })
      .where(and(eq(agentDevices.id, deviceId), eq(agentDevices.status, 'active')))
      .returning({ id: agentDevices.id }),
    auditStatementIfChanged(db, {
      ...auditActorOf(actor),
      action: 'device.revoked',
      entityType: 'agent_device',
      entityId: deviceId,
      before: { status: 'active' },
      after: { status: 'revoked' }
    }),
    webhookEventStatement(
      db,
      'device.revoked',
      {
        device: { id: deviceId, hostname: device?.hostname ?? null },
        person: { id: device?.userId ?? null },
        reason: 'revoked_by_admin',
        revokedBy: actorRefOf(actor)
      },
      { now, onlyIfChanged: true }
    )
  ]);
  return updated.length === 1 ? { ok: true } : { ok: false, code: 'not_found' };
}
