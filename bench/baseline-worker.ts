// The bare baseline: the least a Worker can do. Every figure in the report is a ratio against it.
//
// `/storage-floor` is a second reference, not a baseline: the storage calls a signed-in page makes
// under issue 16's own rules (parts 1 and 2), with no application code around them. A warm isolate's
// `/my` makes exactly these (bench round-trip table; the KV session comes from the isolate's copy,
// auth/session-copies.ts): the D1 ledger check at the primary and one D1 batch of 6 statements
// through a read session, side by side. In `wrangler dev` the local D1 runs on the Worker's own
// workerd thread, so this is thread time every signed-in page pays before it renders anything. The
// statements select literals, cheaper than the app's indexed lookups: the floor errs low.
interface FloorEnv {
  FLOOR_DB: D1Database;
}

async function storageFloor(env: FloorEnv): Promise<Response> {
  const reads = env.FLOOR_DB.withSession('first-unconstrained');
  const [ledger, batch] = await Promise.all([
    env.FLOOR_DB.prepare('SELECT ?1 AS id, 0 AS revoked').bind('ledger').first(),
    reads.batch([1, 2, 3, 4, 5, 6].map((i) => reads.prepare('SELECT ?1 AS n, ?2 AS label').bind(i, 'row')))
  ]);
  return new Response(JSON.stringify({ ledger, statements: batch.length }), {
    headers: { 'content-type': 'application/json' }
  });
}

export default {
  fetch(request: Request, env: FloorEnv): Response | Promise<Response> {
    if (new URL(request.url).pathname === '/storage-floor') return storageFloor(env);
    return new Response('ok');
  }
};
