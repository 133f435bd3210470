import type { Site } from '../../src/lib/server/tenancy/resolve';
import type { TenantDb } from '../../src/lib/server/db';
import type { ValidatedSession } from '../../src/lib/server/auth/session';
import type { WorkspaceInfo } from '../../src/lib/server/tenancy/resolve';
import type { UserActor } from '../../src/lib/server/authz/actor';

export interface ApiVariables {
  site: Site;
  workspace: WorkspaceInfo;
  db: TenantDb;
  auth: ValidatedSession | null;
  /**
   * The signed-in person as services take them (authz/actor.ts), set together with `auth`. Present on
   * every route behind requireUser or requirePermission; services check their permission on it again.
   */
  actor: UserActor;
}

export interface ApiEnv {
  Bindings: Env;
  Variables: ApiVariables;
}
