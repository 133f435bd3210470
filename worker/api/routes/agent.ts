// The agent API, /agent/v1/*. Agents never hold a user session and send no browser Origin: enrolment is
// guarded by the pairing code (or the handshake's tokens) and everything after it by the device
// credential in `Authorization: Bearer otd_...`. The tenant still comes from the host only.
import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import { bodyLimit } from 'hono/body-limit';
import type { ApiEnv } from '../types';
import { apiError } from '../errors';
import { validate } from '../validate';
import { requestContext, requireWorkspace } from '../middleware/context';
import {
  MAX_REPORT_BYTES,
  deviceFactsSchema,
  enrolByCodeSchema,
  heartbeatSchema,
  reportSchema,
  type DeviceStatus
} from '../../../src/lib/contracts/agent';
import * as z from 'zod';
import { clientAddressOf } from '../../../src/lib/server/http/request-context';
import {
  ALREADY_PAIRED_MESSAGE,
  enrolDeviceByCode,
  handshakeFor,
  startHandshake
} from '../../../src/lib/server/devices/pairing';
import {
  authenticateDeviceByCredentialHash,
  recordHeartbeatForDevice,
  type AuthenticatedDevice
} from '../../../src/lib/server/devices/devices';
import { hashDeviceCredential, looksLikeDeviceCredential } from '../../../src/lib/server/devices/credential';
import { ingestReportForDevice } from '../../../src/lib/server/devices/reports';
import { describeWait } from '../../../src/lib/server/ratelimit/limits';

type AgentEnv = ApiEnv & { Variables: ApiEnv['Variables'] & { device: AuthenticatedDevice } };

const SMALL_BODY_BYTES = 16 * 1024;

const jsonOnly = createMiddleware<AgentEnv>(async (c, next) => {
  if (
    c.req.method === 'POST' &&
    !(c.req.header('content-type') ?? '').toLowerCase().startsWith('application/json')
  ) {
    return apiError(c, 400, 'bad_request', 'Send the body as application/json.');
  }
  await next();
});

const limitBody = (maxSize: number) =>
  bodyLimit({
    maxSize,
    onError: (c) => apiError(c, 413, 'payload_too_large', 'The request body is too large.')
  });

/** Device credential → c.var.device, or 401 (unknown, malformed, revoked, other tenant, suspended user). */
const requireDevice = createMiddleware<AgentEnv>(async (c, next) => {
  const bearer = /^Bearer (\S+)$/.exec(c.req.header('authorization') ?? '')?.[1];
  const device = looksLikeDeviceCredential(bearer)
    ? await authenticateDeviceByCredentialHash(c.get('db'), hashDeviceCredential(bearer))
    : null;
  if (!device)
    return apiError(
      c,
      401,
      'unauthenticated',
      'This device is not paired with an account (or its pairing was revoked).'
    );
  c.set('device', device);
  await next();
});

export const agentRoutes = new Hono<AgentEnv>()
  .use('*', requestContext, requireWorkspace, jsonOnly)

  // Manual pairing: "Enter pairing code manually" / `ontrackio-agent pair --code OT-XXXXXX`.
  .post('/enrol', limitBody(SMALL_BODY_BYTES), validate('json', enrolByCodeSchema), async (c) => {
    const result = await enrolDeviceByCode(
      c.env,
      c.get('workspace'),
      c.get('db'),
      c.req.valid('json'),
      clientAddressOf(c.req.raw)
    );
    if (result.ok) return c.json(result.enrolment, 201);
    if (result.reason === 'rate_limited') {
      c.header('Retry-After', String(Math.ceil(result.retryAfterMs / 1000)));
      return apiError(
        c,
        429,
        'rate_limited',
        `Too many attempts. Try again in ${describeWait(result.retryAfterMs)}.`
      );
    }
    if (result.reason === 'already_paired') return apiError(c, 409, 'conflict', ALREADY_PAIRED_MESSAGE);
    const message =
      'That code is not valid. Codes last 10 minutes: select Regenerate code on My device and try again.';
    return apiError(c, 400, 'validation_failed', message, { code: [message] });
  })

  // Automatic pairing: the agent registers the device and gets the page link + its socket.
  .post(
    '/pairings',
    limitBody(SMALL_BODY_BYTES),
    validate('json', z.object({ facts: deviceFactsSchema })),
    async (c) => {
      const result = await startHandshake(
        c.env,
        c.get('workspace').slug,
        new URL(c.req.url).origin,
        c.req.valid('json').facts,
        clientAddressOf(c.req.raw)
      );
      if (result.ok) return c.json(result.started, 201);
      c.header('Retry-After', String(Math.ceil(result.retryAfterMs / 1000)));
      return apiError(
        c,
        429,
        'rate_limited',
        `Too many pairing attempts. Try again in ${describeWait(result.retryAfterMs)}.`
      );
    }
  )

  // The agent's WebSocket to its handshake object (the object checks the agent token).
  .get('/pairings/:id/socket', async (c) => {
    if (c.req.header('upgrade')?.toLowerCase() !== 'websocket')
      return apiError(c, 400, 'bad_request', 'Expected a WebSocket upgrade.');
    const stub = handshakeFor(c.env, c.req.param('id'));
    if (!stub) return apiError(c, 404, 'not_found', 'Unknown pairing.');
    const upgraded = await stub.fetch(c.req.raw);
    // Re-wrapped so the app's header middleware can add its security headers (a DO's response is immutable).
    return new Response(upgraded.body, {
      status: upgraded.status,
      headers: new Headers(upgraded.headers),
      webSocket: upgraded.webSocket
    });
  })

  .get('/device', requireDevice, (c) => {
    const d = c.get('device');
    const body: DeviceStatus = {
      deviceId: d.deviceId,
      user: { name: d.userName, email: d.userEmail },
      lastSeenAt: d.lastSeenAt,
      lastReportAt: d.lastReportAt,
      enrolledAt: d.enrolledAt
    };
    return c.json(body);
  })

  .post(
    '/heartbeat',
    requireDevice,
    limitBody(SMALL_BODY_BYTES),
    validate('json', heartbeatSchema),
    async (c) => {
      const seenAt = await recordHeartbeatForDevice(
        c.get('db'),
        c.get('device').deviceId,
        c.req.valid('json').agentVersion
      );
      return c.json({ lastSeenAt: seenAt });
    }
  )

  .post('/reports', requireDevice, limitBody(MAX_REPORT_BYTES), validate('json', reportSchema), async (c) => {
    const result = await ingestReportForDevice(c.get('db'), c.get('device').deviceId, c.req.valid('json'));
    if (!result.ok) return apiError(c, 409, 'conflict', 'That report id belongs to another device.');
    if (!result.applied) return c.json({ applied: false, reason: result.reason });
    return c.json({ applied: true, softwareCount: result.softwareCount }, 201);
  });
