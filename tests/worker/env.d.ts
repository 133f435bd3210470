import type { D1Migration } from 'cloudflare:test';

declare global {
  namespace Cloudflare {
    interface Env {
      TEST_MIGRATIONS_CONTROL: D1Migration[];
      TEST_MIGRATIONS_TENANT: D1Migration[];
      TEST_SEED: string;
      /** The loopback webhook receiver (tests/worker/webhook-receiver.ts), e.g. http://127.0.0.1:41234. */
      TEST_WEBHOOK_RECEIVER: string;
    }
  }
}
export {};
