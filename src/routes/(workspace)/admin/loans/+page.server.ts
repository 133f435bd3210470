import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireAdmin } from '$lib/server/http/require-admin';
import { lendSchema } from '$lib/contracts/admin';
import { fieldErrors } from '$lib/contracts/errors';
import {
  lendItemForWorkspace,
  listLoanPoolForWorkspace,
  returnLoanForWorkspace
} from '$lib/server/loans/admin-loans';
import { listActivePeopleForWorkspace } from '$lib/server/people/admin-people';
import { isoDate, addDays } from '$lib/server/dates';

export const load: PageServerLoad = async ({ locals, url }) => {
  const { site } = requireAdmin(locals, url, 'admin.inventory');
  const [items, people] = await Promise.all([
    listLoanPoolForWorkspace(site.db),
    listActivePeopleForWorkspace(site.db)
  ]);
  // ?lend=<itemId> opens the Lend form for that item: a plain link, so lending works without JavaScript.
  const lend = url.searchParams.get('lend');
  const lendItemId =
    lend && items.some((i) => i.id === lend && i.status === 'available' && !i.loan) ? lend : null;
  // ?added=<tag> after Add pool item's redirect: shown as a notice, never as HTML.
  const added = url.searchParams.get('added')?.slice(0, 64) ?? null;
  return {
    items,
    people,
    lendItemId,
    added,
    defaultDue: addDays(isoDate(Date.now()), 14),
    today: isoDate(Date.now())
  };
};

export const actions: Actions = {
  lend: async ({ locals, url, request }) => {
    const { site, actor } = requireAdmin(locals, url, 'admin.inventory');
    const form = await request.formData();
    const itemId = String(form.get('itemId') ?? '');
    const values = {
      userId: String(form.get('userId') ?? ''),
      dueDate: String(form.get('dueDate') ?? ''),
      notes: String(form.get('notes') ?? '')
    };
    const parsed = lendSchema.safeParse(values);
    if (!parsed.success) return fail(400, { lend: { itemId, values, fields: fieldErrors(parsed.error) } });
    const result = await lendItemForWorkspace(site.db, actor, itemId, parsed.data);
    if (result.ok) return { notice: 'Lent. It now shows in their My loans.' };
    if (result.code === 'not_found') error(404, { message: result.message, code: 'not_found' });
    if (result.code === 'invalid')
      return fail(400, { lend: { itemId, values, fields: result.fields ?? {} } });
    return fail(409, { problem: result.message });
  },
  return: async ({ locals, url, request }) => {
    const { site, actor } = requireAdmin(locals, url, 'admin.inventory');
    const form = await request.formData();
    const result = await returnLoanForWorkspace(site.db, actor, String(form.get('loanId') ?? ''));
    if (result.ok) return { notice: 'Marked returned. The item is available again.' };
    if (result.code === 'not_found') error(404, { message: result.message, code: 'not_found' });
    return fail(409, { problem: result.message });
  }
};
