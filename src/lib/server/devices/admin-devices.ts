// Admin › Devices (issue 6): every paired agent in the workspace with its person, and a flag when the
// serial the agent reports matches none of the hardware assigned to that person (wrong machine paired,
// or the inventory is out of date). Revoking uses revokeDeviceAsAdmin (devices.ts).
import { desc, eq, sql } from 'drizzle-orm';
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
}

export async function listDevicesForWorkspace(db: TenantDb): Promise<AdminDeviceRow[]> {
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
      assignedSerials: sql<string | null>`(SELECT group_concat(serial, char(31)) FROM hardware_assets h WHERE h.assigned_to = ${agentDevices.userId} AND h.serial IS NOT NULL)`
    })
    .from(agentDevices)
    .innerJoin(users, eq(users.id, agentDevices.userId))
    // Active pairings first, then most recently seen.
    .orderBy(sql`${agentDevices.status} = 'active' DESC`, desc(agentDevices.lastSeenAt), desc(agentDevices.enrolledAt));
  return rows.map(({ osName, osVersion, assignedSerials, ...r }) => {
    const serials = assignedSerials ? assignedSerials.split('\u001f') : [];
    const norm = (s: string) => s.trim().toUpperCase();
    return {
      ...r,
      operatingSystem: operatingSystemLabel(osName, osVersion),
      assignedSerials: serials,
      serialMismatch: !!r.serial && !serials.some((s) => norm(s) === norm(r.serial!))
    };
  });
}
