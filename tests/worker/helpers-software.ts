// Helpers for the Admin › Software tests: a fresh product + licence through the API, seat calls,
// and one run of the Worker's scheduled() handler (the daily Cron Trigger).
import { env } from 'cloudflare:workers';
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import worker from '../../worker/index';
import { apiWrite } from './helpers';

let n = 0;

/** A new catalog product and a licence for it, created by an admin through the API. */
export async function newLicence(
  origin: string,
  adminCookie: string,
  opts: { seats?: number; renewalDate?: string | null; approved?: boolean } = {}
) {
  n += 1;
  const name = `Test App ${Date.now().toString(36)}-${n}`;
  const product = await apiWrite(origin, '/admin/software', adminCookie, {
    name,
    vendor: 'Testware',
    approved: opts.approved ?? true
  });
  if (product.status !== 201) throw new Error(`product: ${product.status} ${await product.text()}`);
  const productId = ((await product.json()) as { id: string }).id;
  const licence = await apiWrite(origin, '/admin/licences', adminCookie, {
    productId,
    edition: 'Team',
    seats: opts.seats ?? 5,
    ...(opts.renewalDate ? { renewalDate: opts.renewalDate } : {})
  });
  if (licence.status !== 201) throw new Error(`licence: ${licence.status} ${await licence.text()}`);
  return { name, productId, licenceId: ((await licence.json()) as { id: string }).id };
}

export function assignSeat(origin: string, cookie: string | null, licenceId: string, userId: string) {
  return apiWrite(origin, `/admin/licences/${licenceId}/seats`, cookie, { userId });
}

/** Runs the Worker's exported scheduled() handler as the daily cron would, at `when`. */
export async function runCron(when = Date.now()) {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ scheduledTime: when, cron: '0 6 * * *' }), env, ctx);
  await waitOnExecutionContext(ctx);
}

/** YYYY-MM-DD `days` from today (UTC). */
export function dayFromToday(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}
