// Client-build patches of Svelte's and SvelteKit's runtime that cut bytes from every page
// (bench/README.md, "Issue 16, seventh pass"). Each patches exact text and fails the build when
// that text is not there exactly once, so a dependency update cannot silently drop or misapply it.
import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';

/** `code` with its one occurrence of `from` replaced by `to`; `changed()` (fails the build) otherwise. */
export function replaceExactlyOnce(code: string, from: string, to: string, changed: () => never): string {
  if (code.split(from).length !== 2) changed();
  return code.replace(from, () => to);
}

/**
 * The root component mounts without a `<svelte:boundary>`. Svelte's `mount`/`hydrate` wrap every
 * root in a boundary with an empty `pending` snippet, for `await` in markup
 * (`experimental.async`) and `$effect.pending()`; that class (~1 KiB gzip with its helpers) was on
 * every page. This app uses neither, nor `<svelte:boundary>` (the client build refuses a component
 * of ours that does). What the root boundary did for this app, the replacement does the same way:
 * it consumes the hydration-open marker the server writes around the root (`<!--[-->`), then renders
 * the root in a branch of a transparent, preserved block (the boundary's own effect flags). Errors:
 * a boundary without `onerror`/`failed` rethrows every error to the effect above it, which is what
 * happens with no boundary at all (`invoke_error_boundary` skips effects that are not boundaries;
 * every other runtime read of `effect.b` is optional: `effect.b?.…`).
 */
export function svelteRootWithoutBoundary(): Plugin {
  const render = /[\\/]svelte[\\/]src[\\/]internal[\\/]client[\\/]render\.js$/;
  const ours = /[\\/]src[\\/].*\.svelte$/;
  const importLine = "import { boundary } from './dom/blocks/boundary.js';";
  const call =
    'boundary(\n\t\t\t/** @type {TemplateNode} */ (anchor_node),\n\t\t\t{\n\t\t\t\tpending: () => {}\n\t\t\t},';
  const rootBlock = [
    "import { block as __block, branch as __branch } from './reactivity/effects.js';",
    "import { hydrate_next as __hydrate_next } from './dom/hydration.js';",
    "import { EFFECT_TRANSPARENT as __TRANSPARENT, EFFECT_PRESERVED as __PRESERVED } from '#client/constants';",
    '/** The root without a boundary (vite: svelteRootWithoutBoundary). */',
    'function __root_block(node, children) {',
    '\t__block(() => {',
    '\t\tif (hydrating) __hydrate_next();',
    '\t\t__branch(() => children(node));',
    '\t}, __TRANSPARENT | __PRESERVED);',
    '}'
  ].join('\n');
  return {
    name: 'ontrackio-svelte-root-without-boundary',
    enforce: 'pre',
    transform(code, id, options) {
      if (options?.ssr) return;
      if (
        ours.test(id) &&
        !id.includes('node_modules') &&
        /<svelte:boundary|\$effect\.pending/.test(readFileSync(id, 'utf8'))
      )
        this.error(
          `${id}: <svelte:boundary> and $effect.pending need Svelte's root boundary (svelteRootWithoutBoundary)`
        );
      if (!render.test(id)) return;
      const changed = () => this.error('Svelte changed: revisit svelteRootWithoutBoundary');
      // The children callback and `transformError` follow the call as before; the block ignores the
      // latter (it only reaches a `failed` snippet, which the root never has).
      const out = replaceExactlyOnce(
        replaceExactlyOnce(code, importLine, rootBlock, changed),
        call,
        '__root_block(\n\t\t\t/** @type {TemplateNode} */ (anchor_node),',
        changed
      );
      return { code: out, map: null };
    }
  };
}
