import { LibsqlError } from '@libsql/client/web';
import { describe, expect, test } from 'vitest';
import { postPipeline, sleep, startTestServer } from './helpers.ts';

describe('concurrency: streams, write gate, expiry, limits', () => {
  test('20 clients x 10 mixed writes and interactive transactions all succeed (no SQLITE_BUSY)', async () => {
    const { client, server } = await startTestServer();
    const setup = client();
    await setup.execute('CREATE TABLE counter (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)');
    await setup.execute('INSERT INTO counter (id, n) VALUES (1, 0)');
    await setup.execute('CREATE TABLE events (id INTEGER PRIMARY KEY, who TEXT NOT NULL)');

    const CLIENTS = 20;
    const OPS = 10;
    const worker = async (w: number) => {
      const db = client();
      for (let op = 0; op < OPS; op++) {
        const who = `${w}:${op}`;
        switch (op % 5) {
          case 0:
            await db.execute({ sql: 'INSERT INTO events (who) VALUES (?)', args: [who] });
            await db.execute('UPDATE counter SET n = n + 1 WHERE id = 1');
            break;
          case 1:
            await db.batch(
              [
                { sql: 'INSERT INTO events (who) VALUES (?)', args: [who] },
                'UPDATE counter SET n = n + 1 WHERE id = 1',
              ],
              'write',
            );
            break;
          case 2: {
            // Read-modify-write inside an interactive transaction: lost updates would show in the total.
            const tx = await db.transaction('write');
            const n = Number((await tx.execute('SELECT n FROM counter WHERE id = 1')).rows[0]?.n);
            await tx.execute({ sql: 'INSERT INTO events (who) VALUES (?)', args: [who] });
            await tx.execute({ sql: 'UPDATE counter SET n = ? WHERE id = 1', args: [n + 1] });
            await tx.commit();
            break;
          }
          case 3:
            // Default batch mode is BEGIN DEFERRED: reads, then writes.
            await db.batch([
              'SELECT count(*) FROM events',
              { sql: 'INSERT INTO events (who) VALUES (?)', args: [who] },
              'UPDATE counter SET n = n + 1 WHERE id = 1',
            ]);
            break;
          default: {
            // A transaction that is rolled back, interleaved with plain reads on other streams.
            const tx = await db.transaction('write');
            await tx.execute({ sql: 'INSERT INTO events (who) VALUES (?)', args: [`rolled back ${who}`] });
            await db.execute('SELECT count(*) FROM events');
            await tx.rollback();
            await db.execute({ sql: 'INSERT INTO events (who) VALUES (?)', args: [who] });
            await db.execute('UPDATE counter SET n = n + 1 WHERE id = 1');
          }
        }
      }
    };
    await Promise.all(Array.from({ length: CLIENTS }, (_, w) => worker(w)));

    const events = await setup.execute("SELECT count(*) AS n FROM events WHERE who NOT LIKE 'rolled back%'");
    const rolledBack = await setup.execute("SELECT count(*) AS n FROM events WHERE who LIKE 'rolled back%'");
    const total = await setup.execute('SELECT n FROM counter WHERE id = 1');
    expect(events.rows[0]?.n).toBe(CLIENTS * OPS);
    expect(rolledBack.rows[0]?.n).toBe(0);
    expect(total.rows[0]?.n).toBe(CLIENTS * OPS);
    await sleep(20);
    expect(server.stats().streams).toBe(0);
  });

  test('a fresh client per request (as the Worker does) under parallel load', async () => {
    const { client } = await startTestServer();
    await client().execute('CREATE TABLE hits (id INTEGER PRIMARY KEY, k TEXT)');
    await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        const db = client();
        if (i % 4 === 0) {
          const tx = await db.transaction('write');
          await tx.execute({ sql: 'INSERT INTO hits (k) VALUES (?)', args: [`t${i}`] });
          await tx.commit();
        } else if (i % 4 === 1) {
          await db.execute('SELECT count(*) FROM hits');
        } else {
          await db.execute({ sql: 'INSERT INTO hits (k) VALUES (?)', args: [`e${i}`] });
        }
        db.close();
      }),
    );
    const rs = await client().execute('SELECT count(*) AS n FROM hits');
    expect(rs.rows[0]?.n).toBe(150);
  });

  test('an idle transaction expires: rolled back, its baton rejected, the waiting writer proceeds', async () => {
    const logs: string[] = [];
    const { client, server } = await startTestServer({
      streamIdleMs: 300,
      busyTimeoutMs: 5_000,
      logger: (m) => logs.push(m),
    });
    const db = client();
    await db.execute('CREATE TABLE t (v TEXT)');
    const abandoned = await client().transaction('write');
    await abandoned.execute("INSERT INTO t VALUES ('abandoned')");
    expect(server.stats().streams).toBe(1);

    const started = Date.now();
    // Waits on the write gate held by the abandoned transaction until it expires.
    await db.execute("INSERT INTO t VALUES ('waiter')");
    const waited = Date.now() - started;
    // It waited for the expiry; had it waited for its 5 s busy timeout instead, the insert would have failed.
    expect(waited).toBeGreaterThanOrEqual(200);

    expect((await db.execute('SELECT v FROM t')).rows.map((r) => r.v)).toEqual(['waiter']);
    const err = await abandoned.execute('SELECT 1').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LibsqlError);
    expect(String(err)).toMatch(/baton|expired/);
    expect(server.stats().streams).toBe(0);
    expect(logs.some((l) => l.includes('expired') && l.includes('write lock'))).toBe(true);
  });

  test('writers time out with SQLITE_BUSY while a live transaction holds the gate; reads never wait', async () => {
    const { client } = await startTestServer({ busyTimeoutMs: 300, streamIdleMs: 10_000 });
    const db = client();
    await db.execute('CREATE TABLE t (v INTEGER)');
    const tx = await db.transaction('write');
    await tx.execute('INSERT INTO t VALUES (1)');

    // Reads never take the gate: were they queued behind the writer, they would fail after the
    // 300 ms busy timeout instead of answering.
    const rs = await db.execute('SELECT count(*) AS n FROM t');
    expect(rs.rows[0]?.n).toBe(0);
    const readTx = await db.transaction('read');
    expect((await readTx.execute('SELECT count(*) AS n FROM t')).rows[0]?.n).toBe(0);
    await readTx.commit();

    const err = await db.execute('INSERT INTO t VALUES (2)').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LibsqlError);
    expect((err as LibsqlError).code).toBe('SQLITE_BUSY');
    await tx.commit();
    await db.execute('INSERT INTO t VALUES (3)');
    expect((await db.execute('SELECT v FROM t ORDER BY v')).rows.map((r) => r.v)).toEqual([1, 3]);
  });

  test('deferred transaction: reads in one request, a write after another writer committed', async () => {
    const { client } = await startTestServer();
    const db = client();
    await db.execute('CREATE TABLE t (v INTEGER)');
    // Reads then a write within one request (the usual case, e.g. batch()) take the gate up front: no error.
    const ok = await db.transaction('deferred');
    await ok.batch(['SELECT count(*) FROM t', 'INSERT INTO t VALUES (1)']);
    await ok.commit();

    // Across requests the read snapshot can go stale, exactly as in SQLite/sqld: the write fails fast with
    // SQLITE_BUSY_SNAPSHOT (no hang), and rolling back lets other writers in.
    const stale = await db.transaction('deferred');
    await stale.execute('SELECT count(*) FROM t');
    await db.execute('INSERT INTO t VALUES (2)');
    await expect(stale.execute('INSERT INTO t VALUES (3)')).rejects.toMatchObject({
      code: 'SQLITE_BUSY_SNAPSHOT',
    });
    // The server rolled the transaction back; until the client's ROLLBACK it stays aborted.
    await expect(stale.execute('SELECT count(*) FROM t')).rejects.toMatchObject({
      code: 'SQLITE_BUSY_SNAPSHOT',
    });
    await stale.rollback();
    await db.execute('INSERT INTO t VALUES (4)');
    expect((await db.execute('SELECT v FROM t ORDER BY v')).rows.map((r) => r.v)).toEqual([1, 2, 4]);
  });

  test('stream limit: the stream beyond maxStreams gets HTTP 503 in the Hrana error shape', async () => {
    const { client, server } = await startTestServer({ maxStreams: 2 });
    const db = client();
    const a = await db.transaction('read');
    await a.execute('SELECT 1');
    const b = await db.transaction('read');
    await b.execute('SELECT 1');
    expect(server.stats().streams).toBe(2);

    const raw = await postPipeline(server.url, { baton: null, requests: [{ type: 'close' }] });
    expect(raw.status).toBe(503);
    expect(raw.contentType).toBe('application/json');
    expect(raw.body).toEqual({
      message: expect.stringMatching(/too many open streams/),
      code: 'STREAMS_EXHAUSTED',
    });
    await expect(db.execute('SELECT 1')).rejects.toMatchObject({ code: 'STREAMS_EXHAUSTED' });

    await a.commit();
    expect((await db.execute('SELECT 2 AS two')).rows[0]?.two).toBe(2);
    await b.commit();
  });

  test('close() rolls back open transactions and releases everything', async () => {
    const { client, server, file } = await startTestServer();
    const db = client();
    await db.execute('CREATE TABLE t (v INTEGER)');
    const tx = await db.transaction('write');
    await tx.execute('INSERT INTO t VALUES (1)');
    const waiting = db.execute('INSERT INTO t VALUES (2)').catch((e: unknown) => e);
    await sleep(50);
    await server.close();
    expect(await waiting).toBeInstanceOf(Error);
    // Reopen the same file: the transaction never committed, and the file is not locked.
    const { startLibsqlServer } = await import('../src/index.ts');
    const again = await startLibsqlServer({ file });
    try {
      const { createClient } = await import('@libsql/client/web');
      const c = createClient({ url: again.url });
      expect((await c.execute('SELECT count(*) AS n FROM t')).rows[0]?.n).toBe(0);
      await c.execute('INSERT INTO t VALUES (3)');
      c.close();
    } finally {
      await again.close();
    }
  });
});
