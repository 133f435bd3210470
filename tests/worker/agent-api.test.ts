// The agent API (/agent/v1/*) through the Worker: code enrolment, heartbeat, reports (idempotent,
// 5,000 applications, bad input), revocation (401) and isolation between users and workspaces.
import { describe, expect, it } from 'vitest';
import { env } from 'cloudflare:workers';
import { ACME, actorFor, cookieFor, fetchWorker, get, postForm } from './helpers';
import {
  agentPost,
  dbFor,
  enrolWithCode,
  FACTS,
  generateCode,
  makeReport,
  pairByCode,
  softwareRows,
  unpairDirectly
} from './helpers-agent';
import { userId } from './helpers-data';
import { revokeDeviceAsAdmin } from '../../src/lib/server/devices/devices';
import { openTenantDb } from '../../src/lib/server/db';
import { hashDeviceCredential } from '../../src/lib/server/devices/credential';

const GLOBEX = 'http://globex.localhost:8787';

describe('pairing by code', () => {
  it('enrols with the code from My device, once; the page then shows the Paired device card', async () => {
    await unpairDirectly(ACME, 'grace@acme.example');
    const cookie = await cookieFor(ACME, 'grace@acme.example');
    const before = await (await get(`${ACME}/my/agent`, cookie)).text();
    expect(before).toContain('No device paired');
    expect(before).toContain('Generate pairing code');
    expect(before).toContain('Download the endpoint agent');

    const code = await generateCode(ACME, cookie);
    const waiting = await (await get(`${ACME}/my/agent`, cookie)).text();
    expect(waiting).toContain('Pairing code waiting');
    expect(waiting).toContain('Regenerate code');
    expect(waiting).toContain(code);

    const { res, body } = await enrolWithCode(ACME, code.toLowerCase(), {
      ...FACTS,
      hostname: 'grace-mbp',
      osFamily: 'macos',
      osName: 'macOS',
      osVersion: '15.1'
    });
    expect(res.status).toBe(201);
    expect(body.credential).toMatch(/^otd_[a-z2-7]{52}$/);

    const replay = await enrolWithCode(ACME, code);
    expect(replay.res.status).toBe(400);

    const after = await (await get(`${ACME}/my/agent`, cookie)).text();
    expect(after).toContain('Paired device');
    expect(after).toContain('Active');
    expect(after).toContain('grace-mbp');
    expect(after).toContain('macOS 15.1');
    expect(after).toMatch(/Last seen<\/dt>\s*<dd[^>]*>(<!--[^>]*-->)?\s*never/);
    expect(after).toContain('Installed software');
    expect(after).toContain('first daily run overnight');
    expect(after).not.toContain('Download the endpoint agent');
    await unpairDirectly(ACME, 'grace@acme.example');
  });

  it("refuses a code when the account is already paired, with the seed's message", async () => {
    const { cookie } = await pairByCode(ACME, 'ada@acme.example');
    const res = await postForm(`${ACME}/my/agent?/generate`, {}, cookie);
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('Your account is already paired with a device.');
  });

  it('answers malformed and unknown codes with 400 and pairs nothing', async () => {
    for (const code of ['', 'hello', 'OT-0000000', 'OT-AAAAA', 'x'.repeat(100)]) {
      const res = await agentPost(ACME, '/enrol', { code, facts: FACTS });
      expect(res.status).toBe(400);
      const body = (await res.json()) as { error: { code: string } };
      expect(body.error.code).toBe('validation_failed');
    }
    const unknown = await enrolWithCode(ACME, 'OT-ZZZZZZ');
    expect(unknown.res.status).toBe(400);
    expect(unknown.body.error!.message).toContain('Regenerate code');
    expect((await agentPost(ACME, '/enrol', null, { raw: '{not json' })).status).toBe(400);
  });

  it('accepts agent calls without a browser Origin but refuses non-JSON bodies', async () => {
    const res = await fetchWorker(`${ACME}/agent/v1/enrol`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'x'
    });
    expect(res.status).toBe(400);
  });
});

