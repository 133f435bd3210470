// Admin › Hardware › Models, Categories, Locations: list, add, rename, delete (refused while in use),
// unique names beside the field (page and API), audit rows; plus the role matrix for these routes.
import { beforeAll, describe, expect, it } from 'vitest';
import { ACME, adminCookie, apiGet, apiWrite, cookieFor, GLOBEX, pageGet, postForm } from './helpers';
import { acmeDb, one, scalar } from './helpers-data';

let admin: string;
let ada: string;
let globexAdmin: string;
beforeAll(async () => {
  [admin, ada, globexAdmin] = await Promise.all([
    adminCookie(ACME),
    cookieFor(ACME, 'ada@acme.example'),
    adminCookie(GLOBEX)
  ]);
});

const uniq = () => crypto.randomUUID().slice(0, 8);
type Fields = { error: { code: string; message: string; fields?: Record<string, string[]> } };
const audits = (id: string, action: string) =>
  scalar(acmeDb(), 'SELECT count(*) AS n FROM audit_log WHERE entity_id = ? AND action = ?', id, action);
const laptopCategory = async () =>
  (await one<{ id: string }>(acmeDb(), `SELECT id FROM hardware_categories WHERE name = 'Laptop'`))!.id;

async function add(kind: string, body: Record<string, unknown>) {
  const res = await apiWrite(ACME, `/admin/hardware/${kind}`, admin, body);
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

describe('Hardware catalog', () => {
  it('role matrix: pages, API reads and writes refused to employees and Globex admins, allowed to Acme admins', async () => {
    const locId = await add('locations', { name: `Matrix ${uniq()}` });
    const pages = [
      '/admin/hardware/models',
      '/admin/hardware/categories',
      '/admin/hardware/locations',
      `/admin/hardware/locations/${locId}`
    ];
    for (const path of pages) {
      expect((await pageGet(ACME, path, ada)).status, path).toBe(403);
      expect([302, 303, 401, 403]).toContain((await pageGet(ACME, path, globexAdmin)).status);
      expect((await pageGet(ACME, path, admin)).status, path).toBe(200);
    }
    for (const path of [
      '/admin/hardware/models',
      '/admin/hardware/categories',
      '/admin/hardware/locations',
      `/admin/hardware/locations/${locId}`
    ]) {
      expect((await apiGet(ACME, path, ada)).status, path).toBe(403);
      expect([401, 403]).toContain((await apiGet(ACME, path, globexAdmin)).status);
      expect((await apiGet(ACME, path, admin)).status, path).toBe(200);
    }
    expect((await apiWrite(ACME, '/admin/hardware/categories', ada, { name: `Nope ${uniq()}` })).status).toBe(
      403
    );
    expect(
      (await apiWrite(ACME, `/admin/hardware/locations/${locId}`, ada, { name: 'Renamed' }, 'PUT')).status
    ).toBe(403);
    expect(
      (await apiWrite(ACME, `/admin/hardware/locations/${locId}`, ada, undefined, 'DELETE')).status
    ).toBe(403);
    expect(
      (await postForm(`${ACME}/admin/hardware/categories?/add`, { name: `Nope ${uniq()}` }, ada)).status
    ).toBe(403);
    expect((await postForm(`${ACME}/admin/hardware/locations/${locId}?/delete`, {}, ada)).status).toBe(403);
    expect(
      (await postForm(`${ACME}/admin/hardware/locations/${locId}?/delete`, {}, globexAdmin)).headers.get(
        'location'
      ) ?? ''
    ).not.toContain('deleted=');
    // Nothing an outsider sent changed anything.
    expect(
      await scalar(acmeDb(), `SELECT count(*) AS n FROM hardware_categories WHERE name LIKE 'Nope %'`)
    ).toBe(0);
    expect(await scalar(acmeDb(), 'SELECT count(*) AS n FROM locations WHERE id = ?', locId)).toBe(1);
    // An unknown kind is not a catalog page (and not an asset either).
    expect((await pageGet(ACME, '/admin/hardware/colours', admin)).status).toBe(404);
  });

  it('categories: add, list with usage, rename (audited), duplicate names refused beside the field whatever the case', async () => {
    const name = `Projectors ${uniq()}`;
    const id = await add('categories', { name });
    expect(await audits(id, 'hardware_category.created')).toBe(1);
    const list = (await (await apiGet(ACME, '/admin/hardware/categories', admin)).json()) as {
      items: { id: string; label: string; usage: string }[];
    };
    expect(list.items.find((i) => i.id === id)).toMatchObject({ label: name, usage: 'Not used' });
    expect(list.items.find((i) => i.label === 'Laptop')!.usage).toMatch(/^3 models/);

    const dup = await apiWrite(ACME, '/admin/hardware/categories', admin, { name: name.toUpperCase() });
    expect(dup.status).toBe(400);
    expect(((await dup.json()) as Fields).error.fields).toEqual({
      name: ['A category with this name already exists.']
    });
    const page = await postForm(`${ACME}/admin/hardware/categories?/add`, { name: ` ${name} ` }, admin);
    expect(page.status).toBe(400);
    expect(await page.text()).toContain('A category with this name already exists.');
    expect(
      (await apiWrite(ACME, `/admin/hardware/categories/${id}`, admin, { name: 'Laptop' }, 'PUT')).status
    ).toBe(400);

    const renamed = `${name} (ceiling)`;
    const put = await apiWrite(ACME, `/admin/hardware/categories/${id}`, admin, { name: renamed }, 'PUT');
    expect(put.status).toBe(200);
    expect(((await put.json()) as { label: string }).label).toBe(renamed);
    expect(await audits(id, 'hardware_category.updated')).toBe(1);
    // Renaming to its own name (another case) is not a clash with itself.
    expect(
      (
        await apiWrite(
          ACME,
          `/admin/hardware/categories/${id}`,
          admin,
          { name: renamed.toLowerCase() },
          'PUT'
        )
      ).status
    ).toBe(200);

    const empty = await apiWrite(ACME, '/admin/hardware/categories', admin, { name: '   ' });
    expect(((await empty.json()) as Fields).error.fields).toEqual({ name: ['Enter a name.'] });
    expect((await apiWrite(ACME, '/admin/hardware/categories', admin, { name: 'x'.repeat(65) })).status).toBe(
      400
    );
    expect(
      (await apiWrite(ACME, '/admin/hardware/categories/nope', admin, { name: `Ghost ${uniq()}` }, 'PUT'))
        .status
    ).toBe(404);
  });

  it('models: add with a category, unique per manufacturer, rename via the page form, delete refused while assets use it', async () => {
    const categoryId = await laptopCategory();
    const name = `Framework 13 ${uniq()}`;
    const id = await add('models', { manufacturer: 'Framework', name, categoryId });
    const dup = await apiWrite(ACME, '/admin/hardware/models', admin, {
      manufacturer: 'FRAMEWORK',
      name,
      categoryId
    });
    expect(((await dup.json()) as Fields).error.fields).toEqual({
      name: ['This manufacturer already has a model with this name.']
    });
    // The same name by another manufacturer is a different model.
    await add('models', { manufacturer: 'Other Co', name, categoryId });
    const badCat = await apiWrite(ACME, '/admin/hardware/models', admin, {
      manufacturer: 'Framework',
      name: `${name}x`,
      categoryId: 'nope'
    });
    expect(((await badCat.json()) as Fields).error.fields).toEqual({
      categoryId: ['Choose a category from the list.']
    });
    const missing = await apiWrite(ACME, '/admin/hardware/models', admin, {});
    expect(Object.keys(((await missing.json()) as Fields).error.fields!).sort()).toEqual([
      'categoryId',
      'manufacturer',
      'name'
    ]);

    // Rename through the page's form action.
    const saved = await postForm(
      `${ACME}/admin/hardware/models/${id}?/save`,
      {
        manufacturer: 'Framework',
        name: `${name} (2025)`,
        categoryId
      },
      admin
    );
    expect(saved.status).toBe(200);
    expect(await one(acmeDb(), 'SELECT name FROM hardware_models WHERE id = ?', id)).toEqual({
      name: `${name} (2025)`
    });
    expect(await audits(id, 'hardware_model.updated')).toBe(1);

    // In use by an asset: deleting is refused with a message and nothing changes.
    const asset = await apiWrite(ACME, '/admin/hardware', admin, {
      assetTag: `CAT-${uniq()}`,
      modelId: id,
      status: 'in_stock'
    });
    expect(asset.status).toBe(201);
    const refused = await apiWrite(ACME, `/admin/hardware/models/${id}`, admin, undefined, 'DELETE');
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as Fields).error.message).toBe(
      `“Framework ${name} (2025)” can’t be deleted: 1 asset uses it. Move them to another model first.`
    );
    const pageRefused = await postForm(`${ACME}/admin/hardware/models/${id}?/delete`, {}, admin);
    expect(pageRefused.status).toBe(409);
    expect(await pageRefused.text()).toContain('can’t be deleted: 1 asset uses it');
    expect(await scalar(acmeDb(), 'SELECT count(*) AS n FROM hardware_models WHERE id = ?', id)).toBe(1);
    expect(await audits(id, 'hardware_model.deleted')).toBe(0);

    // The Laptop category is used by models (and more): refused too.
    const cat = await apiWrite(ACME, `/admin/hardware/categories/${categoryId}`, admin, undefined, 'DELETE');
    expect(cat.status).toBe(409);
    expect(((await cat.json()) as Fields).error.message).toMatch(/^“Laptop” can’t be deleted: \d+ models/);
  });

  it('locations: add with an address, delete when unused (audited, gone from the list), refused while assets are there', async () => {
    const name = `Paris ${uniq()}`;
    const id = await add('locations', { name, address: '1 Rue de Rivoli' });
    expect(await one(acmeDb(), 'SELECT name, address FROM locations WHERE id = ?', id)).toEqual({
      name,
      address: '1 Rue de Rivoli'
    });
    const del = await postForm(`${ACME}/admin/hardware/locations/${id}?/delete`, {}, admin);
    expect(del.status).toBe(303);
    expect(del.headers.get('location')).toBe(`/admin/hardware/locations?deleted=${encodeURIComponent(name)}`);
    expect(await scalar(acmeDb(), 'SELECT count(*) AS n FROM locations WHERE id = ?', id)).toBe(0);
    expect(await audits(id, 'location.deleted')).toBe(1);
    expect((await apiWrite(ACME, `/admin/hardware/locations/${id}`, admin, undefined, 'DELETE')).status).toBe(
      404
    );

    const london = (await one<{ id: string }>(acmeDb(), `SELECT id FROM locations WHERE name = 'London HQ'`))!
      .id;
    const refused = await apiWrite(ACME, `/admin/hardware/locations/${london}`, admin, undefined, 'DELETE');
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as Fields).error.message).toMatch(
      /^“London HQ” can’t be deleted: \d+ assets are there\. Move them to another location first\.$/
    );

    // An unused category and model delete cleanly through the API (204) and are audited.
    const catId = await add('categories', { name: `Temp ${uniq()}` });
    const modelId = await add('models', { manufacturer: 'Temp', name: `T ${uniq()}`, categoryId: catId });
    expect(
      (await apiWrite(ACME, `/admin/hardware/categories/${catId}`, admin, undefined, 'DELETE')).status
    ).toBe(409);
    expect(
      (await apiWrite(ACME, `/admin/hardware/models/${modelId}`, admin, undefined, 'DELETE')).status
    ).toBe(204);
    expect(
      (await apiWrite(ACME, `/admin/hardware/categories/${catId}`, admin, undefined, 'DELETE')).status
    ).toBe(204);
    expect(await audits(modelId, 'hardware_model.deleted')).toBe(1);
    expect(await audits(catId, 'hardware_category.deleted')).toBe(1);
  });

  it('the pages list the rows and show errors beside the field', async () => {
    const html = await (await pageGet(ACME, '/admin/hardware/models', admin)).text();
    expect(html).toContain('Latitude 7450');
    expect(html).toContain('aria-label="Hardware sections"');
    const bad = await postForm(`${ACME}/admin/hardware/locations?/add`, { name: '' }, admin);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Enter a name.');
    const ok = await postForm(
      `${ACME}/admin/hardware/locations?/add`,
      {
        name: `Lyon ${uniq()}`,
        address: ''
      },
      admin
    );
    expect(ok.status).toBe(200);
  });
});
