// The route guards: each one refuses the request or sets the variables its environment type promises
// (types.ts), so a handler behind it reads a non-null actor. A route gets its guard from the builder that
// declares it (route-builders.ts), never by hand, and the guard runs before the route's validators.
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { AdminEnv, DeviceEnv, Principal, SessionEnv, UserEnv, WorkspaceEnv } from '../types';
import { apiError } from '../errors';
import { scopeRefusal, type AdminScope, type MyScope } from './scope';
import type { Site } from '../../../src/lib/server/tenancy/resolve';
import { actorCan } from '../../../src/lib/server/authz/actor';
import type { Permission } from '../../../src/lib/server/authz/roles';
import { twoFactorSetupPending } from '../../../src/lib/server/auth/two-factor-requirement';
import {
  authenticateDeviceByCredentialHash,
  type AuthenticatedDevice
} from '../../../src/lib/server/devices/devices';
import { hashDeviceCredential, looksLikeDeviceCredential } from '../../../src/lib/server/devices/credential';

// The helpers take an untyped Context: each guard's own environment type states what it sets.

/** Sets workspace + db, or answers for a host that is not an open workspace. */
function enterWorkspace(c: Context) {
  const site: Site = c.get('site');
  if (site.kind === 'suspended')
    return apiError(c, 403, 'workspace_suspended', 'This workspace is suspended.');
  if (site.kind !== 'workspace')
    return apiError(c, 404, 'workspace_not_found', 'There is no workspace at this address.');
  c.set('workspace', site.workspace);
  c.set('db', site.db);
  return null;
}

/** The principal, or the answer for a request without one (or whose person must set up 2FA first). */
function signedIn(c: Context): { principal: Principal } | { refusal: Response } {
  const principal: Principal | null = c.get('principal');
  if (!principal) return { refusal: apiError(c, 401, 'unauthenticated', 'Sign in to continue.') };
  // The workspace requires two-step verification and this person has none yet (seed 000 tip). A token
  // was issued through the pages, which this same rule gates.
  if (
    principal.via === 'session' &&
    twoFactorSetupPending(principal.session, new URL(c.req.url).pathname, 'api')
  )
    return {
      refusal: apiError(
        c,
        403,
        'two_factor_setup_required',
        'Set up two-step verification in My profile › Security first.'
      )
    };
  return { principal };
}

/** A workspace host; nobody needs to be signed in (sign-in itself, agent enrolment). */
export const workspaceGuard = createMiddleware<WorkspaceEnv>(async (c, next) => {
  const refusal = enterWorkspace(c);
  if (refusal) return refusal;
  await next();
});

/** A browser session and nothing else (sign-out). */
export const sessionGuard = createMiddleware<SessionEnv>(async (c, next) => {
  const refusal = enterWorkspace(c);
  if (refusal) return refusal;
  const who = signedIn(c);
  if ('refusal' in who) return who.refusal;
  if (who.principal.via !== 'session')
    return apiError(c, 403, 'forbidden', 'This endpoint needs a browser session; API tokens cannot use it.');
  c.set('session', who.principal.session);
  c.set('actor', who.principal.actor);
  await next();
});

/** A person acting on their own items: a session, or a personal token holding `scope`. */
export function userGuard(scope: MyScope) {
  return createMiddleware<UserEnv>(async (c, next) => {
    const refusal = enterWorkspace(c);
    if (refusal) return refusal;
    const who = signedIn(c);
    if ('refusal' in who) return who.refusal;
    const { actor } = who.principal;
    if (actor.kind !== 'user')
      return apiError(
        c,
        403,
        'forbidden',
        'A service token acts for the workspace, not for a person: use a personal token here.'
      );
    const missing = scopeRefusal(c, who.principal, scope);
    if (missing) return missing;
    c.set('actor', actor);
    await next();
  });
}

/**
 * Someone whose role (or service token) grants `permission`, holding `scope` when it is a token. The
 * services check the permission on the actor again (authz/actor.ts): this guard answers first, and the
 * same way for every admin route.
 */
export function adminGuard(permission: Permission, scope: AdminScope) {
  return createMiddleware<AdminEnv>(async (c, next) => {
    const refusal = enterWorkspace(c);
    if (refusal) return refusal;
    const who = signedIn(c);
    if ('refusal' in who) return who.refusal;
    // The role is the one read from the database on this request (session check or token service),
    // so a demoted admin's session and tokens lose admin routes at once.
    if (!actorCan(who.principal.actor, permission))
      return apiError(c, 403, 'forbidden', 'This needs an administrator of this workspace.');
    const missing = scopeRefusal(c, who.principal, scope);
    if (missing) return missing;
    c.set('actor', who.principal.actor);
    await next();
  });
}

/** The agent's device credential (`Authorization: Bearer otd_...`), or 401 (unknown, malformed,
 *  revoked, another tenant's, suspended owner). */
export const deviceGuard = createMiddleware<DeviceEnv>(async (c, next) => {
  const refusal = enterWorkspace(c);
  if (refusal) return refusal;
  const bearer = /^Bearer (\S+)$/.exec(c.req.header('authorization') ?? '')?.[1];
  const device: AuthenticatedDevice | null = looksLikeDeviceCredential(bearer)
    ? await authenticateDeviceByCredentialHash(c.get('db'), hashDeviceCredential(bearer))
    : null;
  if (!device)
    return apiError(
      c,
      401,
      'unauthenticated',
      'This device is not paired with an account (or its pairing was revoked).'
    );
  c.set('device', device);
  await next();
});
