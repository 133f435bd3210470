// The daily webhook events (issue 14 §3): a loan overdue, a device not seen for a week and a licence
// renewing each fire once, however often the daily job runs.
import { beforeAll, describe, expect, it } from 'vitest';
import { WEBHOOK_EVENT_TYPES } from '../../src/lib/contracts/webhook-events';
import { emitDailyWebhookEvents } from '../../src/lib/server/webhooks/daily-events';
import { isoDate } from '../../src/lib/server/dates';
import { acmeDb } from './helpers-data';
import { createUser } from './helpers-security';
import { acme, lastOutboxId, outboxEventsSince, receiverEndpoint, uniqueName } from './helpers-webhooks';

let endpointId: string;
beforeAll(async () => {
  endpointId = (await receiverEndpoint(uniqueName(), [...WEBHOOK_EVENT_TYPES])).id;
});
const eventsSince = (afterId: number) => outboxEventsSince(endpointId, afterId);
const mark = () => lastOutboxId(endpointId);

describe('daily events', () => {
  it('a loan overdue, a device not seen for a week and a licence renewing fire once, however often the job runs', async () => {
    const user = await createUser(acmeDb());
    const now = Date.now();
    const itemId = crypto.randomUUID();
    const loanId = crypto.randomUUID();
    const deviceId = crypto.randomUUID();
    const productId = crypto.randomUUID();
    const licenceId = crypto.randomUUID();
    await acmeDb().batch([
      acmeDb()
        .prepare(
          "INSERT INTO loan_pool_items (id, name, asset_tag, status) VALUES (?, 'Old tablet', ?, 'on_loan')"
        )
        .bind(itemId, `OD-${itemId.slice(0, 8)}`),
      acmeDb()
        .prepare('INSERT INTO loans (id, item_id, user_id, lent_at, due_date) VALUES (?, ?, ?, ?, ?)')
        .bind(loanId, itemId, user.id, now - 20 * 86_400_000, isoDate(now - 3 * 86_400_000)),
      acmeDb()
        .prepare(
          "INSERT INTO agent_devices (id, user_id, credential_hash, hostname, os_name, status, enrolled_at, last_seen_at) VALUES (?, ?, ?, 'QUIET-PC', 'Windows', 'active', ?, ?)"
        )
        .bind(deviceId, user.id, crypto.randomUUID(), now - 30 * 86_400_000, now - 8 * 86_400_000),
      acmeDb()
        .prepare("INSERT INTO software_products (id, name, vendor, approved) VALUES (?, ?, 'Hooks Inc', 1)")
        .bind(productId, `Hookware ${productId.slice(0, 6)}`),
      acmeDb()
        .prepare(
          "INSERT INTO licences (id, product_id, edition, seats, renewal_date, created_at) VALUES (?, ?, 'Team', 5, ?, 1)"
        )
        .bind(licenceId, productId, isoDate(now + 5 * 86_400_000))
    ]);
    const m = await mark();
    await emitDailyWebhookEvents(acme(), now);
    await emitDailyWebhookEvents(acme(), now + 3600_000);
    const mine = (await eventsSince(m)).filter(
      (e) =>
        (e.type === 'loan.overdue' && e.data.loan.id === loanId) ||
        (e.type === 'device.not_seen' && e.data.device.id === deviceId) ||
        (e.type === 'licence.renewing' && e.data.licence.id === licenceId)
    );
    expect(mine.map((e) => e.type).sort()).toEqual(['device.not_seen', 'licence.renewing', 'loan.overdue']);
    expect(mine.find((e) => e.type === 'licence.renewing')!.data).toMatchObject({
      daysLeft: 5,
      threshold: 7
    });
  });
});