describe('heartbeat and reports', () => {
  it('updates Last seen on a heartbeat', async () => {
    const { credential, cookie } = await pairByCode(ACME, 'ada@acme.example');
    const res = await agentPost(ACME, '/heartbeat', { agentVersion: '1.0.1' }, { credential });
    expect(res.status).toBe(200);
    const html = await (await get(`${ACME}/my/agent`, cookie)).text();
    expect(html).not.toMatch(/Last seen<\/dt>\s*<dd[^>]*>(<!--[^>]*-->)?\s*never/);
    expect(html).toContain('1.0.1');
  });

  it('applies a report once: a replay changes nothing, a newer report replaces the list', async () => {
    const { credential, deviceId, cookie } = await pairByCode(ACME, 'ada@acme.example');
    const first = makeReport([
      { name: 'Firefox', version: '132.0', publisher: 'Mozilla' },
      { name: 'Slack', version: '4.41', publisher: 'Slack Technologies' },
      { name: 'Slack', version: '4.41', publisher: 'Slack Technologies' } // reported twice: kept once
    ]);
    const r1 = await agentPost(ACME, '/reports', first, { credential });
    expect(r1.status).toBe(201);
    expect(await r1.json()).toEqual({ applied: true, softwareCount: 2 });
    const rows = await softwareRows(ACME, deviceId);
    expect(rows.map((r) => r.name)).toEqual(['Firefox', 'Slack']);

    const replay = await agentPost(
      ACME,
      '/reports',
      { ...first, software: [{ name: 'Malware', version: '1' }] },
      { credential }
    );
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual({ applied: false, reason: 'replay' });
    expect(await softwareRows(ACME, deviceId)).toEqual(rows);

    const second = makeReport([{ name: 'Visual Studio Code', version: '1.95.3', publisher: 'Microsoft' }]);
    second.collectedAt = first.collectedAt + 1000;
    expect((await agentPost(ACME, '/reports', second, { credential })).status).toBe(201);
    expect((await softwareRows(ACME, deviceId)).map((r) => r.name)).toEqual(['Visual Studio Code']);

    const html = await (await get(`${ACME}/my/agent`, cookie)).text();
    expect(html).toContain('1 application');
    expect(html).toContain('Visual Studio Code');
    expect(html).toContain('Filter software');
  });

  it('ingests a 5,000-application report within D1 limits', async () => {
    const { credential, deviceId } = await pairByCode(ACME, 'ada@acme.example');
    const apps = Array.from({ length: 5000 }, (_, i) => ({
      name: `Application ${String(i).padStart(5, '0')}`,
      version: `${i % 7}.${i % 13}.0`,
      publisher: `Vendor ${i % 40}`
    }));
    const res = await agentPost(ACME, '/reports', makeReport(apps), { credential });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ applied: true, softwareCount: 5000 });
    const rows = await softwareRows(ACME, deviceId);
    expect(rows).toHaveLength(5000);
    expect(rows[4999]).toEqual({
      name: 'Application 04999',
      version: `${4999 % 7}.${4999 % 13}.0`,
      publisher: 'Vendor 39'
    });
  });

  it('answers malformed and oversized reports with 400/413 and keeps the previous inventory', async () => {
    const { credential, deviceId } = await pairByCode(ACME, 'ada@acme.example');
    await agentPost(ACME, '/reports', makeReport([{ name: 'Keep me', version: '1' }]), { credential });
    const bad = [
      { ...makeReport([]), reportId: 'not-a-uuid' },
      { ...makeReport([]), software: [{ name: '', version: '1' }] },
      { ...makeReport([]), facts: { ...FACTS, osFamily: 'beos' } },
      { reportId: crypto.randomUUID() }
    ];
    for (const body of bad)
      expect((await agentPost(ACME, '/reports', body, { credential })).status).toBe(400);
    expect((await agentPost(ACME, '/reports', null, { credential, raw: '{"reportId":' })).status).toBe(400);
    const huge = makeReport(
      Array.from({ length: 30_000 }, (_, i) => ({ name: `A${i}`.padEnd(150, 'x'), version: '1' }))
    );
    expect((await agentPost(ACME, '/reports', huge, { credential })).status).toBe(413);
    expect((await softwareRows(ACME, deviceId)).map((r) => r.name)).toEqual(['Keep me']);
  });

  it('refuses unknown and malformed credentials with 401', async () => {
    for (const credential of ['otd_' + 'a'.repeat(52), 'nonsense', '']) {
      expect((await agentPost(ACME, '/heartbeat', {}, { credential })).status).toBe(401);
    }
    expect((await fetchWorker(`${ACME}/agent/v1/device`)).status).toBe(401);
  });
});

