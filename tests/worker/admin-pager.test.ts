// The shared Pager on admin lists: Previous / Next keep the list's search and filters.
import { describe, expect, it } from 'vitest';
import { ACME, adminCookie, pageGet } from './helpers';
import { acmeDb } from './helpers-data';

describe('admin list pager', () => {
  it('Next on a filtered audit log keeps the filter', async () => {
    const admin = await adminCookie(ACME);
    const action = `test.pager.${crypto.randomUUID().slice(0, 6)}`;
    const insert = acmeDb().prepare(
      'INSERT INTO audit_log (actor_id, action, entity_type, entity_id, created_at) VALUES (NULL, ?, ?, ?, ?)'
    );
    await acmeDb().batch(
      Array.from({ length: 55 }, (_, i) => insert.bind(action, 'test', `e${i}`, Date.now()))
    );
    const first = await (await pageGet(ACME, `/admin/audit?action=${action}`, admin)).text();
    expect(first).toContain('Page 1 of 2 · 55 in all');
    expect(first).toContain(`href="?action=${action}&amp;page=2"`);
    const second = await (await pageGet(ACME, `/admin/audit?action=${action}&page=2`, admin)).text();
    expect(second).toContain(`href="?action=${action}&amp;page=1"`);
  });
});
