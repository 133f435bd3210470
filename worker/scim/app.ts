// /scim/v2 on each workspace host: SCIM 2.0 provisioning for Okta, Microsoft Entra and other identity
// providers (docs/scim.md). The workspace comes from the host only (tenancy/resolve.ts), the caller
// from a service token with the `scim` scope of THAT workspace's database (api-tokens), so a call can
// never reach another workspace. Order per request: workspace → token → SCIM turned on → route. Every
// authenticated call is logged (method, path, status, one-line outcome) for Settings › Provisioning.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import type { ScimEnv } from './types';
import { scimError, scimJson } from './respond';
import { scimUserRoutes } from './routes-users';
import { scimGroupRoutes } from './routes-groups';
import { ScimError } from '../../src/lib/server/scim/errors';
import {
  MAX_PAYLOAD_BYTES,
  listResponse,
  resourceTypes,
  schemas,
  serviceProviderConfig
} from '../../src/lib/server/scim/discovery';
import { resolveSite } from '../../src/lib/server/tenancy/resolve';
import { baseSecurityHeaders, clientAddressOf } from '../../src/lib/server/http/request-context';
import { authenticateApiToken } from '../../src/lib/server/api-tokens/authenticate';
import { getProvisioningSettings } from '../../src/lib/server/provisioning/settings';
import { recordScimCall } from '../../src/lib/server/provisioning/call-log';

export const SCIM_BASE_PATH = '/scim/v2';

const workspaceAndToken = createMiddleware<ScimEnv>(async (c, next) => {
  const url = new URL(c.req.url);
  const site = await resolveSite(c.env, url.hostname);
  if (site.kind === 'suspended') throw new ScimError(403, null, 'This workspace is suspended.');
  if (site.kind !== 'workspace') throw new ScimError(404, null, 'There is no workspace at this address.');
  const auth = await authenticateApiToken(
    c.env,
    site.workspace.slug,
    site.binding,
    c.req.header('authorization'),
    clientAddressOf(c.req.raw),
    { defer: (p) => c.executionCtx.waitUntil(p) }
  );
  const challenge = { 'WWW-Authenticate': 'Bearer realm="SCIM"' };
  if (!auth.ok && auth.code === 'rate_limited')
    return scimError(c, new ScimError(429, null, 'Too many requests with this token. Slow down.'), {
      'Retry-After': String(auth.retryAfterSeconds)
    });
  if (!auth.ok && auth.code === 'address_not_allowed')
    return scimError(c, new ScimError(403, null, 'This token may not be used from this address.'));
  if (!auth.ok)
    return scimError(
      c,
      new ScimError(401, null, 'The bearer token is missing, invalid, expired or revoked.'),
      challenge
    );
  c.set('workspace', site.workspace);
  c.set('db', site.db);
  c.set('base', `${url.origin}${SCIM_BASE_PATH}`);
  c.set('actor', { kind: 'provisioning' });
  c.set('provision', {
    env: c.env,
    slug: site.workspace.slug,
    workspaceName: site.workspace.name,
    origin: url.origin
  });
  c.set('outcome', '');
  const started = Date.now();
  try {
    if (!auth.token.scopes.includes('scim') || auth.token.kind !== 'service')
      throw new ScimError(
        403,
        null,
        'This token has no scim scope. Create the provisioning token in Settings › Provisioning.'
      );
    if (!(await getProvisioningSettings(site.db)).enabled)
      throw new ScimError(
        403,
        null,
        'SCIM provisioning is turned off for this workspace (Settings › Provisioning).'
      );
    await next();
  } catch (err) {
    c.res = onError(err as Error, c as never);
  }
  await recordScimCall(site.db, {
    method: c.req.method,
    path: url.pathname.slice(SCIM_BASE_PATH.length) || '/',
    status: c.res.status,
    outcome: c.get('outcome') || (c.res.ok ? 'OK' : `Refused (${c.res.status})`),
    createdAt: started
  }).catch((e: unknown) => console.error(JSON.stringify({ event: 'scim.log_failed', error: String(e) })));
});

function onError(err: Error, c: Parameters<typeof scimError>[0]) {
  if (err instanceof ScimError) return scimError(c, err);
  console.error(
    JSON.stringify({
      event: 'scim.unhandled_error',
      path: new URL(c.req.url).pathname,
      error: String(err),
      stack: err.stack
    })
  );
  return scimError(c, new ScimError(500, null, 'Something went wrong on our side. Please try again.'));
}

export function createScimApp() {
  const app = new Hono<ScimEnv>();
  app.use('*', async (c, next) => {
    await next();
    for (const [k, v] of Object.entries(baseSecurityHeaders(new URL(c.req.url)))) c.res.headers.set(k, v);
    c.res.headers.set('Cache-Control', 'no-store');
  });
  const v2 = new Hono<ScimEnv>();
  v2.use(
    '*',
    bodyLimit({
      maxSize: MAX_PAYLOAD_BYTES,
      onError: (c) => scimError(c as never, new ScimError(413, null, 'The request body is larger than 1 MB.'))
    }),
    workspaceAndToken
  );
  v2.get('/ServiceProviderConfig', (c) => scimJson(c, serviceProviderConfig(c.get('base'))));
  v2.get('/ResourceTypes', (c) => {
    const types = resourceTypes(c.get('base'));
    return scimJson(c, listResponse(types, types.length, 1));
  });
  v2.get('/ResourceTypes/:id', (c) => {
    const found = resourceTypes(c.get('base')).find((t) => t.id === c.req.param('id'));
    if (!found) throw new ScimError(404, null, `No resource type ${c.req.param('id')}.`);
    return scimJson(c, found);
  });
  v2.get('/Schemas', (c) => {
    const all = schemas(c.get('base'));
    return scimJson(c, listResponse(all, all.length, 1));
  });
  v2.get('/Schemas/:id', (c) => {
    const found = schemas(c.get('base')).find((s) => s.id === c.req.param('id'));
    if (!found) throw new ScimError(404, null, `No schema ${c.req.param('id')}.`);
    return scimJson(c, found);
  });
  v2.route('/', scimUserRoutes);
  v2.route('/', scimGroupRoutes);
  v2.all('/Bulk', () => {
    throw new ScimError(
      501,
      null,
      'Bulk operations are not supported (ServiceProviderConfig bulk.supported = false).'
    );
  });
  v2.all('*', (c) => {
    throw new ScimError(404, null, `No SCIM endpoint ${c.req.method} ${new URL(c.req.url).pathname}.`);
  });
  app.route(SCIM_BASE_PATH, v2);
  app.notFound((c) => scimError(c as never, new ScimError(404, null, 'No such SCIM endpoint.')));
  app.onError((err, c) => onError(err, c as never));
  return app;
}

// Immutable after construction: one router per isolate, no per-request state on it.
export const scimApp = createScimApp();
