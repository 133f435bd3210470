// Single sign-on rules inside workerd against the real tenant D1: ID token checks (jose-signed
// tokens, local key set: the verifier's real code path, no mock), the browser-bound state on the
// callback through the public surface, domain/linking/JIT/suspension rules, and sealed secrets.
import { beforeAll, describe, expect, it } from 'vitest';
import { env } from 'cloudflare:workers';
import { SignJWT, createLocalJWKSet, exportJWK, generateKeyPair, type JWK } from 'jose';
import { eq } from 'drizzle-orm';
import { openTenantDb } from '../../src/lib/server/db';
import { ssoConnections, ssoIdentities, users } from '../../src/lib/server/db/tenant-schema';
import { verifyIdToken } from '../../src/lib/server/sso/id-token';
import { resolveSsoUser } from '../../src/lib/server/sso/resolve-user';
import {
  loadConnectionForSignIn,
  saveOauthConnection,
  saveSignInRules,
  listSsoButtons
} from '../../src/lib/server/sso/connections';
import { sealFlow } from '../../src/lib/server/sso/flow-cookie';
import { endpointsFor } from '../../src/lib/server/sso/oidc-providers';
import { ACME, fetchWorker, sessionCookieFrom, SETUP_ACTOR } from './helpers';

const db = openTenantDb(env.DB_ACME);
const ISSUER = 'https://idp.test';
const CLIENT = 'client-123';
let signer: CryptoKey;
let keys: ReturnType<typeof createLocalJWKSet>;

beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  signer = pair.privateKey;
  const jwk: JWK = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256' };
  keys = createLocalJWKSet({ keys: [jwk] });
});

function token(claims: Record<string, unknown>, opts: { exp?: string | number; key?: CryptoKey } = {}) {
  return new SignJWT({ nonce: 'n-1', email: 'ada@acme.example', email_verified: true, ...claims })
    .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
    .setIssuer(String(claims.iss ?? ISSUER))
    .setAudience(String(claims.aud ?? CLIENT))
    .setSubject('sub-1')
    .setIssuedAt()
    .setExpirationTime(opts.exp ?? '5m')
    .sign(opts.key ?? signer);
}
const expectOk = {
  issuerMatches: (iss: unknown) => iss === ISSUER,
  clientId: CLIENT,
  nonce: 'n-1',
  kind: 'google'
};

describe('ID token verification', () => {
  it('accepts a good token and reads the verified email', async () => {
    const id = await verifyIdToken(await token({}), keys, expectOk);
    expect(id).toMatchObject({ subject: 'sub-1', email: 'ada@acme.example', emailVerified: true });
  });
  it('rejects a wrong audience, issuer, nonce, an expired token and a foreign signature', async () => {
    await expect(verifyIdToken(await token({ aud: 'someone-else' }), keys, expectOk)).rejects.toThrow(/aud/);
    await expect(verifyIdToken(await token({ iss: 'https://evil.test' }), keys, expectOk)).rejects.toThrow(
      /issuer/
    );
    await expect(verifyIdToken(await token({ nonce: 'other' }), keys, expectOk)).rejects.toThrow(/nonce/);
    await expect(
      verifyIdToken(await token({}, { exp: Math.floor(Date.now() / 1000) - 600 }), keys, expectOk)
    ).rejects.toThrow(/exp/);
    const other = (await generateKeyPair('RS256')).privateKey;
    await expect(verifyIdToken(await token({}, { key: other }), keys, expectOk)).rejects.toThrow(/signature/);
  });
  it('does not trust an unverified email', async () => {
    const id = await verifyIdToken(await token({ email_verified: false }), keys, expectOk);
    expect(id.emailVerified).toBe(false);
  });
});

