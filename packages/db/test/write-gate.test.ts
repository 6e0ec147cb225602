import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { afterEach, expect, test } from 'vitest';
import { gateWrites } from '../src/write-gate.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function fileClient() {
  const dir = mkdtempSync(join(tmpdir(), 'scx-gate-'));
  dirs.push(dir);
  const client = createClient({ url: `file:${join(dir, 'g.db')}`, timeout: 200 });
  await client.execute('PRAGMA journal_mode = WAL');
  await client.execute('CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER)');
  return client;
}

/** Interactive write transactions interleaved at await points, like concurrent requests. */
const writers = (client: ReturnType<typeof createClient>, n: number) =>
  Promise.allSettled(
    Array.from({ length: n }, async (_, i) => {
      const tx = await client.transaction('write');
      try {
        await tx.execute({ sql: 'INSERT INTO t (n) VALUES (?)', args: [i] });
        await new Promise((r) => setTimeout(r, 5));
        await tx.execute('SELECT count(*) FROM t');
        await tx.commit();
      } finally {
        tx.close();
      }
    }),
  );

test('without the gate, concurrent embedded write transactions fail with SQLITE_BUSY', async () => {
  const client = await fileClient();
  const results = await writers(client, 6);
  expect(results.some((r) => r.status === 'rejected' && String(r.reason).includes('SQLITE_BUSY'))).toBe(true);
  client.close();
});

test('with the gate they queue and all commit; reads and autocommit writes interleave safely', async () => {
  const client = gateWrites(await fileClient());
  const [txs, singles, reads] = await Promise.all([
    writers(client, 6),
    Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        client.execute({ sql: 'INSERT INTO t (n) VALUES (?)', args: [100 + i] }),
      ),
    ),
    Promise.all(Array.from({ length: 5 }, () => client.execute('SELECT count(*) AS c FROM t'))),
  ]);
  expect(txs.every((r) => r.status === 'fulfilled')).toBe(true);
  expect(singles).toHaveLength(5);
  expect(reads).toHaveLength(5);
  const rs = await client.execute('SELECT count(*) AS c FROM t');
  expect(Number(rs.rows[0]?.c)).toBe(11);
  client.close();
});

test('a rolled-back or failed transaction releases the gate', async () => {
  const client = gateWrites(await fileClient());
  const tx = await client.transaction('write');
  await tx.execute('INSERT INTO t (n) VALUES (1)');
  await tx.rollback();
  await expect(
    client.batch(['INSERT INTO t (n) VALUES (2)', 'INSERT INTO nope VALUES (1)'], 'write'),
  ).rejects.toThrow();
  await client.execute('INSERT INTO t (n) VALUES (3)');
  const rs = await client.execute('SELECT n FROM t');
  expect(rs.rows.map((r) => r.n)).toEqual([3]);
  client.close();
});
