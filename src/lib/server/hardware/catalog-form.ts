// Reads a catalog form (Models, Categories, Locations) into strings for the kind's schema and back.
import { CATALOG_FIELDS, CATALOG_SCHEMAS, type CatalogKind } from '../../contracts/admin-hardware';
import { fieldErrors } from '../../contracts/errors';

export function catalogFormValues(kind: CatalogKind, form: FormData): Record<string, string> {
  return Object.fromEntries(CATALOG_FIELDS[kind].map((f) => [f, String(form.get(f) ?? '')]));
}

export function parseCatalogForm(
  kind: CatalogKind,
  values: Record<string, string>
): { data: Record<string, unknown> } | { fields: Record<string, string[]> } {
  const parsed = CATALOG_SCHEMAS[kind].safeParse(values);
  return parsed.success
    ? { data: parsed.data as Record<string, unknown> }
    : { fields: fieldErrors(parsed.error) };
}
