import { sveltekit } from '@sveltejs/kit/vite';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { replaceExactlyOnce } from './scripts/vite-plugins/replace-exactly-once';
import { pagesWithoutEtag, serverDataAsPlainJson } from './scripts/vite-plugins/sveltekit-server';
import { drizzleCompiledRowMapping, drizzleEntityKindsOnce } from './scripts/vite-plugins/drizzle';
import {
  kitClientWithoutFetchCache,
  kitClientWithoutHashRouting,
  kitRootWithoutSnapshots,
  svelteRootWithoutBoundary,
  svelteUtilsWithoutAttributeLists,
  svelteWithoutAsync
} from './scripts/vite-plugins/svelte-client';

/**
 * Builds worker/server.ts (the API, cron jobs, SAML ACS and Durable Objects) in the same SSR build
 * as SvelteKit's server, so the deployed Worker carries one copy of src/lib/server: rolldown puts
 * the modules both sides use into shared chunks (docs/architecture.md, "One bundle").
 */
function workerServerEntry(): Plugin {
  return {
    name: 'ontrackio-worker-server-entry',
    config(config) {
      if (!config.build?.ssr) return;
      return { build: { rollupOptions: { input: { 'worker-server': 'worker/server.ts' } } } };
    },
    // Workers runtime modules stay imports; wrangler resolves them.
    resolveId(id) {
      if (id.startsWith('cloudflare:')) return { id, external: true };
    }
  };
}

/**
 * zod without its locales in the Worker. `@hono/zod-openapi` does `import { z } from "zod"` only to
 * hand `z` to `extendZodWithOpenApi(z)`, which reads nothing but `z.ZodType` (it patches the
 * prototype); passing the namespace as a value keeps every export of zod alive in the bundle,
 * every locale included (about 350 KiB minified). The SSR build takes the package in (noExternal)
 * and gives that call an object with `ZodType` alone. Consequence: `z` exported by
 * `@hono/zod-openapi` is that object, so the app imports zod as `import * as z from 'zod'`, never
 * `z` from '@hono/zod-openapi' (eslint.config.js forbids it). If the package's code changes, the
 * build fails here instead of silently shipping the locales again.
 */
function zodOpenApiWithoutLocales(): Plugin {
  const from = 'import { z } from "zod";';
  return {
    name: 'ontrackio-zod-openapi-without-locales',
    enforce: 'pre',
    config(config) {
      if (!config.build?.ssr) return;
      return { ssr: { noExternal: ['@hono/zod-openapi'] } };
    },
    transform(code, id) {
      if (!/[\\/]@hono[\\/]zod-openapi[\\/]dist[\\/]index\.mjs$/.test(id)) return;
      const changed = () =>
        this.error('@hono/zod-openapi changed: revisit zodOpenApiWithoutLocales in vite.config.ts');
      if (!code.includes('extendZodWithOpenApi(z);')) changed();
      const to = 'import { ZodType } from "zod";\nconst z = { ZodType };';
      return { code: replaceExactlyOnce(code, from, to, changed), map: null };
    }
  };
}

/**
 * The heavy libraries that only SAML and passkeys need ship as separate modules of the deployed
 * Worker (scripts/build-lazy-modules.ts builds worker/lazy/*.mjs), not inside the one bundle every
 * isolate parses. In the SSR build, src/lib/server/lazy-modules/load.ts (whose loaders import the
 * packages from source, as the worker tests run them) is replaced by worker/lazy-modules.ts (same
 * exports, importing the prebuilt modules) as the external `#lazy-modules` (package.json "imports"),
 * so that wrangler bundles it from worker/: there its `import('./lazy/x.mjs')` is relative to wrangler's module root, which is what
 * makes esbuild leave it an import of the additional module and workerd resolve it at run time.
 */
function lazyModulesAsSeparateFiles(): Plugin {
  const fromSource = fileURLToPath(new URL('./src/lib/server/lazy-modules/load.ts', import.meta.url));
  let ssr = false;
  return {
    name: 'ontrackio-lazy-modules-as-separate-files',
    enforce: 'pre',
    config(config) {
      ssr = Boolean(config.build?.ssr);
    },
    async resolveId(source, importer, options) {
      if (!ssr || !source.includes('lazy-modules')) return;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      if (resolved?.id.split('?')[0] === fromSource) return { id: '#lazy-modules', external: true };
    }
  };
}

