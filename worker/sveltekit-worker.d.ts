// What `npm run build` writes and worker/pages.ts imports: SvelteKit's server (Vite's SSR output) and
// the manifest that @sveltejs/adapter-cloudflare generates for it.
declare module '*/.svelte-kit/output/server/index.js' {
  export { Server } from '@sveltejs/kit';
}

declare module '*/.svelte-kit/cloudflare-tmp/manifest.js' {
  export const manifest: import('@sveltejs/kit').SSRManifest;
  export const prerendered: Set<string>;
  export const base_path: string;
}
