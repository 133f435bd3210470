// Form posts → the plain values the pool item schema parses (and the form shows again on error).
export function poolItemFormValues(form: FormData): Record<string, string> {
  const get = (k: string) => String(form.get(k) ?? '');
  return {
    name: get('name'),
    assetTag: get('assetTag'),
    categoryId: get('categoryId'),
    description: get('description')
  };
}
