// The workspace registry row is kept in the isolate for REGISTRY_TTL_MS (tenancy/registry-cache.ts):
// a suspension takes effect on pages and the API within that bound, never later. The clock is fixed
// with vitest's fake Date (the Worker runs in this isolate), so no test waits on wall-clock time.
import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { GLOBEX, fetchWorker } from './helpers';
import { REGISTRY_TTL_MS, registryEntry } from '../../src/lib/server/tenancy/registry-cache';

const setStatus = (status: 'active' | 'suspended') =>
  env.DB_CONTROL.prepare("UPDATE workspaces SET status = ? WHERE slug = 'globex'").bind(status).run();

async function globexAnswers() {
  const api = await fetchWorker(`${GLOBEX}/api/v1/me`);
  const page = await fetchWorker(`${GLOBEX}/login`);
  return { api: api.status, page: page.status, pageText: await page.text(), apiBody: await api.json() };
}

afterEach(async () => {
  vi.useRealTimers();
  await setStatus('active');
});

describe('workspace registry cache', () => {
  it('suspends a workspace on pages and the API within REGISTRY_TTL_MS, and not before its entry ages out', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    // A moment no entry was fetched at, so every isolate copy reads the registry afresh.
    const t0 = Date.now() + 24 * 60 * 60 * 1000;
    vi.setSystemTime(t0);
    const before = await globexAnswers();
    expect(before.api).toBe(401); // a live workspace: only the user is missing
    expect(before.page).toBe(200);

    await setStatus('suspended');
    vi.setSystemTime(t0 + REGISTRY_TTL_MS - 1);
    const cached = await globexAnswers();
    expect([cached.api, cached.page]).toEqual([401, 200]);

    vi.setSystemTime(t0 + REGISTRY_TTL_MS);
    const after = await globexAnswers();
    expect(after.api).toBe(403);
    expect(after.apiBody).toEqual({
      error: { code: 'workspace_suspended', message: 'This workspace is suspended.' }
    });
    expect(after.page).toBe(403);
    expect(after.pageText).toContain('This workspace is suspended');
  });

  it('never caches a slug without a row, so a new workspace answers at once', async () => {
    const control = env.DB_CONTROL;
    expect(await registryEntry(control, 'cache-newcomer')).toBeNull();
    await control
      .prepare(
        "INSERT INTO workspaces (slug, name, status, db_binding, created_at, updated_at) VALUES ('cache-newcomer', 'Newcomer', 'active', 'DB_CACHE_NEWCOMER', 1, 1)"
      )
      .run();
    try {
      expect(await registryEntry(control, 'cache-newcomer')).toMatchObject({ status: 'active' });
    } finally {
      await control.prepare("DELETE FROM workspaces WHERE slug = 'cache-newcomer'").run();
    }
  });

  it('refetches an entry whose time lies ahead of the clock (the clock went back)', async () => {
    const control = env.DB_CONTROL;
    const now = Date.now();
    expect(await registryEntry(control, 'globex', now)).toMatchObject({ status: 'active' });
    await setStatus('suspended');
    expect(await registryEntry(control, 'globex', now + 1)).toMatchObject({ status: 'active' });
    expect(await registryEntry(control, 'globex', now - 1)).toMatchObject({ status: 'suspended' });
  });
});
