import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig, type Plugin } from 'vite';

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

export default defineConfig({ plugins: [sveltekit(), workerServerEntry()] });
