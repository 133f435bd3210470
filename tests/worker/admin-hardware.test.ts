// Admin › Hardware: unique asset tags (error beside the field, page and API), edit, assign with history
// and an acknowledgement request, unassign, concurrent assignment, audit rows; plus the role matrix.
import { beforeAll, describe, expect, it } from 'vitest';
import { ACME, adminCookie, apiGet, apiWrite, cookieFor, GLOBEX, pageGet, postForm } from './helpers';
import { acmeDb, one, scalar } from './helpers-data';
import { createUser } from './helpers-security';

let admin: string;
let ada: string;
let globexAdmin: string;
let modelId: string;
beforeAll(async () => {
  [admin, ada, globexAdmin] = await Promise.all([
    adminCookie(ACME),
    cookieFor(ACME, 'ada@acme.example'),
    adminCookie(GLOBEX)
  ]);
  modelId = (await one<{ id: string }>(acmeDb(), 'SELECT id FROM hardware_models ORDER BY name LIMIT 1'))!.id;
});

const tag = () => `T6-${crypto.randomUUID().slice(0, 8).toUpperCase()}`;
const audits = (id: string, action: string) =>
  scalar(acmeDb(), 'SELECT count(*) AS n FROM audit_log WHERE entity_id = ? AND action = ?', id, action);

