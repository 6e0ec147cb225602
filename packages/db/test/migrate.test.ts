import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createClient } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import { migrate as drizzleMigrate } from 'drizzle-orm/libsql/migrator';
import { afterEach, expect, test } from 'vitest';
import { migrate, migrationLevel } from '../src/migrate.ts';
import { MIGRATIONS } from '../src/migrations.generated.ts';

const MIGRATIONS_DIR = resolve(import.meta.dirname, '../../../migrations');
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const fresh = () => {
  const dir = mkdtempSync(join(tmpdir(), 'scx-mig-'));
  dirs.push(dir);
  return createClient({ url: `file:${join(dir, 'm.db')}` });
};

test('the embedded migrations are exactly the files in migrations/ (run `pnpm db:generate` if not)', () => {
  const journal = JSON.parse(readFileSync(join(MIGRATIONS_DIR, 'meta/_journal.json'), 'utf8'));
  expect(MIGRATIONS.map((m) => m.tag)).toEqual(journal.entries.map((e: { tag: string }) => e.tag));
  for (const m of MIGRATIONS) {
    const sql = readFileSync(join(MIGRATIONS_DIR, `${m.tag}.sql`), 'utf8');
    expect(m.hash).toBe(createHash('sha256').update(sql).digest('hex'));
  }
});

test('migrate applies everything once, then nothing; the level says so', async () => {
  const client = fresh();
  expect((await migrationLevel(client, MIGRATIONS)).pending).toEqual(MIGRATIONS.map((m) => m.tag));
  expect(await migrate(client, MIGRATIONS)).toEqual(MIGRATIONS.map((m) => m.tag));
  expect(await migrate(client, MIGRATIONS)).toEqual([]);
  const level = await migrationLevel(client, MIGRATIONS);
  expect(level).toEqual({ applied: MIGRATIONS.length, latest: MIGRATIONS.at(-1)?.tag, pending: [] });
  const tables = await client.execute("SELECT name FROM sqlite_master WHERE type = 'table'");
  const names = tables.rows.map((r) => r.name);
  for (const t of [
    'organizations',
    'scenarios',
    'bids',
    'bid_members',
    'panels',
    'scores',
    'notices',
    'objections',
    'events',
    'meetings',
    'audit_log',
  ]) {
    expect(names).toContain(t);
  }
  client.close();
});

test('same bookkeeping as drizzle: either migrator takes over from the other', async () => {
  const a = fresh();
  await drizzleMigrate(drizzle(a), { migrationsFolder: MIGRATIONS_DIR });
  expect(await migrate(a, MIGRATIONS)).toEqual([]);
  const b = fresh();
  await migrate(b, MIGRATIONS);
  await drizzleMigrate(drizzle(b), { migrationsFolder: MIGRATIONS_DIR });
  const rows = await b.execute('SELECT hash, created_at FROM "__drizzle_migrations"');
  expect(rows.rows.map((r) => r.hash)).toEqual(MIGRATIONS.map((m) => m.hash));
  a.close();
  b.close();
});
