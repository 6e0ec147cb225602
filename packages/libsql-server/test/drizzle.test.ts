import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { eq, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { describe, expect, test } from 'vitest';
import { startTestServer } from './helpers.ts';

const run = promisify(execFile);
const WORKSPACE = new URL('../../../', import.meta.url).pathname;

/** A migrations folder in drizzle-kit's generated layout (journal + breakpoint-separated SQL files). */
async function writeMigrations(dir: string): Promise<string> {
  const out = join(dir, 'migrations');
  await mkdir(join(out, 'meta'), { recursive: true });
  const entries = [
    { idx: 0, version: '6', when: 1_700_000_000_000, tag: '0000_init', breakpoints: true },
    { idx: 1, version: '6', when: 1_700_000_100_000, tag: '0001_posts', breakpoints: true },
  ];
  await writeFile(
    join(out, 'meta', '_journal.json'),
    JSON.stringify({ version: '7', dialect: 'sqlite', entries }, null, 2),
  );
  await writeFile(
    join(out, '0000_init.sql'),
    [
      'CREATE TABLE `users` (\n\t`id` integer PRIMARY KEY NOT NULL,\n\t`email` text NOT NULL\n);\n',
      'CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);',
    ].join('--> statement-breakpoint\n'),
  );
  await writeFile(
    join(out, '0001_posts.sql'),
    [
      'CREATE TABLE `posts` (\n\t`id` integer PRIMARY KEY NOT NULL,\n\t`user_id` integer NOT NULL,\n\t`title` text NOT NULL,\n\tFOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade\n);\n',
      'CREATE INDEX `posts_user_idx` ON `posts` (`user_id`);',
    ].join('--> statement-breakpoint\n'),
  );
  return out;
}

const users = sqliteTable('users', {
  id: integer('id').primaryKey(),
  email: text('email').notNull().unique(),
});
const posts = sqliteTable('posts', {
  id: integer('id').primaryKey(),
  userId: integer('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  title: text('title').notNull(),
});

async function tableNames(db: {
  execute(sql: string): Promise<{ rows: ArrayLike<Record<string, unknown>> }>;
}) {
  const rs = await db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
  return Array.from(rs.rows, (r) => r.name);
}

describe('drizzle over HTTP', () => {
  test('drizzle-kit migrate (dialect turso) against the server', async () => {
    const { server, client, dir } = await startTestServer();
    const out = await writeMigrations(dir);
    const config = join(dir, 'drizzle.config.ts');
    await writeFile(
      config,
      `export default ${JSON.stringify({ dialect: 'turso', out, dbCredentials: { url: server.url } }, null, 2)};\n`,
    );
    const migrateOnce = () =>
      run('pnpm', ['exec', 'drizzle-kit', 'migrate', '--config', config], {
        cwd: WORKSPACE,
        timeout: 60_000,
      });
    const { stdout, stderr } = await migrateOnce();
    expect(`${stdout}${stderr}`).toMatch(/migrations applied successfully/i);

    const db = client();
    expect(await tableNames(db)).toEqual(expect.arrayContaining(['__drizzle_migrations', 'posts', 'users']));
    const applied = await db.execute('SELECT hash, created_at FROM __drizzle_migrations ORDER BY created_at');
    expect(applied.rows.map((r) => Number(r.created_at))).toEqual([1_700_000_000_000, 1_700_000_100_000]);
    // Idempotent: a second run applies nothing.
    await migrateOnce();
    expect((await db.execute('SELECT count(*) AS n FROM __drizzle_migrations')).rows[0]?.n).toBe(2);
    await expect(
      db.execute("INSERT INTO posts (user_id, title) VALUES (42, 'orphan')"),
    ).rejects.toMatchObject({
      code: 'SQLITE_CONSTRAINT_FOREIGNKEY',
    });
  }, 90_000);

  test('drizzle-orm migrate() and transactions through the web client', async () => {
    const { client, dir } = await startTestServer();
    const migrationsFolder = await writeMigrations(dir);
    const db = drizzle(client());
    await migrate(db, { migrationsFolder });
    await migrate(db, { migrationsFolder });
    expect(await tableNames(client())).toEqual(
      expect.arrayContaining(['__drizzle_migrations', 'posts', 'users']),
    );
    expect((await db.all<{ n: number }>(sql`SELECT count(*) AS n FROM __drizzle_migrations`))[0]?.n).toBe(2);

    const [ada] = await db.insert(users).values({ email: 'ada@example.com' }).returning();
    expect(ada?.id).toBe(1);
    await db.transaction(async (tx) => {
      await tx.insert(posts).values({ userId: 1, title: 'kept' });
      // Nested transaction = SAVEPOINT; its rollback keeps the outer work.
      await tx
        .transaction(async (inner) => {
          await inner.insert(posts).values({ userId: 1, title: 'dropped' });
          throw new Error('undo inner');
        })
        .catch(() => undefined);
    });
    await expect(
      db.transaction(async (tx) => {
        await tx.insert(users).values({ email: 'bob@example.com' });
        await tx.insert(users).values({ email: 'ada@example.com' });
      }),
    ).rejects.toThrow();
    expect(await db.select({ title: posts.title }).from(posts)).toEqual([{ title: 'kept' }]);
    expect(await db.select().from(users).where(eq(users.email, 'bob@example.com'))).toEqual([]);
    const batch = await db.batch([
      db.insert(users).values({ email: 'cy@example.com' }).returning({ id: users.id }),
      db.select({ n: sql<number>`count(*)` }).from(users),
    ]);
    expect(batch[1]).toEqual([{ n: 2 }]);
  });
});
