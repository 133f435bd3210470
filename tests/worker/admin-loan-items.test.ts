// Admin › Loan pool › pool items: add, edit, retire and put back, through the pages' form actions and
// /api/v1/admin/loans/items. Rules: unique asset tags (error beside the field), a known category,
// no retiring an item that is on loan, audit rows for each change, admins of this workspace only.
import { beforeAll, describe, expect, it } from 'vitest';
import { ACME, adminCookie, apiGet, apiWrite, cookieFor, GLOBEX, pageGet, postForm } from './helpers';
import { acmeDb, one, scalar, userId } from './helpers-data';

let admin: string;
let ada: string;
let adaId: string;
let globexAdmin: string;
beforeAll(async () => {
  [admin, ada, globexAdmin] = await Promise.all([
    adminCookie(ACME),
    cookieFor(ACME, 'ada@acme.example'),
    adminCookie(GLOBEX)
  ]);
  adaId = await userId(acmeDb(), 'ada@acme.example');
});

let seq = 0;
const tag = () => `POOL-T${Date.now().toString(36)}${seq++}`;
const audits = (entityId: string, action: string) =>
  scalar(
    acmeDb(),
    'SELECT count(*) AS n FROM audit_log WHERE entity_id = ? AND action = ?',
    entityId,
    action
  );
const itemRow = (id: string) =>
  one<{ name: string; asset_tag: string; status: string; category_id: string | null }>(
    acmeDb(),
    'SELECT * FROM loan_pool_items WHERE id = ?',
    id
  );

async function createItem(body: Record<string, unknown>) {
  const res = await apiWrite(ACME, '/admin/loans/items', admin, body);
  return {
    res,
    json: (await res.json()) as { id?: string; error?: { code: string; fields?: Record<string, string[]> } }
  };
}

describe('pool items: who may', () => {
  it('employees and another workspace’s admin are refused the pages and the API; nothing is written', async () => {
    const { json } = await createItem({ name: 'Matrix item', assetTag: tag() });
    const id = json.id!;
    for (const path of ['/admin/loans/items/new', `/admin/loans/items/${id}`]) {
      expect((await pageGet(ACME, path, ada)).status, path).toBe(403);
      expect([302, 303, 401, 403]).toContain((await pageGet(ACME, path, globexAdmin)).status);
      expect((await pageGet(ACME, path, admin)).status, path).toBe(200);
    }
    expect((await apiGet(ACME, `/admin/loans/items/${id}`, ada)).status).toBe(403);
    expect(
      (await apiWrite(ACME, '/admin/loans/items', ada, { name: 'Sneaky', assetTag: tag() })).status
    ).toBe(403);
    expect(
      (await apiWrite(ACME, `/admin/loans/items/${id}`, ada, { name: 'Renamed', assetTag: 'X-1' }, 'PUT'))
        .status
    ).toBe(403);
    expect((await apiWrite(ACME, `/admin/loans/items/${id}/retire`, ada)).status).toBe(403);
    expect((await postForm(`${ACME}/admin/loans/items/${id}?/retire`, {}, ada)).status).toBe(403);
    expect(
      (await postForm(`${ACME}/admin/loans/items/new`, { name: 'Sneaky', assetTag: tag() }, ada)).status
    ).toBe(403);
    // Globex's admin doesn't know Acme's item ids.
    expect((await apiGet(GLOBEX, `/admin/loans/items/${id}`, globexAdmin)).status).toBe(404);
    expect((await apiWrite(GLOBEX, `/admin/loans/items/${id}/retire`, globexAdmin)).status).toBe(404);
    expect((await itemRow(id))!).toMatchObject({ name: 'Matrix item', status: 'available' });
  });
});