describe('who an SSO identity signs in as', () => {
  let connectionId: string;
  beforeAll(async () => {
    await saveOauthConnection(env, db, SETUP_ACTOR, {
      kind: 'google',
      clientId: CLIENT,
      clientSecret: 'super-secret-value',
      entraTenant: '',
      devIssuerUrl: ''
    });
    connectionId = (await db.query.ssoConnections.findFirst({ where: eq(ssoConnections.kind, 'google') }))!
      .id;
    await saveSignInRules(db, SETUP_ACTOR, { domains: ['acme.example'], createAccounts: false });
  });
  const ident = (email: string, subject = `s-${email}`, emailVerified = true) => ({
    subject,
    email,
    emailVerified,
    name: null
  });

  it('stores the client secret sealed and shows the button', async () => {
    const row = await db.query.ssoConnections.findFirst({ where: eq(ssoConnections.id, connectionId) });
    expect(row!.clientSecretSealed).not.toContain('super-secret-value');
    expect((await loadConnectionForSignIn(env, db, connectionId))!.clientSecret).toBe('super-secret-value');
    expect(await listSsoButtons(db)).toEqual([{ id: connectionId, label: 'Continue with Google' }]);
  });
  it('refuses an unapproved domain and an unverified email', async () => {
    expect(await resolveSsoUser(db, connectionId, ident('mallory@elsewhere.example'), null)).toEqual({
      ok: false,
      code: 'domain'
    });
    expect(await resolveSsoUser(db, connectionId, ident('grace@acme.example', 's-x', false), null)).toEqual({
      ok: false,
      code: 'email_unverified'
    });
  });
  it('with auto-create off, an unknown person gets no account', async () => {
    expect(await resolveSsoUser(db, connectionId, ident('nobody@acme.example'), null)).toEqual({
      ok: false,
      code: 'no_account'
    });
    expect(await db.query.users.findFirst({ where: eq(users.email, 'nobody@acme.example') })).toBeUndefined();
  });
  it('refuses a suspended account, even with a verified email', async () => {
    expect(await resolveSsoUser(db, connectionId, ident('linus@acme.example'), null)).toEqual({
      ok: false,
      code: 'inactive'
    });
  });
  it('links an active account once, then finds it by (connection, subject), never by email', async () => {
    const first = await resolveSsoUser(db, connectionId, ident('grace@acme.example', 'grace-sub'), null);
    expect(first).toMatchObject({ ok: true, linked: true });
    const again = await resolveSsoUser(
      db,
      connectionId,
      { subject: 'grace-sub', email: 'grace@acme.example', emailVerified: true, name: null },
      null
    );
    expect(again).toMatchObject({ ok: true, linked: false });
    const rows = await db.select().from(ssoIdentities).where(eq(ssoIdentities.subject, 'grace-sub'));
    expect(rows).toHaveLength(1);
  });
  it('creates an employee on first sign-in when the switch is on', async () => {
    await saveSignInRules(db, SETUP_ACTOR, { domains: ['acme.example'], createAccounts: true });
    const r = await resolveSsoUser(db, connectionId, ident('fresh@acme.example'), null);
    expect(r).toMatchObject({ ok: true, created: true, role: 'employee' });
    const u = await db.query.users.findFirst({ where: eq(users.email, 'fresh@acme.example') });
    expect(u).toMatchObject({ status: 'active', role: 'employee', passwordHash: null });
    await saveSignInRules(db, SETUP_ACTOR, { domains: ['acme.example'], createAccounts: false });
  });

  it('the callback refuses a missing flow cookie and a state that is not this browser’s', async () => {
    const none = await fetchWorker(`${ACME}/login/sso/callback?state=abc&code=xyz`);
    expect(none.status).toBe(303);
    expect(none.headers.get('location')).toBe('/login?sso_error=expired');

    const sealed = await sealFlow(env, {
      connectionId,
      state: 'the-real-state',
      codeVerifier: 'v',
      nonce: 'n',
      next: null,
      expiresAt: Date.now() + 60_000
    });
    const wrong = await fetchWorker(`${ACME}/login/sso/callback?state=attacker-state&code=xyz`, {
      headers: { cookie: `ontrackio_sso=${sealed}` }
    });
    expect(wrong.headers.get('location')).toBe('/login?sso_error=failed');
    expect(sessionCookieFrom(wrong)).toBeNull();

    const tampered = await fetchWorker(`${ACME}/login/sso/callback?state=the-real-state&code=xyz`, {
      headers: { cookie: `ontrackio_sso=${sealed.slice(0, -4)}AAAA` }
    });
    expect(tampered.headers.get('location')).toBe('/login?sso_error=expired');
  });
  it('an unknown connection is a clear message, not a 500', async () => {
    const res = await fetchWorker(`${ACME}/login/sso/not-a-connection`);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/login?sso_error=unknown_connection');
    const page = await fetchWorker(`${ACME}/login?sso_error=unknown_connection`);
    expect(await page.text()).toContain('That sign-in option isn’t available');
  });
});

describe('provider endpoints', () => {
  const row = (over: Partial<typeof ssoConnections.$inferSelect>) =>
    ({
      id: 'c',
      kind: 'microsoft',
      name: 'Microsoft',
      clientId: 'x',
      clientSecretSealed: 'y',
      entraTenant: 'contoso.onmicrosoft.com',
      samlIdpEntityId: null,
      samlSsoUrl: null,
      samlCertificate: null,
      devIssuerUrl: null,
      createdAt: 0,
      updatedAt: 0,
      ...over
    }) as typeof ssoConnections.$inferSelect;
  it('checks the Entra issuer against the tenant (and against tid for multi-tenant aliases)', async () => {
    const fixed = await endpointsFor({ APP_ENV: 'production' }, row({}));
    expect(fixed.authorizationEndpoint).toBe(
      'https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/authorize'
    );
    expect(fixed.issuerMatches('https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0', {})).toBe(
      true
    );
    expect(fixed.issuerMatches('https://login.microsoftonline.com/other/v2.0', {})).toBe(false);
    const multi = await endpointsFor({ APP_ENV: 'production' }, row({ entraTenant: 'organizations' }));
    expect(multi.issuerMatches('https://login.microsoftonline.com/t-1/v2.0', { tid: 't-1' })).toBe(true);
    expect(multi.issuerMatches('https://login.microsoftonline.com/t-1/v2.0', { tid: 't-2' })).toBe(false);
  });
  it('ignores a test issuer URL outside development', async () => {
    const google = await endpointsFor(
      { APP_ENV: 'production' },
      row({ kind: 'google', devIssuerUrl: 'http://127.0.0.1:1' })
    );
    expect(google.tokenEndpoint).toBe('https://oauth2.googleapis.com/token');
    expect(google.issuerMatches('https://accounts.google.com', {})).toBe(true);
  });
});
