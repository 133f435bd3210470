// My profile › Security (seed 000 "Set up two-step verification"; issue 3 §3): authenticator app,
// passkeys, recovery codes, change password, active sessions. Removing a factor or making new
// recovery codes needs sudo mode (the password again within the last few minutes).
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
  acceptTotpCodeForUser,
  beginTotpEnrolmentForUser,
  cancelTotpEnrolmentForUser,
  pendingTotpForUser
} from '$lib/server/auth/totp';
import { countUnusedRecoveryCodesForUser } from '$lib/server/auth/recovery-codes';
import {
  listPasskeysForUser,
  passkeyRegistrationOptionsForUser,
  registerPasskeyForUser,
  relyingPartyFor,
  renamePasskeyForUser
} from '$lib/server/auth/passkeys';
import {
  ensureRecoveryCodesForUser,
  regenerateRecoveryCodesForUser,
  removeOwnPasskey,
  turnOffTotpForUser
} from '$lib/server/auth/factor-changes';
import { listActiveSessionsForUser } from '$lib/server/auth/session-list';
import { revokeAllSessionsForUser } from '$lib/server/auth/session';
import { grantSudo, hasSudo, SUDO_TTL_MS } from '$lib/server/auth/sudo';
import { changePasswordForUser, confirmPasswordForUser } from '$lib/server/auth/password-change';
import { qrSvgDataUrl } from '$lib/server/auth/qr';
import { attemptLimit, describeWait, resetLimit } from '$lib/server/ratelimit/limits';
import { auditStatement } from '$lib/server/audit/record';

const ISSUER = 'OnTrackio';

export const load: PageServerLoad = async ({ locals, url, platform }) => {
  const { auth, site } = requireSignedIn(locals, url);
  const env = platform!.env;
  const [facts, pending, passkeys, recovery, sessions, sudo] = await Promise.all([
    twoFactorFactsForUser(site.db, auth.user.id),
    pendingTotpForUser(env, site.db, auth.user, `${ISSUER} (${site.workspace.name})`),
    listPasskeysForUser(site.db, auth.user.id),
    countUnusedRecoveryCodesForUser(site.db, auth.user.id),
    listActiveSessionsForUser(site.db, auth.user.id, auth.session.id),
    hasSudo(env, site.workspace.slug, auth.session.id)
  ]);
  return {
    twoFactorOn: hasSecondFactor(facts),
    required: facts.required,
    totpOn: facts.totp,
    totpSetup: pending ? { secret: pending.secret, qr: qrSvgDataUrl(pending.uri) } : null,
    passkeys,
    recovery,
    sessions,
    sudo,
    recoveryCodeUsed: url.searchParams.has('recovery-code-used')
  };
};

type Event = RequestEvent;

function context(event: Event) {
  const { auth, site } = requireSignedIn(event.locals, event.url);
  return { auth, site, env: event.platform!.env, slug: site.workspace.slug };
}

async function needSudo(event: Event, action: string) {
  const { env, slug, auth } = context(event);
  if (await hasSudo(env, slug, auth.session.id)) return null;
  return fail(403, { sudoRequired: true, sudoFor: action, message: 'Confirm your password to continue.' });
}

