import { error } from '@sveltejs/kit';
import { pageQuerySchema } from '../../contracts/my';

/** ?page=N for list pages; junk is a 400 page, never a 500. */
export function pageParam(url: URL): number {
  const parsed = pageQuerySchema.safeParse({ page: url.searchParams.get('page') ?? undefined });
  if (!parsed.success) error(400, { message: 'That page number is not valid.' });
  return parsed.data.page;
}
