// Who is acting. Every service that changes something takes the actor as an argument and writes it
// into the audit row of the same batch (docs/architecture.md "Where does a rule go"). The kinds:
//   user         a person: a browser session, or one of their personal API tokens (`via`);
//   service      a workspace service token (owned by the workspace, not a person);
//   provisioning the identity provider through SCIM;
//   system       OnTrackio itself (cron jobs, the help-desk sync).
// Invariant: a `user` actor's role is the role read from the database for this request, never a role
// remembered in a token, so a demoted admin's tokens lose admin rights on the next request.
import { can, type Permission, type Role } from './roles';
import type { ValidatedSession } from '../auth/session';

export type Actor =
  | {
      kind: 'user';
      userId: string;
      name: string;
      role: Role;
      via: 'session' | 'token';
      /** The personal token's name when `via` is 'token' (shown in the audit log). */
      tokenName?: string;
    }
  | { kind: 'service'; tokenId: string; tokenName: string }
  | { kind: 'provisioning' }
  | { kind: 'system'; label: string };

export type UserActor = Extract<Actor, { kind: 'user' }>;

/** The person behind a browser session (page guards and the API context hand it to handlers). */
export function sessionActorOf(auth: Pick<ValidatedSession, 'user'>): UserActor {
  return { kind: 'user', userId: auth.user.id, name: auth.user.name, role: auth.user.role, via: 'session' };
}

/** The person's id where a person acted (columns such as `lent_by` that name a user), else null. */
export function personIdOf(actor: Actor): string | null {
  return actor.kind === 'user' ? actor.userId : null;
}

/** How the actor is named to people (notifications, notes): a person's name, else the audit label. */
export function displayNameOf(actor: Actor): string {
  return actor.kind === 'user' ? actor.name : (auditActorOf(actor).actorLabel ?? 'OnTrackio');
}

/**
 * The one failure a service answers when its actor lacks the permission it enforces. Page and API
 * guards refuse earlier for a session; this is what stops a caller that skipped them.
 */
export const FORBIDDEN = {
  ok: false,
  code: 'forbidden',
  message: 'This needs an administrator of this workspace.'
} as const;
export type Forbidden = typeof FORBIDDEN;

/** The audit row's actor columns: the user id where a person acted, and a label for everything else. */
export function auditActorOf(actor: Actor): { actorId: string | null; actorLabel: string | null } {
  switch (actor.kind) {
    case 'user':
      return {
        actorId: actor.userId,
        actorLabel: actor.via === 'token' ? `API token “${actor.tokenName}”` : null
      };
    case 'service':
      return { actorId: null, actorLabel: `Service token “${actor.tokenName}”` };
    case 'provisioning':
      return { actorId: null, actorLabel: 'Provisioning' };
    case 'system':
      return { actorId: null, actorLabel: actor.label };
  }
}

/**
 * The one permission check for every kind of actor. A person: the role matrix (authz/roles.ts) with
 * the role read on this request. A service token: the workspace's admin permissions, narrowed by its
 * scopes at the API boundary (never the My portal: it has no person). SCIM: people only. OnTrackio's
 * own jobs: everything.
 */
export function actorCan(actor: Actor, permission: Permission): boolean {
  switch (actor.kind) {
    case 'user':
      return can(actor.role, permission);
    case 'service':
      return permission !== 'portal.use';
    case 'provisioning':
      return permission === 'admin.people';
    case 'system':
      return true;
  }
}
