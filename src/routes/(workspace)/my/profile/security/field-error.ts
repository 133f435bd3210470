/** The first message for one field of an action's field errors (zod's flattened errors), if any. */
export const fieldError = (fields: Record<string, string[]> | undefined, name: string): string | undefined =>
  fields?.[name]?.[0];
