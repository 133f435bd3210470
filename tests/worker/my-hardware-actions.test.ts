// The My portal's hardware actions: acknowledge receipt once, and report a problem with an asset.
import { beforeAll, describe, expect, it } from 'vitest';
import { ACME, apiGet, apiWrite, cookieFor, pageGet, postForm } from './helpers';
import { acmeDb, assetId, one, scalar, userId } from './helpers-data';

let ada: string;
let adaId: string;
beforeAll(async () => {
  ada = await cookieFor(ACME, 'ada@acme.example');
  adaId = await userId(acmeDb(), 'ada@acme.example');
});

const auditCount = (entityId: string, action: string) =>
  scalar(
    acmeDb(),
    'SELECT count(*) AS n FROM audit_log WHERE entity_id = ? AND action = ?',
    entityId,
    action
  );

describe('Acknowledge', () => {
  it('records once against ada’s name; a repeat (even concurrent) changes nothing', async () => {
    const laptop = await assetId(acmeDb(), 'ACME-0001');
    expect(
      (await one<{ acknowledged_at: number | null }>(
        acmeDb(),
        'SELECT acknowledged_at FROM hardware_assets WHERE id = ?',
        laptop
      ))!.acknowledged_at
    ).toBeNull();
    const [a, b] = await Promise.all([
      apiWrite(ACME, `/my/hardware/${laptop}/acknowledge`, ada),
      apiWrite(ACME, `/my/hardware/${laptop}/acknowledge`, ada)
    ]);
    const bodies = [
      (await a.json()) as { alreadyAcknowledged: boolean; acknowledgedAt: number },
      (await b.json()) as { alreadyAcknowledged: boolean; acknowledgedAt: number }
    ];
    expect(bodies.map((x) => x.alreadyAcknowledged).sort()).toEqual([false, true]);
    expect(bodies[0]!.acknowledgedAt).toBe(bodies[1]!.acknowledgedAt);
    const third = (await (await apiWrite(ACME, `/my/hardware/${laptop}/acknowledge`, ada)).json()) as {
      acknowledgedAt: number;
    };
    expect(third.acknowledgedAt).toBe(bodies[0]!.acknowledgedAt);
    expect(await auditCount(laptop, 'hardware.acknowledged')).toBe(1);
    const audit = await one<{ actor_id: string }>(
      acmeDb(),
      `SELECT actor_id FROM audit_log WHERE entity_id = ? AND action = 'hardware.acknowledged'`,
      laptop
    );
    expect(audit!.actor_id).toBe(adaId);
    // The page shows the recorded acknowledgement instead of the button, and the form post is harmless.
    expect((await postForm(`${ACME}/my/hardware/${laptop}?/acknowledge`, {}, ada)).status).toBe(200);
    const html = await (await pageGet(ACME, `/my/hardware/${laptop}`, ada)).text();
    expect(html).toContain('Received and confirmed by <strong>Ada Lovelace</strong>');
    expect(html).not.toContain('>Acknowledge</button>');
    expect(await auditCount(laptop, 'hardware.acknowledged')).toBe(1);
  });
});

describe('Report a problem', () => {
  it('opens a maintenance record, notifies every active admin, audits, and shows on the item', async () => {
    const phone = await assetId(acmeDb(), 'ACME-0003');
    const admins = await scalar(
      acmeDb(),
      `SELECT count(*) AS n FROM users WHERE role = 'admin' AND status = 'active'`
    );
    const before = await scalar(
      acmeDb(),
      `SELECT count(*) AS n FROM notifications WHERE kind = 'problem_report'`
    );
    const res = await apiWrite(ACME, `/my/hardware/${phone}/problems`, ada, {
      description: 'Battery drains in two hours.',
      priority: 'high'
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const rec = await one<{ asset_id: string; reported_by: string; priority: string; status: string }>(
      acmeDb(),
      'SELECT * FROM maintenance_records WHERE id = ?',
      id
    );
    expect(rec).toMatchObject({ asset_id: phone, reported_by: adaId, priority: 'high', status: 'open' });
    expect(
      await scalar(acmeDb(), `SELECT count(*) AS n FROM notifications WHERE kind = 'problem_report'`)
    ).toBe(before + admins);
    const adminNote = await one<{ title: string }>(
      acmeDb(),
      `SELECT n.title FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.role = 'admin' AND n.kind = 'problem_report' ORDER BY n.created_at DESC`
    );
    expect(adminNote!.title).toContain('Ada Lovelace reported a problem with iPhone 15 (ACME-0003)');
    expect(
      await scalar(
        acmeDb(),
        `SELECT count(*) AS n FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.role <> 'admin' AND n.kind = 'problem_report'`
      )
    ).toBe(0);
    expect(await auditCount(id, 'maintenance.reported')).toBe(1);
    const detail = (await (await apiGet(ACME, `/my/hardware/${phone}`, ada)).json()) as {
      openProblems: { description: string }[];
    };
    expect(detail.openProblems.map((p) => p.description)).toContain('Battery drains in two hours.');
  });

  it('validates description and priority, through the page (kept values) and the API', async () => {
    const phone = await assetId(acmeDb(), 'ACME-0003');
    const before = await scalar(acmeDb(), 'SELECT count(*) AS n FROM maintenance_records');
    const api = await apiWrite(ACME, `/my/hardware/${phone}/problems`, ada, {
      description: '',
      priority: 'urgent'
    });
    expect(api.status).toBe(400);
    expect(((await api.json()) as { error: { fields: Record<string, string[]> } }).error.fields).toEqual({
      description: ['Describe the problem.'],
      priority: ['Choose a priority.']
    });
    const page = await postForm(
      `${ACME}/my/hardware/${phone}?/report`,
      {
        description: 'x'.repeat(4001),
        priority: 'low'
      },
      ada
    );
    expect(page.status).toBe(400);
    expect(await page.text()).toContain('Keep the description to 4,000 characters or fewer.');
    expect(await scalar(acmeDb(), 'SELECT count(*) AS n FROM maintenance_records')).toBe(before);
  });
});
