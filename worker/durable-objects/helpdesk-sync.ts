// The inbound help-desk sync of one workspace (named by its slug). Serialises pulls: a nudge that
// arrives while a pull runs makes that pull go round once more instead of starting a second one, so a
// burst of webhooks costs one or two reads of the help desk's history, never twenty.
import { DurableObject } from 'cloudflare:workers';
import { pullHelpdeskChanges, type PullResult } from '../../src/lib/server/helpdesk/inbound';
import { openActiveWorkspaceDb } from '../../src/lib/server/tenancy/workspace-db';

export class HelpdeskSync extends DurableObject<Env> {
  // Per-object, in-memory: the pull in progress and whether another nudge came in meanwhile.
  private running: Promise<PullResult | null> | null = null;
  private again = false;

  /** Reads the help desk's changes since the cursor; resolves when this nudge has been served. */
  async pull(slug: string): Promise<PullResult | null> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.loop(slug);
    try {
      return await this.running;
    } finally {
      this.running = null;
    }
  }

  private async loop(slug: string): Promise<PullResult | null> {
    const db = await openActiveWorkspaceDb(this.env, slug);
    if (!db) return null;
    let result: PullResult | null;
    do {
      this.again = false;
      result = await pullHelpdeskChanges(this.env, db);
    } while (this.again);
    return result;
  }
}
