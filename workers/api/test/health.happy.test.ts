import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { MIGRATIONS } from '@scx/db';
import { afterEach, expect, test } from 'vitest';
import { EMBEDDED_CACHE_PAGES, openEmbeddedClient } from '../src/node.ts';
import { body, makeTestApp, roundTrips, type TestApp } from './harness.ts';

let t: TestApp;
afterEach(() => t?.close());

test('health reports a reachable database at the latest migration in one round trip', async () => {
  t = await makeTestApp();
  const res = await t.request('/api/v1/health');
  expect(res.status).toBe(200);
  const b = await body(res);
  expect(b.status).toBe('ok');
  expect(b.db.reachable).toBe(true);
  expect(b.db.migrations.latest).toBe(MIGRATIONS.at(-1)?.tag);
  expect(b.db.migrations.pending).toEqual([]);
  expect(res.headers.get('x-request-id')).toBeTruthy();
  expect(roundTrips(res)).toBe(1);
});

test('health is degraded (503) when migrations are pending', async () => {
  t = await makeTestApp();
  await t.client.execute('DELETE FROM "__drizzle_migrations"');
  const res = await t.request('/api/v1/health');
  expect(res.status).toBe(503);
  const b = await body(res);
  expect(b.status).toBe('degraded');
  expect(b.db.migrations.pending).toEqual(MIGRATIONS.map((m) => m.tag));
});

test('the embedded file keeps WAL and a 64 MiB page cache for every connection opened on it later', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'scx-cache-'));
  const url = `file:${join(dir, 'x.db')}`;
  const host = await openEmbeddedClient(url);
  expect((await host.execute('PRAGMA cache_size')).rows[0]?.cache_size).toBe(EMBEDDED_CACHE_PAGES);
  // Another client (its own connection, as the pool opens them) reads both from the file.
  const other = createClient({ url });
  expect((await other.execute('PRAGMA cache_size')).rows[0]?.cache_size).toBe(EMBEDDED_CACHE_PAGES);
  expect((await other.execute('PRAGMA journal_mode')).rows[0]?.journal_mode).toBe('wal');
  other.close();
  host.close();
  rmSync(dir, { recursive: true, force: true });
});
