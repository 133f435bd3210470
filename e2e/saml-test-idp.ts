// A SAML 2.0 identity provider for tests and local development: samlify in IdP mode, in Node, on
// 127.0.0.1, signing with the TEST-ONLY key pair (tests/fixtures/saml-test-keys.ts). It parses the
// HTTP-Redirect AuthnRequest OnTrackio sends, shows a one-field sign-in form ("IdP email"), and
// posts a signed Response (signed assertion, RSA-SHA256) to the ACS from an auto-submitting page,
// like a real IdP. Signing in once keeps an IdP session (cookie), so the next sign-in returns
// straight back. OnTrackio's SP metadata is fetched from the Worker itself.
//
//   npx node e2e/saml-test-idp.ts 9500 http://acme.localhost:8787
import { createServer, get, type IncomingMessage, type Server } from 'node:http';
import * as samlify from 'samlify';
import { IDP_CERTIFICATE, IDP_PRIVATE_KEY } from '../tests/fixtures/saml-test-keys.ts';

export interface TestIdp {
  entityId: string;
  ssoUrl: string;
  metadataXml: string;
  close(): Promise<void>;
}

// why: samlify refuses to parse without an XML schema validator, and its validator packages need
// xmllint or Java (STACK-NOTES). This test IdP only parses requests from OnTrackio under test;
// OnTrackio itself never uses samlify.
samlify.setSchemaValidator({ validate: async () => 'skipped: test IdP' });

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
const page = (title: string, body: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1>${body}</body></html>`;

async function body(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** GET from wrangler dev: Node does not resolve *.localhost, so ask 127.0.0.1 with the workspace's Host. */
function getFromWorker(workspaceOrigin: string, path: string): Promise<string> {
  const u = new URL(workspaceOrigin);
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port: u.port || 80, path, headers: { host: u.host } }, async (res) => {
      const text = await body(res);
      if (res.statusCode !== 200) reject(new Error(`SP metadata answered ${res.statusCode}`));
      else resolve(text);
    }).on('error', reject);
  });
}

export async function startTestIdp(opts: { port?: number; workspaceOrigin: string }): Promise<TestIdp> {
  const spMetadata = await getFromWorker(opts.workspaceOrigin, '/login/sso/saml/metadata');
  const sp = samlify.ServiceProvider({ metadata: spMetadata });
  const sessions = new Map<string, string>(); // IdP session id -> email

  let server!: Server;
  await new Promise<void>((resolve) => {
    server = createServer();
    server.listen(opts.port ?? 0, '127.0.0.1', resolve);
  });
  const port = (server.address() as { port: number }).port;
  const base = `http://127.0.0.1:${port}`;
  const idp = samlify.IdentityProvider({
    entityID: `${base}/metadata`,
    privateKey: IDP_PRIVATE_KEY,
    signingCert: IDP_CERTIFICATE,
    nameIDFormat: ['urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress'],
    singleSignOnService: [
      { Binding: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect', Location: `${base}/sso` }
    ]
  });

  async function respond(samlRequest: string, email: string): Promise<string> {
    const { extract } = await idp.parseLoginRequest(sp, 'redirect', { query: { SAMLRequest: samlRequest } });
    const res = (await idp.createLoginResponse(sp, { extract }, 'post', { email })) as {
      context: string;
      entityEndpoint: string;
    };
    // The browser POSTs the signed response to the ACS named in OnTrackio's metadata (cross-site).
    return page(
      'Signing you in…',
      `<form id="f" method="post" action="${esc(res.entityEndpoint)}"><input type="hidden" name="SAMLResponse" value="${esc(res.context)}">` +
        `<button type="submit">Continue to OnTrackio</button></form><script>document.getElementById('f').submit()</script>`
    );
  }

  server.on('request', async (req, res) => {
    const url = new URL(req.url ?? '/', base);
    const send = (status: number, html: string, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...headers });
      res.end(html);
    };
    try {
      if (url.pathname === '/metadata') {
        res.writeHead(200, { 'content-type': 'application/samlmetadata+xml' });
        return res.end(idp.getMetadata());
      }
      if (url.pathname === '/sso' && req.method === 'GET') {
        const samlRequest = url.searchParams.get('SAMLRequest') ?? '';
        const sid = /(?:^|;\s*)idp_sid=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
        if (sid && sessions.has(sid)) return send(200, await respond(samlRequest, sessions.get(sid)!));
        return send(
          200,
          page(
            'Test IdP sign-in',
            `<form method="post" action="/login"><input type="hidden" name="SAMLRequest" value="${esc(samlRequest)}">` +
              `<label for="e">IdP email</label> <input id="e" name="email" type="email"> <button type="submit">Sign in to IdP</button></form>`
          )
        );
      }
      if (url.pathname === '/login' && req.method === 'POST') {
        const form = new URLSearchParams(await body(req));
        const email = form.get('email') ?? '';
        const sid = crypto.randomUUID();
        sessions.set(sid, email);
        return send(200, await respond(form.get('SAMLRequest') ?? '', email), {
          'set-cookie': `idp_sid=${sid}; Path=/; HttpOnly; SameSite=Lax`
        });
      }
      send(404, page('Not found', ''));
    } catch (err) {
      send(400, page('Test IdP error', `<pre>${esc(String(err))}</pre>`));
    }
  });

  return {
    entityId: `${base}/metadata`,
    ssoUrl: `${base}/sso`,
    metadataXml: idp.getMetadata(),
    close: () => new Promise<void>((resolve) => server.close(() => resolve()))
  };
}

// `npx node e2e/saml-test-idp.ts <port> <workspace origin>` for local development.
if (import.meta.url === `file://${process.argv[1]}`) {
  const idp = await startTestIdp({
    port: Number(process.argv[2] ?? 9500),
    workspaceOrigin: process.argv[3] ?? 'http://acme.localhost:8787'
  });
  console.log(`Test SAML IdP: entity ID ${idp.entityId}, SSO URL ${idp.ssoUrl}, metadata ${idp.entityId}`);
}
