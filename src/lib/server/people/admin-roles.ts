// Admin › People › Role (issue 6): roles come from the permission matrix (authz/roles.ts).
// Invariant: a workspace always keeps at least one active administrator. The guard is inside the
// UPDATE's WHERE clause, so two admins demoting each other at the same moment can't both succeed
// (D1 runs each batch as one transaction on one writer). Role is read from the database on every
// request (auth/session.ts), so a change applies to the person's very next request.
import { and, eq, ne, sql, type SQL } from 'drizzle-orm';
import type { TenantDb } from '../db';
import { users } from '../db/tenant-schema';
import { auditStatementIfChanged } from '../audit/guarded';
import type { Role } from '../authz/roles';
import { ROLE_LABELS } from '../../contracts/admin-people';
import { actorCan, auditActorOf, FORBIDDEN, type Actor, type Forbidden } from '../authz/actor';

export const LAST_ADMIN_MESSAGE =
  'You can’t remove the last active administrator: nobody would be left to manage this workspace. Make someone else an administrator first.';

/** SQL true while some active admin other than `userId` exists. */
export function anotherActiveAdminExists(userId: string): SQL {
  return sql`(SELECT count(*) FROM users WHERE role = 'admin' AND status = 'active' AND id <> ${userId}) >= 1`;
}

export type RoleChange =
  | { ok: true; role: Role }
  | { ok: false; code: 'not_found' | 'unchanged' | 'last_admin'; message: string }
  | Forbidden;

export async function changeRoleForWorkspace(
  db: TenantDb,
  actor: Actor,
  userId: string,
  role: Role
): Promise<RoleChange> {
  if (!actorCan(actor, 'admin.people')) return FORBIDDEN;
  const current = await db.select({ role: users.role }).from(users).where(eq(users.id, userId)).get();
  if (!current) return { ok: false, code: 'not_found', message: 'No person has that id in this workspace.' };
  if (current.role === role)
    return {
      ok: false,
      code: 'unchanged',
      message: `They are already ${article(role)} ${ROLE_LABELS[role]}.`
    };
  const demotesAdmin = current.role === 'admin';
  const [updated] = await db.batch([
    db
      .update(users)
      .set({ role, updatedAt: Date.now() })
      .where(
        and(
          eq(users.id, userId),
          eq(users.role, current.role),
          ne(users.role, role),
          demotesAdmin ? anotherActiveAdminExists(userId) : undefined
        )
      )
      .returning({ id: users.id }),
    auditStatementIfChanged(db, {
      ...auditActorOf(actor),
      action: 'user.role_changed',
      entityType: 'user',
      entityId: userId,
      before: { role: current.role },
      after: { role }
    })
  ]);
  if (updated.length === 1) return { ok: true, role };
  const now = await db.select({ role: users.role }).from(users).where(eq(users.id, userId)).get();
  if (!now) return { ok: false, code: 'not_found', message: 'No person has that id in this workspace.' };
  if (now.role === role)
    return {
      ok: false,
      code: 'unchanged',
      message: `They are already ${article(role)} ${ROLE_LABELS[role]}.`
    };
  return { ok: false, code: 'last_admin', message: LAST_ADMIN_MESSAGE };
}

const article = (role: Role) => (/^[AEIOU]/.test(ROLE_LABELS[role]) ? 'an' : 'a');
