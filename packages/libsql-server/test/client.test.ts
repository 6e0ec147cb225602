import { LibsqlError } from '@libsql/client/web';
import { describe, expect, test } from 'vitest';
import { startTestServer } from './helpers.ts';

const SCHEMA =
  'CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, qty INTEGER, data BLOB)';

async function count(client: {
  execute(sql: string): Promise<{ rows: ArrayLike<Record<string, unknown>> }>;
}) {
  const rs = await client.execute('SELECT count(*) AS n FROM items');
  return Number(rs.rows[0]?.n);
}

describe('contract with @libsql/client/web', () => {
  test('execute: DDL, insert, select with columns, decltypes, rowsAffected, lastInsertRowid', async () => {
    const { client } = await startTestServer();
    const db = client();
    await db.execute(SCHEMA);
    const ins = await db.execute({ sql: 'INSERT INTO items (name, qty) VALUES (?, ?)', args: ['apple', 3] });
    expect(ins.rowsAffected).toBe(1);
    expect(ins.lastInsertRowid).toBe(1n);
    const upd = await db.execute("UPDATE items SET qty = qty + 1 WHERE name = 'apple'");
    expect(upd.rowsAffected).toBe(1);
    const rs = await db.execute('SELECT id, name, qty, qty * 1.5 AS half FROM items');
    expect(rs.columns).toEqual(['id', 'name', 'qty', 'half']);
    expect(rs.columnTypes).toEqual(['INTEGER', 'TEXT', 'INTEGER', '']);
    expect(rs.rowsAffected).toBe(0);
    expect(rs.rows).toHaveLength(1);
    expect({ ...rs.rows[0] }).toEqual({ id: 1, name: 'apple', qty: 4, half: 6 });
    const ret = await db.execute("INSERT INTO items (name) VALUES ('pear') RETURNING id, name");
    expect(ret.rowsAffected).toBe(1);
    expect(ret.lastInsertRowid).toBe(2n);
    expect(ret.rows[0]?.name).toBe('pear');
  });

  test('positional, numbered and named args (:a, @a, $a, with or without prefix)', async () => {
    const { client } = await startTestServer();
    const db = client();
    const rs = await db.execute({
      sql: 'SELECT ? AS a, ?3 AS c, ? AS d, ?2 AS b',
      args: ['A', 'B', 'C', 'D'],
    });
    expect({ ...rs.rows[0] }).toEqual({ a: 'A', c: 'C', d: 'D', b: 'B' });
    const named = await db.execute({
      sql: 'SELECT :x AS x, @y AS y, $z AS z, :x || @y AS xy',
      args: { x: 'one', '@y': 'two', $z: 'three' },
    });
    expect({ ...named.rows[0] }).toEqual({ x: 'one', y: 'two', z: 'three', xy: 'onetwo' });
    // Text that only looks like parameters must not shift the numbering.
    const tricky = await db.execute({
      sql: 'SELECT \'?\' AS q, "a$b" IS NULL AS n, :v AS v /* ? */ -- ?\n, ? AS w FROM (SELECT NULL AS "a$b")',
      args: { v: 'vee' },
    });
    expect({ ...tricky.rows[0] }).toEqual({ q: '?', n: 1, v: 'vee', w: null });
  });

  test('integers beyond 2^53 round-trip exactly with intMode bigint; floats stay floats', async () => {
    const { client } = await startTestServer();
    const db = client({ intMode: 'bigint' });
    await db.execute('CREATE TABLE big (id INTEGER PRIMARY KEY, v INTEGER, f REAL)');
    const big = 9007199254740993n;
    const ins = await db.execute({
      sql: 'INSERT INTO big (id, v, f) VALUES (?, ?, ?)',
      args: [big, -big, 2.5],
    });
    expect(ins.lastInsertRowid).toBe(big);
    const rs = await db.execute('SELECT id, v, f, typeof(f) AS tf, 9223372036854775807 AS max FROM big');
    expect({ ...rs.rows[0] }).toEqual({ id: big, v: -big, f: 2.5, tf: 'real', max: 9223372036854775807n });
    const cmp = await db.execute({ sql: 'SELECT v = ? AS same FROM big', args: [-big] });
    expect(cmp.rows[0]?.same).toBe(1n);
  });

  test('blobs: Uint8Array in, ArrayBuffer out, byte-exact', async () => {
    const { client } = await startTestServer();
    const db = client();
    await db.execute(SCHEMA);
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    await db.execute({
      sql: 'INSERT INTO items (name, data) VALUES (?, ?), (?, ?)',
      args: ['all', bytes, 'empty', new Uint8Array()],
    });
    const rs = await db.execute('SELECT data, typeof(data) AS t FROM items ORDER BY id');
    const first = rs.rows[0]?.data;
    expect(first).toBeInstanceOf(ArrayBuffer);
    expect(new Uint8Array(first as ArrayBuffer)).toEqual(bytes);
    expect(rs.rows[1]?.t).toBe('blob');
    expect(rs.rows[1]?.data).toEqual(new ArrayBuffer(0));
  });

  test("batch in 'write' and 'read' modes", async () => {
    const { client } = await startTestServer();
    const db = client();
    const results = await db.batch(
      [
        SCHEMA,
        { sql: 'INSERT INTO items (name, qty) VALUES (?, ?)', args: ['a', 1] },
        { sql: 'INSERT INTO items (name, qty) VALUES (:n, :q)', args: { n: 'b', q: 2 } },
        'SELECT sum(qty) AS total FROM items',
      ],
      'write',
    );
    expect(results).toHaveLength(4);
    expect(results[1]?.lastInsertRowid).toBe(1n);
    expect(results[3]?.rows[0]?.total).toBe(3);
    const read = await db.batch(
      ['SELECT count(*) AS n FROM items', 'SELECT max(qty) AS m FROM items'],
      'read',
    );
    expect(read.map((r) => r.rows[0]?.[0])).toEqual([2, 2]);
    await expect(db.batch(["INSERT INTO items (name) VALUES ('c')"], 'read')).rejects.toThrow(LibsqlError);
    expect(await count(db)).toBe(2);
  });

  test('a failing batch rolls back every step', async () => {
    const { client } = await startTestServer();
    const db = client();
    await db.execute(SCHEMA);
    await db.execute("INSERT INTO items (name) VALUES ('x')");
    const err = await db
      .batch(
        [
          "INSERT INTO items (name) VALUES ('y')",
          "UPDATE items SET qty = 99 WHERE name = 'x'",
          "INSERT INTO items (name) VALUES ('x')",
          "INSERT INTO items (name) VALUES ('z')",
        ],
        'write',
      )
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LibsqlError);
    expect((err as LibsqlError).code).toBe('SQLITE_CONSTRAINT_UNIQUE');
    const rs = await db.execute('SELECT name, qty FROM items');
    expect(rs.rows.map((r) => ({ ...r }))).toEqual([{ name: 'x', qty: null }]);
  });

  test('write transaction commits; interactive transaction rollback discards rows', async () => {
    const { client } = await startTestServer();
    const db = client();
    await db.execute(SCHEMA);
    const tx = await db.transaction('write');
    await tx.execute("INSERT INTO items (name) VALUES ('kept')");
    expect(Number((await tx.execute('SELECT count(*) AS n FROM items')).rows[0]?.n)).toBe(1);
    await tx.batch(["INSERT INTO items (name) VALUES ('kept2')", 'UPDATE items SET qty = 1']);
    await tx.commit();
    expect(await count(db)).toBe(2);

    const rb = await db.transaction('write');
    await rb.execute("INSERT INTO items (name) VALUES ('gone')");
    await rb.execute('DELETE FROM items');
    expect(await count(rb)).toBe(0);
    // Other connections still see the committed state while the transaction is open.
    expect(await count(db)).toBe(2);
    await rb.rollback();
    expect(await count(db)).toBe(2);
    expect((await db.execute("SELECT count(*) AS n FROM items WHERE name = 'gone'")).rows[0]?.n).toBe(0);
  });

  test('deferred transaction that reads, then writes', async () => {
    const { client } = await startTestServer();
    const db = client();
    await db.execute(SCHEMA);
    const tx = await db.transaction('deferred');
    expect(await count(tx)).toBe(0);
    await tx.execute("INSERT INTO items (name) VALUES ('d')");
    await tx.commit();
    expect(await count(db)).toBe(1);
  });

  test('read transaction: consistent reads, writes rejected', async () => {
    const { client } = await startTestServer();
    const db = client();
    await db.execute(SCHEMA);
    await db.execute("INSERT INTO items (name) VALUES ('r1')");
    const tx = await db.transaction('read');
    expect(await count(tx)).toBe(1);
    // A write elsewhere does not wait for the read transaction and is not visible inside it (WAL snapshot).
    await db.execute("INSERT INTO items (name) VALUES ('r2')");
    expect(await count(tx)).toBe(1);
    await expect(tx.execute("INSERT INTO items (name) VALUES ('r3')")).rejects.toThrow(/SQLITE_READONLY/);
    await tx.commit();
    expect(await count(db)).toBe(2);
  });

  test('constraint and SQL errors surface as LibsqlError with SQLite codes', async () => {
    const { client } = await startTestServer();
    const db = client();
    await db.execute(SCHEMA);
    await db.execute("INSERT INTO items (id, name) VALUES (1, 'u')");
    const unique = await db.execute("INSERT INTO items (name) VALUES ('u')").catch((e: unknown) => e);
    expect(unique).toBeInstanceOf(LibsqlError);
    expect((unique as LibsqlError).code).toBe('SQLITE_CONSTRAINT_UNIQUE');
    expect((unique as LibsqlError).message).toMatch(/UNIQUE constraint failed: items.name/);
    const pk = await db.execute("INSERT INTO items (id, name) VALUES (1, 'v')").catch((e: unknown) => e);
    expect((pk as LibsqlError).code).toBe('SQLITE_CONSTRAINT_PRIMARYKEY');
    const notNull = await db.execute('INSERT INTO items (id) VALUES (5)').catch((e: unknown) => e);
    expect((notNull as LibsqlError).code).toMatch(/^SQLITE_CONSTRAINT/);
    await expect(db.execute('SELEC 1')).rejects.toMatchObject({ code: 'SQLITE_ERROR' });
    await expect(db.execute('SELECT * FROM nope')).rejects.toThrow(/no such table: nope/);
    await expect(db.execute('SELECT 1; SELECT 2')).rejects.toMatchObject({ code: 'SQL_MANY_STATEMENTS' });
    await expect(db.execute('  -- nothing ')).rejects.toMatchObject({ code: 'SQL_NO_STATEMENT' });
    // Errors inside an interactive transaction keep the transaction usable, as in SQLite.
    const tx = await db.transaction('write');
    await expect(tx.execute("INSERT INTO items (name) VALUES ('u')")).rejects.toMatchObject({
      code: 'SQLITE_CONSTRAINT_UNIQUE',
    });
    await tx.execute("INSERT INTO items (name) VALUES ('w')");
    await tx.commit();
    expect(await count(db)).toBe(2);
  });

  test('executeMultiple (sequence), also inside a transaction', async () => {
    const { client } = await startTestServer();
    const db = client();
    await db.executeMultiple(`
      ${SCHEMA};
      CREATE TABLE log (msg TEXT);
      CREATE TRIGGER items_log AFTER INSERT ON items BEGIN
        INSERT INTO log VALUES ('added ' || new.name);
        INSERT INTO log VALUES (CASE WHEN new.qty IS NULL THEN 'no qty' ELSE 'qty' END);
      END;
      INSERT INTO items (name) VALUES ('m1');
    `);
    expect(await count(db)).toBe(1);
    expect((await db.execute('SELECT msg FROM log')).rows.map((r) => r.msg)).toEqual(['added m1', 'no qty']);
    const tx = await db.transaction('write');
    await tx.executeMultiple(
      "INSERT INTO items (name) VALUES ('m2'); INSERT INTO items (name) VALUES ('m3');",
    );
    await tx.rollback();
    expect(await count(db)).toBe(1);
    await expect(db.executeMultiple("INSERT INTO items (name) VALUES ('m1');")).rejects.toMatchObject({
      code: 'SQLITE_CONSTRAINT_UNIQUE',
    });
  });

  test('bearer auth token', async () => {
    const { client, server } = await startTestServer({ authToken: 's3cret' });
    await expect(client().execute('SELECT 1')).rejects.toThrow(LibsqlError);
    await expect(client({ authToken: 'wrong' }).execute('SELECT 1')).rejects.toThrow(/401|bearer/);
    const rs = await client({ authToken: 's3cret' }).execute('SELECT 1 AS one');
    expect(rs.rows[0]?.one).toBe(1);
    expect((await fetch(new URL('health', server.url))).status).toBe(200);
  });
});
