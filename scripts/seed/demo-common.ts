// Shared by the demo seed files: time helpers, the people-row builder and stable ids per workspace.
import { insertOrIgnore, stableId } from './sql.ts';

export const DAY = 24 * 60 * 60 * 1000;

/** Acme colleagues who hold a laptop (the hardware rows) and a Microsoft 365 seat (the licence rows). */
export const ACME_ASSET_HOLDERS = [
  'alan',
  'katherine',
  'margaret',
  'tim',
  'hedy',
  'barbara',
  'dennis',
  'radia'
];

export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export interface DemoUser {
  key: string;
  email: string;
  name: string;
  role: 'employee' | 'admin';
  status?: 'active' | 'suspended';
  jobTitle: string;
  department: string;
}

export function userRows(ws: string, users: DemoUser[], passwordHash: string, now: number): string[] {
  return users.flatMap((u) => [
    insertOrIgnore('users', {
      id: stableId(`${ws}:user:${u.key}`),
      email: u.email,
      name: u.name,
      role: u.role,
      status: u.status ?? 'active',
      password_hash: passwordHash,
      job_title: u.jobTitle,
      department: u.department,
      theme: 'system',
      created_at: now - 400 * DAY,
      updated_at: now - 400 * DAY
    }),
    insertOrIgnore('notification_preferences', {
      user_id: stableId(`${ws}:user:${u.key}`),
      renewal_alerts: true,
      request_alerts: true
    })
  ]);
}

/** Stable ids of one workspace's demo rows: the same key gives the same id on every run. */
export function seedIds(ws: string) {
  return {
    uid: (k: string) => stableId(`${ws}:user:${k}`),
    loc: (name: string) => stableId(`${ws}:loc:${name}`),
    cat: (name: string) => stableId(`${ws}:cat:${name}`),
    model: (n: string) => stableId(`${ws}:model:${n}`),
    asset: (tag: string) => stableId(`${ws}:asset:${tag}`)
  };
}
