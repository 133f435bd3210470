/** Only same-site relative paths may be redirect targets after sign-in ("/my/agent?x=1" yes; "//evil", "https://" no). */
export function safeNextPath(value: string | null | undefined): string | null {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return null;
  if (value.length > 1024) return null;
  return value;
}