describe('revocation and isolation', () => {
  it('gives a revoked credential 401 on its very next request, and audits the revoke', async () => {
    const { credential, deviceId } = await pairByCode(ACME, 'ada@acme.example');
    expect((await agentPost(ACME, '/heartbeat', {}, { credential })).status).toBe(200);
    const db = openTenantDb(env.DB_ACME);
    const admin = await actorFor(env.DB_ACME, 'admin@acme.example');
    expect(await revokeDeviceAsAdmin(db, admin, deviceId)).toEqual({ ok: true });
    expect(await revokeDeviceAsAdmin(db, admin, deviceId)).toEqual({ ok: false, code: 'not_found' });
    expect((await agentPost(ACME, '/heartbeat', {}, { credential })).status).toBe(401);
    expect((await agentPost(ACME, '/reports', makeReport([{ name: 'x' }]), { credential })).status).toBe(401);
    const audit = await env.DB_ACME.prepare(
      "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'device.revoked' AND entity_id = ?"
    )
      .bind(deviceId)
      .first<{ n: number }>();
    expect(audit!.n).toBe(1);
  });

  it("does not accept one workspace's credential in another", async () => {
    const { credential } = await pairByCode(ACME, 'ada@acme.example');
    expect((await agentPost(GLOBEX, '/heartbeat', {}, { credential })).status).toBe(401);
    expect((await agentPost(ACME, '/heartbeat', {}, { credential })).status).toBe(200);
  });

  it("does not redeem one workspace's code in another", async () => {
    await unpairDirectly(GLOBEX, 'hank@globex.example');
    const cookie = await cookieFor(GLOBEX, 'hank@globex.example');
    const code = await generateCode(GLOBEX, cookie);
    expect((await enrolWithCode(ACME, code)).res.status).toBe(400);
    expect((await enrolWithCode(GLOBEX, code)).res.status).toBe(201);
    await unpairDirectly(GLOBEX, 'hank@globex.example');
  });

  it('shows each user only their own device and software', async () => {
    const ada = await pairByCode(ACME, 'ada@acme.example', { ...FACTS, hostname: 'ada-box' });
    await agentPost(
      ACME,
      '/reports',
      makeReport([{ name: 'Ada Secret Tool', version: '1' }], { ...FACTS, hostname: 'ada-box' }),
      { credential: ada.credential }
    );
    const grace = await cookieFor(ACME, 'grace@acme.example');
    await unpairDirectly(ACME, 'grace@acme.example');
    const html = await (await get(`${ACME}/my/agent`, grace)).text();
    expect(html).toContain('No device paired');
    expect(html).not.toContain('ada-box');
    expect(html).not.toContain('Ada Secret Tool');
    // Grace's credential cannot report into Ada's device either: reports go to the credential's device.
    const g = await pairByCode(ACME, 'grace@acme.example', { ...FACTS, hostname: 'grace-box' });
    await agentPost(
      ACME,
      '/reports',
      makeReport([{ name: 'Grace Tool', version: '1' }], { ...FACTS, hostname: 'grace-box' }),
      { credential: g.credential }
    );
    expect((await softwareRows(ACME, ada.deviceId)).map((r) => r.name)).toEqual(['Ada Secret Tool']);
    const row = await env.DB_ACME.prepare('SELECT user_id FROM agent_devices WHERE credential_hash = ?')
      .bind(hashDeviceCredential(g.credential))
      .first<{ user_id: string }>();
    expect(row!.user_id).toBe(await userId(dbFor(ACME), 'grace@acme.example'));
    await unpairDirectly(ACME, 'grace@acme.example');
  });

  it('lets the database refuse a second live pairing for one user', async () => {
    const { deviceId } = await pairByCode(ACME, 'ada@acme.example');
    const uid = await userId(dbFor(ACME), 'ada@acme.example');
    await expect(
      env.DB_ACME.prepare(
        "INSERT INTO agent_devices (id, user_id, credential_hash, hostname, os_name, status, enrolled_at) VALUES (?, ?, ?, 'x', 'Linux', 'active', 0)"
      )
        .bind(crypto.randomUUID(), uid, crypto.randomUUID())
        .run()
    ).rejects.toThrow(/UNIQUE/);
    expect(deviceId).toBeTruthy();
  });
});

describe('My device as JSON (/api/v1/my/device)', () => {
  it('issues a code, shows it, and refuses when paired; scoped to the signed-in user', async () => {
    await unpairDirectly(ACME, 'grace@acme.example');
    const cookie = await cookieFor(ACME, 'grace@acme.example');
    const post = () =>
      get(`${ACME}/api/v1/my/device/pairing-code`, cookie, {
        method: 'POST',
        headers: { origin: ACME, 'content-length': '0' }
      });
    expect((await get(`${ACME}/api/v1/my/device/pairing-code`, cookie, { method: 'POST' })).status).toBe(403); // no Origin
    const issued = await post();
    expect(issued.status).toBe(201);
    const { code } = (await issued.json()) as { code: string };
    const view = (await (await get(`${ACME}/api/v1/my/device`, cookie)).json()) as {
      device: null;
      pairingCode: { code: string };
    };
    expect(view.pairingCode.code).toBe(code);
    expect((await enrolWithCode(ACME, code, { ...FACTS, hostname: 'grace-json' })).res.status).toBe(201);
    const paired = (await (await get(`${ACME}/api/v1/my/device`, cookie)).json()) as {
      device: { hostname: string; credentialHash?: string };
    };
    expect(paired.device.hostname).toBe('grace-json');
    expect(paired.device).not.toHaveProperty('credentialHash');
    const refused = await post();
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toBe(
      'Your account is already paired with a device.'
    );
    expect((await fetchWorker(`${ACME}/api/v1/my/device`)).status).toBe(401);
    await unpairDirectly(ACME, 'grace@acme.example');
  });
});
