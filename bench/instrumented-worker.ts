// The product Worker with its storage bindings recorded (bench/trace-bindings.ts): `npm run bench`
// starts it with `wrangler dev bench/instrumented-worker.ts` and reads, from the `x-bench-trace`
// response header, what each request cost in D1 / KV / Durable Object / Cache API calls and how many
// of them ran one after another. Never deployed; the throughput figures come from the plain Worker.
import worker from '../worker/index';
import { summarize, traceCacheApi, traceEnv, withTrace } from './trace-bindings';

export * from '../worker/index';

traceCacheApi();

export default {
  async fetch(request, env, ctx): Promise<Response> {
    const { trace, result } = withTrace(() => worker.fetch(request, traceEnv(env), ctx));
    const res = await result;
    if (res.status === 101 || res.webSocket) return res;
    const out = new Response(res.body, res);
    // Only calls started before the response was ready: waitUntil work (the session activity
    // write-back, at most every 5 minutes) happens after it and is not on the critical path.
    out.headers.set('x-bench-trace', JSON.stringify(summarize(trace)));
    return out;
  },
  scheduled: worker.scheduled
} satisfies ExportedHandler<Env>;
