// The one rule for redirect targets that come from outside (next= on Sign in, back= on the theme
// switch, the target a two-step challenge or an SSO flow carries). Every such target goes through
// safeRedirectPath before it reaches a Location header.
//
// Invariants of a returned value:
//   - it starts with exactly one "/" (never "//", never "/\"), so a browser resolves it against this
//     origin and nothing else;
//   - it is the WHATWG serialisation of the parsed target (path, query, fragment), so it is plain
//     ASCII: a valid header value (no CR/LF, nothing above U+00FF) that a browser reads as we did;
//   - resolved against the workspace origin, it names a URL of that same origin.
// Browsers delete tabs and newlines from URLs and read "\" as "/", so "/\t/evil.example" or
// "/\evil.example" become "//evil.example" in the address bar: raw values with a control character or
// a backslash are refused before parsing, whatever the parser would make of them, and so are their
// percent-encoded forms (%09, %0D, %5C ...), in case anything downstream decodes once more.

const MAX_TARGET_LENGTH = 1024;
// The percent-encoded forms of C0 controls, DEL and the backslash (%09, %0D, %0A, %7F, %5C ...).
const ENCODED_FORBIDDEN = /%(?:[01][0-9a-f]|7f|5c)/i;

/** C0 controls (tab, CR, LF ...), DEL and C1 controls, and the backslash, raw or percent-encoded. */
function hasForbiddenCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c <= 0x1f || (c >= 0x7f && c <= 0x9f) || c === 0x5c) return true;
  }
  return ENCODED_FORBIDDEN.test(value);
}

/**
 * The same-origin path to redirect to, or null (the caller then uses its default page).
 * `origin` is the workspace's own origin (`url.origin` of the request).
 */
export function safeRedirectPath(value: string | null | undefined, origin: string): string | null {
  if (!value || value.length > MAX_TARGET_LENGTH) return null;
  if (!value.startsWith('/') || value.startsWith('//') || hasForbiddenCharacter(value)) return null;
  let target: URL;
  try {
    target = new URL(value, origin);
  } catch {
    return null;
  }
  if (target.origin !== origin) return null;
  const path = `${target.pathname}${target.search}${target.hash}`;
  // Dot segments can collapse into a leading "//" ("/.//evil.example" parses to the path
  // "//evil.example"): the serialised form must itself be a path of this origin.
  if (!path.startsWith('/') || path.startsWith('//') || new URL(path, origin).origin !== origin) return null;
  return path;
}
