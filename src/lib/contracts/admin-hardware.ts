// Admin › Hardware: the catalog (models, categories, locations) and the CSV import's API body.
// Form posts arrive as strings, JSON as typed values; "" means "not given".
import * as z from 'zod';
import { CATALOG_KINDS, type CatalogKind } from './hardware-catalog-kinds';

export { CATALOG_KINDS, type CatalogKind };

const blank = (v: unknown) =>
  typeof v === 'string' ? (v.trim() === '' ? undefined : v.trim()) : v === null ? undefined : v;
const name = (what: string, max: number) =>
  z
    .string({ error: `Enter a ${what}.` })
    .trim()
    .min(1, `Enter a ${what}.`)
    .max(max, `Keep the ${what} to ${max} characters or fewer.`);

export const categorySchema = z.object({ name: name('name', 64) });
export const locationSchema = z.object({
  name: name('name', 128),
  address: z.preprocess(blank, z.string().max(500, 'Keep the address to 500 characters or fewer.').optional())
});
export const modelSchema = z.object({
  manufacturer: name('manufacturer', 64),
  name: name('model name', 128),
  categoryId: z
    .string({ error: 'Choose a category.' })
    .trim()
    .min(1, 'Choose a category.')
    .max(64, 'Choose a category from the list.')
});
export type CategoryInput = z.infer<typeof categorySchema>;
export type LocationInput = z.infer<typeof locationSchema>;
export type ModelInput = z.infer<typeof modelSchema>;

export const CATALOG_SCHEMAS = {
  models: modelSchema,
  categories: categorySchema,
  locations: locationSchema
} as const;
export type CatalogInput<K extends CatalogKind> = z.infer<(typeof CATALOG_SCHEMAS)[K]>;

/** The form fields per kind, in display order (pages render these; the API takes the same names). */
export const CATALOG_FIELDS: Record<CatalogKind, readonly string[]> = {
  models: ['manufacturer', 'name', 'categoryId'],
  categories: ['name'],
  locations: ['name', 'address']
};

/** POST /api/v1/admin/hardware/import(/preview): the CSV as text, or its raw bytes in base64 (so the
 *  UTF-8 check applies to what the file really holds). Exactly one of the two. */
export const csvImportBodySchema = z
  .object({
    csv: z.string().optional(),
    csvBase64: z.string().max(1_500_000, 'The file is too large.').optional()
  })
  .refine((b) => (b.csv === undefined) !== (b.csvBase64 === undefined), {
    message: 'Send either csv or csvBase64.',
    path: ['csv']
  });
export type CsvImportBody = z.infer<typeof csvImportBodySchema>;
