// Each service announces its change to webhooks in the change's own batch (issue 14 §3): one outbox row
// per subscribed endpoint, with the event's data, and none when the change itself did not happen (a
// lost race, a repeat). The daily events are in webhooks-daily-events.test.ts.
import { beforeAll, describe, expect, it } from 'vitest';
import { env } from 'cloudflare:workers';
import { WEBHOOK_EVENT_TYPES } from '../../src/lib/contracts/webhook-events';
import { cancelRequestForUser } from '../../src/lib/server/requests/my-requests';
import { createRequestForUser } from '../../src/lib/server/requests/create-request';
import { decideRequestForWorkspace } from '../../src/lib/server/requests/admin-requests';
import {
  assignAssetForWorkspace,
  unassignAssetForWorkspace
} from '../../src/lib/server/hardware/asset-assignment';
import { acknowledgeHardwareForUser } from '../../src/lib/server/hardware/acknowledge-receipt';
import { reportProblemForUser } from '../../src/lib/server/hardware/report-problem';
import { changeMaintenanceStatusForWorkspace } from '../../src/lib/server/maintenance/admin-maintenance';
import { lendItemForWorkspace, returnLoanForWorkspace } from '../../src/lib/server/loans/admin-loans';
import { enrolDeviceForUser, revokeDeviceAsAdmin } from '../../src/lib/server/devices/devices';
import { setPersonStatusForWorkspace } from '../../src/lib/server/people/admin-people';
import { isoDate } from '../../src/lib/server/dates';
import { ACME } from './helpers';
import { actorFor, apiWrite, cookieFor } from './helpers';
import type { UserActor } from '../../src/lib/server/authz/actor';
import { acmeDb, one } from './helpers-data';
import { createUser } from './helpers-security';
import { acme, lastOutboxId, outboxEventsSince, receiverEndpoint, uniqueName } from './helpers-webhooks';

let endpointId: string;
let adminId: string;
let admin: UserActor;
beforeAll(async () => {
  endpointId = (await receiverEndpoint(uniqueName(), [...WEBHOOK_EVENT_TYPES])).id;
  admin = await actorFor(env.DB_ACME, 'admin@acme.example');
  adminId = admin.userId;
});

const eventsSince = (afterId: number) => outboxEventsSince(endpointId, afterId);
const mark = () => lastOutboxId(endpointId);

async function newAsset(assignedTo: string | null = null) {
  const model = (await one<{ id: string }>(acmeDb(), 'SELECT id FROM hardware_models LIMIT 1'))!;
  const id = crypto.randomUUID();
  await acmeDb()
    .prepare(
      'INSERT INTO hardware_assets (id, asset_tag, model_id, status, assigned_to, assigned_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 1, 1)'
    )
    .bind(
      id,
      `EV-${id.slice(0, 8)}`,
      model.id,
      assignedTo ? 'assigned' : 'in_stock',
      assignedTo,
      assignedTo ? 1 : null
    )
    .run();
  return id;
}

describe('requests', () => {
  it('created, updated (a decision) and cancelled, each once', async () => {
    const user = await createUser(acmeDb());
    const m = await mark();
    const created = await createRequestForUser(acme(), { id: user.id, name: 'Req Person' }, {
      type: 'software',
      title: 'A webhook request',
      justification: 'Test.',
      urgency: 'high'
    } as Parameters<typeof createRequestForUser>[2]);
    if (!created.ok) throw new Error('not created');
    expect(
      await decideRequestForWorkspace(acme(), admin, created.id, {
        decision: 'approve'
      })
    ).toMatchObject({ ok: true });
    // A second approval loses: no event.
    expect(
      (
        await decideRequestForWorkspace(acme(), admin, created.id, {
          decision: 'approve'
        })
      ).ok
    ).toBe(false);
    expect(await cancelRequestForUser(acme(), user.id, created.id)).toEqual({
      ok: true,
      status: 'cancelled'
    });
    expect((await cancelRequestForUser(acme(), user.id, created.id)).ok).toBe(false);
    const events = await eventsSince(m);
    expect(events.map((e) => e.type)).toEqual(['request.created', 'request.updated', 'request.cancelled']);
    expect(events[0].data.request).toMatchObject({
      id: created.id,
      title: 'A webhook request',
      urgency: 'high'
    });
    expect(events[1].data.request).toMatchObject({ status: 'approved', previousStatus: 'pending' });
    expect(events[2].data.request).toMatchObject({ status: 'cancelled', previousStatus: 'approved' });
  });
});

