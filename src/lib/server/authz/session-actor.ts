// The actor of a browser session: the signed-in person, with the role the session check read from
// the database on this request (auth/session.ts), so pages pass services the same Actor a token does.
import type { UserActor } from './actor';
import type { SessionUser } from '../auth/session';

export function sessionActor(user: Pick<SessionUser, 'id' | 'name' | 'role'>): UserActor {
  return { kind: 'user', userId: user.id, name: user.name, role: user.role, via: 'session' };
}
