// Everything worker/index.ts needs from the server code, as ONE module that Vite builds together with
// SvelteKit's server (vite.config.ts adds it as an SSR entry; the result is
// .svelte-kit/output/server/worker-server.js). The API, the cron jobs and the pages therefore share
// one copy of src/lib/server in the deployed bundle instead of a wrangler-bundled copy beside
// SvelteKit's. worker/index.ts imports it as `#worker-server` (package.json "imports": the types come
// from this file, the code from the build; the worker tests alias it back to this file).
//
// Heavy or rarely used parts load on first use, so an isolate that serves pages never evaluates the
// API's routes and contracts, and no isolate parses SAML's XML stack until a SAML response arrives.
export { RateLimiter } from './durable-objects/rate-limiter';
export { PairingCodes } from './durable-objects/pairing-codes';
export { PairingHandshake } from './durable-objects/pairing-handshake';
export { OutboxDelivery } from './durable-objects/outbox-delivery';
export { HelpdeskSync } from './durable-objects/helpdesk-sync';
export { SAML_ACS_PATH } from '../src/lib/server/sso/saml-sp';
export { needsSessionRecheck, withoutRecheckMark } from '../src/lib/server/http/session-recheck';
import { loadScimmy } from '../src/lib/server/scim/scimmy';

export const loadApi = () => import('./api/app');
export const loadScheduled = () => import('./scheduled');
export const loadSamlAcs = () => import('../src/lib/server/sso/saml-acs');
// scimmy (a separate module of the deployed Worker) is loaded before the SCIM app is handed out: the
// SCIM modules read it synchronously (src/lib/server/scim/scimmy.ts).
export const loadScim = async () => (await Promise.all([import('./scim/app'), loadScimmy()]))[0];
