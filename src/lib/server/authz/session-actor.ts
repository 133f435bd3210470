// The actor of a browser session: the signed-in person, with the role the session check read from
// the database on this request (auth/session.ts), so pages pass services the same Actor a token does.
// The page guards (http/require-user.ts, require-admin.ts) and the API context hand it to handlers.
import type { UserActor } from './actor';
import type { ValidatedSession } from '../auth/session';

export function sessionActorOf(auth: {
  user: Pick<ValidatedSession['user'], 'id' | 'name' | 'role'>;
}): UserActor {
  const { user } = auth;
  return { kind: 'user', userId: user.id, name: user.name, role: user.role, via: 'session' };
}
