// Helpers for the migration data tests (migration-data.test.ts): a database built from the migration
// files up to a given one, in Node's built-in SQLite (see that file for why not D1).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { ROOT } from './helpers-ops';

export type Dir = 'tenant' | 'control';

export function files(dir: Dir): string[] {
  return readdirSync(join(ROOT, 'migrations', dir))
    .filter((f) => f.endsWith('.sql'))
    .sort();
}

/** A database with the migrations of `dir` applied up to, not including, `name`. */
export function databaseBefore(dir: Dir, name: string): DatabaseSync {
  const db = new DatabaseSync(':memory:');
  db.exec('PRAGMA foreign_keys = ON'); // as D1
  for (const f of files(dir)) {
    if (f === name) return db;
    db.exec(readFileSync(join(ROOT, 'migrations', dir, f), 'utf8'));
  }
  throw new Error(`no migration ${dir}/${name}`);
}

export function apply(db: DatabaseSync, dir: Dir, name: string): void {
  db.exec(readFileSync(join(ROOT, 'migrations', dir, name), 'utf8'));
}

export function tables(db: DatabaseSync): string[] {
  return (
    db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
      )
      .all() as { name: string }[]
  ).map((r) => r.name);
}

/** One migration's data test: build the database before it, add rows, apply it, check. */
export type MigrationCase = (dir: Dir, name: string) => void;
