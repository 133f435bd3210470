// Helpers for the API token tests: tokens made through the service (as a signed-in person would on
// the token pages), the person and service actors, and a collector for the deferred last-used write.
import { env } from 'cloudflare:workers';
import { openTenantDb } from '../../src/lib/server/db';
import { createApiToken } from '../../src/lib/server/api-tokens/create';
import type { UserActor } from '../../src/lib/server/authz/actor';
import type { ApiScope } from '../../src/lib/contracts/api-scopes';
import type { Role } from '../../src/lib/server/authz/roles';

export const acme = () => openTenantDb(env.DB_ACME);
export const globex = () => openTenantDb(env.DB_GLOBEX);

export const personActor = (id: string, role: Role = 'employee', name = 'Test person') =>
  ({ kind: 'user', userId: id, name, role, via: 'session' }) satisfies UserActor;

/** A token made through the service; returns its id and the secret (shown once). */
export async function makeToken(
  opts: {
    ownerId: string;
    role?: Role;
    kind?: 'personal' | 'service';
    scopes?: ApiScope[];
    expiry?: '7' | '30' | '90' | '365';
    allowedAddresses?: string[];
    name?: string;
  },
  db = acme()
): Promise<{ id: string; secret: string; name: string }> {
  const name = opts.name ?? `Token ${crypto.randomUUID().slice(0, 8)}`;
  const result = await createApiToken(
    db,
    personActor(opts.ownerId, opts.role ?? 'employee'),
    opts.kind ?? 'personal',
    {
      name,
      scopes: opts.scopes ?? ['my:read'],
      expiry: opts.expiry ?? '30',
      allowedAddresses: opts.allowedAddresses ?? []
    }
  );
  if (!result.ok) throw new Error(`could not create a token: ${JSON.stringify(result)}`);
  return { id: result.token.id, secret: result.token.secret, name };
}

/** Collects the work authenticate defers (the last-used write) so a test can wait for it. */
export function deferred() {
  const work: Promise<unknown>[] = [];
  return { defer: (p: Promise<unknown>) => void work.push(p), work, settle: () => Promise.all(work) };
}

export const bearer = (secret: string) => `Bearer ${secret}`;