describe('pool items: rules', () => {
  it('adds an item that is available to lend at once, with an audit row', async () => {
    const t = tag();
    const category = (await one<{ id: string }>(
      acmeDb(),
      "SELECT id FROM hardware_categories WHERE name = 'Laptop'"
    ))!.id;
    const { res, json } = await createItem({
      name: '  Loaner ThinkPad  ',
      assetTag: t,
      categoryId: category,
      description: 'Charger in the bag'
    });
    expect(res.status).toBe(201);
    expect(await itemRow(json.id!)).toMatchObject({
      name: 'Loaner ThinkPad',
      asset_tag: t,
      status: 'available',
      category_id: category
    });
    expect(await audits(json.id!, 'loan_item.created')).toBe(1);
    const pool = (await (await apiGet(ACME, '/admin/loans', admin)).json()) as {
      items: { id: string; status: string }[];
    };
    expect(pool.items.find((i) => i.id === json.id)?.status).toBe('available');
  });

  it('a taken asset tag, an unknown category and bad fields are refused beside the field; nothing is added', async () => {
    const before = await scalar(acmeDb(), 'SELECT count(*) AS n FROM loan_pool_items');
    const dup = await createItem({ name: 'Another projector', assetTag: 'LOAN-02' });
    expect(dup.res.status).toBe(400);
    expect(dup.json.error?.fields?.assetTag?.[0]).toBe('Another pool item already has this asset tag.');
    const cat = await createItem({ name: 'Thing', assetTag: tag(), categoryId: 'no-such-category' });
    expect(cat.json.error?.fields?.categoryId?.[0]).toBe('Choose a category from the list.');
    const bad = await createItem({ name: '   ', assetTag: '<script>', description: 'x'.repeat(2001) });
    expect(bad.res.status).toBe(400);
    expect(Object.keys(bad.json.error?.fields ?? {}).sort()).toEqual(['assetTag', 'description', 'name']);
    // The page shows the same errors beside the fields and keeps what was typed.
    const page = await postForm(
      `${ACME}/admin/loans/items/new`,
      {
        name: 'Kept name',
        assetTag: 'LOAN-02',
        categoryId: '',
        description: ''
      },
      admin
    );
    expect(page.status).toBe(400);
    const html = await page.text();
    expect(html).toContain('Another pool item already has this asset tag.');
    expect(html).toContain('value="Kept name"');
    expect(await scalar(acmeDb(), 'SELECT count(*) AS n FROM loan_pool_items')).toBe(before);
  });

  it('the Add pool item form redirects to the pool with a notice', async () => {
    const t = tag();
    const res = await postForm(
      `${ACME}/admin/loans/items/new`,
      {
        name: 'Spare webcam',
        assetTag: t,
        categoryId: '',
        description: ''
      },
      admin
    );
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/admin/loans?added=${encodeURIComponent(t)}`);
    expect(await (await pageGet(ACME, `/admin/loans?added=${t}`, admin)).text()).toContain(
      `Added ${t} to the pool.`
    );
  });

  it('edits an item; renaming onto another item’s tag is refused', async () => {
    const { json } = await createItem({ name: 'Hotspot B', assetTag: tag() });
    const t = tag();
    expect(
      (
        await apiWrite(
          ACME,
          `/admin/loans/items/${json.id}`,
          admin,
          { name: 'Hotspot Beta', assetTag: t },
          'PUT'
        )
      ).status
    ).toBe(200);
    expect(await itemRow(json.id!)).toMatchObject({ name: 'Hotspot Beta', asset_tag: t });
    expect(await audits(json.id!, 'loan_item.updated')).toBe(1);
    const clash = await apiWrite(
      ACME,
      `/admin/loans/items/${json.id}`,
      admin,
      { name: 'Hotspot Beta', assetTag: 'LOAN-01' },
      'PUT'
    );
    expect(clash.status).toBe(400);
    expect((await itemRow(json.id!))!.asset_tag).toBe(t);
    expect(
      (await apiWrite(ACME, '/admin/loans/items/nope', admin, { name: 'x', assetTag: 'y' }, 'PUT')).status
    ).toBe(404);
  });

  it('retire and put back; an item on loan can’t be retired and a retired one can’t be lent', async () => {
    const { json } = await createItem({ name: 'Travel adapter', assetTag: tag() });
    const id = json.id!;
    expect((await postForm(`${ACME}/admin/loans/items/${id}?/retire`, {}, admin)).status).toBe(200);
    expect((await itemRow(id))!.status).toBe('retired');
    expect(
      (await apiWrite(ACME, `/admin/loans/items/${id}/lend`, admin, { userId: adaId, dueDate: '2099-12-31' }))
        .status
    ).toBe(409);
    const again = await apiWrite(ACME, `/admin/loans/items/${id}/retire`, admin);
    expect(again.status).toBe(409);
    expect(await audits(id, 'loan_item.retired')).toBe(1);
    expect((await apiWrite(ACME, `/admin/loans/items/${id}/reinstate`, admin)).status).toBe(200);
    expect(
      (await apiWrite(ACME, `/admin/loans/items/${id}/lend`, admin, { userId: adaId, dueDate: '2099-12-31' }))
        .status
    ).toBe(201);
    const onLoan = await apiWrite(ACME, `/admin/loans/items/${id}/retire`, admin);
    expect(onLoan.status).toBe(409);
    expect(((await onLoan.json()) as { error: { message: string } }).error.message).toBe(
      'This item is on loan. Mark it returned before retiring it.'
    );
    expect((await itemRow(id))!.status).toBe('on_loan');
  });
});
