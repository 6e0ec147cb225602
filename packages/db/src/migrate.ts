import type { Client } from '@libsql/client';

export interface EmbeddedMigration {
  tag: string;
  /** drizzle-kit's `when` (folderMillis): the bookkeeping key. */
  when: number;
  /** sha256 of the .sql file, as drizzle computes it. */
  hash: string;
  statements: string[];
}

export interface MigrationLevel {
  applied: number;
  latest: string | null;
  pending: string[];
}

const TABLE = '__drizzle_migrations';
// Same table and columns drizzle-kit and drizzle-orm's migrator create, so either tool can take over.
const CREATE = `CREATE TABLE IF NOT EXISTS "${TABLE}" (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric)`;

async function lastApplied(client: Client): Promise<number | null> {
  const rs = await client.execute(`SELECT created_at FROM "${TABLE}" ORDER BY created_at DESC LIMIT 1`);
  const v = rs.rows[0]?.created_at;
  return v === undefined || v === null ? null : Number(v);
}

/** Applies pending migrations in one atomic batch (foreign keys off, like drizzle's libsql migrator). */
export async function migrate(client: Client, migrations: EmbeddedMigration[]): Promise<string[]> {
  await client.execute(CREATE);
  const last = await lastApplied(client);
  const pending = migrations.filter((m) => last === null || last < m.when);
  if (pending.length === 0) return [];
  const stmts = pending.flatMap((m) => [
    ...m.statements.filter((s) => s.trim() !== ''),
    { sql: `INSERT INTO "${TABLE}" ("hash", "created_at") VALUES (?, ?)`, args: [m.hash, m.when] },
  ]);
  await client.migrate(stmts);
  return pending.map((m) => m.tag);
}

/** What /health reports: how many migrations the database has and which are still pending. */
export async function migrationLevel(
  client: Client,
  migrations: EmbeddedMigration[],
): Promise<MigrationLevel> {
  let count = 0;
  let last: number | null = null;
  try {
    const rs = await client.execute(`SELECT count(*) AS n, max(created_at) AS last FROM "${TABLE}"`);
    count = Number(rs.rows[0]?.n ?? 0);
    last = rs.rows[0]?.last == null ? null : Number(rs.rows[0].last);
  } catch (e) {
    // A database nobody has migrated yet has no bookkeeping table: level 0, everything pending.
    if (!String(e).includes('no such table')) throw e;
  }
  const applied = migrations.filter((m) => last !== null && m.when <= last);
  return {
    applied: count,
    latest: applied.at(-1)?.tag ?? null,
    pending: migrations.filter((m) => last === null || m.when > last).map((m) => m.tag),
  };
}
