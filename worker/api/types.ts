import type { Site } from '../../src/lib/server/tenancy/resolve';
import type { TenantDb } from '../../src/lib/server/db';
import type { ValidatedSession } from '../../src/lib/server/auth/session';
import type { WorkspaceInfo } from '../../src/lib/server/tenancy/resolve';

export interface ApiVariables {
  site: Site;
  workspace: WorkspaceInfo;
  db: TenantDb;
  auth: ValidatedSession | null;
}

export interface ApiEnv {
  Bindings: Env;
  Variables: ApiVariables;
}
