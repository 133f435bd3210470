// The filters of an admin list page, read from its URL with the list's schema (the same one the API
// and the CSV export use). A filter that does not parse is left out and reported beside its field;
// the others still apply, and the page echoes the raw text so nothing typed is lost.
import type { z } from 'zod';
import { fieldErrors } from '../../contracts/errors';

export interface ListQuery<T> {
  query: T;
  /** Field → messages, for the filters that were left out. */
  fields: Record<string, string[]>;
}

/** Every list schema accepts `{}` (all filters optional, page defaults to 1). */
export function listQueryFrom<S extends z.ZodType>(schema: S, url: URL): ListQuery<z.infer<S>> {
  const raw = Object.fromEntries(url.searchParams);
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { query: parsed.data, fields: {} };
  const fields = fieldErrors(parsed.error);
  const kept = schema.safeParse(Object.fromEntries(Object.entries(raw).filter(([k]) => !(k in fields))));
  return { query: kept.success ? kept.data : schema.parse({}), fields };
}

/** For a CSV export: the first problem with its filters, as one sentence for the error page. */
export function firstFilterProblem(fields: Record<string, string[]>): string {
  const first = Object.values(fields)[0]?.[0];
  return first ? `Some filters need attention: ${first}` : 'Some filters need attention.';
}
