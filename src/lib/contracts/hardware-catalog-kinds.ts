// The hardware catalog's kinds, without zod: src/params/hwcatalog.ts (a route matcher) imports this, and
// matchers ship in the client's app entry, so anything imported here loads on every page.
export const CATALOG_KINDS = ['models', 'categories', 'locations'] as const;
export type CatalogKind = (typeof CATALOG_KINDS)[number];
