// Admin dashboard "Devices not seen for a week" and its filtered /admin/devices, and lending from the
// loan pool without JavaScript (a real link opens the form; a plain POST lends).
import { beforeAll, describe, expect, it } from 'vitest';
import { ACME, adminCookie, apiGet, cookieFor, pageGet, postForm } from './helpers';
import { acmeDb, scalar } from './helpers-data';
import { createUser } from './helpers-security';

const DAY = 86_400_000;
let admin: string;
let ada: string;
beforeAll(async () => {
  [admin, ada] = await Promise.all([adminCookie(ACME), cookieFor(ACME, 'ada@acme.example')]);
});

async function device(
  hostname: string,
  opts: { lastSeenAgo: number | null; enrolledAgo: number; status?: 'active' | 'revoked' }
) {
  const owner = await createUser();
  const now = Date.now();
  await acmeDb()
    .prepare(
      'INSERT INTO agent_devices (id, user_id, credential_hash, hostname, os_name, status, enrolled_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'
    )
    .bind(
      crypto.randomUUID(),
      owner.id,
      crypto.randomUUID(),
      hostname,
      'linux',
      opts.status ?? 'active',
      now - opts.enrolledAgo,
      opts.lastSeenAgo === null ? null : now - opts.lastSeenAgo
    )
    .run();
}

const staleCount = async () =>
  ((await (await apiGet(ACME, '/admin/dashboard', admin)).json()) as { staleDeviceCount: number })
    .staleDeviceCount;

describe('devices not seen for a week', () => {
  it('the dashboard counts active pairings silent for over a week and links to the filtered Devices page', async () => {
    const before = await staleCount();
    const tag = crypto.randomUUID().slice(0, 6);
    await device(`stale-${tag}`, { lastSeenAgo: 8 * DAY, enrolledAgo: 60 * DAY });
    await device(`never-old-${tag}`, { lastSeenAgo: null, enrolledAgo: 10 * DAY });
    await device(`fresh-${tag}`, { lastSeenAgo: 60_000, enrolledAgo: 60 * DAY });
    await device(`never-new-${tag}`, { lastSeenAgo: null, enrolledAgo: 3_600_000 });
    await device(`six-days-${tag}`, { lastSeenAgo: 6 * DAY, enrolledAgo: 60 * DAY });
    await device(`revoked-${tag}`, { lastSeenAgo: 30 * DAY, enrolledAgo: 60 * DAY, status: 'revoked' });
    expect(await staleCount()).toBe(before + 2);

    const dash = await (await pageGet(ACME, '/admin', admin)).text();
    expect(dash).toContain('Devices not seen for a week');
    expect(dash).toContain('href="/admin/devices?seen=stale"');

    const api = (await (await apiGet(ACME, '/admin/devices?seen=stale', admin)).json()) as {
      items: { hostname: string; notSeenForAWeek: boolean }[];
    };
    const mine = api.items
      .map((d) => d.hostname)
      .filter((h) => h.endsWith(tag))
      .sort();
    expect(mine).toEqual([`never-old-${tag}`, `stale-${tag}`]);
    expect(api.items.every((d) => d.notSeenForAWeek)).toBe(true);
    expect(api.items.length).toBe(before + 2);

    const page = await (await pageGet(ACME, '/admin/devices?seen=stale', admin)).text();
    expect(page).toContain(`stale-${tag}`);
    expect(page).not.toContain(`fresh-${tag}`);
    expect(page).not.toContain(`revoked-${tag}`);
    const all = await (await pageGet(ACME, '/admin/devices', admin)).text();
    expect(all).toContain(`fresh-${tag}`);
    expect(all).toContain(`revoked-${tag}`);
    // A bad filter is a 400 on the API (never a 500) and ignored on the page.
    expect((await apiGet(ACME, '/admin/devices?seen=yesterday', admin)).status).toBe(400);
    expect((await pageGet(ACME, '/admin/devices?seen=yesterday', admin)).status).toBe(200);
    expect((await apiGet(ACME, '/admin/devices?seen=stale', ada)).status).toBe(403);
  });
});

describe('lending without JavaScript', () => {
  it('Lend is a link to the form; the form is a plain POST; errors show beside the field', async () => {
    const item = crypto.randomUUID();
    const tag = `NJ-${item.slice(0, 6)}`;
    await acmeDb()
      .prepare(
        `INSERT INTO loan_pool_items (id, name, asset_tag, status) VALUES (?, 'No-JS loaner', ?, 'available')`
      )
      .bind(item, tag)
      .run();
    const list = await (await pageGet(ACME, '/admin/loans', admin)).text();
    expect(list).toContain(`href="?lend=${item}#lend-${item}"`);
    expect(list).not.toContain(`id="lend-${item}"`);

    const open = await (await pageGet(ACME, `/admin/loans?lend=${item}`, admin)).text();
    expect(open).toContain(`id="lend-${item}"`);
    expect(open).toContain('action="/admin/loans?/lend"');
    expect(open).toContain('<label for="lend-user">Lend to</label>');

    const bad = await postForm(
      `${ACME}/admin/loans?/lend`,
      {
        itemId: item,
        userId: '',
        dueDate: '2099-01-01'
      },
      admin
    );
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain(`id="lend-${item}"`);
    expect(badHtml).toContain('<p class="field-error" id="lend-user-error">Choose a person.</p>');

    const borrower = await createUser();
    const ok = await postForm(
      `${ACME}/admin/loans?/lend`,
      {
        itemId: item,
        userId: borrower.id,
        dueDate: '2099-01-01',
        notes: ''
      },
      admin
    );
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('Lent. It now shows in their My loans.');
    expect(
      await scalar(
        acmeDb(),
        'SELECT count(*) AS n FROM loans WHERE item_id = ? AND user_id = ? AND returned_at IS NULL',
        item,
        borrower.id
      )
    ).toBe(1);
    // Once lent, ?lend= for it opens nothing.
    expect(await (await pageGet(ACME, `/admin/loans?lend=${item}`, admin)).text()).not.toContain(
      `id="lend-${item}"`
    );
  });
});
