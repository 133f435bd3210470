import adapter from '@sveltejs/adapter-cloudflare';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    // The adapter gets its own config so it never overwrites worker/index.ts (see STACK-NOTES).
    adapter: adapter({ config: 'wrangler.adapter.toml' }),
    // Strict CSP: no inline script runs but SvelteKit's own start script, which carries a fresh random
    // nonce per response. A nonce, not a hash: hashing the start script (it holds the page's data)
    // cost a SHA-256 in JavaScript on every render (bench/README.md, the /my profile). Every page is
    // rendered per request (none prerendered), so a nonce is always fresh.
    csp: {
      mode: 'nonce',
      directives: {
        'default-src': ['self'],
        'script-src': ['self'],
        'style-src': ['self', 'unsafe-inline'],
        'img-src': ['self', 'data:'],
        'connect-src': ['self'],
        'frame-ancestors': ['none'],
        'base-uri': ['self'],
        'form-action': ['self'],
        'object-src': ['none']
      }
    },
    // The browser asks the server which route a link leads to instead of downloading the route table
    // with every page (about 4 KiB gzip of JavaScript fewer per page; bench/README.md).
    router: { resolution: 'server' },
    // Every stylesheet is small: inlined into the page, so none blocks the first render (Lighthouse).
    inlineStyleThreshold: 16 * 1024,
    // SvelteKit's own Origin check on form posts stays on (the default).
    alias: { $contracts: 'src/lib/contracts' },
    // One type-check over the whole Worker: SvelteKit's generated tsconfig also covers the Hono side,
    // the Durable Objects, the generated Env, the scripts, the benchmarks and the e2e tests.
    typescript: {
      config: (cfg) => {
        cfg.include.push(
          '../worker/**/*.ts',
          '../worker-configuration.d.ts',
          '../scripts/**/*.ts',
          '../bench/**/*.ts',
          '../e2e/**/*.ts',
          '../vitest.config.ts',
          '../agent/**/*.ts'
        );
      }
    }
  }
};

export default config;
