// The JSON API: /api/v1/* for browsers and integrations (session cookie), /agent/v1/* for agents.
import { Hono } from 'hono';
import type { ApiEnv } from './types';
import { apiError, handleApiError } from './errors';
import { requestContext } from './middleware/context';
import { jsonBodyLimit, sameOriginWrites } from './middleware/write-guard';
import { healthRoutes } from './routes/health';
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

export function createApiApp() {
  const app = new Hono<ApiEnv>();

  app.use('*', async (c, next) => {
    await next();
    for (const [k, v] of Object.entries(baseSecurityHeaders(new URL(c.req.url)))) c.res.headers.set(k, v);
    c.res.headers.set('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
    c.res.headers.set('Cache-Control', 'no-store');
  });

  const v1 = new Hono<ApiEnv>();
  v1.route('/', healthRoutes);
  v1.use('*', sameOriginWrites, jsonBodyLimit, requestContext);
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
  // The endpoint agent: no browser Origin, its own credential (routes/agent.ts), not under sameOriginWrites.
  app.route('/agent/v1', agentRoutes);

  app.notFound((c) => apiError(c, 404, 'not_found', 'No such endpoint.'));
  app.onError(handleApiError);
  return app;
}
