// Client-build patches of Svelte's and SvelteKit's runtime that cut bytes from every page
// (bench/README.md, "Issue 16, seventh pass"). Each patches exact text and fails the build when
// that text is not there exactly once, so a dependency update cannot silently drop or misapply it.
import { readdirSync, readFileSync } from 'node:fs';
import type { Plugin } from 'vite';
import { replaceExactlyOnce } from './replace-exactly-once';

const OWN_COMPONENT = /[\\/]src[\\/].*\.svelte$/;

/** True when `id` is one of our own components and its source, as written, matches `pattern`. */
function ownComponentUses(id: string, pattern: RegExp): boolean {
  return OWN_COMPONENT.test(id) && !id.includes('node_modules') && pattern.test(readFileSync(id, 'utf8'));
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
      if (ownComponentUses(id, /<svelte:boundary|\$effect\.pending/))
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

/**
 * SvelteKit's generated root binds each layout and page component (`bind:this={components[i]}`) so
 * that its client can read their `snapshot` export (`export const snapshot`, form state kept across
 * history navigation). No page here exports one (the client build refuses a component of ours that
 * does), so the array is only ever read empty; the browser build compiles the root without the
 * bindings, and Svelte's element/component-binding code leaves every page. SvelteKit then finds no
 * snapshot to capture or restore, as before.
 */
export function kitRootWithoutSnapshots(): Plugin {
  const root = /[\\/]\.svelte-kit[\\/]generated[\\/]root\.svelte$/;
  const binding = / bind:this=\{components\[\d+\]\}/g;
  return {
    name: 'ontrackio-kit-root-without-snapshots',
    enforce: 'pre',
    transform(code, id, options) {
      if (options?.ssr) return;
      if (ownComponentUses(id, /export\s+const\s+snapshot\b/))
        this.error(`${id}: snapshots need SvelteKit's component bindings (kitRootWithoutSnapshots)`);
      if (!root.test(id)) return;
      const bound = code.match(binding)?.length ?? 0;
      // One binding per layout level and the page, each written once or twice in the generated tree.
      if (bound === 0 || !code.includes('{#if constructors[1]}'))
        this.error('SvelteKit root changed: revisit kitRootWithoutSnapshots');
      return { code: code.replace(binding, ''), map: null };
    }
  };
}

/**
 * SvelteKit's client reads `app.hash` (`kit.router.type === 'hash'`, generated into app.js as a
 * constant) at run time in sixteen places, so the hash router's branches shipped on every page. This
 * app uses pathname routing (svelte.config.js sets no router type); the client build writes
 * `false` in its place, so the minifier drops those branches. If the generated app.js ever says
 * anything but `export const hash = false;`, or the client stops reading `app.hash`, the build fails.
 */
export function kitClientWithoutHashRouting(): Plugin {
  const client = /[\\/]@sveltejs[\\/]kit[\\/]src[\\/]runtime[\\/]client[\\/]client\.js$/;
  return {
    name: 'ontrackio-kit-client-without-hash-routing',
    transform(code, id, options) {
      if (options?.ssr || !client.test(id)) return;
      const changed = (): never =>
        this.error('SvelteKit client changed: revisit kitClientWithoutHashRouting');
      const app = readFileSync('.svelte-kit/generated/client-optimized/app.js', 'utf8');
      if (!app.includes('\nexport const hash = false;')) changed();
      const reads = code.match(/\bapp\.hash\b/g)?.length ?? 0;
      if (reads < 10) changed();
      return { code: code.replace(/\bapp\.hash\b/g, 'false'), map: null };
    }
  };
}

/**
 * SvelteKit's client fetch cache serves the responses a universal `load` (`+page.ts`, `+layout.ts`)
 * fetched during server rendering; the only other way in is the `fetch` it hands to a client
 * `reroute` hook. This app has neither (every load is a `+page.server.ts`/`+layout.server.ts`, no
 * `reroute` in a hooks file), so that cache is always empty: the `window.fetch` wrapper SvelteKit
 * installs (it drops cache entries on a non-GET) and the cache readers did nothing on any page. The
 * client build hands `reroute` the browser's `fetch` and leaves the wrapper out; the build fails if a
 * universal load or a `reroute` hook appears, or if SvelteKit's code changes.
 */
export function kitClientWithoutFetchCache(): Plugin {
  const client = /[\\/]@sveltejs[\\/]kit[\\/]src[\\/]runtime[\\/]client[\\/]client\.js$/;
  const fetcher = /[\\/]@sveltejs[\\/]kit[\\/]src[\\/]runtime[\\/]client[\\/]fetcher\.js$/;
  const rerouteFetch =
    'fetch: async (input, init) => {\n\t\t\t\t\t\treturn resolve_fetch_url(input, init, url).promise;\n\t\t\t\t\t}';
  const wrapper =
    "} else if (BROWSER) {\n\twindow.fetch = (input, init) => {\n\t\tconst method = input instanceof Request ? input.method : init?.method || 'GET';\n\n\t\tif (method !== 'GET') {\n\t\t\tcache.delete(build_selector(input));\n\t\t}\n\n\t\treturn native_fetch(input, init);\n\t};\n}";
  return {
    name: 'ontrackio-kit-client-without-fetch-cache',
    transform(code, id, options) {
      if (options?.ssr || !(client.test(id) || fetcher.test(id))) return;
      const changed = (): never => this.error('SvelteKit client changed: revisit kitClientWithoutFetchCache');
      const universal = readdirSync('src/routes', { recursive: true }).find((f) =>
        /(^|[\\/])\+(page|layout)\.[jt]s$/.test(String(f))
      );
      if (universal)
        this.error(`src/routes/${universal}: a universal load needs kitClientWithoutFetchCache gone`);
      if (
        !readFileSync('.svelte-kit/generated/client-optimized/app.js', 'utf8').includes(
          'reroute: (() => {}),'
        )
      )
        changed();
      const out = client.test(id)
        ? replaceExactlyOnce(code, rerouteFetch, 'fetch: window.fetch', changed)
        : replaceExactlyOnce(code, wrapper, '}', changed);
      return { code: out, map: null };
    }
  };
}

/**
 * Every template effect goes through Svelte's `flatten(blockers, sync, async, fn)`, which also holds
 * the path for `await` in markup and top-level `await` in a component's script (Svelte's
 * `experimental.async`, not enabled here: svelte.config.js). That path pulled `async_derived` and the
 * pending-work counters onto every page although the compiler never passes an async expression or
 * a blocker without the option. The client build ends `flatten` after its synchronous case; reaching
 * the rest throws (it would mean the option was turned on), and a change in Svelte's text fails the build.
 */
export function svelteWithoutAsync(): Plugin {
  const file = /[\\/]svelte[\\/]src[\\/]internal[\\/]client[\\/]reactivity[\\/]async\.js$/;
  const sync = '\tif (async.length === 0 && pending.length === 0) {\n\t\tfn(deriveds);\n\t\treturn;\n\t}\n';
  const stop =
    "\tthrow new Error('await in markup needs Svelte unpatched: see svelteWithoutAsync in scripts/vite-plugins/svelte-client.ts');\n";
  return {
    name: 'ontrackio-svelte-without-async',
    enforce: 'pre',
    transform(code, id, options) {
      if (options?.ssr || !file.test(id)) return;
      const changed = () => this.error('Svelte changed: revisit svelteWithoutAsync');
      return { code: replaceExactlyOnce(code, sync, sync + stop, changed), map: null };
    }
  };
}

/**
 * Svelte's shared `utils.js` builds `DOM_PROPERTIES` by spreading its list of boolean attributes into
 * a new array at module level. Only the compiler and the server read either list, but a spread is
 * not provably free of side effects, so the minifier kept the list (and the spread) on every page.
 * The client build wraps the array in an IIFE marked pure: unused, both go.
 */
export function svelteUtilsWithoutAttributeLists(): Plugin {
  const file = /[\\/]svelte[\\/]src[\\/]utils\.js$/;
  const start = 'const DOM_PROPERTIES = [\n\t...DOM_BOOLEAN_ATTRIBUTES,';
  const end =
    "\t'disableRemotePlayback'\n];\n\n/**\n * @param {string} name\n */\nexport function is_dom_property(";
  return {
    name: 'ontrackio-svelte-utils-without-attribute-lists',
    transform(code, id, options) {
      if (options?.ssr || !file.test(id)) return;
      const changed = () => this.error('Svelte changed: revisit svelteUtilsWithoutAttributeLists');
      const opened = replaceExactlyOnce(
        code,
        start,
        start.replace('= [', '= /* @__PURE__ */ (() => ['),
        changed
      );
      return { code: replaceExactlyOnce(opened, end, end.replace('];', '])();'), changed), map: null };
    }
  };
}