/**
 * The browser side: Svelte's runtime, SvelteKit's client and their small helpers in ONE chunk instead
 * of eight. Every page loads all of them anyway; one file compresses better than eight (gzip starts a
 * fresh dictionary per file) and is one request, not eight (bench/README.md, JavaScript per page).
 * The app modules that every page loads too go in the same chunk: SvelteKit's generated root
 * component, the root layout and the root error page (SvelteKit fetches the error page on every
 * start), the card and logo the error page draws, and Vite's preload helper. Each was a file of its
 * own; the route nodes that hold them become one-line re-exports.
 * Left out: `$app/forms` (`enhance`), which only pages with an enhanced form import; it gets a chunk
 * of its own, `forms`, so a page without one does not download it, together with `$lib/forms` (the
 * `submitting` callback those pages share: no extra request for a few lines).
 * A second group, `portal`, holds the signed-in frame (AppShell, its theme switch and nav helper,
 * the My layout) that every My and admin page loads: one file instead of three. A third, `lists`,
 * holds what the list pages share (the empty state and the pager): one file instead of two. The date
 * and money formatters, which many pages use without a list (the token pages, the detail pages), are
 * a fourth, `format`: with the list components they cost such a page 650 bytes it does not use.
 */
function clientFrameworkChunk(): Plugin {
  const framework = /node_modules[\\/](svelte|@sveltejs[\\/]kit|esm-env|devalue|clsx)[\\/]/;
  const onlySomePages = /[\\/]@sveltejs[\\/]kit[\\/]src[\\/]runtime[\\/]app[\\/]forms\.js$/;
  const everyPage = anyOf(
    /^\0vite[\\/]preload-helper\.js$/,
    /[\\/]\.svelte-kit[\\/]generated[\\/]root\.(js|svelte)$/,
    /[\\/]src[\\/]lib[\\/]kit-root\.svelte\.ts$/,
    /[\\/]src[\\/]routes[\\/]\+(layout|error)\.svelte$/,
    /[\\/]src[\\/]lib[\\/]components[\\/](CenteredCard|Logo)\.svelte$/
  );
  const portal = anyOf(
    /[\\/]src[\\/]lib[\\/]components[\\/](AppShell|ThemeSwitch)\.svelte$/,
    /[\\/]src[\\/]lib[\\/]nav[\\/]portal-nav\.ts$/,
    /[\\/]src[\\/]routes[\\/]\(workspace\)[\\/]my[\\/]\+layout\.svelte$/
  );
  const forms = anyOf(onlySomePages, /[\\/]src[\\/]lib[\\/]forms[\\/][^\\/]+\.ts$/);
  const lists = /[\\/]src[\\/]lib[\\/]components[\\/]portal[\\/](EmptyState|Pager)\.svelte$/;
  const formatters = /[\\/]src[\\/]lib[\\/]format\.ts$/;
  return {
    name: 'ontrackio-client-framework-chunk',
    config(config) {
      if (config.build?.ssr) return;
      const inFramework = (id: string) =>
        (framework.test(id) && !onlySomePages.test(id)) || everyPage.test(id);
      return {
        build: {
          rollupOptions: {
            output: {
              codeSplitting: {
                groups: [
                  { name: 'framework', test: inFramework, priority: 2 },
                  { name: 'portal', test: portal, priority: 1 },
                  { name: 'forms', test: forms, priority: 1 },
                  { name: 'lists', test: lists, priority: 0 },
                  { name: 'format', test: formatters, priority: 0 }
                ]
              }
            }
          }
        }
      };
    }
  };
}

function anyOf(...patterns: RegExp[]): RegExp {
  return new RegExp(patterns.map((p) => p.source).join('|'));
}

/**
 * SvelteKit's client does `import * as svelte from 'svelte'` and reads five members of it (`fork`,
 * `onMount`, `settled`, `tick`, `untrack`), partly through `const { onMount, tick } = svelte`.
 * rolldown keeps such a namespace whole, so every page shipped all of Svelte's public API:
 * `createEventDispatcher`, `beforeUpdate`/`afterUpdate`, `hydratable`, `createRawSnippet`,
 * `getAbortSignal`, and `fork` although `kit.experimental.forkPreloads` is off. The client build
 * gives client.js those five as named imports, so the rest is tree-shaken. If the file uses the
 * namespace in any other way, the build fails here instead of shipping a page that cannot start.
 */
