// The demo workspaces (README "Demo accounts"): Acme (40+ assets, 12 products, a loan pool, ada's
// requests in several states) and Globex, plus a suspended "initech" registry entry.
// Output is SQL statements built from INSERT OR IGNORE with stable ids: running it twice changes nothing.
// Dates are relative to `now` so "renews soon" and "due back" stay true for a fresh database.
import { hashPassword } from '../../src/lib/server/auth/password.ts';
import { insertOrIgnore } from './sql.ts';
import { acmePeopleRows } from './acme-people.ts';
import { acmeHardwareRows } from './acme-hardware.ts';
import { acmeSoftwareAndLoanRows } from './acme-software-loans.ts';
import { acmeRequestRows } from './acme-requests.ts';
import { acmeDeviceAndNotificationRows } from './acme-devices.ts';
import { globexSeed } from './globex.ts';

export const DEMO_PASSWORD = 'demo-password-2026';

export interface DemoSeed {
  control: string[];
  tenants: Record<string, string[]>;
}

export async function buildDemoSeed(now = Date.now()): Promise<DemoSeed> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return {
    control: [
      insertOrIgnore('workspaces', {
        slug: 'acme',
        name: 'Acme Corporation',
        status: 'active',
        db_binding: 'DB_ACME',
        created_at: now,
        updated_at: now
      }),
      insertOrIgnore('workspaces', {
        slug: 'globex',
        name: 'Globex',
        status: 'active',
        db_binding: 'DB_GLOBEX',
        created_at: now,
        updated_at: now
      }),
      // Registered but suspended: shows the "This workspace is suspended" page.
      insertOrIgnore('workspaces', {
        slug: 'initech',
        name: 'Initech',
        status: 'suspended',
        db_binding: 'DB_INITECH',
        created_at: now,
        updated_at: now
      })
    ],
    tenants: { acme: acmeSeed(now, passwordHash), globex: globexSeed(now, passwordHash) }
  };
}

/** Acme's rows in dependency order: people, hardware, software and loans, requests, devices. */
function acmeSeed(now: number, passwordHash: string): string[] {
  return [
    ...acmePeopleRows(now, passwordHash),
    ...acmeHardwareRows(now),
    ...acmeSoftwareAndLoanRows(now),
    ...acmeRequestRows(now),
    ...acmeDeviceAndNotificationRows(now)
  ];
}
