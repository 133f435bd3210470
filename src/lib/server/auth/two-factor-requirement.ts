// The "require two-step verification" gate, shared by page hooks and the API middleware.
import type { TenantDb } from '../db';
import type { ValidatedSession } from './session';
import {
  apiReachableWithoutTwoFactor,
  hasSecondFactor,
  isSsoSession,
  reachableWithoutTwoFactor,
  twoFactorFactsForUser
} from './two-factor-status';

/** True when this request must be turned away until the user sets up a second factor. */
export async function twoFactorSetupPending(db: TenantDb, auth: ValidatedSession, pathname: string, surface: 'page' | 'api'): Promise<boolean> {
  if (isSsoSession(auth.session.authMethod)) return false; // the identity provider's job
  if (surface === 'page' ? reachableWithoutTwoFactor(pathname) : apiReachableWithoutTwoFactor(pathname)) return false;
  const facts = await twoFactorFactsForUser(db, auth.user.id);
  return facts.required && !hasSecondFactor(facts);
}
