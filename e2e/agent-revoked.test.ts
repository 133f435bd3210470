// After IT revokes a computer on the Devices page, every agent command that meets the revoked pairing
// ends the same way: exit 3 (docs/agent.md) and one plain sentence, no stack trace; and pairing again
// works. The real agent program against the real Worker (wrangler dev), a throw-away employee.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { gotoHydrated, launchBrowser, newContext, origin, signIn } from './browser';
import { agentHome, runAgent } from './agent-helpers';
import { cloneDemoUsers } from './tenant-sql';
import { DeviceRevokedError } from '../agent/src/reporting.ts';

const EMPLOYEE = `e2e-revoked-${Date.now()}@acme.example`;
const SENTENCE = new DeviceRevokedError().message;
const COMMANDS: string[][] = [
  ['report', '--now'],
  ['run', '--heartbeat-seconds', '5'],
  ['run', '--once'],
  ['status'],
  ['pair', '--no-browser'],
  ['pair', '--code', 'OT-ABCDEF'],
  ['unpair']
];

let browser: Browser;
let employee: Page;
beforeAll(async () => {
  cloneDemoUsers([EMPLOYEE]);
  browser = await launchBrowser();
  employee = await (await newContext(browser)).newPage();
  await signIn(employee, 'acme', EMPLOYEE);
});
afterAll(async () => {
  await browser?.close();
});

async function pairingCode(): Promise<string> {
  await gotoHydrated(employee, `${origin('acme')}/my/agent`);
  await employee.getByRole('button', { name: /^(Generate pairing code|Regenerate code)$/ }).click();
  return (await employee.getByTestId('pairing-code').innerText()).trim();
}

/** Exit 3, the sentence as the last line and only once, nothing that looks like a stack trace. */
function expectRevokedEnding(result: { code: number | null; output: string }, what: string): void {
  expect(result.code, `${what}\n${result.output}`).toBe(3);
  const lines = result.output.trim().split('\n');
  expect(lines.at(-1), what).toBe(SENTENCE);
  expect(result.output.split(SENTENCE).length - 1, what).toBe(1);
  expect(result.output, what).not.toMatch(/^\s+at |Error:/m);
}

describe('a revoked pairing', () => {
  it('ends every command with exit 3 and one sentence, and the computer can pair again', async () => {
    const paired = agentHome();
    const code = await pairingCode();
    const first = await runAgent(paired, origin('acme'), ['pair', '--code', code]);
    expect(first.code, first.output).toBe(0);
    // One copy of the (soon revoked) credential per command: each command forgets it once it hears 401.
    const homes = COMMANDS.map(() => {
      const home = agentHome();
      copyFileSync(join(paired, 'credential.json'), join(home, 'credential.json'));
      return home;
    });

    const admin = await (await newContext(browser)).newPage();
    await signIn(admin, 'acme', 'admin@acme.example');
    await gotoHydrated(admin, `${origin('acme')}/admin/devices`);
    await admin
      .getByRole('button', { name: new RegExp(`^Revoke .* \\(E2E ${EMPLOYEE.split('@')[0]}\\)$`) })
      .click();
    await admin
      .getByRole('row', { name: new RegExp(`E2E ${EMPLOYEE.split('@')[0]}`) })
      .getByText('Revoked')
      .waitFor();

    for (const [i, args] of COMMANDS.entries()) {
      const result = await runAgent(homes[i], origin('acme'), args);
      expectRevokedEnding(result, args.join(' '));
      expect(existsSync(join(homes[i], 'credential.json')), args.join(' ')).toBe(false);
    }

    // Later commands remember why: the same ending, without asking the portal again.
    for (const args of [['report', '--now'], ['run', '--once'], ['status']]) {
      const again = await runAgent(homes[0], origin('acme'), args);
      expectRevokedEnding(again, `${args.join(' ')} (remembered)`);
    }
    const status = await runAgent(homes[0], origin('acme'), ['status']);
    expect(status.output).toContain('not paired (the pairing was revoked by IT)');

    // Pairing again is the way out.
    const repaired = await runAgent(homes[0], origin('acme'), ['pair', '--code', await pairingCode()]);
    expect(repaired.code, repaired.output).toBe(0);
    const fine = await runAgent(homes[0], origin('acme'), ['status']);
    expect(fine.code, fine.output).toBe(0);
  });
});
