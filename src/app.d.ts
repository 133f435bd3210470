import type { Site } from '$lib/server/tenancy/resolve';
import type { ValidatedSession } from '$lib/server/auth/session';

declare global {
  namespace App {
    interface Locals {
      site: Site;
      auth: ValidatedSession | null;
    }
    interface Error {
      message: string;
      code?:
        | 'workspace_not_found'
        | 'workspace_suspended'
        | 'not_found'
        | 'forbidden'
        | 'bad_request'
        | 'internal_error';
    }
    interface Platform {
      env: Env;
      ctx: ExecutionContext;
      /** @deprecated the adapter's old name for `ctx` (worker/pages.ts still passes it). */
      context: ExecutionContext;
      caches: CacheStorage;
      cf?: Request['cf'];
    }
  }
}

export {};
