// The Worker entry (DESIGN §2): routes by path, exports the Durable Object classes, and loads the
// SvelteKit server (worker/pages.ts) lazily for everything that is not API. The server code comes
// from `#worker-server` (worker/server.ts, built by Vite beside SvelteKit so both share one copy):
// import server code here only through it.
import {
  loadApi,
  loadScheduled,
  loadSamlAcs,
  loadScim,
  SAML_ACS_PATH,
  RateLimiter,
  PairingCodes,
  PairingHandshake,
  OutboxDelivery,
  HelpdeskSync,
  needsSessionRecheck,
  withoutRecheckMark
} from '#worker-server';

export { RateLimiter, PairingCodes, PairingHandshake, OutboxDelivery, HelpdeskSync };

// Immutable after construction: one router per isolate, no per-request state on it. Built on the
// first API request, so an isolate that only serves pages never evaluates the API's modules.
let api: ReturnType<Awaited<ReturnType<typeof loadApi>>['createApiApp']> | undefined;

function isApiPath(pathname: string): boolean {
  return pathname.startsWith('/api/') || pathname.startsWith('/agent/');
}

export default {
  async fetch(request, env, ctx): Promise<Response> {
    const response = await route(request, env, ctx);
    if (!needsSessionRecheck(response)) return response;
    // The shortcut session check refused the session this read-only request ran as
    // (src/lib/server/http/session-recheck.ts): run it once more, now through the full check.
    const again = await route(request, env, ctx);
    return needsSessionRecheck(again) ? withoutRecheckMark(again) : again;
  },

  // Cron Triggers (wrangler.toml [triggers]), dispatched by cron string (worker/scheduled.ts): the daily
  // renewal reminders, and every 2 minutes the outbox wake-up and the help-desk pull.
  async scheduled(controller, env, _ctx): Promise<void> {
    await (await loadScheduled()).runScheduled(env, controller.cron, controller.scheduledTime);
  }
} satisfies ExportedHandler<Env>;

/** Every request by path: the API, SCIM, the SAML ACS, and SvelteKit for the rest. */
async function route(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
  const { pathname } = new URL(request.url);
  if (isApiPath(pathname)) {
    api ??= (await loadApi()).createApiApp();
    return api.fetch(request, env, ctx);
  }
  // SCIM provisioning (worker/scim), loaded on first use so scimmy never weighs on other requests.
  if (pathname === '/scim/v2' || pathname.startsWith('/scim/v2/'))
    return (await loadScim()).scimApp.fetch(request, env, ctx);
  // The SAML ACS receives the IdP's cross-site form POST: handled before SvelteKit, whose CSRF
  // check would refuse it (the exemption and what makes it safe: src/lib/server/sso/saml-acs.ts).
  if (pathname === SAML_ACS_PATH && request.method === 'POST')
    return (await loadSamlAcs()).handleSamlAcs(request, env, (p) => ctx.waitUntil(p));
  const pages = await import('./pages');
  return pages.renderPage(request, env, ctx);
}
