// Helpers for pairing and agent tests: everything goes through the Worker (pages, /agent/v1) except
// test set-up that resets a user's devices directly in D1.
import { expect } from 'vitest';
import { env } from 'cloudflare:workers';
import { cookieFor, fetchWorker, freshAddress, get, postForm } from './helpers';
import { userId } from './helpers-data';
import type { DeviceFacts, Report } from '../../src/lib/contracts/agent';

export const FACTS: DeviceFacts = {
  hostname: 'ada-thinkpad',
  osFamily: 'linux',
  osName: 'Ubuntu 24.04.1 LTS',
  osVersion: '24.04',
  cpu: 'Intel Core Ultra 7 155H',
  serial: 'PF4XYZ12',
  agentVersion: '1.0.0'
};

export function dbFor(origin: string): D1Database {
  return origin.includes('globex') ? env.DB_GLOBEX : env.DB_ACME;
}

/** Test set-up only: the user starts unpaired. */
export async function unpairDirectly(origin: string, email: string): Promise<void> {
  await dbFor(origin)
    .prepare(
      "UPDATE agent_devices SET status = 'revoked', revoked_at = ? WHERE user_id = ? AND status = 'active'"
    )
    .bind(Date.now(), await userId(dbFor(origin), email))
    .run();
}

/** "Generate pairing code" on My device, then the code the page shows. */
export async function generateCode(origin: string, cookie: string): Promise<string> {
  const res = await postForm(`${origin}/my/agent?/generate`, {}, cookie);
  expect(res.status).toBe(200);
  const html = await (await get(`${origin}/my/agent`, cookie)).text();
  const code = /data-testid="pairing-code"[^>]*>(OT-[A-Z0-9]{6})</.exec(html)?.[1];
  if (!code) throw new Error('no pairing code on My device');
  return code;
}

export function agentPost(
  origin: string,
  path: string,
  body: unknown,
  opts: { credential?: string; address?: string; raw?: string } = {}
) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (opts.credential) headers.authorization = `Bearer ${opts.credential}`;
  // No Origin header: agents are not browsers.
  return fetchWorker(`${origin}/agent/v1${path}`, {
    method: 'POST',
    headers,
    body: opts.raw ?? JSON.stringify(body),
    address: opts.address ?? freshAddress()
  });
}

export async function enrolWithCode(origin: string, code: string, facts: DeviceFacts = FACTS) {
  const res = await agentPost(origin, '/enrol', { code, facts });
  return {
    res,
    body: (await res.json()) as {
      credential: string;
      deviceId: string;
      error?: { code: string; message: string };
    }
  };
}

/** A signed-in user pairs a device by code; returns the credential. */
export async function pairByCode(origin: string, email: string, facts: DeviceFacts = FACTS) {
  await unpairDirectly(origin, email);
  const cookie = await cookieFor(origin, email);
  const code = await generateCode(origin, cookie);
  const { res, body } = await enrolWithCode(origin, code, facts);
  expect(res.status).toBe(201);
  return { cookie, credential: body.credential, deviceId: body.deviceId };
}

export function makeReport(
  software: Array<{ name: string; version?: string; publisher?: string | null }>,
  facts: DeviceFacts = FACTS
): Report {
  return {
    reportId: crypto.randomUUID(),
    collectedAt: Date.now(),
    facts,
    software: software.map((s) => ({
      name: s.name,
      version: s.version ?? '',
      publisher: s.publisher ?? null
    }))
  };
}

export async function softwareRows(origin: string, deviceId: string) {
  const { results } = await dbFor(origin)
    .prepare('SELECT name, version, publisher FROM agent_software WHERE device_id = ? ORDER BY name, version')
    .bind(deviceId)
    .all<{ name: string; version: string; publisher: string | null }>();
  return results;
}
