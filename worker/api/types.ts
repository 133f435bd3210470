// The Hono environments of the API. `ApiEnv` is what every request has once the app-wide middleware
// ran (middleware/context.ts); the others are what a route's guard (access/guards.ts) adds before its
// handler runs. A handler's context type comes from its route's guard, so a handler can read the
// actor without `!` only on a route that is guarded: a route without a guard has no `actor` to read.
import type { Site, WorkspaceInfo } from '../../src/lib/server/tenancy/resolve';
import type { TenantDb } from '../../src/lib/server/db';
import type { ValidatedSession } from '../../src/lib/server/auth/session';
import type { Actor, UserActor } from '../../src/lib/server/authz/actor';
import type { AuthenticatedApiToken } from '../../src/lib/server/api-tokens/types';
import type { AuthenticatedDevice } from '../../src/lib/server/devices/devices';

/** Who presented credentials on this request, already checked (a live session or a valid token). */
export type Principal =
  | { via: 'session'; session: ValidatedSession; actor: UserActor }
  | { via: 'token'; token: AuthenticatedApiToken; actor: Actor };

/** What the request carried: a session cookie, an `Authorization` header (a token), or neither. */
export type Credential =
  { kind: 'none' } | { kind: 'cookie'; value: string } | { kind: 'token'; header: string };

export interface ApiVariables {
  site: Site;
  credential: Credential;
  /** Null when the request carried no credentials (or a stale session cookie). */
  principal: Principal | null;
}

export interface ApiEnv {
  Bindings: Env;
  Variables: ApiVariables;
}

type With<V> = { Bindings: Env; Variables: ApiVariables & V };

interface WorkspaceVars {
  workspace: WorkspaceInfo;
  db: TenantDb;
}

/** A workspace host (not the central address, not suspended). */
export type WorkspaceEnv = With<WorkspaceVars>;
/** A browser session only (sign-out): the session and its person. */
export type SessionEnv = With<WorkspaceVars & { actor: UserActor; session: ValidatedSession }>;
/** A person: a browser session or one of their personal tokens (My portal routes). */
export type UserEnv = With<WorkspaceVars & { actor: UserActor }>;
/** A person or the workspace's service token, allowed the route's permission (admin routes). */
export type AdminEnv = With<WorkspaceVars & { actor: Actor }>;
/** The endpoint agent's device credential (/agent/v1). */
export type DeviceEnv = With<WorkspaceVars & { device: AuthenticatedDevice }>;
