// My profile › Security (seed 000 "Set up two-step verification"; issue 3 §3): authenticator app,
// passkeys, recovery codes, change password, active sessions. This file only parses the forms, calls
// the auth services and turns their answers into page state. The rules (sudo mode for removing a
// factor or replacing recovery codes, the confirm-code rate limit, "a second factor first", the
// workspace's two-step requirement, audit rows in the change's batch) live in the services:
// auth/factor-changes.ts, totp-enrolment.ts, passkeys.ts, password-change.ts, session-list.ts.
import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { fieldErrors } from '$lib/contracts/errors';
import {
  changePasswordSchema,
  confirmPasswordSchema,
  passkeyNameSchema,
  totpCodeSchema
} from '$lib/contracts/security';
import { requireSignedIn } from '$lib/server/http/require-user';
import { twoFactorFactsForUser, hasSecondFactor } from '$lib/server/auth/two-factor-status';
import {
  beginTotpEnrolment,
  cancelTotpEnrolment,
  confirmTotpEnrolment,
  pendingTotpForUser
} from '$lib/server/auth/totp-enrolment';
import { countUnusedRecoveryCodesForUser } from '$lib/server/auth/recovery-codes';
import {
  listPasskeysForUser,
  passkeyRegistrationOptionsForUser,
  registerPasskeyForUser,
  relyingPartyFor,
  renamePasskeyForUser
} from '$lib/server/auth/passkeys';
import {
  regenerateRecoveryCodes,
  removeOwnPasskey,
  turnOffTotp,
  type FactorChangeFailure
} from '$lib/server/auth/factor-changes';
import { listActiveSessionsForUser, signOutOtherSessions } from '$lib/server/auth/session-list';
import { inSudoMode, SUDO_TTL_MS, type SecurityCaller } from '$lib/server/auth/sudo';
import { changeOwnPassword, confirmPasswordForSudo } from '$lib/server/auth/password-change';
import { qrSvgDataUrl } from '$lib/server/auth/qr';
import { platformEnv } from '$lib/server/http/platform';
import { when } from './when';

const ISSUER = 'OnTrackio';

export const load: PageServerLoad = async (event) => {
  const { env, slug, site, auth, caller, totpLabel } = context(event);
  const [facts, pending, passkeys, recovery, sessions, sudo] = await Promise.all([
    twoFactorFactsForUser(site.db, auth.user.id),
    pendingTotpForUser(env, site.db, auth.user.id, totpLabel),
    listPasskeysForUser(site.db, auth.user.id),
    countUnusedRecoveryCodesForUser(site.db, auth.user.id),
    listActiveSessionsForUser(site.db, auth.user.id, auth.session.id),
    inSudoMode(env, slug, caller)
  ]);
  return {
    twoFactorOn: hasSecondFactor(facts),
    required: facts.required,
    totpOn: facts.totp,
    totpSetup: pending ? { secret: pending.secret, qr: qrSvgDataUrl(pending.uri) } : null,
    // Times leave as words (`when`): the page's JavaScript carries no date formatting.
    passkeys: passkeys.map((p) => ({
      id: p.id,
      name: p.name,
      added: when(p.createdAt),
      lastUsed: when(p.lastUsedAt)
    })),
    recovery,
    sessions: sessions.map((s) => ({
      browser: s.browser,
      current: s.current,
      signedIn: when(s.createdAt),
      lastActive: s.current ? 'Now' : when(s.lastSeenAt)
    })),
    sudo,
    recoveryCodeUsed: event.url.searchParams.has('recovery-code-used')
  };
};

type Event = Pick<RequestEvent, 'locals' | 'url' | 'platform'>;

function context(event: Event) {
  const { auth, site, actor } = requireSignedIn(event.locals, event.url);
  const caller: SecurityCaller = { actor, sessionId: auth.session.id };
  const totpLabel = { email: auth.user.email, issuer: `${ISSUER} (${site.workspace.name})` };
  return { auth, site, actor, caller, totpLabel, env: platformEnv(event), slug: site.workspace.slug };
}

/** A factor change the service refused: the password prompt for sudo, else the message. */
function refused(failure: FactorChangeFailure, action: string) {
  if (failure.code === 'sudo_required')
    return fail(403, { sudoRequired: true, sudoFor: action, message: failure.message });
  return fail(409, { message: failure.message });
}

