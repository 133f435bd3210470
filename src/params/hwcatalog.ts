// /admin/hardware/{models,categories,locations}: the hardware catalog pages (one route for the three).
// Matchers run in the browser too and ship in the app entry: import nothing heavy (no zod) here.
import type { ParamMatcher } from '@sveltejs/kit';
import { CATALOG_KINDS, type CatalogKind } from '$lib/contracts/hardware-catalog-kinds';

export const match = ((param: string): param is CatalogKind =>
  (CATALOG_KINDS as readonly string[]).includes(param)) satisfies ParamMatcher;
