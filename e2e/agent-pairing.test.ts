// The real agent and chromium together against `wrangler dev`: one-click pairing, manual pairing, the
// fallback code, report now (+ the filter), and a replayed report that changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { gotoHydrated, launchBrowser, newContext, origin, screenshot, signIn } from './browser';
import { agentHome, runAgent, startAgent } from './agent-helpers';
import { seriousA11yViolations } from './axe';
import { AgentApi } from '../agent/src/client/api.ts';
import { collectFacts } from '../agent/src/collectors/index.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function signedInPage(email: string): Promise<Page> {
  const page = await (await newContext(browser)).newPage();
  await signIn(page, 'acme', email);
  return page;
}

describe('the OnTrackio Agent with the portal', () => {
  const adaHome = agentHome();

  it('pairs in one click: the agent receives the credential over its socket and My device shows it Active', async () => {
    const page = await signedInPage('ada@acme.example');
    const agent = startAgent(adaHome, origin('acme'), ['pair']);
    const [, url] = await agent.waitFor(/(http:\/\/acme\.localhost:\d+\/my\/agent\/pair\/\S+)/);

    await gotoHydrated(page, url);
    await page.getByRole('heading', { name: 'Is this your laptop?' }).waitFor();
    const facts = await collectFacts();
    await expect(page.getByText(facts.hostname, { exact: true }).first().isVisible()).resolves.toBe(true);
    await screenshot(page, 'pair-this-device');
    expect(await seriousA11yViolations(page)).toEqual([]);

    const clickedAt = Date.now();
    await page.getByRole('button', { name: 'Pair this device with my account' }).click();
    await page.getByRole('heading', { name: 'Pairing sent' }).waitFor();
    await agent.waitFor(/Paired with Ada Lovelace <ada@acme\.example>/);
    console.log(`click to credential saved on the agent: ${Date.now() - clickedAt} ms`);
    expect(await agent.exited).toBe(0);
    expect(statSync(join(adaHome, 'credential.json')).mode & 0o777).toBe(0o600);
    expect(agent.output()).not.toContain(
      JSON.parse(readFileSync(join(adaHome, 'credential.json'), 'utf8')).credential
    );

    await page.getByRole('link', { name: 'Open My device' }).click();
    await page.getByRole('heading', { name: 'Paired device' }).waitFor();
    const card = page.getByRole('region', { name: 'Paired device' });
    await expect(card.getByText('Active').isVisible()).resolves.toBe(true);
    await expect(card.innerText()).resolves.toContain(facts.hostname);
    await expect(card.innerText()).resolves.toMatch(/Last seen\s*never/);
    await screenshot(page, 'my-device-paired');

    const status = await runAgent(adaHome, origin('acme'), ['status']);
    expect(status.code).toBe(0);
    expect(status.output).toContain('Paired user:  Ada Lovelace <ada@acme.example>');
  });

  it('reports now: Installed software lists the applications and the filter works; a replay changes nothing', async () => {
    const sent = await runAgent(adaHome, origin('acme'), ['report', '--now']);
    expect(sent.code, sent.output).toBe(0);
    const count = Number(/Report sent: (\d+) applications/.exec(sent.output)?.[1]);
    expect(count).toBeGreaterThan(10);

    const page = await signedInPage('ada@acme.example');
    await gotoHydrated(page, `${origin('acme')}/my/agent`);
    await expect(page.getByTestId('software-count').innerText()).resolves.toBe(`${count} applications`);
    await page.getByLabel('Filter software').fill('adduser');
    await page.getByText(/Showing \d+ of/).waitFor();
    const rows = await page.locator('table.apps tbody tr').count();
    expect(rows).toBeGreaterThanOrEqual(1);
    expect(rows).toBeLessThan(count);
    await screenshot(page, 'my-device-software-filtered');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Replay: the same report id twice through the agent's own client.
    const credential = JSON.parse(readFileSync(join(adaHome, 'credential.json'), 'utf8'));
    const api = new AgentApi({ workspaceUrl: origin('acme'), credential: credential.credential });
    const report = {
      reportId: crypto.randomUUID(),
      collectedAt: Date.now(),
      facts: await collectFacts(),
      software: [{ name: 'Only This App', version: '1.0', publisher: null }]
    };
    expect(await api.sendReport(report)).toEqual({ applied: true, softwareCount: 1 });
    expect(await api.sendReport({ ...report, software: [] })).toEqual({ applied: false, reason: 'replay' });
    await page.reload();
    await expect(page.getByTestId('software-count').innerText()).resolves.toBe('1 application');
  });

  it('pairs with a code: generated in the browser, typed into the agent, the page updates by itself', async () => {
    const page = await signedInPage('grace@acme.example');
    await gotoHydrated(page, `${origin('acme')}/my/agent`);
    await page.getByRole('heading', { name: 'No device paired' }).waitFor();
    await page.getByRole('button', { name: 'Generate pairing code' }).click();
    await page.getByRole('heading', { name: 'Pairing code waiting' }).waitFor();
    const code = (await page.getByTestId('pairing-code').innerText()).trim();
    expect(code).toMatch(/^OT-[23456789A-HJ-NP-Z]{6}$/);
    await screenshot(page, 'my-device-code-waiting');
    expect(await seriousA11yViolations(page)).toEqual([]);

    const paired = await runAgent(agentHome(), origin('acme'), ['pair', '--code', code]);
    expect(paired.code, paired.output).toBe(0);
    expect(paired.output).toContain('Paired with Grace Hopper');
    // No reload: the page notices by itself.
    await page.getByRole('heading', { name: 'Paired device' }).waitFor({ timeout: 10_000 });
    await expect(page.getByText('Active', { exact: true }).isVisible()).resolves.toBe(true);
  });

  it('falls back to a code when the agent cannot be reached, and --pair-code pairs with it', async () => {
    const home = agentHome();
    // A handshake whose agent never connects its socket (a firewall in between).
    const api = new AgentApi({ workspaceUrl: origin('acme') });
    const started = await api.startPairing(await collectFacts());
    const page = await signedInPage('admin@acme.example');
    await gotoHydrated(page, started.pairUrl);
    await page.getByRole('button', { name: 'Pair this device with my account' }).click();
    await page.getByRole('heading', { name: "Couldn't reach the agent automatically" }).waitFor();
    const code = (await page.getByTestId('fallback-code').innerText()).trim();
    await screenshot(page, 'pair-fallback-code');
    const paired = await runAgent(home, origin('acme'), ['pair', '--pair-code', code]);
    expect(paired.code, paired.output).toBe(0);
    expect(paired.output).toContain('Paired with Morgan');
  });

  it('queues a report while the portal is unreachable and sends it on the next run', async () => {
    const home = agentHome();
    mkdirSync(home, { recursive: true });
    const stored = JSON.parse(readFileSync(join(adaHome, 'credential.json'), 'utf8'));
    writeFileSync(
      join(home, 'credential.json'),
      JSON.stringify({ ...stored, workspaceUrl: 'http://acme.localhost:9' }),
      { mode: 0o600 }
    );
    const offline = await runAgent(home, origin('acme'), ['report', '--now']);
    expect(offline.code, offline.output).toBe(2);
    expect(offline.output).toContain('the report is queued');
    expect((await runAgent(home, origin('acme'), ['status'])).output).toContain('Queued:       1 report(s)');
    writeFileSync(join(home, 'credential.json'), JSON.stringify(stored), { mode: 0o600 });
    const online = await runAgent(home, origin('acme'), ['run', '--once']);
    expect(online.code, online.output).toBe(0);
    expect(online.output).toContain('Sent 1 report(s).');
  });

  it('on 401 (a revoked or unknown credential) shows it is unpaired and stops reporting', async () => {
    const home = agentHome();
    const stored = JSON.parse(readFileSync(join(adaHome, 'credential.json'), 'utf8'));
    writeFileSync(
      join(home, 'credential.json'),
      JSON.stringify({ ...stored, credential: `otd_${'a'.repeat(52)}` }),
      { mode: 0o600 }
    );
    const run = await runAgent(home, origin('acme'), ['run', '--heartbeat-seconds', '5']);
    expect(run.code).toBe(3);
    expect(run.output).toContain('no longer paired');
    const status = await runAgent(home, origin('acme'), ['status']);
    expect(status.output).toContain('not paired (the pairing was revoked by IT)');
    expect(status.code).toBe(3);
  });
});
