// What `node:async_hooks` resolves to in the deployed Worker (wrangler.toml [alias]): nothing.
//
// SvelteKit and Svelte each `import('node:async_hooks')` and keep an AsyncLocalStorage when they
// find one; a failed import is their documented fallback (runtimes without it): `with_request_store`
// then sets the request for the synchronous part of each call instead of wrapping every load, hook
// and render in `als.run` (about 3% of a page's CPU, plus an async context carried by every promise).
// What needs ALS is getRequestEvent() after an `await`, remote functions and async SSR: this app uses
// none (eslint.config.js forbids importing them from $app/server). A static import of
// `AsyncLocalStorage` anywhere in the bundle fails the build ("No matching export"), loudly.
export {};
