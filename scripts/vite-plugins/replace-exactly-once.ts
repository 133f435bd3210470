/**
 * The build's plugins patch exact text in a dependency's code (vite.config.ts and this folder).
 * `code` with its one occurrence of `from` replaced by `to`; `changed()` (which fails the build) when
 * `from` is not there exactly once, so a dependency update that moves the text stops the build instead
 * of silently dropping the patch.
 */
export function replaceExactlyOnce(code: string, from: string, to: string, changed: () => never): string {
  if (code.split(from).length !== 2) changed();
  return code.replace(from, () => to);
}
