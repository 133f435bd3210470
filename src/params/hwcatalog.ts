// /admin/hardware/{models,categories,locations}: the hardware catalog pages (one route for the three).
import type { ParamMatcher } from '@sveltejs/kit';
import { CATALOG_KINDS, type CatalogKind } from '$lib/contracts/admin-hardware';

export const match = ((param: string): param is CatalogKind => (CATALOG_KINDS as readonly string[]).includes(param)) satisfies ParamMatcher;
