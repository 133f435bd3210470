// Admin › Settings › Help desk without a help desk: who may open it, what bad input and an unreachable
// help desk get, and that nothing is saved then. Connecting to a real Request Tracker is covered by
// tests/helpdesk (it needs RT running).
import { describe, expect, it } from 'vitest';
import { ACME, cookieFor, pageGet, postForm } from './helpers';
import { acmeDb, scalar } from './helpers-data';
import { connectionFields } from '../helpdesk/connection-fields';

const formPost = (origin: string, path: string, cookie: string, fields: Record<string, string> = {}) =>
  postForm(`${origin}${path}`, fields, cookie);

const PAGE = '/admin/settings/helpdesk';

// A help desk that is not there: the form is valid, the connection test cannot reach it.
const NOWHERE = { baseUrl: 'http://127.0.0.1:9', tokens: { integration: '1-2-secret-token' } };
const fields = (overrides: Record<string, string> = {}) =>
  connectionFields(NOWHERE, { working: 'new, open, stalled', ...overrides });

describe('Admin › Settings › Help desk', () => {
  it('is for administrators and starts not connected, with the default mapping', async () => {
    const admin = await cookieFor(ACME, 'admin@acme.example');
    const res = await pageGet(ACME, PAGE, admin);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Not connected');
    expect(html).toContain('No failed deliveries.');
    expect(html).toMatch(/id="request_fulfilled"[^>]*value="resolved"/);
    const ada = await cookieFor(ACME, 'ada@acme.example');
    expect((await pageGet(ACME, PAGE, ada)).status).toBe(403);
    expect((await formPost(ACME, `${PAGE}?/save`, ada, fields())).status).toBe(403);
  });

  it('says plainly when the help desk cannot be reached, and saves nothing', async () => {
    const admin = await cookieFor(ACME, 'admin@acme.example');
    for (const action of ['test', 'save']) {
      const res = await formPost(ACME, `${PAGE}?/${action}`, admin, fields());
      expect(res.status).toBe(400);
      expect(await res.text()).toContain('Couldn’t reach the help desk at http://127.0.0.1:9.');
    }
    expect(await scalar(acmeDb(), 'SELECT count(*) FROM helpdesk_connection')).toBe(0);
  });

  it('refuses bad input beside each field without a 500', async () => {
    const admin = await cookieFor(ACME, 'admin@acme.example');
    const res = await formPost(
      ACME,
      `${PAGE}?/save`,
      admin,
      fields({ baseUrl: 'rt.example.com', apiToken: '', queue: '', request_approved: '<b>', fulfils: '' })
    );
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Enter the help desk’s address, for example https://rt.example.com');
    expect(html).toContain('Enter the queue’s name');
    expect(html).toContain('Use letters, digits, spaces, dots, dashes or underscores');
    expect(html).toContain('Name at least one status, for example resolved');
    // The typed token is never sent back to the page.
    expect(html).not.toContain('1-2-secret-token');
    const noToken = await formPost(ACME, `${PAGE}?/save`, admin, fields({ apiToken: '' }));
    expect(await noToken.text()).toContain('Enter the API token');
    expect(await scalar(acmeDb(), 'SELECT count(*) FROM helpdesk_connection')).toBe(0);
  });

  it('Disconnect and Retry say so when there is nothing to do', async () => {
    const admin = await cookieFor(ACME, 'admin@acme.example');
    const disc = await formPost(ACME, `${PAGE}?/disconnect`, admin);
    expect(disc.status).toBe(409);
    expect(await disc.text()).toContain('The help desk is not connected.');
    const retry = await formPost(ACME, `${PAGE}?/retry`, admin, { changeId: '999999' });
    expect(retry.status).toBe(409);
    expect(await retry.text()).toContain('That delivery is no longer failed.');
  });
});
