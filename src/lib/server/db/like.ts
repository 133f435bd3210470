// The SQL side of list searches: every LIKE in the tenant queries is built here, from the patterns of
// contracts/search.ts (escaped, and bounded at the boundary to what D1 accepts).
import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { likeContains, likeDottedPrefix } from '../../contracts/search';

/** `expr` contains `term`, ignoring case. */
export function containsIgnoringCase(expr: SQLWrapper, term: string): SQL {
  return sql`lower(${expr}) LIKE ${likeContains(term)} ESCAPE '\\'`;
}

/** `expr` is `term` followed by a dot and anything ("request" → "request.approved"). */
export function startsWithDotted(expr: SQLWrapper, term: string): SQL {
  return sql`${expr} LIKE ${likeDottedPrefix(term)} ESCAPE '\\'`;
}
