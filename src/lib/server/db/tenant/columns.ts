// Column helpers every tenant table shares: a random UUID primary key and a creation time in ms.
import { integer, text } from 'drizzle-orm/sqlite-core';

export const id = () =>
  text('id')
    .primaryKey()
    .$defaultFn(() => crypto.randomUUID());
export const createdAt = () =>
  integer('created_at')
    .notNull()
    .$defaultFn(() => Date.now());
