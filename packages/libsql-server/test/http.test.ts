import { describe, expect, test } from 'vitest';
import { startLibsqlServer } from '../src/index.ts';
import { postPipeline, startTestServer } from './helpers.ts';

const exec = (sql: string, args: unknown[] = []) => ({
  type: 'execute',
  stmt: { sql, args, named_args: [], want_rows: true },
});
const int = (v: number | bigint) => ({ type: 'integer', value: String(v) });

describe('HTTP surface and raw Hrana v2', () => {
  test('health and version endpoints; v3 is not offered so clients fall back to v2', async () => {
    const { server } = await startTestServer();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    for (const path of ['/', '/health', '/v2']) {
      expect((await fetch(new URL(path, server.url))).status, path).toBe(200);
    }
    expect((await fetch(new URL('/v3-protobuf', server.url))).status).toBe(404);
    expect((await fetch(new URL('/v3', server.url))).status).toBe(404);
    expect((await fetch(new URL('/v2/pipeline', server.url))).status).toBe(405);
  });

  test('only loopback hosts are accepted', async () => {
    await expect(startLibsqlServer({ file: '/tmp/never.db', host: '0.0.0.0' })).rejects.toThrow(/loopback/);
  });

  test('a stream across requests: baton rotation, stale baton -> 400, close ends the stream', async () => {
    const { server } = await startTestServer();
    const first = await postPipeline(server.url, {
      baton: null,
      requests: [exec('CREATE TABLE t (v)'), exec('BEGIN'), exec('INSERT INTO t VALUES (?)', [int(1)])],
    });
    expect(first.status).toBe(200);
    const b1 = (first.body as { baton: string }).baton;
    expect(b1).toEqual(expect.any(String));
    expect(first.body).toMatchObject({
      base_url: null,
      results: [{ type: 'ok' }, { type: 'ok' }, { type: 'ok' }],
    });

    const second = await postPipeline(server.url, { baton: b1, requests: [exec('SELECT count(*) FROM t')] });
    const b2 = (second.body as { baton: string }).baton;
    expect(b2).not.toBe(b1);
    expect(second.body).toMatchObject({
      results: [{ type: 'ok', response: { type: 'execute', result: { rows: [[int(1)]] } } }],
    });

    const stale = await postPipeline(server.url, { baton: b1, requests: [exec('SELECT 1')] });
    expect(stale.status).toBe(400);
    expect(stale.contentType).toBe('application/json');
    expect(stale.body).toEqual({ message: expect.stringMatching(/baton/), code: 'STREAM_EXPIRED' });

    const closed = await postPipeline(server.url, {
      baton: b2,
      requests: [exec('COMMIT'), { type: 'close' }, exec('SELECT 1')],
    });
    expect(closed.body).toMatchObject({
      baton: null,
      results: [
        { type: 'ok' },
        { type: 'ok', response: { type: 'close' } },
        { type: 'error', error: { code: 'STREAM_CLOSED' } },
      ],
    });
    expect((await postPipeline(server.url, { baton: b2, requests: [] })).status).toBe(400);
    expect(server.stats().streams).toBe(0);
  });

  test('protocol errors -> 400 {message, code}; oversized body -> 413', async () => {
    const { server } = await startTestServer({ maxBodyBytes: 1024 });
    const bad = await postPipeline(server.url, '{"requests": [');
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ message: expect.stringMatching(/JSON/), code: 'PROTOCOL_ERROR' });
    const unknown = await postPipeline(server.url, { baton: null, requests: [{ type: 'teleport' }] });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toEqual({ message: expect.stringMatching(/teleport/), code: 'PROTOCOL_ERROR' });
    const badValue = await postPipeline(server.url, {
      requests: [exec('SELECT ?', [{ type: 'integer', value: '99999999999999999999' }])],
    });
    expect(badValue.status).toBe(400);
    const forward = await postPipeline(server.url, {
      requests: [
        {
          type: 'batch',
          batch: { steps: [{ condition: { type: 'ok', step: 0 }, stmt: exec('SELECT 1').stmt }] },
        },
      ],
    });
    expect(forward.status).toBe(400);

    const big = await postPipeline(server.url, { requests: [exec(`SELECT '${'x'.repeat(4096)}'`)] });
    expect(big.status).toBe(413);
    expect(big.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    // The connection and server are still fine afterwards.
    expect((await postPipeline(server.url, { requests: [exec('SELECT 1'), { type: 'close' }] })).status).toBe(
      200,
    );
    expect(server.stats().streams).toBe(0);
  });

  test('store_sql / close_sql, describe, get_autocommit, batch conditions incl. is_autocommit', async () => {
    const { server } = await startTestServer();
    const res = await postPipeline(server.url, {
      requests: [
        { type: 'store_sql', sql_id: 1, sql: 'INSERT INTO t (a, b) VALUES (:a, ?) RETURNING rowid' },
        exec('CREATE TABLE t (a TEXT, b BLOB)'),
        { type: 'describe', sql_id: 1 },
        { type: 'get_autocommit' },
        {
          type: 'batch',
          batch: {
            steps: [
              { stmt: { sql: 'BEGIN' } },
              {
                condition: { type: 'ok', step: 0 },
                stmt: {
                  sql_id: 1,
                  args: [{ type: 'null' }, { type: 'blob', base64: 'AAEC/w==' }],
                  named_args: [{ name: ':a', value: { type: 'text', value: 'hi' } }],
                },
              },
              { condition: { type: 'error', step: 1 }, stmt: { sql: 'ROLLBACK' } },
              { stmt: { sql: 'SELECT nope' } },
              { condition: { type: 'not', cond: { type: 'is_autocommit' } }, stmt: { sql: 'COMMIT' } },
              {
                condition: { type: 'and', conds: [{ type: 'ok', step: 4 }, { type: 'is_autocommit' }] },
                stmt: { sql: 'SELECT a, b FROM t', want_rows: true },
              },
              { condition: { type: 'or', conds: [{ type: 'error', step: 4 }] }, stmt: { sql: 'SELECT 1' } },
            ],
          },
        },
        { type: 'close_sql', sql_id: 1 },
        { type: 'execute', stmt: { sql_id: 1 } },
        { type: 'sequence', sql: 'BEGIN; INSERT INTO t (a) VALUES (1);' },
        { type: 'get_autocommit' },
        { type: 'close' },
      ],
    });
    expect(res.body).toMatchObject({ baton: null });
    const { results } = res.body as { results: { type: string; response?: unknown; error?: unknown }[] };
    expect(results[2]?.response).toEqual({
      type: 'describe',
      result: {
        params: [{ name: ':a' }, { name: null }],
        cols: [{ name: 'rowid', decltype: 'INTEGER' }],
        is_explain: false,
        is_readonly: false,
      },
    });
    expect(results[3]?.response).toEqual({ type: 'get_autocommit', is_autocommit: true });
    const batch = results[4]?.response as {
      result: { step_results: ({ rows: unknown[] } | null)[]; step_errors: ({ message: string } | null)[] };
    };
    expect(batch.result.step_results.map((r) => r !== null)).toEqual([
      true,
      true,
      false,
      false,
      true,
      true,
      false,
    ]);
    expect(batch.result.step_errors[3]?.message).toMatch(/no such column: nope/);
    expect(batch.result.step_results[5]?.rows).toEqual([
      [
        { type: 'text', value: 'hi' },
        { type: 'blob', base64: 'AAEC/w==' },
      ],
    ]);
    expect(results[6]).toMatchObject({ type: 'error', error: { code: 'SQL_NOT_FOUND' } });
    expect(results[8]?.response).toEqual({ type: 'get_autocommit', is_autocommit: false });
    // Closing a stream mid-transaction rolls it back and frees the write gate for the next stream.
    const after = await postPipeline(server.url, {
      requests: [exec('INSERT INTO t (a) VALUES (2)'), exec('SELECT count(*) FROM t')],
    });
    expect(after.body).toMatchObject({
      results: [{ type: 'ok' }, { type: 'ok', response: { result: { rows: [[int(2)]] } } }],
    });
  });

  test('rows are omitted when want_rows is false', async () => {
    const { server } = await startTestServer();
    const res = await postPipeline(server.url, {
      requests: [{ type: 'execute', stmt: { sql: 'SELECT 1 AS x', want_rows: false } }, { type: 'close' }],
    });
    expect(res.body).toMatchObject({
      results: [
        { response: { result: { cols: [{ name: 'x', decltype: null }], rows: [], affected_row_count: 0 } } },
        {},
      ],
    });
  });

  test('connection state set by one stream (PRAGMA, TEMP tables) never leaks into the next', async () => {
    const { client } = await startTestServer();
    const db = client();
    for (let i = 0; i < 20; i++) {
      await db
        .batch(['PRAGMA foreign_keys = OFF', `CREATE TEMP TABLE scratch${i} (x)`], 'deferred')
        .catch(() => undefined);
      await db.executeMultiple('PRAGMA foreign_keys = OFF; CREATE TEMP TABLE IF NOT EXISTS scratch (x);');
      const rs = await db.execute('PRAGMA foreign_keys');
      expect(rs.rows[0]?.[0]).toBe(1);
      const temp = await db.execute("SELECT count(*) FROM sqlite_temp_master WHERE type = 'table'");
      expect(temp.rows[0]?.[0]).toBe(0);
    }
  });
});
