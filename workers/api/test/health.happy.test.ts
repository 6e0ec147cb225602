import { MIGRATIONS } from '@scx/db';
import { afterEach, expect, test } from 'vitest';
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
