// drizzle-kit generates SQL migrations from the schemas; wrangler applies them (npm run db:generate).
// Two schemas, two folders: DRIZZLE_TARGET=control|tenant picks one.
import { defineConfig } from 'drizzle-kit';

const target = process.env.DRIZZLE_TARGET === 'control' ? 'control' : 'tenant';

export default defineConfig({
  dialect: 'sqlite',
  schema: `./src/lib/server/db/${target}-schema.ts`,
  out: `./migrations/${target}`
});
