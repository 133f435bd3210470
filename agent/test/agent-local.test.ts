// The agent's own rules that need no portal: file permissions, *.localhost mapping, the nightly slot.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { agentPaths } from '../src/paths.ts';
import { readCredential, writeCredential, enqueueReport, queuedReports } from '../src/store.ts';
import { isLocalhostName, loopbackAwareLookup } from '../src/client/loopback.ts';
import { nextNightlySlot } from '../src/reporting.ts';

describe('credential storage', () => {
  // Windows has no POSIX modes (the credential is protected by the user profile's ACL there).
  it.skipIf(process.platform === 'win32')(
    'writes the credential owner-only (0600 in a 0700 directory) and reads it back',
    () => {
      const paths = agentPaths(join(mkdtempSync(join(tmpdir(), 'ot-agent-')), 'home'));
      writeCredential(
        paths,
        {
          credential: 'otd_' + 'a'.repeat(52),
          deviceId: 'd1',
          user: { name: 'Ada', email: 'ada@acme.example' },
          workspace: { slug: 'acme', name: 'Acme' }
        },
        'http://acme.localhost:8787'
      );
      expect(statSync(paths.credential).mode & 0o777).toBe(0o600);
      expect(statSync(paths.home).mode & 0o777).toBe(0o700);
      expect(readCredential(paths)?.deviceId).toBe('d1');
    }
  );
  it('queues reports on disk, oldest first', () => {
    const paths = agentPaths(join(mkdtempSync(join(tmpdir(), 'ot-agent-')), 'home'));
    const facts = { hostname: 'h', osFamily: 'linux' as const, osName: 'Linux', agentVersion: '1' };
    enqueueReport(paths, { reportId: crypto.randomUUID(), collectedAt: 2000, facts, software: [] });
    enqueueReport(paths, { reportId: crypto.randomUUID(), collectedAt: 1000, facts, software: [] });
    expect(queuedReports(paths).map((q) => q.report.collectedAt)).toEqual([1000, 2000]);
  });
});

describe('*.localhost', () => {
  it('maps localhost names to loopback itself and leaves other names to DNS', async () => {
    expect(isLocalhostName('acme.localhost')).toBe(true);
    expect(isLocalhostName('localhost.')).toBe(true);
    expect(isLocalhostName('acme.app.ontrackio.com')).toBe(false);
    const one = await new Promise((resolve) =>
      loopbackAwareLookup('acme.localhost', {}, (_e, address) => resolve(address))
    );
    expect(one).toBe('127.0.0.1');
    const all = await new Promise((resolve) =>
      loopbackAwareLookup('globex.localhost', { all: true }, (_e, address) => resolve(address))
    );
    expect(all).toEqual([{ address: '127.0.0.1', family: 4 }]);
  });
});

describe('nightly schedule', () => {
  it('picks tonight between 02:00 and 05:00 local time, or tomorrow night once that has passed', () => {
    const evening = new Date(2026, 10, 22, 18, 0).getTime();
    const slot = new Date(nextNightlySlot(evening, () => 0.5));
    expect(slot.getDate()).toBe(23);
    expect(slot.getHours()).toBe(3);
    expect(slot.getMinutes()).toBe(30);
    const earlyMorning = new Date(2026, 10, 22, 1, 0).getTime();
    expect(new Date(nextNightlySlot(earlyMorning, () => 0)).getDate()).toBe(22);
    for (let i = 0; i < 50; i++) {
      const h = new Date(nextNightlySlot(evening)).getHours();
      expect(h).toBeGreaterThanOrEqual(2);
      expect(h).toBeLessThan(5);
    }
  });
});
