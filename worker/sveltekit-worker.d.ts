// The SvelteKit worker that the adapter writes at build time (npm run build).
declare module '*/.svelte-kit/cloudflare/_worker.js' {
  const worker: { fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> };
  export default worker;
}
