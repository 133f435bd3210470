// The JSON API: /api/v1/* for browsers and integrations (session cookie or API token), /agent/v1/* for
// agents, /api/docs for people. Every route is declared through access/route-builders.ts, which gives
// it its guard and its place in the OpenAPI description served at /api/v1/openapi.json.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { ApiEnv } from './types';
import { apiError, handleApiError } from './errors';
import { newRouter } from './access/router';
import { registerCommonErrors } from './access/responses';
import { readCredentials } from './middleware/credentials';
import { requestContext } from './middleware/context';
import { jsonBodyLimit, sameOriginWrites } from './middleware/write-guard';
import { registerWebhookEvents } from './openapi/webhooks';
import { describerOf } from './openapi/document';
import { docsPageRoutes } from './openapi/docs-page';
import { healthRoutes } from './routes/health';
import { openApiRoutes } from './routes/openapi';
import { meRoutes } from './routes/me';
import { myDashboardRoutes } from './routes/my-dashboard';
import { authRoutes } from './routes/auth';
import { myHardwareRoutes } from './routes/my-hardware';
import { mySoftwareLoansRoutes } from './routes/my-software-loans';
import { myRequestsRoutes } from './routes/my-requests';
import { myNotificationsRoutes } from './routes/my-notifications';
import { myProfileRoutes } from './routes/my-profile';
import { agentRoutes } from './routes/agent';
import { myDeviceRoutes } from './routes/my-device';
import { adminRoutes } from './routes/admin';
import { helpdeskWebhookRoutes } from './routes/helpdesk-webhook';
import { baseSecurityHeaders } from '../../src/lib/server/http/request-context';

export function createApiApp(): OpenAPIHono<ApiEnv> {
  const app = newRouter();

  app.use('*', async (c, next) => {
    await next();
    for (const [k, v] of Object.entries(baseSecurityHeaders(new URL(c.req.url)))) c.res.headers.set(k, v);
    // The reference page sets the product's page CSP; everything else is data and gets none.
    if (!c.res.headers.has('Content-Security-Policy'))
      c.res.headers.set('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
    c.res.headers.set('Cache-Control', 'no-store');
  });

  const v1 = newRouter();
  // Any host, no credentials read.
  v1.route('/', healthRoutes);
  v1.route('/', openApiRoutes(describerOf(app)));
  // Everything below: credentials (a cookie or a token, never both), the Origin check for cookie
  // writes, the body cap, then the site and who is asking. Each route's own guard decides.
  v1.use('*', readCredentials, sameOriginWrites, jsonBodyLimit, requestContext);
  v1.route('/', meRoutes);
  v1.route('/', myDashboardRoutes);
  v1.route('/', authRoutes);
  v1.route('/', myHardwareRoutes);
  v1.route('/', mySoftwareLoansRoutes);
  v1.route('/', myRequestsRoutes);
  v1.route('/', myNotificationsRoutes);
  v1.route('/', myProfileRoutes);
  v1.route('/', myDeviceRoutes);
  v1.route('/', adminRoutes);
  // The help desk's signed webhook: a server with no Origin and no session (routes/helpdesk-webhook.ts).
  app.route('/api/v1/helpdesk', helpdeskWebhookRoutes);
  app.route('/api/v1', v1);
  // The endpoint agent: no browser Origin, no session, no API token; its own credential.
  app.route('/agent/v1', agentRoutes);
  // The reference page (not part of the description it shows).
  app.route('/api/docs', docsPageRoutes);
  registerCommonErrors(app.openAPIRegistry);
  registerWebhookEvents(app.openAPIRegistry);

  app.notFound((c) => apiError(c, 404, 'not_found', 'No such endpoint.'));
  app.onError(handleApiError);
  return app;
}
