// Reads the product and licence forms (all strings) into the shapes the schemas expect, and back for
// re-display after an error. A checkbox that is not ticked is simply absent from the form.
export const PRODUCT_FORM_FIELDS = ['name', 'vendor', 'description'] as const;
export const LICENCE_FORM_FIELDS = ['productId', 'edition', 'seats', 'renewalDate', 'cost', 'notes'] as const;

export function productFormValues(form: FormData): Record<string, string> {
  const values: Record<string, string> = Object.fromEntries(
    PRODUCT_FORM_FIELDS.map((f) => [f, String(form.get(f) ?? '')])
  );
  values.approved = form.get('approved') === 'on' ? 'on' : '';
  return values;
}

export function licenceFormValues(form: FormData): Record<string, string> {
  return Object.fromEntries(LICENCE_FORM_FIELDS.map((f) => [f, String(form.get(f) ?? '')]));
}
