// Helpers for the sign-in security tests: fresh users, the password step, TOTP codes, rate-limit windows.
import { expect } from 'vitest';
import { env } from 'cloudflare:workers';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateHOTP } from '@oslojs/otp';
import { ACME, cookieFrom, DEMO_PASSWORD, get, postForm, sessionCookieFrom } from './helpers';
import { hashPassword } from '../../src/lib/server/auth/password';

let n = 0;
/** A new user straight in the tenant DB (setup only; everything under test goes through fetch). */
export async function createUser(
  db: D1Database = env.DB_ACME,
  opts: {
    role?: 'employee' | 'admin';
    status?: 'active' | 'invited' | 'suspended';
    password?: string | null;
  } = {}
): Promise<{ id: string; email: string; password: string }> {
  n += 1;
  const id = crypto.randomUUID();
  const email = `sec-${Date.now().toString(36)}-${n}@example.test`;
  const password = opts.password === undefined ? DEMO_PASSWORD : opts.password;
  const hash = password === null ? null : await hashPassword(password);
  await db
    .prepare(
      'INSERT INTO users (id, email, name, role, status, password_hash, theme, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'
    )
    .bind(
      id,
      email,
      `Test User ${n}`,
      opts.role ?? 'employee',
      opts.status ?? 'active',
      hash,
      'system',
      Date.now(),
      Date.now()
    )
    .run();
  return { id, email, password: password ?? '' };
}

export const challengeOf = (res: Response) => cookieFrom(res, 'ontrackio_2fa');

/** Password step of the Sign in page: returns the session cookie (no 2FA) or the challenge cookie. */
export async function passwordStep(email: string, password = DEMO_PASSWORD, origin = ACME) {
  const res = await postForm(`${origin}/login`, { email, password });
  return {
    res,
    session: sessionCookieFrom(res),
    challenge: challengeOf(res),
    location: res.headers.get('location')
  };
}

/** The RFC 6238 code for a base32 secret at a time step offset (0 = now). */
export function totpCode(secretBase32: string, stepOffset = 0): string {
  const step = Math.floor(Date.now() / 30_000) + stepOffset;
  return generateHOTP(decodeBase32IgnorePadding(secretBase32), BigInt(step), 6);
}

/** Enrols an authenticator app through My profile › Security; returns the secret and recovery codes. */
export async function enrolTotp(
  session: string,
  origin = ACME
): Promise<{ secret: string; recoveryCodes: string[] }> {
  const start = await postForm(`${origin}/my/profile/security?/totpStart`, {}, [session]);
  if (start.status !== 200) throw new Error(`totpStart answered ${start.status}`);
  const page = await (await get(`${origin}/my/profile/security`, [session])).text();
  const secret = /data-testid="totp-secret"[^>]*>([A-Z2-7]+)</.exec(page)?.[1];
  if (!secret) throw new Error('no secret on the page');
  const confirm = await postForm(`${origin}/my/profile/security?/totpConfirm`, { code: totpCode(secret) }, [
    session
  ]);
  const html = await confirm.text();
  if (confirm.status !== 200) throw new Error(`totpConfirm answered ${confirm.status}`);
  const recoveryCodes = [...html.matchAll(/<code>([a-z2-7]{5}-[a-z2-7]{5})<\/code>/g)].map((m) => m[1]);
  return { secret, recoveryCodes };
}

/** Signs a fresh user in (no 2FA yet) and returns the session cookie. */
export async function signedInUser(db?: D1Database, opts?: Parameters<typeof createUser>[1], origin = ACME) {
  const user = await createUser(db, opts);
  const step = await passwordStep(user.email, user.password, origin);
  if (!step.session) throw new Error(`sign-in failed: ${step.res.status}`);
  return { ...user, session: step.session };
}

/** Moves a rate-limit key's recorded attempts one full window into the past (the window "passes"). */
export async function ageRateLimit(key: string, windowMs: number) {
  const { runInDurableObject } = await import('cloudflare:test');
  const stub = env.RATE_LIMITER.get(env.RATE_LIMITER.idFromName(key));
  await runInDurableObject(stub, async (_instance, state) => {
    const stored = await state.storage.get<{ hits: number[]; windowMs: number }>('state');
    if (stored)
      await state.storage.put('state', { ...stored, hits: stored.hits.map((h) => h - windowMs - 1) });
  });
}

/** A signed-in user with the authenticator turned on (its secret and recovery codes). */
export async function userWithTotp() {
  const u = await signedInUser();
  const { secret, recoveryCodes } = await enrolTotp(u.session);
  return { ...u, secret, recoveryCodes };
}

/** A challenge cookie after a correct password for a 2FA user. */
export async function challengeFor(email: string) {
  const step = await passwordStep(email);
  expect(step.session).toBeNull();
  expect(step.challenge).not.toBeNull();
  return step.challenge!;
}
