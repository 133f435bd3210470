// What the provisioning services answer, and the checks create and update share. Failures are values;
// the SCIM routes turn each code into the RFC 7644 status and scimType (worker/scim/responses.ts).
import { and, eq, ne } from 'drizzle-orm';
import type { TenantDb } from '../db';
import { users } from '../db/tenant-schema';
import type { MailEnv } from '../email/mailer';
import type { SessionEnv } from '../auth/session';
import type { InviteContext } from '../people/invitations';
import { listApprovedDomains } from '../sso/connections';
import { emailDomain } from '../sso/resolve-user';
import { userIdWithUserName } from './scim-users-read';

export type ProvisionFailure = {
  ok: false;
  code: 'forbidden' | 'not_found' | 'uniqueness' | 'invalid' | 'last_admin';
  message: string;
};
export type ProvisionResult<T = object> = ({ ok: true } & T) | ProvisionFailure;

/** The workspace, its mail and session bindings, and the origin links in mails point at. */
export interface ProvisionContext extends InviteContext {
  env: MailEnv & SessionEnv;
}

export const fail = (code: ProvisionFailure['code'], message: string): ProvisionFailure => ({
  ok: false,
  code,
  message
});

export const NOT_FOUND = fail('not_found', 'No user with that id in this workspace.');
export const FORBIDDEN_PROVISIONING = fail('forbidden', 'This token may not provision people.');

/** The checks every write of a person's attributes passes: approved domain, unique userName and email. */
export async function checkPersonAttributes(
  db: TenantDb,
  userId: string | null,
  input: { userName: string; email: string },
  changed: { userName: boolean; email: boolean } = { userName: true, email: true }
): Promise<ProvisionFailure | null> {
  // Uniqueness first: for someone who already exists that is the answer a provider acts on (Okta stops).
  if (changed.userName) {
    const owner = await userIdWithUserName(db, input.userName);
    if (owner && owner !== userId)
      return fail('uniqueness', `The userName ${input.userName} is already taken.`);
  }
  if (changed.email) {
    const other = await db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.email, input.email), userId ? ne(users.id, userId) : undefined))
      .get();
    if (other) return fail('uniqueness', `Another person in this workspace already uses ${input.email}.`);
    const domain = emailDomain(input.email);
    if (!(await listApprovedDomains(db)).includes(domain))
      return fail(
        'invalid',
        `${domain} is not an approved domain of this workspace. An administrator adds it in Settings › Single sign-on.`
      );
  }
  return null;
}
