// Tenant + session for every API request (the same loader SvelteKit's hooks use).
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { ApiEnv } from '../types';
import { apiError } from '../errors';
import { loadRequestContext } from '../../../src/lib/server/http/request-context';
import { sessionCookieName } from '../../../src/lib/server/auth/cookie';
import { sessionActorOf } from '../../../src/lib/server/authz/session-actor';
import { twoFactorSetupPending } from '../../../src/lib/server/auth/two-factor-requirement';
import { kickOutboxAfterWrite } from '../../../src/lib/server/outbox/kick';

export const requestContext = createMiddleware<ApiEnv>(async (c, next) => {
  const url = new URL(c.req.url);
  const ctx = await loadRequestContext(c.env, url, getCookie(c, sessionCookieName(url)), (p) =>
    c.executionCtx.waitUntil(p)
  );
  c.set('site', ctx.site);
  c.set('auth', ctx.auth);
  if (ctx.auth) c.set('actor', sessionActorOf(ctx.auth));
  if (ctx.site.kind === 'workspace') {
    c.set('workspace', ctx.site.workspace);
    c.set('db', ctx.site.db);
  }
  await next();
  // A write may have added to the outbox: wake the workspace's delivery loop after the response.
  const slug = ctx.site.kind === 'workspace' ? ctx.site.workspace.slug : null;
  kickOutboxAfterWrite(c.env, c.req.method, slug, (p) => c.executionCtx.waitUntil(p));
});

/** Everything below needs a workspace host. */
export const requireWorkspace = createMiddleware<ApiEnv>(async (c, next) => {
  const site = c.get('site');
  if (site.kind === 'suspended')
    return apiError(c, 403, 'workspace_suspended', 'This workspace is suspended.');
  if (site.kind !== 'workspace')
    return apiError(c, 404, 'workspace_not_found', 'There is no workspace at this address.');
  await next();
});

export const requireUser = createMiddleware<ApiEnv>(async (c, next) => {
  const auth = c.get('auth');
  if (!auth) return apiError(c, 401, 'unauthenticated', 'Sign in to continue.');
  // The workspace requires two-step verification and this user has none yet (seed 000 tip).
  if (twoFactorSetupPending(auth, new URL(c.req.url).pathname, 'api')) {
    return apiError(
      c,
      403,
      'two_factor_setup_required',
      'Set up two-step verification in My profile › Security first.'
    );
  }
  await next();
});
