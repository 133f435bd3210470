// A provisioning run as a list of steps with their undo actions. On failure the finished steps are
// undone newest first; whatever cannot be undone is written to a record file and printed, so nothing
// is left half-made without a note of what to finish.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

interface Step {
  name: string;
  undo?: { describe: string; run: () => void };
}

export class Journal {
  private done: Step[] = [];

  private readonly operation: string;
  private readonly configPath: string;
  private readonly log: (line: string) => void;

  constructor(operation: string, configPath: string, log: (line: string) => void) {
    this.operation = operation;
    this.configPath = configPath;
    this.log = log;
  }

  /** Runs a step; `undo` is registered only once the step has succeeded. */
  step<T>(name: string, run: () => T, undo?: (result: T) => { describe: string; run: () => void }): T {
    this.log(`  … ${name}`);
    const result = run();
    this.done.push({ name, undo: undo?.(result) });
    return result;
  }

  /** Undoes the finished steps; returns the path of the record file if something is left to finish. */
  rollback(cause: unknown): string | null {
    const leftovers: string[] = [];
    for (const step of [...this.done].reverse()) {
      if (!step.undo) continue;
      try {
        step.undo.run();
        this.log(`  ↺ undone: ${step.undo.describe}`);
      } catch (err) {
        leftovers.push(
          `${step.undo.describe} — could not be undone: ${(err as Error).message.split('\n')[0]}`
        );
      }
    }
    if (leftovers.length === 0) return null;
    const dir = join(dirname(this.configPath), '.wrangler', 'workspace-ops');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${this.operation.replace(/[^a-z0-9-]+/gi, '-')}-${Date.now()}.json`);
    writeFileSync(
      file,
      JSON.stringify(
        {
          operation: this.operation,
          failedWith: String((cause as Error)?.message ?? cause),
          stepsDone: this.done.map((s) => s.name),
          toFinishByHand: leftovers
        },
        null,
        2
      )
    );
    return file;
  }
}
