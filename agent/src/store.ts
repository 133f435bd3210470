// The agent's files. The credential file is created with owner-only permissions (0600, in a 0700
// directory) and written atomically (temp file + rename), so a crash never leaves half a credential.
import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { enrolmentSchema, reportSchema, type Enrolment, type Report } from '../../src/lib/contracts/agent.ts';
import type { AgentPaths } from './paths.ts';

const configSchema = z.object({ workspaceUrl: z.url() });
export type AgentConfig = z.infer<typeof configSchema>;

const credentialFileSchema = enrolmentSchema.extend({ pairedAt: z.number(), workspaceUrl: z.string() });
export type StoredCredential = z.infer<typeof credentialFileSchema>;

const stateSchema = z.object({
  lastReportAt: z.number().nullable().default(null),
  lastReportId: z.string().nullable().default(null),
  nextReportAt: z.number().nullable().default(null),
  lastHeartbeatAt: z.number().nullable().default(null),
  /** Set when the portal answered 401: IT revoked the pairing. */
  unpairedReason: z.string().nullable().default(null)
});
export type AgentState = z.infer<typeof stateSchema>;

function ensureHome(paths: AgentPaths): void {
  mkdirSync(paths.home, { recursive: true, mode: 0o700 });
  if (process.platform !== 'win32') chmodSync(paths.home, 0o700);
}

function writeAtomic(file: string, content: string, mode: number): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, content, { mode });
  if (process.platform !== 'win32') chmodSync(tmp, mode);
  renameSync(tmp, file);
}

function readJson(file: string): unknown {
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

export function readConfig(paths: AgentPaths): AgentConfig | null {
  const parsed = configSchema.safeParse(readJson(paths.config));
  return parsed.success ? parsed.data : null;
}

export function writeConfig(paths: AgentPaths, config: AgentConfig): void {
  ensureHome(paths);
  writeAtomic(paths.config, JSON.stringify(config, null, 2) + '\n', 0o644);
}

export function readCredential(paths: AgentPaths): StoredCredential | null {
  const parsed = credentialFileSchema.safeParse(readJson(paths.credential));
  return parsed.success ? parsed.data : null;
}

export function writeCredential(paths: AgentPaths, enrolment: Enrolment, workspaceUrl: string): StoredCredential {
  ensureHome(paths);
  const stored: StoredCredential = { ...enrolment, workspaceUrl, pairedAt: Date.now() };
  writeAtomic(paths.credential, JSON.stringify(stored, null, 2) + '\n', 0o600);
  writeState(paths, { ...readState(paths), unpairedReason: null, nextReportAt: null });
  return stored;
}

export function deleteCredential(paths: AgentPaths): void {
  rmSync(paths.credential, { force: true });
}

export function readState(paths: AgentPaths): AgentState {
  const parsed = stateSchema.safeParse(readJson(paths.state) ?? {});
  return parsed.success ? parsed.data : stateSchema.parse({});
}

export function writeState(paths: AgentPaths, state: AgentState): void {
  ensureHome(paths);
  writeAtomic(paths.state, JSON.stringify(state, null, 2) + '\n', 0o600);
}

// ---- the offline queue: reports wait here until the portal has accepted them ----

export function enqueueReport(paths: AgentPaths, report: Report): void {
  ensureHome(paths);
  mkdirSync(paths.queue, { recursive: true, mode: 0o700 });
  writeAtomic(join(paths.queue, `${report.collectedAt}-${report.reportId}.json`), JSON.stringify(report), 0o600);
}

/** Oldest first (file names start with the collection time). */
export function queuedReports(paths: AgentPaths): Array<{ file: string; report: Report }> {
  if (!existsSync(paths.queue)) return [];
  const out: Array<{ file: string; report: Report }> = [];
  for (const name of readdirSync(paths.queue).filter((n) => n.endsWith('.json')).sort()) {
    const file = join(paths.queue, name);
    const parsed = reportSchema.safeParse(readJson(file));
    if (parsed.success) out.push({ file, report: parsed.data });
    else rmSync(file, { force: true }); // unreadable: it can never be sent
  }
  return out;
}

export function dropQueued(file: string): void {
  rmSync(file, { force: true });
}
