import { eq } from 'drizzle-orm';
import type { TenantDb } from '../db';
import { users } from '../db/tenant-schema';
import type { Theme } from '../../contracts/profile';
import { auditStatement } from '../audit/record';

/** Sets the signed-in user's own theme; the WHERE clause is the actor's id. Audited like every change. */
export async function setThemeForUser(db: TenantDb, userId: string, theme: Theme): Promise<void> {
  await db.batch([
    db.update(users).set({ theme, updatedAt: Date.now() }).where(eq(users.id, userId)),
    auditStatement(db, {
      actorId: userId,
      action: 'profile.theme_changed',
      entityType: 'user',
      entityId: userId,
      after: { theme }
    })
  ]);
}
