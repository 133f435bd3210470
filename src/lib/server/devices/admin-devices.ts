// Admin › Devices (issue 6): every paired agent in the workspace with its person, and a flag when the
// serial the agent reports matches none of the hardware assigned to that person (wrong machine paired,
// or the inventory is out of date). Revoking uses revokeDeviceAsAdmin (devices.ts).
import { and, desc, eq, lt, sql } from 'drizzle-orm';
import type { TenantDb } from '../db';
import { agentDevices, users } from '../db/tenant-schema';
import { operatingSystemLabel } from './devices';

export interface AdminDeviceRow {
  id: string;
  person: string;
  personId: string;
  hostname: string;
  operatingSystem: string;
  agentVersion: string | null;
  serial: string | null;
  status: 'active' | 'revoked';
  enrolledAt: number;
  lastSeenAt: number | null;
  /** True when the agent reported a serial and none of the person's assigned hardware has it. */
  serialMismatch: boolean;
  /** The serials of the person's assigned hardware (to show beside a mismatch). */
  assignedSerials: string[];
  /** An active pairing that hasn't called in for a week (see notSeenForAWeek). */
  notSeenForAWeek: boolean;
}

export const NOT_SEEN_AFTER_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * "Not seen for a week": an active pairing whose last call (or, if it never called, its pairing) is more
 * than a week old. A computer paired an hour ago that hasn't reported yet is not stale. The admin
 * dashboard counts exactly these rows, and its card links to /admin/devices?seen=stale.
 */
export function notSeenForAWeek(now: number) {
  return and(
    eq(agentDevices.status, 'active'),
    lt(sql`coalesce(${agentDevices.lastSeenAt}, ${agentDevices.enrolledAt})`, now - NOT_SEEN_AFTER_MS)
  );
}

export async function listDevicesForWorkspace(
  db: TenantDb,
  filter: { seen?: 'stale' } = {},
  now = Date.now()
): Promise<AdminDeviceRow[]> {
  const rows = await db
    .select({
      id: agentDevices.id,
      person: users.name,
      personId: users.id,
      hostname: agentDevices.hostname,
      osName: agentDevices.osName,
      osVersion: agentDevices.osVersion,
      agentVersion: agentDevices.agentVersion,
      serial: agentDevices.serial,
      status: agentDevices.status,
      enrolledAt: agentDevices.enrolledAt,
      lastSeenAt: agentDevices.lastSeenAt,
      assignedSerials: sql<
        string | null
      >`(SELECT group_concat(serial, char(31)) FROM hardware_assets h WHERE h.assigned_to = ${agentDevices.userId} AND h.serial IS NOT NULL)`
    })
    .from(agentDevices)
    .innerJoin(users, eq(users.id, agentDevices.userId))
    .where(filter.seen === 'stale' ? notSeenForAWeek(now) : undefined)
    // Active pairings first, then most recently seen.
    .orderBy(
      sql`${agentDevices.status} = 'active' DESC`,
      desc(agentDevices.lastSeenAt),
      desc(agentDevices.enrolledAt)
    );
  return rows.map(({ osName, osVersion, assignedSerials, ...r }) => {
    const serials = assignedSerials ? assignedSerials.split('\u001f') : [];
    const norm = (s: string) => s.trim().toUpperCase();
    return {
      ...r,
      operatingSystem: operatingSystemLabel(osName, osVersion),
      assignedSerials: serials,
      // Only a live pairing is compared: a revoked one is history, its computer usually handed back.
      serialMismatch:
        r.status === 'active' && !!r.serial && !serials.some((s) => norm(s) === norm(r.serial!)),
      notSeenForAWeek: r.status === 'active' && (r.lastSeenAt ?? r.enrolledAt) < now - NOT_SEEN_AFTER_MS
    };
  });
}
