// The agent API, /agent/v1/*. Agents never hold a user session and send no browser Origin: enrolment is
// guarded by the pairing code (or the handshake's tokens) and everything after it by the device
// credential in `Authorization: Bearer otd_...`. The tenant still comes from the host only.
import * as z from 'zod';
import { $ } from '@hono/zod-openapi';
import { createMiddleware } from 'hono/factory';
import { bodyLimit } from 'hono/body-limit';
import type { ApiEnv } from '../types';
import { apiError } from '../errors';
import { newRouter } from '../access/router';
import { agentRoute, deviceRoute } from '../access/route-builders';
import { errorJson, json, jsonBody } from '../access/responses';
import { siteContext } from '../middleware/context';
import {
  MAX_REPORT_BYTES,
  deviceFactsSchema,
  deviceStatusSchema,
  enrolByCodeSchema,
  enrolmentSchema,
  handshakeStartedSchema,
  heartbeatSchema,
  reportSchema,
  type DeviceStatus
} from '../../../src/lib/contracts/agent';
import { clientAddressOf } from '../../../src/lib/server/http/request-context';
import {
  ALREADY_PAIRED_MESSAGE,
  enrolDeviceByCode,
  handshakeFor,
  startHandshake
} from '../../../src/lib/server/devices/pairing';
import { recordHeartbeatForDevice } from '../../../src/lib/server/devices/devices';
import { ingestReportForDevice } from '../../../src/lib/server/devices/reports';
import { describeWait } from '../../../src/lib/server/ratelimit/limits';

const SMALL_BODY_BYTES = 16 * 1024;

const jsonOnly = createMiddleware<ApiEnv>(async (c, next) => {
  if (
    c.req.method === 'POST' &&
    !(c.req.header('content-type') ?? '').toLowerCase().startsWith('application/json')
  ) {
    return apiError(c, 400, 'bad_request', 'Send the body as application/json.');
  }
  await next();
});

/** Body caps by path: reports may be large, everything else is small. */
const limitBody = createMiddleware<ApiEnv>(async (c, next) =>
  bodyLimit({
    maxSize: new URL(c.req.url).pathname.endsWith('/reports') ? MAX_REPORT_BYTES : SMALL_BODY_BYTES,
    onError: (ctx) => apiError(ctx, 413, 'payload_too_large', 'The request body is too large.')
  })(c, next)
);

const tag = 'Agent';
const conflict = errorJson('`conflict`: the account already has a paired device, or the report id is taken.');

export const agentRoutes = $(newRouter().use('*', siteContext, jsonOnly, limitBody))
  // Manual pairing: "Enter pairing code manually" / `ontrackio-agent pair --code OT-XXXXXX`.
  .openapi(
    agentRoute({
      method: 'post',
      path: '/enrol',
      tag,
      summary: 'Pair with a code',
      request: { body: jsonBody(enrolByCodeSchema) },
      responses: { 201: json('The device credential (shown once).', enrolmentSchema), 409: conflict }
    }),
    async (c) => {
      const result = await enrolDeviceByCode(
        c.env,
        c.get('workspace'),
        c.get('db'),
        c.req.valid('json'),
        clientAddressOf(c.req.raw)
      );
      if (result.ok) return c.json(result.enrolment, 201);
      if (result.code === 'rate_limited') {
        c.header('Retry-After', String(Math.ceil(result.retryAfterMs / 1000)));
        return apiError(
          c,
          429,
          'rate_limited',
          `Too many attempts. Try again in ${describeWait(result.retryAfterMs)}.`
        );
      }
      if (result.code === 'already_paired') return apiError(c, 409, 'conflict', ALREADY_PAIRED_MESSAGE);
      const message =
        'That code is not valid. Codes last 10 minutes: select Regenerate code on My device and try again.';
      return apiError(c, 400, 'validation_failed', message, { code: [message] });
    }
  )

  // Automatic pairing: the agent registers the device and gets the page link + its socket.
  .openapi(
    agentRoute({
      method: 'post',
      path: '/pairings',
      tag,
      summary: 'Start automatic pairing',
      request: { body: jsonBody(z.object({ facts: deviceFactsSchema })) },
      responses: {
        201: json('The page for the person and the socket for the agent.', handshakeStartedSchema)
      }
    }),
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
  .openapi(
    agentRoute({
      method: 'get',
      path: '/pairings/{id}/socket',
      tag,
      summary: 'The pairing socket (WebSocket)',
      description: 'Upgrade to a WebSocket; the pairing object pushes the device credential down it.',
      responses: { 101: { description: 'Switched to the WebSocket protocol.' } }
    }),
    async (c) => {
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
    }
  )

  .openapi(
    deviceRoute({
      method: 'get',
      path: '/device',
      tag,
      summary: 'This device’s pairing',
      responses: {
        200: json('Who the device is paired with, and when it was last heard from.', deviceStatusSchema)
      }
    }),
    (c) => {
      const d = c.get('device');
      const body: DeviceStatus = {
        deviceId: d.deviceId,
        user: { name: d.userName, email: d.userEmail },
        lastSeenAt: d.lastSeenAt,
        lastReportAt: d.lastReportAt,
        enrolledAt: d.enrolledAt
      };
      return c.json(body, 200);
    }
  )

  .openapi(
    deviceRoute({
      method: 'post',
      path: '/heartbeat',
      tag,
      summary: 'I am alive',
      request: { body: jsonBody(heartbeatSchema) },
      responses: { 200: json('Recorded.', z.strictObject({ lastSeenAt: z.number().int() })) }
    }),
    async (c) => {
      const seenAt = await recordHeartbeatForDevice(
        c.get('db'),
        c.get('device').deviceId,
        c.req.valid('json').agentVersion
      );
      return c.json({ lastSeenAt: seenAt }, 200);
    }
  )

  .openapi(
    deviceRoute({
      method: 'post',
      path: '/reports',
      tag,
      summary: 'Send an inventory report',
      description: 'Idempotent: a report id already applied (or older than the last) changes nothing.',
      request: { body: jsonBody(reportSchema) },
      responses: {
        201: json('Applied.', z.strictObject({ applied: z.literal(true), softwareCount: z.number().int() })),
        200: json(
          'Not applied: a replay, or older than the last report.',
          z.strictObject({ applied: z.literal(false), reason: z.enum(['replay', 'stale']) })
        ),
        409: conflict
      }
    }),
    async (c) => {
      const result = await ingestReportForDevice(c.get('db'), c.get('device').deviceId, c.req.valid('json'));
      if (!result.ok) return apiError(c, 409, 'conflict', 'That report id belongs to another device.');
      if (!result.applied) return c.json({ applied: false as const, reason: result.reason }, 200);
      return c.json({ applied: true as const, softwareCount: result.softwareCount }, 201);
    }
  );
