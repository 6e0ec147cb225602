import { MIGRATIONS } from '@scx/db';
import { countRows, makeOrganization, makeScenario, randomUscc } from '@scx/db/factories';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { body, roundTrips } from '../harness.ts';
import { type Edge, startEdge } from './harness.ts';

let edge: Edge;
beforeAll(async () => {
  edge = await startEdge();
});
afterAll(() => edge?.close());

const register = (over: Record<string, unknown> = {}) =>
  edge.fetch('/api/v1/organizations', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      kind: 'firm',
      name: '武汉江城数智科技有限公司',
      uscc: randomUscc(),
      district: 'hongshan',
      size: 'micro',
      admin: {
        name: '王工',
        email: `w${Math.random().toString(36).slice(2)}@jiangcheng.example`,
        password: 'correct-horse-battery',
      },
      ...over,
    }),
  });

test('health inside workerd: database reachable over HTTP at the latest migration', async () => {
  const res = await edge.fetch('/api/v1/health');
  expect(res.status).toBe(200);
  const b = await body(res);
  expect(b).toMatchObject({ status: 'ok', version: 'edge-test', db: { reachable: true } });
  expect(b.db.migrations.latest).toBe(MIGRATIONS.at(-1)?.tag);
});

test('a read: the public hall lists what is in the database, in at most two round trips', async () => {
  const agency = await makeOrganization(edge.db, { name: '武汉市卫生健康委员会' });
  const s = await makeScenario(edge.db, { issuerId: agency.id, title: '三甲医院多院区影像数据互联互通' });
  await makeScenario(edge.db, { issuerId: agency.id, title: '草稿不可见', status: 'draft' });
  const res = await edge.fetch(`/api/v1/scenarios?q=${encodeURIComponent('影像')}`);
  expect(res.status).toBe(200);
  const page = await body(res);
  expect(page.items.map((x: { id: string }) => x.id)).toEqual([s.id]);
  expect(roundTrips(res)).toBeLessThanOrEqual(2);
  const detail = await edge.fetch(`/api/v1/scenarios/${s.id}`);
  expect((await body(detail)).issuer.name).toBe('武汉市卫生健康委员会');
});

test('a write: registration commits through an interactive transaction over HTTP', async () => {
  const res = await register();
  expect(res.status).toBe(201);
  const { organizationId } = await body(res);
  const row = await edge.client.execute({
    sql: 'SELECT status FROM organizations WHERE id = ?',
    args: [organizationId],
  });
  expect(row.rows[0]?.status).toBe('pending');
});

test('a rollback: a failure half-way leaves nothing behind', async () => {
  const email = 'dup@jiangcheng.example';
  expect((await register({ admin: { name: '甲', email, password: 'correct-horse-battery' } })).status).toBe(
    201,
  );
  const orgsBefore = await countRows(edge.client, 'organizations');
  const auditBefore = await countRows(edge.client, 'audit_log');
  const res = await register({ admin: { name: '乙', email, password: 'correct-horse-battery' } });
  expect(res.status).toBe(409);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  expect((await body(res)).errors[0].path).toBe('body.admin.email');
  expect(await countRows(edge.client, 'organizations')).toBe(orgsBefore);
  expect(await countRows(edge.client, 'audit_log')).toBe(auditBefore);
});

test('validation errors are problem+json inside workerd too', async () => {
  const res = await edge.fetch('/api/v1/scenarios?limit=1000');
  expect(res.status).toBe(422);
  expect((await body(res)).errors[0].path).toBe('query.limit');
});

test('concurrent requests each get their own client and all succeed', async () => {
  const results = await Promise.all(
    Array.from({ length: 12 }, (_, i) =>
      i % 3 === 0 ? register() : edge.fetch('/api/v1/scenarios?limit=5'),
    ),
  );
  expect(results.map((r) => r.status).sort()).toEqual([...Array(4).fill(201), ...Array(8).fill(200)].sort());
});

test('the cron trigger closes bidding on scenarios past their deadline (server clock)', async () => {
  const past = await makeScenario(edge.db, { deadline: '2020-01-01T00:00:00.000Z' });
  const future = await makeScenario(edge.db, { deadline: '2099-01-01T00:00:00.000Z' });
  const worker = await edge.mf.getWorker();
  await worker.scheduled({ cron: '*/5 * * * *', scheduledTime: new Date() });
  const rows = await edge.client.execute({
    sql: 'SELECT id, status FROM scenarios WHERE id IN (?, ?) ORDER BY id',
    args: [past.id, future.id],
  });
  const status = Object.fromEntries(rows.rows.map((r) => [r.id, r.status]));
  expect(status[past.id]).toBe('bidding_closed');
  expect(status[future.id]).toBe('published');
  const audit = await edge.client.execute({
    sql: 'SELECT action FROM audit_log WHERE entity_id = ?',
    args: [past.id],
  });
  expect(audit.rows[0]?.action).toBe('scenario.close_bidding');
});

test('a misconfigured Worker answers 503 problem+json naming the setting', async () => {
  const { Miniflare } = await import('miniflare');
  const { inject } = await import('vitest');
  const { readFileSync } = await import('node:fs');
  const contents = readFileSync(inject('workerScript'), 'utf8');
  const mf = new Miniflare({
    modules: [{ type: 'ESModule', path: 'worker.js', contents }],
    compatibilityDate: '2026-04-20',
    bindings: {},
  });
  try {
    const res = await mf.dispatchFetch('http://edge.test/api/v1/health');
    expect(res.status).toBe(503);
    const p = (await res.json()) as { code: string; detail: string };
    expect(p.code).toBe('SERVICE_UNAVAILABLE');
    expect(p.detail).toContain('LIBSQL_URL');
  } finally {
    await mf.dispose();
  }
});

test('a 2-character Chinese search (bigram FTS index, filled by triggers) works inside workerd', async () => {
  const agency = await makeOrganization(edge.db, { name: '武汉市经济和信息化局' });
  const s = await makeScenario(edge.db, {
    issuerId: agency.id,
    title: '光谷科技园区综合能源管理',
    summary: '',
    area: 'community',
  });
  const res = await edge.fetch(`/api/v1/scenarios?q=${encodeURIComponent('園區')}`);
  expect(res.status).toBe(200);
  const ids = (await body(res)).items.map((x: { id: string }) => x.id);
  expect(ids).toContain(s.id);
  expect(roundTrips(res)).toBeLessThanOrEqual(2);
});
