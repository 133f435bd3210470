// Wire shapes of device pairing and the agent API (/agent/v1/*), shared by the Worker, the pages and
// the Node agent. Imports only zod and the zod-free constants (the agent imports this file directly, so
// relative imports carry their .ts extension for Node's type stripping).
import * as z from 'zod';

import {
  MAX_REPORT_SOFTWARE,
  OS_FAMILIES,
  PAIRING_CODE_PATTERN,
  normalizePairingCode
} from './agent-constants.ts';

export * from './agent-constants.ts';

export const pairingCodeSchema = z
  .string({ error: 'Enter the pairing code.' })
  .max(32, { error: 'That is not a pairing code.' })
  .transform(normalizePairingCode)
  .pipe(z.string().regex(PAIRING_CODE_PATTERN, { error: 'Pairing codes look like OT-7K3PQ2.' }));

const shortText = (max: number) => z.string().trim().min(1).max(max);

/** What the agent knows about the computer it runs on. */
export const deviceFactsSchema = z.object({
  hostname: shortText(253),
  osFamily: z.enum(OS_FAMILIES),
  /** "Ubuntu 24.04.1 LTS", "macOS 15.1", "Windows 11 Pro 23H2" */
  osName: shortText(120),
  osVersion: z.string().trim().max(120).nullish(),
  cpu: z.string().trim().max(200).nullish(),
  serial: z.string().trim().max(120).nullish(),
  agentVersion: shortText(40)
});
export type DeviceFacts = z.infer<typeof deviceFactsSchema>;

export const softwareItemSchema = z.object({
  name: shortText(300),
  version: z.string().trim().max(120).default(''),
  publisher: z.string().trim().max(200).nullish()
});
export type SoftwareItem = z.infer<typeof softwareItemSchema>;

export const reportSchema = z.object({
  /** Chosen by the agent when it collects; replaying the same id changes nothing. */
  reportId: z.uuid({ error: 'reportId must be a UUID.' }),
  collectedAt: z.number().int().positive(),
  facts: deviceFactsSchema,
  software: z.array(softwareItemSchema).max(MAX_REPORT_SOFTWARE)
});
export type Report = z.infer<typeof reportSchema>;

export const enrolByCodeSchema = z.object({ code: pairingCodeSchema, facts: deviceFactsSchema });
export type EnrolByCode = z.infer<typeof enrolByCodeSchema>;

export const heartbeatSchema = z.object({ agentVersion: shortText(40).optional() });

/** The answer to a successful enrolment (code) and the message pushed down the socket (automatic). */
export const enrolmentSchema = z.object({
  credential: z.string(),
  deviceId: z.string(),
  user: z.object({ name: z.string(), email: z.string() }),
  workspace: z.object({ slug: z.string(), name: z.string() })
});
export type Enrolment = z.infer<typeof enrolmentSchema>;

export const handshakeStartedSchema = z.object({
  pairingId: z.string(),
  /** Page the agent opens in the browser (carries the one-time link token). */
  pairUrl: z.string(),
  /** Where the agent holds its WebSocket, with `agentToken` as a bearer token. */
  socketUrl: z.string(),
  agentToken: z.string(),
  expiresAt: z.number()
});
export type HandshakeStarted = z.infer<typeof handshakeStartedSchema>;

/** Messages the handshake object sends down the agent's socket. */
export const handshakeServerMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('waiting'), expiresAt: z.number() }),
  z.object({ type: z.literal('paired'), enrolment: enrolmentSchema }),
  z.object({ type: z.literal('expired') })
]);
export type HandshakeServerMessage = z.infer<typeof handshakeServerMessageSchema>;

/** Messages the agent sends up. */
export const handshakeAgentMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('saved') }),
  z.object({ type: z.literal('ping') })
]);

export const deviceStatusSchema = z.object({
  deviceId: z.string(),
  user: z.object({ name: z.string(), email: z.string() }),
  lastSeenAt: z.number().nullable(),
  lastReportAt: z.number().nullable(),
  enrolledAt: z.number()
});
export type DeviceStatus = z.infer<typeof deviceStatusSchema>;
