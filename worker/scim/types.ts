import type { TenantDb } from '../../src/lib/server/db';
import type { WorkspaceInfo } from '../../src/lib/server/tenancy/resolve';
import type { Actor } from '../../src/lib/server/authz/actor';
import type { ProvisionContext } from '../../src/lib/server/provisioning/result';

export interface ScimVariables {
  workspace: WorkspaceInfo;
  db: TenantDb;
  /** Always { kind: 'provisioning' }: SCIM acts as the identity provider, whichever token it presented. */
  actor: Actor;
  provision: ProvisionContext;
  /** https://<workspace>/scim/v2: resource locations are built from it. */
  base: string;
  /** One line for the provisioning log (Settings › Provisioning). */
  outcome: string;
}

export interface ScimEnv {
  Bindings: Env;
  Variables: ScimVariables;
}
