import { sql } from 'drizzle-orm';
import { integer, text } from 'drizzle-orm/sqlite-core';

/** ULIDs as text: sortable, never a sequential number leaked to the public. */
export const id = () => text('id').primaryKey();
/** UTC ISO-8601 text, which sorts and compares correctly as a string. */
export const timestamp = (name: string) => text(name);
export const createdAt = () =>
  text('created_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`);
export const updatedAt = () =>
  text('updated_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`);
/** Optimistic concurrency: the ETag of a row is its version. */
export const version = () => integer('version').notNull().default(1);
export const bool = (name: string) => integer(name, { mode: 'boolean' });
export const json = <T>(name: string) => text(name, { mode: 'json' }).$type<T>();
/** Money in integer fen. */
export const fen = (name: string) => integer(name);
