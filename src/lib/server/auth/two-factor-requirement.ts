// The "require two-step verification" gate, shared by page hooks and the API middleware.
// The facts come with the session itself (session.ts selects them in the validation query), so the
// gate costs no extra D1 round trip.
import type { ValidatedSession } from './session';
import { apiReachableWithoutTwoFactor, isSsoSession, reachableWithoutTwoFactor } from './two-factor-status';

/** True when this request must be turned away until the user sets up a second factor. */
export function twoFactorSetupPending(
  auth: ValidatedSession,
  pathname: string,
  surface: 'page' | 'api'
): boolean {
  if (!auth.secondFactorMissing) return false;
  if (isSsoSession(auth.session.authMethod)) return false; // the identity provider's job
  return !(surface === 'page' ? reachableWithoutTwoFactor(pathname) : apiReachableWithoutTwoFactor(pathname));
}