export const actions: Actions = {
  sudo: async (event) => {
    const { env, slug, site, auth } = context(event);
    const parsed = confirmPasswordSchema.safeParse({
      password: String((await event.request.formData()).get('password') ?? '')
    });
    if (!parsed.success) return fail(400, { sudoRequired: true, sudoFields: fieldErrors(parsed.error) });
    const check = await confirmPasswordForUser(env, slug, site.db, auth.user.id, parsed.data.password);
    if (!check.ok) return fail(400, { sudoRequired: true, sudoFields: { password: [check.message] } });
    await grantSudo(env, slug, auth.session.id);
    return {
      notice: `Password confirmed. You can change security settings for the next ${SUDO_TTL_MS / 60000} minutes.`
    };
  },

  totpStart: async (event) => {
    const { env, site, auth } = context(event);
    await beginTotpEnrolmentForUser(env, site.db, auth.user, `${ISSUER} (${site.workspace.name})`);
    return { section: 'totp' };
  },

  totpCancel: async (event) => {
    const { site, auth } = context(event);
    await cancelTotpEnrolmentForUser(site.db, auth.user.id);
    return { section: 'totp' };
  },

  totpConfirm: async (event) => {
    const { env, slug, site, auth } = context(event);
    const parsed = totpCodeSchema.safeParse({
      code: String((await event.request.formData()).get('code') ?? '')
    });
    if (!parsed.success) return fail(400, { totpFields: fieldErrors(parsed.error) });
    const decision = await attemptLimit(env, slug, 'twoFactorUser', auth.user.id);
    if (!decision.allowed)
      return fail(429, {
        totpFields: { code: [`Too many attempts. Try again in ${describeWait(decision.retryAfterMs)}.`] }
      });
    const ok = await acceptTotpCodeForUser(env, site.db, auth.user.id, parsed.data.code, 'confirm-enrolment');
    if (!ok)
      return fail(400, {
        totpFields: {
          code: ['That code didn’t work. Check the time on your phone and enter the current code.']
        }
      });
    await resetLimit(env, slug, 'twoFactorUser', auth.user.id);
    await site.db.batch([
      auditStatement(site.db, {
        actorId: auth.user.id,
        action: 'totp.enabled',
        entityType: 'user',
        entityId: auth.user.id
      })
    ]);
    const recoveryCodes = await ensureRecoveryCodesForUser(site.db, auth.user.id);
    return { notice: 'Authenticator app turned on.', offerSignOutOthers: true, recoveryCodes };
  },

  totpDisable: async (event) => {
    const sudo = await needSudo(event, 'totpDisable');
    if (sudo) return sudo;
    const { site, auth } = context(event);
    const result = await turnOffTotpForUser(site.db, auth.user.id);
    if (!result.ok) return fail(409, { message: result.message });
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
    const { env, slug, site, auth } = context(event);
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
      auth.user.id,
      auth.session.id,
      parsed.data.name,
      response
    );
    if (!result.ok) return fail(400, { message: result.message });
    const recoveryCodes = await ensureRecoveryCodesForUser(site.db, auth.user.id);
    return { notice: `Passkey “${parsed.data.name}” added.`, offerSignOutOthers: true, recoveryCodes };
  },

  passkeyRename: async (event) => {
    const { site, auth } = context(event);
    const form = await event.request.formData();
    const parsed = passkeyNameSchema.safeParse({ name: String(form.get('name') ?? '') });
    if (!parsed.success) return fail(400, { message: parsed.error.issues[0].message });
    const ok = await renamePasskeyForUser(
      site.db,
      auth.user.id,
      String(form.get('id') ?? ''),
      parsed.data.name
    );
    if (!ok) return fail(404, { message: 'That passkey no longer exists.' });
    return { notice: 'Passkey renamed.' };
  },

  passkeyRemove: async (event) => {
    const form = await event.request.formData();
    const sudo = await needSudo(event, 'passkeyRemove');
    if (sudo) return sudo;
    const { site, auth } = context(event);
    const result = await removeOwnPasskey(site.db, auth.user.id, String(form.get('id') ?? ''));
    if (!result.ok) return fail(409, { message: result.message });
    return { notice: 'Passkey removed.', offerSignOutOthers: true };
  },

  recoveryRegenerate: async (event) => {
    const sudo = await needSudo(event, 'recoveryRegenerate');
    if (sudo) return sudo;
    const { site, auth } = context(event);
    const facts = await twoFactorFactsForUser(site.db, auth.user.id);
    if (!hasSecondFactor(facts))
      return fail(409, { message: 'Set up an authenticator app or a passkey first.' });
    const recoveryCodes = await regenerateRecoveryCodesForUser(site.db, auth.user.id);
    return { notice: 'New recovery codes generated. Your old codes no longer work.', recoveryCodes };
  },

  changePassword: async (event) => {
    const { env, slug, site, auth } = context(event);
    const form = await event.request.formData();
    const parsed = changePasswordSchema.safeParse({
      current: String(form.get('current') ?? ''),
      password: String(form.get('password') ?? ''),
      confirm: String(form.get('confirm') ?? ''),
      signOutOthers: form.get('signOutOthers') === 'on'
    });
    if (!parsed.success) return fail(400, { passwordFields: fieldErrors(parsed.error) });
    const check = await confirmPasswordForUser(env, slug, site.db, auth.user.id, parsed.data.current);
    if (!check.ok) return fail(400, { passwordFields: { current: [check.message] } });
    await changePasswordForUser(site.db, auth.user.id, parsed.data.password);
    await grantSudo(env, slug, auth.session.id);
    const ended = parsed.data.signOutOthers
      ? await revokeAllSessionsForUser(env, slug, site.db, auth.user.id, auth.session.id)
      : 0;
    return {
      notice: parsed.data.signOutOthers
        ? `Password changed. ${ended} other session${ended === 1 ? '' : 's'} signed out.`
        : 'Password changed.',
      offerSignOutOthers: !parsed.data.signOutOthers
    };
  },

  signOutOthers: async (event) => {
    const { env, slug, site, auth } = context(event);
    const ended = await revokeAllSessionsForUser(env, slug, site.db, auth.user.id, auth.session.id);
    await site.db.batch([
      auditStatement(site.db, {
        actorId: auth.user.id,
        action: 'sessions.signed_out_others',
        entityType: 'user',
        entityId: auth.user.id,
        after: { ended }
      })
    ]);
    return {
      notice:
        ended === 0
          ? 'No other sessions were active.'
          : `Signed out of ${ended} other session${ended === 1 ? '' : 's'}.`
    };
  }
};
