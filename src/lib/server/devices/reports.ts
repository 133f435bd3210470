// Inventory reports from the agent: hardware facts plus the full installed-software list.
//
// Invariants:
//   - idempotent: the report id is inserted first in ONE D1 batch (atomic); a replayed id fails that
//     insert, the whole batch rolls back, and nothing changes;
//   - the newest report replaces the list (delete + insert in the same batch); a report collected
//     before the last applied one is recorded but does not overwrite newer data;
//   - D1 limits: 100 bound parameters per statement and 1,000 queries per invocation. Applications
//     travel as JSON in ONE bound parameter per chunk and are expanded by json_each(), so a
//     20,000-application report is about 20 statements, each parameter well under D1's 2 MB value cap.
import { eq } from 'drizzle-orm';
import type { TenantDb } from '../db';
import { agentDevices, agentReports } from '../db/tenant-schema';
import type { Report, SoftwareItem } from '../../contracts/agent';
import { isUniqueViolation } from '../db/constraint-errors';

export const SOFTWARE_CHUNK = 1000;

export type IngestResult =
  | { ok: true; applied: true; softwareCount: number }
  | { ok: true; applied: false; reason: 'replay' | 'stale' }
  | { ok: false; code: 'foreign_report_id' };

/** Same (name, version) reported twice (two package managers) collapses to one row. */
export function dedupeSoftware(items: SoftwareItem[]): SoftwareItem[] {
  const seen = new Map<string, SoftwareItem>();
  for (const item of items) {
    const key = `${item.name}\u0000${item.version}`;
    if (!seen.has(key)) seen.set(key, item);
  }
  return [...seen.values()];
}

export async function ingestReportForDevice(
  db: TenantDb,
  deviceId: string,
  report: Report
): Promise<IngestResult> {
  const now = Date.now();
  const software = dedupeSoftware(report.software);
  const current = await db
    .select({ lastReportAt: agentDevices.lastReportAt })
    .from(agentDevices)
    .where(eq(agentDevices.id, deviceId))
    .get();
  const stale = current?.lastReportAt != null && report.collectedAt < current.lastReportAt;

  // One atomic D1 batch of raw statements (drizzle's batch cannot carry json_each inserts).
  const d1 = db.$client;
  const stmt = (q: { toSQL(): { sql: string; params: unknown[] } }) => {
    const { sql: text, params } = q.toSQL();
    return d1.prepare(text).bind(...params);
  };
  const recordId = stmt(db.insert(agentReports).values({ id: report.reportId, deviceId, receivedAt: now }));
  const { facts } = report;
  const updateDevice = stmt(
    db
      .update(agentDevices)
      .set({
        hostname: facts.hostname,
        osName: facts.osName,
        osVersion: facts.osVersion ?? null,
        cpu: facts.cpu ?? null,
        serial: facts.serial ?? null,
        agentVersion: facts.agentVersion,
        lastSeenAt: now,
        lastReportAt: report.collectedAt
      })
      .where(eq(agentDevices.id, deviceId))
  );
  const replaceList = [
    d1.prepare('DELETE FROM agent_software WHERE device_id = ?').bind(deviceId),
    ...chunk(software, SOFTWARE_CHUNK).map((part) =>
      d1
        .prepare(
          `INSERT INTO agent_software (device_id, name, version, publisher)
           SELECT ?, json_extract(value, '$.n'), json_extract(value, '$.v'), json_extract(value, '$.p') FROM json_each(?)`
        )
        .bind(
          deviceId,
          JSON.stringify(part.map((s) => ({ n: s.name, v: s.version, p: s.publisher ?? null })))
        )
    )
  ];

  try {
    if (stale) {
      await d1.batch([
        recordId,
        stmt(db.update(agentDevices).set({ lastSeenAt: now }).where(eq(agentDevices.id, deviceId)))
      ]);
      return { ok: true, applied: false, reason: 'stale' };
    }
    await d1.batch([recordId, updateDevice, ...replaceList]);
  } catch (err) {
    // The report id is the primary key: a second batch with the same id is a replay (or a foreign id).
    if (!isUniqueViolation(err, 'agent_reports.id')) throw err;
    const existing = await db
      .select({ deviceId: agentReports.deviceId })
      .from(agentReports)
      .where(eq(agentReports.id, report.reportId))
      .get();
    if (existing && existing.deviceId !== deviceId) return { ok: false, code: 'foreign_report_id' };
    return { ok: true, applied: false, reason: 'replay' };
  }
  return { ok: true, applied: true, softwareCount: software.length };
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