function kitClientNamedSvelteImports(): Plugin {
  const from = "import * as svelte from 'svelte';";
  const destructure = 'const { onMount, tick } = svelte;';
  const used = ['fork', 'onMount', 'settled', 'tick', 'untrack'];
  const member = new RegExp(`\\bsvelte\\s*\\.\\s*(${used.join('|')})\\b`, 'g');
  // `svelte` as a value: followed by `.`, `[`, `;`, `,`, `)` or `}` (comments say "svelte experimental").
  const leftover = /(?<![\w$./'"@-])svelte\s*[.[;,)}]/;
  return {
    name: 'ontrackio-kit-client-named-svelte-imports',
    transform(code, id, options) {
      // Only the browser bundle: on the server `svelte` resolves to its server build (no `fork`).
      if (options?.ssr) return;
      if (!/[\\/]@sveltejs[\\/]kit[\\/]src[\\/]runtime[\\/]client[\\/]client\.js$/.test(id)) return;
      const changed = () => this.error('SvelteKit client changed: revisit kitClientNamedSvelteImports');
      const named = `import { ${used.map((m) => `${m} as __svelte_${m}`).join(', ')} } from 'svelte';`;
      const out = replaceExactlyOnce(
        replaceExactlyOnce(code, from, named, changed),
        destructure,
        'const onMount = __svelte_onMount, tick = __svelte_tick;',
        changed
      ).replace(member, '__svelte_$1');
      if (leftover.test(out)) changed();
      return { code: out, map: null };
    }
  };
}

/**
 * No deep-state proxy in the browser. Svelte's `set(source, value, should_proxy)` and `prop()` (for
 * `$bindable` props) reference `proxy()`, so its ~1 KiB gzip shipped on every page although no
 * component here keeps deep state: every `$state` of ours is `$state.raw` (primitives, elements and
 * class fields that are only ever reassigned) and no prop is `$bindable`, so the compiler never asks
 * for a proxy. The client build drops the two `proxy(value)` branches and fails, here, on any
 * component of ours that uses `$state(` or `$bindable(`, or if Svelte's code changes.
 */
function svelteWithoutDeepState(): Plugin {
  const rewrites: [RegExp, string, string][] = [
    [
      /[\\/]svelte[\\/]src[\\/]internal[\\/]client[\\/]reactivity[\\/]sources\.js$/,
      'should_proxy ? proxy(value) : value',
      'value'
    ],
    [
      /[\\/]svelte[\\/]src[\\/]internal[\\/]client[\\/]reactivity[\\/]props\.js$/,
      'runes && bindable ? proxy(value) : value',
      'value'
    ]
  ];
  const ours = /[\\/]src[\\/].*\.svelte(\.[jt]s)?$/;
  const deep = /\$state\s*(<[^(]*>)?\s*\(|\$bindable\s*\(/;
  return {
    name: 'ontrackio-svelte-without-deep-state',
    enforce: 'pre',
    transform(code, id, options) {
      if (options?.ssr) return;
      // The source as written (by now the compiler may have turned `$state(` into `$.state(`).
      if (ours.test(id) && !id.includes('node_modules') && deep.test(readFileSync(id, 'utf8')))
        this.error(`${id}: use $state.raw (no deep state, no $bindable; see svelteWithoutDeepState)`);
      for (const [file, from, to] of rewrites) {
        if (!file.test(id)) continue;
        const changed = () => this.error('Svelte changed: revisit svelteWithoutDeepState');
        return { code: replaceExactlyOnce(code, from, to, changed), map: null };
      }
    }
  };
}

/**
 * SvelteKit's generated root.js is `asClassComponent(Root)` from `svelte/legacy`: every page shipped
 * that Svelte 4 compatibility layer for the two things SvelteKit's client does with its root (construct,
 * `$set`). The browser build uses `$lib/kit-root.svelte.ts` instead, given the props the root declares;
 * if the generated file changes shape, the build fails here.
 */
function kitRootWithoutLegacy(): Plugin {
  return {
    name: 'ontrackio-kit-root-without-legacy',
    transform(code, id, options) {
      if (options?.ssr || !/[\\/]\.svelte-kit[\\/]generated[\\/]root\.js$/.test(id)) return;
      const changed = (): never => this.error('SvelteKit root changed: revisit kitRootWithoutLegacy');
      const root = readFileSync(id.replace(/\.js$/, '.svelte'), 'utf8');
      const declared = /let \{([^}]*)\} = \$props\(\)/.exec(root)?.[1] ?? changed();
      const keys = declared.split(',').map((k) => k.split('=')[0].trim());
      const out = replaceExactlyOnce(
        replaceExactlyOnce(code, "import { asClassComponent } from 'svelte/legacy';", '', changed),
        'export default asClassComponent(Root);',
        `import { kitRoot } from '$lib/kit-root.svelte';\nexport default kitRoot(Root, ${JSON.stringify(keys)});`,
        changed
      );
      return { code: out, map: null };
    }
  };
}

export default defineConfig({
  plugins: [
    sveltekit(),
    workerServerEntry(),
    zodOpenApiWithoutLocales(),
    lazyModulesAsSeparateFiles(),
    clientFrameworkChunk(),
    kitClientNamedSvelteImports(),
    kitRootWithoutLegacy(),
    svelteWithoutDeepState(),
    svelteRootWithoutBoundary(),
    svelteWithoutAsync(),
    svelteUtilsWithoutAttributeLists(),
    kitRootWithoutSnapshots(),
    kitClientWithoutHashRouting(),
    kitClientWithoutFetchCache(),
    pagesWithoutEtag(),
    serverDataAsPlainJson(),
    drizzleCompiledRowMapping(),
    drizzleEntityKindsOnce()
  ]
});
