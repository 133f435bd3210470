// The My portal's New request: raising each kind of request, with validation and scoping.
import { beforeAll, describe, expect, it } from 'vitest';
import { ACME, apiGet, apiWrite, cookieFor, pageGet, postForm } from './helpers';
import { acmeDb, scalar } from './helpers-data';

let ada: string;
let grace: string;
beforeAll(async () => {
  [ada, grace] = await Promise.all([
    cookieFor(ACME, 'ada@acme.example'),
    cookieFor(ACME, 'grace@acme.example')
  ]);
});

const auditCount = (entityId: string, action: string) =>
  scalar(
    acmeDb(),
    'SELECT count(*) AS n FROM audit_log WHERE entity_id = ? AND action = ?',
    entityId,
    action
  );

describe('New request', () => {
  const valid = {
    type: 'hardware',
    title: 'USB-C dock',
    justification: 'One cable for the monitor and power.',
    urgency: 'medium'
  };

  it('creates a pending request with its first timeline event, notifies admins, and lists it first', async () => {
    const res = await apiWrite(ACME, '/my/requests', ada, {
      ...valid,
      specificModel: 'CalDigit TS4',
      estimatedCost: 349.99
    });
    expect(res.status).toBe(201);
    const created = (await res.json()) as {
      id: string;
      status: string;
      estimatedCostCents: number;
      timeline: { status: string }[];
    };
    expect(created.status).toBe('pending');
    expect(created.estimatedCostCents).toBe(34999);
    expect(created.timeline.map((e) => e.status)).toEqual(['pending']);
    const list = (await (await apiGet(ACME, '/my/requests', ada)).json()) as { items: { id: string }[] };
    expect(list.items[0]!.id).toBe(created.id);
    expect(await auditCount(created.id, 'request.created')).toBe(1);
    expect(
      await scalar(
        acmeDb(),
        `SELECT count(*) AS n FROM notifications WHERE kind = 'request_new' AND link = ?`,
        `/admin/requests/${created.id}`
      )
    ).toBeGreaterThan(0);
  });

  it('takes the form post, redirects to My requests and shows it pending', async () => {
    const res = await postForm(
      `${ACME}/my/requests/new`,
      {
        ...valid,
        title: 'Grace’s form request',
        categoryId: '',
        softwareId: '',
        specificModel: '',
        estimatedCost: ''
      },
      grace
    );
    expect(res.status).toBe(303);
    const location = res.headers.get('location')!;
    expect(location).toMatch(/^\/my\/requests\?created=/);
    const html = await (await pageGet(ACME, location, grace)).text();
    expect(html).toContain('Grace’s form request');
    expect(html).toContain('Your request was submitted');
    expect(html).toContain('Pending');
  });

  it('enforces the limits at each boundary: 191/192, 4,000/4,001, cost non-negative', async () => {
    const db = acmeDb();
    const count = () => scalar(db, 'SELECT count(*) AS n FROM requests');
    const post = (body: object) => apiWrite(ACME, '/my/requests', ada, body);
    const fields = async (res: Response) =>
      ((await res.json()) as { error: { fields: Record<string, string[]> } }).error.fields;

    const before = await count();
    let res = await post({ ...valid, title: 't'.repeat(192) });
    expect(res.status).toBe(400);
    expect(await fields(res)).toEqual({ title: ['Keep the title to 191 characters or fewer.'] });
    res = await post({ ...valid, justification: 'j'.repeat(4001) });
    expect(await fields(res)).toEqual({
      justification: ['Keep the justification to 4,000 characters or fewer.']
    });
    res = await post({ ...valid, specificModel: 'm'.repeat(192) });
    expect(await fields(res)).toEqual({ specificModel: ['Keep the model to 191 characters or fewer.'] });
    res = await post({ ...valid, estimatedCost: -0.01 });
    expect(await fields(res)).toEqual({ estimatedCost: ['The estimated cost can’t be negative.'] });
    res = await post({ ...valid, estimatedCost: 'twelve' });
    expect(await fields(res)).toEqual({
      estimatedCost: ['Enter the estimated cost as a number, for example 250 or 249.99.']
    });
    res = await post({ ...valid, type: 'holiday', urgency: 'yesterday', title: '   ', justification: 42 });
    expect(Object.keys(await fields(res)).sort()).toEqual(['justification', 'title', 'type', 'urgency']);
    res = await post({ ...valid, categoryId: '00000000-0000-4000-a000-000000000000' });
    expect(await fields(res)).toEqual({ categoryId: ['Choose a hardware category from the list.'] });
    expect(await count()).toBe(before); // nothing partial was written

    res = await post({
      ...valid,
      title: 't'.repeat(191),
      justification: 'j'.repeat(4000),
      specificModel: 'm'.repeat(191),
      estimatedCost: 0
    });
    expect(res.status).toBe(201);
    expect(await count()).toBe(before + 1);
  });

  it('offers and accepts software from the approved catalog only', async () => {
    const db = acmeDb();
    const unapproved = crypto.randomUUID();
    await db
      .prepare(
        `INSERT INTO software_products (id, name, vendor, approved) VALUES (?, 'Pirate Tool', 'Shady Inc', 0)`
      )
      .bind(unapproved)
      .run();
    const options = (await (await apiGet(ACME, '/my/requests/options', ada)).json()) as {
      software: { id: string; name: string }[];
    };
    expect(options.software.map((s) => s.name)).toContain('Figma');
    expect(options.software.map((s) => s.id)).not.toContain(unapproved);
    expect(await (await pageGet(ACME, '/my/requests/new', ada)).text()).not.toContain('Pirate Tool');

    const res = await apiWrite(ACME, '/my/requests', ada, {
      ...valid,
      type: 'software',
      softwareId: unapproved
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { fields: Record<string, string[]> } }).error.fields).toEqual({
      softwareId: ['Choose software from the approved catalog.']
    });
    const figma = options.software.find((s) => s.name === 'Figma')!.id;
    expect(
      (await apiWrite(ACME, '/my/requests', ada, { ...valid, type: 'software', softwareId: figma })).status
    ).toBe(201);
  });

  it('shows each field error beside its field on the page and keeps everything typed', async () => {
    const res = await postForm(
      `${ACME}/my/requests/new`,
      {
        type: 'software',
        title: 'Keep this title',
        justification: '',
        urgency: 'high',
        categoryId: '',
        softwareId: '',
        specificModel: 'Model kept',
        estimatedCost: '-5'
      },
      ada
    );
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toMatch(/id="justification-error"[^>]*>Explain why you need it\.</);
    expect(html).toMatch(/id="estimatedCost-error"[^>]*>The estimated cost can’t be negative\.</);
    expect(html).toContain('value="Keep this title"');
    expect(html).toContain('value="Model kept"');
    expect(html).toContain('value="-5"');
    expect(html).toMatch(/<option value="software" selected/);
    expect(html).toMatch(/<option value="high" selected/);
  });

  it('answers wrong-typed and oversized bodies with 400/413, never 500', async () => {
    expect((await apiWrite(ACME, '/my/requests', ada, ['not', 'an', 'object'])).status).toBe(400);
    expect(
      (await apiWrite(ACME, '/my/requests', ada, { ...valid, justification: 'j'.repeat(70_000) })).status
    ).toBe(413);
    expect((await apiGet(ACME, '/my/requests?page=abc', ada)).status).toBe(400);
    expect((await pageGet(ACME, '/my/requests?page=-1', ada)).status).toBe(400);
  });
});