async function create(assetTag = tag()) {
  const res = await apiWrite(ACME, '/admin/hardware', admin, {
    assetTag,
    modelId,
    status: 'in_stock',
    purchaseCost: '1299.99',
    purchaseDate: '2026-01-15'
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

describe('Hardware', () => {
  it('role matrix: pages and API refused to employees and Globex admins, allowed to Acme admins', async () => {
    const id = await create();
    for (const path of ['/admin/hardware', '/admin/hardware/new', `/admin/hardware/${id}`]) {
      expect((await pageGet(ACME, path, ada)).status, path).toBe(403);
      expect([302, 303, 401, 403]).toContain((await pageGet(ACME, path, globexAdmin)).status);
      expect((await pageGet(ACME, path, admin)).status, path).toBe(200);
    }
    for (const path of ['/admin/hardware', `/admin/hardware/${id}`]) {
      expect((await apiGet(ACME, path, ada)).status).toBe(403);
      expect([401, 403]).toContain((await apiGet(ACME, path, globexAdmin)).status);
      expect((await apiGet(ACME, path, admin)).status).toBe(200);
    }
    expect(
      (await apiWrite(ACME, '/admin/hardware', ada, { assetTag: tag(), modelId, status: 'in_stock' })).status
    ).toBe(403);
    expect(
      (
        await apiWrite(ACME, `/admin/hardware/${id}/assign`, ada, {
          userId: 'x',
          requestAcknowledgement: false
        })
      ).status
    ).toBe(403);
    expect(
      (await postForm(`${ACME}/admin/hardware/new`, { assetTag: tag(), modelId, status: 'in_stock' }, ada))
        .status
    ).toBe(403);
  });

  it('creates an asset (audited); a duplicate tag is refused beside the field, on the page and in the API', async () => {
    const t = tag();
    const id = await create(t);
    const row = await one<{ purchase_cost_cents: number; status: string }>(
      acmeDb(),
      'SELECT purchase_cost_cents, status FROM hardware_assets WHERE id = ?',
      id
    );
    expect(row).toEqual({ purchase_cost_cents: 129999, status: 'in_stock' });
    expect(await audits(id, 'hardware.created')).toBe(1);
    const dup = await apiWrite(ACME, '/admin/hardware', admin, { assetTag: t, modelId, status: 'in_stock' });
    expect(dup.status).toBe(400);
    expect(((await dup.json()) as { error: { fields: Record<string, string[]> } }).error.fields).toEqual({
      assetTag: ['That asset tag is already in use. Asset tags must be unique.']
    });
    const page = await postForm(
      `${ACME}/admin/hardware/new`,
      {
        assetTag: t,
        modelId,
        status: 'in_stock'
      },
      admin
    );
    expect(page.status).toBe(400);
    // Editing another asset onto the same tag is refused the same way.
    const other = await create();
    const clash = await apiWrite(
      ACME,
      `/admin/hardware/${other}`,
      admin,
      { assetTag: t, modelId, status: 'in_stock' },
      'PUT'
    );
    expect(clash.status).toBe(400);
    expect(await scalar(acmeDb(), 'SELECT count(*) AS n FROM hardware_assets WHERE asset_tag = ?', t)).toBe(
      1
    );
    // Bad input answers 400 with fields, never 500.
    const bad = await apiWrite(ACME, '/admin/hardware', admin, {
      assetTag: '',
      modelId: 'nope',
      status: 'assigned',
      purchaseCost: 'lots',
      purchaseDate: '2026-02-31'
    });
    expect(bad.status).toBe(400);
    const f = ((await bad.json()) as { error: { fields: Record<string, string[]> } }).error.fields;
    expect(Object.keys(f).sort()).toEqual(['assetTag', 'purchaseCost', 'purchaseDate', 'status']);
    const unknownModel = await apiWrite(ACME, '/admin/hardware', admin, {
      assetTag: tag(),
      modelId: 'nope',
      status: 'in_stock'
    });
    expect(
      ((await unknownModel.json()) as { error: { fields: Record<string, string[]> } }).error.fields.modelId
    ).toEqual(['Choose a model from the list.']);
  });

  it('assign with acknowledgement → history, audit, notification, the person sees it; unassign closes the history', async () => {
    const id = await create();
    const u = await createUser();
    const res = await postForm(
      `${ACME}/admin/hardware/${id}?/assign`,
      {
        userId: u.id,
        requestAcknowledgement: 'on'
      },
      admin
    );
    expect(res.status).toBe(200);
    const row = await one<{ status: string; assigned_to: string; acknowledgement_requested: number }>(
      acmeDb(),
      'SELECT status, assigned_to, acknowledgement_requested FROM hardware_assets WHERE id = ?',
      id
    );
    expect(row).toEqual({ status: 'assigned', assigned_to: u.id, acknowledgement_requested: 1 });
    expect(
      await scalar(
        acmeDb(),
        'SELECT count(*) AS n FROM hardware_assignments WHERE asset_id = ? AND user_id = ? AND returned_at IS NULL',
        id,
        u.id
      )
    ).toBe(1);
    expect(await audits(id, 'hardware.assigned')).toBe(1);
    expect(
      await scalar(
        acmeDb(),
        `SELECT count(*) AS n FROM notifications WHERE user_id = ? AND kind = 'hardware_assigned'`,
        u.id
      )
    ).toBe(1);
    const mine = await cookieFor(ACME, u.email);
    expect((await apiGet(ACME, `/my/hardware/${id}`, mine)).status).toBe(200);

    // A second assignment is refused while assigned.
    expect(
      (
        await apiWrite(ACME, `/admin/hardware/${id}/assign`, admin, {
          userId: u.id,
          requestAcknowledgement: false
        })
      ).status
    ).toBe(409);
    expect((await apiWrite(ACME, `/admin/hardware/${id}/unassign`, admin)).status).toBe(200);
    expect(
      await scalar(
        acmeDb(),
        'SELECT count(*) AS n FROM hardware_assignments WHERE asset_id = ? AND returned_at IS NOT NULL',
        id
      )
    ).toBe(1);
    expect(await audits(id, 'hardware.unassigned')).toBe(1);
    expect((await apiGet(ACME, `/my/hardware/${id}`, mine)).status).toBe(404);
    expect((await apiWrite(ACME, `/admin/hardware/${id}/unassign`, admin)).status).toBe(409);
    const detail = (await (await apiGet(ACME, `/admin/hardware/${id}`, admin)).json()) as {
      history: { person: string; returnedAt: number | null }[];
    };
    expect(detail.history).toHaveLength(1);
    expect(detail.history[0]!.returnedAt).not.toBeNull();
  });

  it('two concurrent assignments of one asset: exactly one wins', async () => {
    const id = await create();
    const [a, b] = await Promise.all(
      [(await createUser()).id, (await createUser()).id].map((uid) =>
        apiWrite(ACME, `/admin/hardware/${id}/assign`, admin, { userId: uid, requestAcknowledgement: false })
      )
    );
    expect([a!.status, b!.status].sort()).toEqual([200, 409]);
    expect(
      await scalar(acmeDb(), 'SELECT count(*) AS n FROM hardware_assignments WHERE asset_id = ?', id)
    ).toBe(1);
    expect(await audits(id, 'hardware.assigned')).toBe(1);
  });

  it('search and status filter', async () => {
    const t = tag();
    await create(t);
    const hit = (await (
      await apiGet(ACME, `/admin/hardware?q=${t.toLowerCase()}&status=in_stock`, admin)
    ).json()) as { items: { assetTag: string }[] };
    expect(hit.items.map((i) => i.assetTag)).toEqual([t]);
    const byPerson = (await (await apiGet(ACME, '/admin/hardware?q=lovelace', admin)).json()) as {
      items: { assetTag: string; assignee: string }[];
    };
    expect(byPerson.items.map((i) => i.assetTag)).toContain('ACME-0001');
    expect(byPerson.items.every((i) => i.assignee === 'Ada Lovelace')).toBe(true);
    expect((await apiGet(ACME, '/admin/hardware?status=melted', admin)).status).toBe(400);
  });
});
