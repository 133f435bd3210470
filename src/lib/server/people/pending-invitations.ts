// Admin › People › Pending invitations (issue 6): who was invited with a password link and hasn't set
// it yet, and until when their newest link works. Read only: resending and revoking are in
// invitations.ts.
import { asc, eq, sql } from 'drizzle-orm';
import type { TenantDb } from '../db';
import { users } from '../db/tenant-schema';

export interface PendingInvitation {
  id: string;
  name: string;
  email: string;
  role: string;
  invitedAt: number;
  /** Expiry of the live link, or null when every link is spent or expired. */
  expiresAt: number | null;
  expired: boolean;
}

/** People invited with a password link who haven't set it yet, newest first. */
export async function listPendingInvitationsForWorkspace(
  db: TenantDb,
  now = Date.now()
): Promise<PendingInvitation[]> {
  const rows = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      invitedAt: users.createdAt,
      expiresAt: sql<
        number | null
      >`(SELECT max(t.expires_at) FROM auth_tokens t WHERE t.user_id = ${users.id} AND t.purpose = 'invitation' AND t.used_at IS NULL)`
    })
    .from(users)
    .where(eq(users.status, 'invited'))
    .orderBy(sql`${users.createdAt} DESC`, asc(users.email));
  return rows.map((r) => {
    const live = r.expiresAt !== null && r.expiresAt > now;
    return { ...r, expiresAt: live ? r.expiresAt : null, expired: !live };
  });
}
