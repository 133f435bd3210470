// Admin › Software (issue 6): the daily renewal reminder cron (idempotent, preferences honoured,
// suspended and broken workspaces).
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { ACME, adminCookie, apiWrite, GLOBEX } from './helpers';
import { acmeDb, globexDb, one, scalar, userId } from './helpers-data';
import { createUser } from './helpers-security';
import { assignSeat, dayFromToday, newLicence, runCron } from './helpers-software';
import { runDailyJobs } from '../../worker/scheduled';

let admin: string;
let adminId: string;
let adaId: string;
let globexAdmin: string;
beforeAll(async () => {
  admin = await adminCookie(ACME);
  globexAdmin = await adminCookie(GLOBEX);
  adminId = await userId(acmeDb(), 'admin@acme.example');
  adaId = await userId(acmeDb(), 'ada@acme.example');
});

const audits = (entityId: string, action: string, db = acmeDb()) =>
  scalar(db, 'SELECT count(*) AS n FROM audit_log WHERE entity_id = ? AND action = ?', entityId, action);

describe('renewal reminders (daily cron)', () => {
  const remindersFor = (userId: string, title: string, db = acmeDb()) =>
    scalar(
      db,
      "SELECT count(*) AS n FROM notifications WHERE user_id = ? AND kind = 'renewal_reminder' AND title = ?",
      userId,
      title
    );

  it('notifies holders and admins once per threshold; a second run sends nothing; preferences honoured', async () => {
    const { name, licenceId, productId } = await newLicence(ACME, admin, {
      seats: 5,
      renewalDate: dayFromToday(7)
    });
    const [holder, optedOut, suspended] = await Promise.all([createUser(), createUser(), createUser()]);
    for (const p of [holder, optedOut, suspended])
      expect((await assignSeat(ACME, admin, licenceId, p.id)).status).toBe(201);
    await acmeDb()
      .prepare(
        'INSERT INTO notification_preferences (user_id, renewal_alerts, request_alerts) VALUES (?, 0, 1)'
      )
      .bind(optedOut.id)
      .run();
    await acmeDb().prepare("UPDATE users SET status = 'suspended' WHERE id = ?").bind(suspended.id).run();
    const title = `${name} Team renews in 7 days`;

    await runCron();
    await runCron();

    expect(await remindersFor(holder.id, title)).toBe(1);
    expect(await remindersFor(adminId, title)).toBe(1);
    expect(await remindersFor(optedOut.id, title)).toBe(0);
    expect(await remindersFor(suspended.id, title)).toBe(0);
    expect(await remindersFor(adaId, title)).toBe(0); // not a holder, not an admin
    expect(
      await one(acmeDb(), 'SELECT link FROM notifications WHERE user_id = ? AND title = ?', holder.id, title)
    ).toEqual({ link: '/my/software' });
    expect(
      await one(acmeDb(), 'SELECT link FROM notifications WHERE user_id = ? AND title = ?', adminId, title)
    ).toEqual({ link: `/admin/software/licences/${licenceId}` });
    expect(await audits(licenceId, 'licence.renewal_reminder_sent')).toBe(1);
    expect(
      await scalar(
        acmeDb(),
        'SELECT count(*) AS n FROM licence_reminders_sent WHERE licence_id = ?',
        licenceId
      )
    ).toBe(1);

    // The next threshold (1 day) is a new reminder, once; a changed renewal date re-arms.
    const put = await apiWrite(
      ACME,
      `/admin/licences/${licenceId}`,
      admin,
      { productId, edition: 'Team', seats: 5, renewalDate: dayFromToday(1) },
      'PUT'
    );
    expect(put.status).toBe(200);
    await runCron();
    await runCron();
    expect(await remindersFor(holder.id, `${name} Team renews tomorrow`)).toBe(1);
    expect(await remindersFor(holder.id, title)).toBe(1);
    expect(await audits(licenceId, 'licence.renewal_reminder_sent')).toBe(2);
  });

  it('a day inside a threshold sends only that threshold; outside 30 days nothing', async () => {
    const far = await newLicence(ACME, admin, { renewalDate: dayFromToday(31) });
    const near = await newLicence(ACME, admin, { renewalDate: dayFromToday(20) });
    await runCron();
    expect(
      await scalar(
        acmeDb(),
        'SELECT count(*) AS n FROM licence_reminders_sent WHERE licence_id = ?',
        far.licenceId
      )
    ).toBe(0);
    expect(
      await one(acmeDb(), 'SELECT threshold FROM licence_reminders_sent WHERE licence_id = ?', near.licenceId)
    ).toEqual({ threshold: 30 });
    expect(await remindersFor(adminId, `${near.name} Team renews in 20 days`)).toBe(1);
  });

  it('suspended workspaces are skipped; a broken workspace is logged and the others still run', async () => {
    const control = env.DB_CONTROL;
    const globexAdminId = await userId(globexDb(), 'admin@globex.example');
    const g = await newLicence(GLOBEX, globexAdmin, { renewalDate: dayFromToday(3) });
    const a = await newLicence(ACME, admin, { renewalDate: dayFromToday(3) });
    const gTitle = `${g.name} Team renews in 3 days`;
    await control.prepare("UPDATE workspaces SET status = 'suspended' WHERE slug = 'globex'").run();
    // A registry row whose binding this deploy lacks: sorted first ("aaa…"), so it fails before the others.
    await control
      .prepare(
        "INSERT INTO workspaces (slug, name, status, db_binding, created_at, updated_at) VALUES ('aaa-broken', 'Broken', 'active', 'DB_AAA_BROKEN', 1, 1)"
      )
      .run();
    try {
      const result = await runDailyJobs(env, Date.now());
      expect(result.failed).toEqual(['aaa-broken']);
      expect(Object.keys(result.workspaces)).toEqual(['acme']);
      expect(await remindersFor(adminId, `${a.name} Team renews in 3 days`)).toBe(1);
      expect(await remindersFor(globexAdminId, gTitle, globexDb())).toBe(0);
    } finally {
      await control.prepare("UPDATE workspaces SET status = 'active' WHERE slug = 'globex'").run();
      await control.prepare("DELETE FROM workspaces WHERE slug = 'aaa-broken'").run();
    }
    await runCron();
    expect(await remindersFor(globexAdminId, gTitle, globexDb())).toBe(1);
    expect(await audits(g.licenceId, 'licence.renewal_reminder_sent', globexDb())).toBe(1);
  });
});
