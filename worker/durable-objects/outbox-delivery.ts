// The delivery loop of one workspace (named by its slug; src/lib/server/outbox/index.ts describes the
// outbox). Durable Object alarms are the loop: `kick()` asks for an alarm now, the alarm drains every
// due change and sets the next alarm for the earliest waiting retry. One object per workspace means one
// drain at a time per workspace, so per-key ordering needs no locks.
// Alarms run at least once and are retried on a throw; the drain's conditional updates make a repeated
// run harmless.
import { DurableObject } from 'cloudflare:workers';
import { drainOutbox, type DrainResult } from '../../src/lib/server/outbox/drain';
import { OUTBOX_HANDLERS } from '../../src/lib/server/outbox/channels';
import { openActiveWorkspaceDb } from '../../src/lib/server/tenancy/workspace-db';

export class OutboxDelivery extends DurableObject<Env> {
  // Per-object, in-memory: whether an alarm is draining now, and whether a kick came in meanwhile.
  private draining = false;
  private kickedWhileDraining = false;

  /** Wake the loop: an alarm now (or right after the drain in progress). */
  async kick(slug: string): Promise<void> {
    if ((await this.ctx.storage.get<string>('slug')) !== slug) await this.ctx.storage.put('slug', slug);
    if (this.draining) {
      this.kickedWhileDraining = true;
      return;
    }
    await this.ctx.storage.setAlarm(Date.now());
  }

  async alarm(): Promise<void> {
    await this.drainNow();
  }

  /** One drain (also what the alarm runs); returns what it did. */
  async drainNow(): Promise<DrainResult | null> {
    const slug = await this.ctx.storage.get<string>('slug');
    if (!slug) return null;
    if (this.draining) {
      this.kickedWhileDraining = true;
      return null;
    }
    const db = await openActiveWorkspaceDb(this.env, slug);
    if (!db) return null;
    this.draining = true;
    this.kickedWhileDraining = false;
    let result: DrainResult;
    try {
      result = await drainOutbox(db, this.env, slug, OUTBOX_HANDLERS);
    } finally {
      this.draining = false;
    }
    const next = this.kickedWhileDraining ? Date.now() : result.nextDueAt;
    if (next !== null) await this.ctx.storage.setAlarm(Math.max(next, Date.now()));
    return result;
  }
}
