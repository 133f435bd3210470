// The Worker entry (DESIGN §2): routes by path, exports the Durable Object classes, and loads the
// SvelteKit worker that @sveltejs/adapter-cloudflare emits, lazily, for everything that is not API.
import { createApiApp } from './api/app';
import { runScheduled } from './scheduled';
import { handleSamlAcs } from '../src/lib/server/sso/saml-acs';
import { SAML_ACS_PATH } from '../src/lib/server/sso/saml-sp';

export { RateLimiter } from './durable-objects/rate-limiter';
export { PairingCodes } from './durable-objects/pairing-codes';
export { PairingHandshake } from './durable-objects/pairing-handshake';
export { OutboxDelivery } from './durable-objects/outbox-delivery';
export { HelpdeskSync } from './durable-objects/helpdesk-sync';

// Immutable after construction: one router per isolate, no per-request state on it.
const api = createApiApp();

function isApiPath(pathname: string): boolean {
  return pathname.startsWith('/api/') || pathname.startsWith('/agent/');
}

export default {
  async fetch(request, env, ctx): Promise<Response> {
    const { pathname } = new URL(request.url);
    if (isApiPath(pathname)) return api.fetch(request, env, ctx);
    // The SAML ACS receives the IdP's cross-site form POST: handled before SvelteKit, whose CSRF
    // check would refuse it (the exemption and what makes it safe: src/lib/server/sso/saml-acs.ts).
    if (pathname === SAML_ACS_PATH && request.method === 'POST')
      return handleSamlAcs(request, env, (p) => ctx.waitUntil(p));
    const kit = await import('../.svelte-kit/cloudflare/_worker.js');
    return kit.default.fetch(request, env, ctx);
  },

  // Cron Triggers (wrangler.toml [triggers]), dispatched by cron string (worker/scheduled.ts): the daily
  // renewal reminders, and every 2 minutes the outbox wake-up.
  async scheduled(controller, env, _ctx): Promise<void> {
    await runScheduled(env, controller.cron, controller.scheduledTime);
  }
} satisfies ExportedHandler<Env>;
