// A REAL OpenID provider for the SSO tests and local development: `oidc-provider` (the certified
// Node implementation) on 127.0.0.1 with one static client, PKCE required and a tiny sign-in form
// that asks only for an email (no password: a test identity provider). Consent is granted
// automatically. The subject is "sub-<email>", so tests can tell identities from emails.
//   Local use: node e2e/oidc-test-provider.ts 9400   (then set the connection's test issuer URL)
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export const TEST_CLIENT_ID = 'ontrackio-test-client';
export const TEST_CLIENT_SECRET = 'ontrackio-test-secret-0123456789';

export interface TestProvider {
  issuer: string;
  close: () => Promise<void>;
}

/** Emails listed here get email_verified=false (to test that unverified emails are refused). */
const UNVERIFIED = /^unverified\./;

function readBody(req: IncomingMessage): Promise<URLSearchParams> {
  return new Promise((resolve, reject) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => resolve(new URLSearchParams(data)));
    req.on('error', reject);
  });
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export async function startTestProvider(opts: {
  port?: number;
  redirectUris: string[];
}): Promise<TestProvider> {
  const server: Server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((r) => server.listen(opts.port ?? 0, '127.0.0.1', r));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  // No request reaches handle() before the issuer is known: the URL is only handed out below.
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: TEST_CLIENT_ID,
        client_secret: TEST_CLIENT_SECRET,
        redirect_uris: opts.redirectUris,
        response_types: ['code'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: 'client_secret_basic'
      }
    ],
    pkce: { required: () => true },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    findAccount: (_ctx: unknown, accountId: string) => ({
      accountId,
      claims: () => {
        const email = accountId.replace(/^sub-/, '');
        return {
          sub: accountId,
          email,
          email_verified: !UNVERIFIED.test(email),
          name: `Test ${email.split('@')[0]}`
        };
      }
    }),
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    // Like Google and Entra: the scope's claims (email, email_verified, name) go into the ID token.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false } },
    cookies: { keys: ['ontrackio-test-provider-cookie-key'] },
    ttl: {
      Session: 3600,
      Interaction: 600,
      Grant: 3600,
      AccessToken: 600,
      AuthorizationCode: 60,
      IdToken: 600
    }
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    try {
      const m = /^\/interaction\/([\w-]+)(\/login)?$/.exec(req.url ?? '');
      if (!m) return provider.callback()(req, res);
      const details = await provider.interactionDetails(req, res);
      if (req.method === 'POST' && m[2]) {
        const email = (await readBody(req)).get('email')?.trim().toLowerCase() ?? '';
        return provider.interactionFinished(
          req,
          res,
          { login: { accountId: `sub-${email}` } },
          { mergeWithLastSubmission: false }
        );
      }
      if (details.prompt.name === 'consent') {
        const grant = new provider.Grant({
          accountId: details.session!.accountId,
          clientId: String(details.params.client_id)
        });
        grant.addOIDCScope(String(details.params.scope));
        const grantId = await grant.save();
        return provider.interactionFinished(
          req,
          res,
          { consent: { grantId } },
          { mergeWithLastSubmission: true }
        );
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><title>Test identity provider</title><h1>Test identity provider</h1>
<form method="post" action="/interaction/${esc(m[1])}/login"><label for="email">Provider email</label>
<input id="email" name="email" type="email" autofocus><button type="submit">Sign in to provider</button></form>`);
    } catch (err) {
      res.writeHead(400, { 'content-type': 'text/plain' });
      res.end(`test provider: ${(err as Error).message}`);
    }
  }

  return { issuer, close: () => new Promise((r) => server.close(() => r())) };
}

if (import.meta.main) {
  const port = Number(process.argv[2] ?? 9400);
  const redirect = process.argv[3] ?? 'http://acme.localhost:8787/login/sso/callback';
  const p = await startTestProvider({ port, redirectUris: [redirect] });
  console.log(
    `OpenID test provider at ${p.issuer} (client ${TEST_CLIENT_ID} / ${TEST_CLIENT_SECRET}, redirect ${redirect})`
  );
}
