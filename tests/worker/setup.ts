// Runs before each worker test file: migrate the control plane and both tenant databases, then load
// the demo data (INSERT OR IGNORE, so repeating it is harmless).
import { env } from 'cloudflare:workers';
import { applyD1Migrations } from 'cloudflare:test';

const seed = JSON.parse(env.TEST_SEED) as { control: string[]; tenants: Record<string, string[]> };

async function run(db: D1Database, statements: string[]) {
  await db.batch(statements.map((s) => db.prepare(s)));
}

await applyD1Migrations(env.DB_CONTROL, env.TEST_MIGRATIONS_CONTROL);
await applyD1Migrations(env.DB_ACME, env.TEST_MIGRATIONS_TENANT);
await applyD1Migrations(env.DB_GLOBEX, env.TEST_MIGRATIONS_TENANT);
await run(env.DB_CONTROL, seed.control);
await run(env.DB_ACME, seed.tenants.acme);
await run(env.DB_GLOBEX, seed.tenants.globex);
