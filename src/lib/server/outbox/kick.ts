// Waking the workspace's delivery loop. Cheap and safe to call too often: the Durable Object only
// sets an alarm, and the alarm finds nothing to do when nothing is due.
import type { OutboxDelivery } from '../../../../worker/durable-objects/outbox-delivery';

export interface OutboxKickEnv {
  OUTBOX: DurableObjectNamespace<OutboxDelivery>;
}

/** One delivery loop per workspace: the object is named by the workspace's slug. */
export function outboxLoopOf(env: OutboxKickEnv, slug: string) {
  return env.OUTBOX.get(env.OUTBOX.idFromName(slug));
}

export async function kickOutbox(env: OutboxKickEnv, slug: string): Promise<void> {
  await outboxLoopOf(env, slug).kick(slug);
}

/**
 * After any write request to a workspace (a form action, an API POST/PUT/PATCH/DELETE), wake its
 * delivery loop once the response is sent, so a change written to the outbox leaves within a second
 * rather than at the next scheduled kick. Services stay free of bindings: they only add a statement.
 */
export function kickOutboxAfterWrite(
  env: OutboxKickEnv,
  method: string,
  slug: string | null,
  defer: (work: Promise<unknown>) => void
): void {
  if (!slug || method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return;
  defer(
    kickOutbox(env, slug).catch((e) =>
      console.error(JSON.stringify({ event: 'outbox.kick_failed', slug, error: String(e) }))
    )
  );
}
