// Maintenance notes live in maintenance_records.notes as a JSON array of
// { id, at, by, author, body } (no separate table: the data model has one notes column).
// Appending is one SQL expression (json_insert … '$[#]'), so two admins adding notes at once both keep
// theirs. A notes value that is not a JSON array (hand-entered text) reads as a single older note.
import { sql, type SQL } from 'drizzle-orm';
import { maintenanceRecords } from '../db/tenant-schema';

export interface MaintenanceNote {
  id: string;
  at: number;
  /** The author's user id (null for a legacy text note). */
  by: string | null;
  author: string;
  body: string;
}

export function parseNotes(raw: string | null, fallbackAt: number): MaintenanceNote[] {
  if (!raw || raw.trim() === '') return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    if (Array.isArray(parsed)) {
      return parsed
        .filter(
          (n): n is Record<string, unknown> =>
            typeof n === 'object' && n !== null && typeof (n as { body?: unknown }).body === 'string'
        )
        .map((n, i) => ({
          id: typeof n.id === 'string' ? n.id : `note-${i}`,
          at: typeof n.at === 'number' ? n.at : fallbackAt,
          by: typeof n.by === 'string' ? n.by : null,
          author: typeof n.author === 'string' ? n.author : 'IT',
          body: n.body as string
        }));
    }
  } catch {
    // not JSON: a plain-text note written before notes were structured
  }
  return [{ id: 'note-legacy', at: fallbackAt, by: null, author: 'IT', body: raw }];
}

/** SQL for "notes with this one appended", keeping a legacy plain-text value as the first note. */
export function appendNoteSql(note: MaintenanceNote): SQL {
  const n = maintenanceRecords.notes;
  const entry = sql`json_object('id', ${note.id}, 'at', ${note.at}, 'by', ${note.by}, 'author', ${note.author}, 'body', ${note.body})`;
  const existing = sql`CASE
    WHEN ${n} IS NULL OR trim(${n}) = '' THEN '[]'
    WHEN json_valid(${n}) AND json_type(${n}) = 'array' THEN ${n}
    ELSE json_array(json_object('id', 'note-legacy', 'at', ${maintenanceRecords.createdAt}, 'by', NULL, 'author', 'IT', 'body', ${n}))
  END`;
  return sql`json_insert(${existing}, '$[#]', json(${entry}))`;
}