describe('hardware and maintenance', () => {
  it('assigned, acknowledged, problem reported, maintenance updated, returned; repeats write nothing', async () => {
    const user = await createUser(acmeDb());
    const assetId = await newAsset();
    const m = await mark();
    expect(
      (
        await assignAssetForWorkspace(acme(), admin, assetId, {
          userId: user.id,
          requestAcknowledgement: true
        })
      ).ok
    ).toBe(true);
    expect(
      (
        await assignAssetForWorkspace(acme(), admin, assetId, {
          userId: user.id,
          requestAcknowledgement: true
        })
      ).ok
    ).toBe(false);
    expect((await acknowledgeHardwareForUser(acme(), user.id, assetId)).ok).toBe(true);
    expect(await acknowledgeHardwareForUser(acme(), user.id, assetId)).toMatchObject({
      alreadyAcknowledged: true
    });
    const report = await reportProblemForUser(acme(), { id: user.id, name: 'Rep' }, assetId, {
      description: 'Fan noise',
      priority: 'low'
    });
    const record = await one<{ updated_at: number }>(
      acmeDb(),
      'SELECT updated_at FROM maintenance_records WHERE id = ?',
      report!.id
    );
    expect(
      (
        await changeMaintenanceStatusForWorkspace(acme(), admin, report!.id, {
          status: 'in_progress',
          version: record!.updated_at
        })
      ).ok
    ).toBe(true);
    expect(
      (
        await changeMaintenanceStatusForWorkspace(acme(), admin, report!.id, {
          status: 'in_progress',
          version: record!.updated_at
        })
      ).ok
    ).toBe(false);
    expect((await unassignAssetForWorkspace(acme(), admin, assetId)).ok).toBe(true);
    expect((await unassignAssetForWorkspace(acme(), admin, assetId)).ok).toBe(false);
    const events = await eventsSince(m);
    expect(events.map((e) => e.type)).toEqual([
      'hardware.assigned',
      'hardware.acknowledged',
      'maintenance.reported',
      'maintenance.updated',
      'hardware.returned'
    ]);
    expect(events[0].data).toMatchObject({
      asset: { id: assetId },
      person: { id: user.id, email: user.email },
      acknowledgementRequested: true
    });
    expect(events[2].data.maintenance).toMatchObject({
      id: report!.id,
      priority: 'low',
      description: 'Fan noise'
    });
    expect(events[3].data.maintenance).toMatchObject({ status: 'in_progress', previousStatus: 'open' });
    expect(events[4].data).toMatchObject({ asset: { id: assetId }, person: { id: user.id } });
  });
});

describe('loans, devices and people', () => {
  it('lent and returned once each', async () => {
    const user = await createUser(acmeDb());
    const itemId = crypto.randomUUID();
    await acmeDb()
      .prepare(
        "INSERT INTO loan_pool_items (id, name, asset_tag, status) VALUES (?, 'Spare projector', ?, 'available')"
      )
      .bind(itemId, `LP-${itemId.slice(0, 8)}`)
      .run();
    const m = await mark();
    const lent = await lendItemForWorkspace(acme(), admin, itemId, {
      userId: user.id,
      dueDate: isoDate(Date.now() + 7 * 86_400_000)
    });
    if (!lent.ok) throw new Error('not lent');
    expect((await returnLoanForWorkspace(acme(), admin, lent.id)).ok).toBe(true);
    expect((await returnLoanForWorkspace(acme(), admin, lent.id)).ok).toBe(false);
    const events = await eventsSince(m);
    expect(events.map((e) => e.type)).toEqual(['loan.lent', 'loan.returned']);
    expect(events[0].data).toMatchObject({
      loan: { id: lent.id },
      item: { name: 'Spare projector' },
      person: { id: user.id }
    });
  });

  it('device paired and revoked (a repeat revoke writes nothing)', async () => {
    const user = await createUser(acmeDb());
    const m = await mark();
    const enrolled = await enrolDeviceForUser(acme(), {
      userId: user.id,
      facts: { hostname: 'WH-LAPTOP', osName: 'Linux', agentVersion: '1.0.0' } as Parameters<
        typeof enrolDeviceForUser
      >[1]['facts'],
      credentialHash: crypto.randomUUID(),
      replace: false,
      method: 'code'
    });
    if (!enrolled.ok) throw new Error('not enrolled');
    expect((await revokeDeviceAsAdmin(acme(), admin, enrolled.deviceId)).ok).toBe(true);
    expect((await revokeDeviceAsAdmin(acme(), admin, enrolled.deviceId)).ok).toBe(false);
    const events = await eventsSince(m);
    expect(events.map((e) => e.type)).toEqual(['device.paired', 'device.revoked']);
    expect(events[0].data.device).toMatchObject({ id: enrolled.deviceId, hostname: 'WH-LAPTOP' });
    expect(events[1].data).toMatchObject({
      device: { id: enrolled.deviceId, hostname: 'WH-LAPTOP' },
      reason: 'revoked_by_admin'
    });
  });

  it('person invited (through the API) and suspended (a repeat writes nothing)', async () => {
    const adminSession = await cookieFor(ACME, 'admin@acme.example');
    const m = await mark();
    const email = `wh-${crypto.randomUUID().slice(0, 8)}@example.test`;
    const res = await apiWrite(ACME, '/admin/people/invitations', adminSession, {
      name: 'Hook Person',
      email,
      role: 'employee',
      signIn: 'password'
    });
    expect(res.status).toBe(201);
    const user = await createUser(acmeDb());
    expect((await setPersonStatusForWorkspace(env, 'acme', acme(), admin, user.id, 'suspended')).ok).toBe(
      true
    );
    expect((await setPersonStatusForWorkspace(env, 'acme', acme(), admin, user.id, 'suspended')).ok).toBe(
      false
    );
    const events = await eventsSince(m);
    expect(events.map((e) => e.type)).toEqual(['person.invited', 'person.suspended']);
    expect(events[0].data.person).toMatchObject({ email, name: 'Hook Person', role: 'employee' });
    expect(events[1].data).toMatchObject({
      person: { id: user.id },
      suspendedBy: { id: adminId, name: admin.name }
    });
  });
});
