import type { Client } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import * as schema from './schema/index.ts';

export type Schema = typeof schema;
export type Db = LibSQLDatabase<Schema> & { $client: Client };

/** Wraps any libSQL client (embedded file, Turso/sqld over HTTP, :memory:) in the typed drizzle API. */
export function createDb(client: Client): Db {
  return drizzle(client, { schema }) as Db;
}
