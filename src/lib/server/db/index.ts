// Drizzle handles. Bindings are passed in; there is no module-level database (DESIGN §7).
import { drizzle } from 'drizzle-orm/d1';
import * as tenantSchema from './tenant-schema';
import * as controlSchema from './control-schema';

export function openTenantDb(d1: D1Database) {
  return drizzle(d1, { schema: tenantSchema });
}
export type TenantDb = ReturnType<typeof openTenantDb>;

export function openControlDb(d1: D1Database) {
  return drizzle(d1, { schema: controlSchema });
}
export type ControlDb = ReturnType<typeof openControlDb>;

export { tenantSchema, controlSchema };
