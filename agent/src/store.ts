// The agent's files. The credential file is created with owner-only permissions (0600, in a 0700
// directory) and written atomically (temp file + rename), so a crash never leaves half a credential.
// Shapes are checked by hand here (no zod): the daemon reads these files and should stay lean.
import {
  chmodSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
  existsSync,
  readdirSync
} from 'node:fs';
import { join } from 'node:path';
import type { Enrolment, Report } from '../../src/lib/contracts/agent.ts';
import type { AgentPaths } from './paths.ts';

export interface AgentConfig {
  workspaceUrl: string;
}

export interface StoredCredential extends Enrolment {
  pairedAt: number;
  workspaceUrl: string;
}

export interface AgentState {
  lastReportAt: number | null;
  lastReportId: string | null;
  nextReportAt: number | null;
  lastHeartbeatAt: number | null;
  /** Set when the portal answered 401: IT revoked the pairing. */
  unpairedReason: string | null;
}

const EMPTY_STATE: AgentState = {
  lastReportAt: null,
  lastReportId: null,
  nextReportAt: null,
  lastHeartbeatAt: null,
  unpairedReason: null
};

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const numberOrNull = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const stringOrNull = (v: unknown): string | null => (typeof v === 'string' ? v : null);

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
  const v = readJson(paths.config);
  return isObject(v) && isString(v.workspaceUrl) ? { workspaceUrl: v.workspaceUrl } : null;
}

export function writeConfig(paths: AgentPaths, config: AgentConfig): void {
  ensureHome(paths);
  writeAtomic(paths.config, JSON.stringify(config, null, 2) + '\n', 0o644);
}

export function readCredential(paths: AgentPaths): StoredCredential | null {
  const v = readJson(paths.credential);
  if (!isObject(v) || !isString(v.credential) || !isString(v.deviceId) || !isString(v.workspaceUrl))
    return null;
  if (!isObject(v.user) || !isString(v.user.name) || !isString(v.user.email)) return null;
  if (!isObject(v.workspace) || !isString(v.workspace.slug) || !isString(v.workspace.name)) return null;
  return {
    credential: v.credential,
    deviceId: v.deviceId,
    workspaceUrl: v.workspaceUrl,
    pairedAt: numberOrNull(v.pairedAt) ?? 0,
    user: { name: v.user.name, email: v.user.email },
    workspace: { slug: v.workspace.slug, name: v.workspace.name }
  };
}

export function writeCredential(
  paths: AgentPaths,
  enrolment: Enrolment,
  workspaceUrl: string
): StoredCredential {
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
  const v = readJson(paths.state);
  if (!isObject(v)) return { ...EMPTY_STATE };
  return {
    lastReportAt: numberOrNull(v.lastReportAt),
    lastReportId: stringOrNull(v.lastReportId),
    nextReportAt: numberOrNull(v.nextReportAt),
    lastHeartbeatAt: numberOrNull(v.lastHeartbeatAt),
    unpairedReason: stringOrNull(v.unpairedReason)
  };
}

export function writeState(paths: AgentPaths, state: AgentState): void {
  ensureHome(paths);
  writeAtomic(paths.state, JSON.stringify(state, null, 2) + '\n', 0o600);
}

// ---- the offline queue: reports wait here until the portal has accepted them ----

export function enqueueReport(paths: AgentPaths, report: Report): void {
  ensureHome(paths);
  mkdirSync(paths.queue, { recursive: true, mode: 0o700 });
  writeAtomic(
    join(paths.queue, `${report.collectedAt}-${report.reportId}.json`),
    JSON.stringify(report),
    0o600
  );
}

function looksLikeReport(v: unknown): v is Report {
  return (
    isObject(v) &&
    isString(v.reportId) &&
    typeof v.collectedAt === 'number' &&
    isObject(v.facts) &&
    Array.isArray(v.software)
  );
}

/** Oldest first (file names start with the collection time). The portal validates the contents. */
export function queuedReports(paths: AgentPaths): Array<{ file: string; report: Report }> {
  if (!existsSync(paths.queue)) return [];
  const out: Array<{ file: string; report: Report }> = [];
  for (const name of readdirSync(paths.queue)
    .filter((n) => n.endsWith('.json'))
    .sort()) {
    const file = join(paths.queue, name);
    const report = readJson(file);
    if (looksLikeReport(report)) out.push({ file, report });
    else rmSync(file, { force: true }); // unreadable: it can never be sent
  }
  return out;
}

export function dropQueued(file: string): void {
  rmSync(file, { force: true });
}
