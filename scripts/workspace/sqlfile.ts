// SQL statements → a temporary file for `wrangler d1 execute --file` (one wrangler call per batch).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function withSqlFile<T>(statements: string[], use: (file: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'ontrackio-sql-'));
  const file = join(dir, 'batch.sql');
  writeFileSync(file, statements.join('\n') + '\n');
  try {
    return use(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
