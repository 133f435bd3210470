// Words and fields of the three hardware catalog pages (Models, Categories, Locations).
import type { CatalogKind } from '$lib/contracts/admin-hardware';

export interface CatalogFieldSpec {
  name: string;
  label: string;
  select?: boolean;
  hint?: string;
}

export const CATALOG_COPY: Record<
  CatalogKind,
  { title: string; one: string; intro: string; detail: string | null; fields: CatalogFieldSpec[] }
> = {
  models: {
    title: 'Models',
    one: 'model',
    intro:
      'The makes and models assets are recorded as. The asset form and the CSV import pick from this list.',
    detail: 'Category',
    fields: [
      { name: 'manufacturer', label: 'Manufacturer', hint: 'Dell' },
      { name: 'name', label: 'Model name', hint: 'Latitude 7440' },
      { name: 'categoryId', label: 'Category', select: true }
    ]
  },
  categories: {
    title: 'Categories',
    one: 'category',
    intro:
      'Kinds of hardware (laptops, monitors, phones…). Models, loan pool items and hardware requests use them.',
    detail: null,
    fields: [{ name: 'name', label: 'Name', hint: 'Laptops' }]
  },
  locations: {
    title: 'Locations',
    one: 'location',
    intro: 'Where assets are kept: offices, stock rooms, sites.',
    detail: 'Address',
    fields: [
      { name: 'name', label: 'Name', hint: 'London office' },
      { name: 'address', label: 'Address' }
    ]
  }
};