export const actions: Actions = {
  sudo: async (event) => {
    const { env, slug, site, caller } = context(event);
    const parsed = confirmPasswordSchema.safeParse({
      password: String((await event.request.formData()).get('password') ?? '')
    });
    if (!parsed.success) return fail(400, { sudoRequired: true, sudoFields: fieldErrors(parsed.error) });
    const check = await confirmPasswordForSudo(env, slug, site.db, caller, parsed.data.password);
    if (!check.ok) return fail(400, { sudoRequired: true, sudoFields: { password: [check.message] } });
    return {
      notice: `Password confirmed. You can change security settings for the next ${SUDO_TTL_MS / 60000} minutes.`
    };
  },

  totpStart: async (event) => {
    const { env, site, actor, totpLabel } = context(event);
    await beginTotpEnrolment(env, site.db, actor, totpLabel);
    return { section: 'totp' };
  },

  totpCancel: async (event) => {
    const { site, actor } = context(event);
    await cancelTotpEnrolment(site.db, actor);
    return { section: 'totp' };
  },

  totpConfirm: async (event) => {
    const { env, slug, site, actor } = context(event);
    const parsed = totpCodeSchema.safeParse({
      code: String((await event.request.formData()).get('code') ?? '')
    });
    if (!parsed.success) return fail(400, { totpFields: fieldErrors(parsed.error) });
    const result = await confirmTotpEnrolment(env, slug, site.db, actor, parsed.data.code);
    if (!result.ok)
      return fail(result.code === 'rate_limited' ? 429 : 400, { totpFields: { code: [result.message] } });
    return {
      notice: 'Authenticator app turned on.',
      offerSignOutOthers: true,
      recoveryCodes: result.recoveryCodes
    };
  },

  totpDisable: async (event) => {
    const { env, slug, site, caller } = context(event);
    const result = await turnOffTotp(env, slug, site.db, caller);
    if (!result.ok) return refused(result, 'totpDisable');
    return { notice: 'Authenticator app turned off.', offerSignOutOthers: true };
  },

  passkeyOptions: async (event) => {
    const { env, slug, site, auth } = context(event);
    const options = await passkeyRegistrationOptionsForUser(
      env,
      slug,
      site.db,
      relyingPartyFor(event.url, site.workspace.name),
      auth.user,
      auth.session.id
    );
    return { passkeyOptions: options };
  },

  passkeyRegister: async (event) => {
    const { env, slug, site, auth, actor } = context(event);
    const form = await event.request.formData();
    const parsed = passkeyNameSchema.safeParse({ name: String(form.get('name') ?? '') });
    if (!parsed.success) return fail(400, { passkeyFields: fieldErrors(parsed.error) });
    let response;
    try {
      response = JSON.parse(String(form.get('response') ?? ''));
    } catch {
      return fail(400, { message: 'That passkey could not be verified. Try again.' });
    }
    const result = await registerPasskeyForUser(
      env,
      slug,
      site.db,
      relyingPartyFor(event.url, site.workspace.name),
      actor,
      auth.session.id,
      parsed.data.name,
      response
    );
    if (!result.ok) return fail(400, { message: result.message });
    return {
      notice: `Passkey “${parsed.data.name}” added.`,
      offerSignOutOthers: true,
      recoveryCodes: result.recoveryCodes
    };
  },

  passkeyRename: async (event) => {
    const { site, actor } = context(event);
    const form = await event.request.formData();
    const id = String(form.get('id') ?? '');
    const name = String(form.get('name') ?? '');
    const parsed = passkeyNameSchema.safeParse({ name });
    // The row's name field stays open with what was typed (also without JavaScript).
    if (!parsed.success)
      return fail(400, { message: parsed.error.issues[0].message, renameId: id, renameTyped: name });
    const ok = await renamePasskeyForUser(site.db, actor, id, parsed.data.name);
    if (!ok) return fail(404, { message: 'That passkey no longer exists.' });
    return { notice: 'Passkey renamed.' };
  },

  passkeyRemove: async (event) => {
    const { env, slug, site, caller } = context(event);
    const form = await event.request.formData();
    const result = await removeOwnPasskey(env, slug, site.db, caller, String(form.get('id') ?? ''));
    if (!result.ok) return refused(result, 'passkeyRemove');
    return { notice: 'Passkey removed.', offerSignOutOthers: true };
  },

  recoveryRegenerate: async (event) => {
    const { env, slug, site, caller } = context(event);
    const result = await regenerateRecoveryCodes(env, slug, site.db, caller);
    if (!result.ok) return refused(result, 'recoveryRegenerate');
    return {
      notice: 'New recovery codes generated. Your old codes no longer work.',
      recoveryCodes: result.codes
    };
  },

  changePassword: async (event) => {
    const { env, slug, site, caller } = context(event);
    const form = await event.request.formData();
    const parsed = changePasswordSchema.safeParse({
      current: String(form.get('current') ?? ''),
      password: String(form.get('password') ?? ''),
      confirm: String(form.get('confirm') ?? ''),
      signOutOthers: form.get('signOutOthers') === 'on'
    });
    if (!parsed.success) return fail(400, { passwordFields: fieldErrors(parsed.error) });
    const result = await changeOwnPassword(env, slug, site.db, caller, parsed.data);
    if (!result.ok) return fail(400, { passwordFields: { current: [result.message] } });
    const { ended } = result;
    return {
      notice: parsed.data.signOutOthers
        ? `Password changed. ${ended} other session${ended === 1 ? '' : 's'} signed out.`
        : 'Password changed.',
      offerSignOutOthers: !parsed.data.signOutOthers
    };
  },

  signOutOthers: async (event) => {
    const { env, slug, site, caller } = context(event);
    const { ended } = await signOutOtherSessions(env, slug, site.db, caller);
    return {
      notice:
        ended === 0
          ? 'No other sessions were active.'
          : `Signed out of ${ended} other session${ended === 1 ? '' : 's'}.`
    };
  }
};
