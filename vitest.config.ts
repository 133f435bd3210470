// `npm test` = these projects:
//   worker: tests inside workerd with real D1 / KV / Durable Objects (@cloudflare/vitest-plugin),
//           seeded with the same demo data that `npm run dev` uses;
//   agent:  the Node agent's own tests (collectors on recorded outputs, storage, schedule);
//   e2e:    Node tests that start `wrangler dev` and drive Debian chromium (playwright-core) and the agent.
//   helpdesk: Node tests of the help-desk sync against a real Request Tracker 5 and wrangler dev.
//   ops:    Node tests of the workspace CLI (scripts/workspace) with real wrangler on temporary copies.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { buildDemoSeed } from './scripts/seed/demo-seed.ts';
import { startWebhookReceiver } from './tests/worker/webhook-receiver.ts';

export default defineConfig({
  test: {
    projects: [
      {
        plugins: [
          cloudflareTest(async () => {
            const seed = await buildDemoSeed();
            // A loopback receiver that checks webhook signatures with the standardwebhooks package.
            const receiver = await startWebhookReceiver();
            return {
              wrangler: { configPath: './wrangler.toml' },
              miniflare: {
                bindings: {
                  TEST_MIGRATIONS_CONTROL: await readD1Migrations('./migrations/control'),
                  TEST_MIGRATIONS_TENANT: await readD1Migrations('./migrations/tenant'),
                  TEST_SEED: JSON.stringify(seed),
                  // A test-only AES key for sealed TOTP secrets (docs/security.md); not the dev default.
                  TOTP_ENCRYPTION_KEY: 'dGVzdC1vbmx5LXRvdHAta2V5LW5vdC1hLXNlY3JldCE=',
                  TEST_WEBHOOK_RECEIVER: receiver.url
                }
              }
            };
          })
        ],
        // The tests run the Worker's server code from source (no rebuild after an API change); the
        // deployed Worker takes it from Vite's build (package.json "imports", worker/server.ts).
        resolve: {
          alias: { '#worker-server': fileURLToPath(new URL('./worker/server.ts', import.meta.url)) }
        },
        test: {
          name: 'worker',
          include: ['tests/worker/**/*.test.ts'],
          setupFiles: ['./tests/worker/setup.ts'],
          testTimeout: 20_000
        }
      },
      {
        test: {
          name: 'agent',
          include: ['agent/test/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000
        }
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['./e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
          // One wrangler dev, one browser: files run one after another.
          fileParallelism: false
        }
      },
      {
        test: {
          name: 'helpdesk',
          include: ['tests/helpdesk/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['./tests/helpdesk/global-setup.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          // One wrangler dev, one Request Tracker per file: files run one after another.
          fileParallelism: false
        }
      },
      {
        test: {
          name: 'ops',
          include: ['tests/ops/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['./tests/ops/global-setup.ts'],
          testTimeout: 240_000,
          hookTimeout: 300_000,
          // Every step spawns wrangler: one file at a time, and in a group of its own (groupOrder), so it
          // never runs alongside the e2e project's wrangler dev on a 2-core machine.
          fileParallelism: false,
          sequence: { groupOrder: 1 }
        }
      }
    ]
  }
});
