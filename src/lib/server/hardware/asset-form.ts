// Reads the asset form (all strings) into the shape assetSchema expects, and back for re-display.
export const ASSET_FORM_FIELDS = [
  'assetTag',
  'serial',
  'modelId',
  'locationId',
  'status',
  'purchaseDate',
  'purchaseCost',
  'warrantyEnds',
  'notes'
] as const;

export function assetFormValues(form: FormData): Record<string, string> {
  return Object.fromEntries(ASSET_FORM_FIELDS.map((f) => [f, String(form.get(f) ?? '')]));
}
