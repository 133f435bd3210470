import { eq } from 'drizzle-orm';
import type { TenantDb } from '../db';
import { users } from '../db/tenant-schema';
import type { Theme } from '../../contracts/profile';

/** Sets the signed-in user's own theme; the WHERE clause is the actor's id. */
export async function setThemeForUser(db: TenantDb, userId: string, theme: Theme): Promise<void> {
  await db.update(users).set({ theme, updatedAt: Date.now() }).where(eq(users.id, userId));
}
