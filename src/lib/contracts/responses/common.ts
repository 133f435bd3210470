// Building blocks of the API's response schemas (src/lib/contracts/responses/*). These describe what
// the API sends, for its OpenAPI description and the contract test; the handlers' `c.json(...)` calls
// are type-checked against them. Objects are strict (`additionalProperties: false` in the spec), so a
// field the API starts sending without describing it fails the contract test.
import * as z from 'zod';

export const epochMs = z.number().int().describe('Milliseconds since 1970-01-01T00:00:00Z.');
export const isoDay = z.string().describe('A calendar day, YYYY-MM-DD.');

/** One page of a list (PAGE_SIZE rows, 1-based pages). */
export const paged = <T extends z.ZodType>(item: T) =>
  z.strictObject({
    items: z.array(item),
    page: z.number().int(),
    pageSize: z.number().int(),
    total: z.number().int(),
    pageCount: z.number().int()
  });

/** `{ items: [...] }`: an unpaged list. */
export const listOf = <T extends z.ZodType>(item: T) => z.strictObject({ items: z.array(item) });

export const okSchema = z.strictObject({ ok: z.literal(true) });
export const okIdSchema = z.strictObject({ ok: z.literal(true), id: z.string() });
export const idSchema = z.strictObject({ id: z.string() });
