import type { D1Migration } from 'cloudflare:test';

declare global {
  namespace Cloudflare {
    interface Env {
      TEST_MIGRATIONS_CONTROL: D1Migration[];
      TEST_MIGRATIONS_TENANT: D1Migration[];
      TEST_SEED: string;
    }
  }
}
export {};
