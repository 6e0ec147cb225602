import { makeFirm, makeScenario } from '@scx/db/factories';
import { afterEach, expect, test } from 'vitest';
import { body, makeTestApp, signIn, type TestApp } from './harness.ts';

let t: TestApp;
afterEach(() => t?.close());

test('bad query values are problem+json naming the field', async () => {
  t = await makeTestApp();
  const agency = await signIn(t, { kind: 'agency' });
  const s = await makeScenario(t.db, { issuerId: agency.orgId });
  const res = await t.request(`/api/v1/scenarios/${s.id}/matches?top=0&nearMisses=x`, {
    headers: agency.headers,
  });
  expect(res.status).toBe(422);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  const p = await body(res);
  expect(p.errors.map((e: { path: string }) => e.path).sort()).toEqual(['query.nearMisses', 'query.top']);
  const bad = await t.request('/api/v1/scenarios/not-an-id/matches', { headers: agency.headers });
  expect((await body(bad)).errors[0].path).toBe('param.id');
});

test('feedback: a product of another firm, a missing field, someone else’s scenario', async () => {
  t = await makeTestApp();
  const agency = await signIn(t, { kind: 'agency' });
  const other = await signIn(t, { kind: 'agency' });
  const s = await makeScenario(t.db, { issuerId: agency.orgId });
  const firm = await makeFirm(t.db, {});
  const rival = await makeFirm(t.db, { products: [{ name: '别家的产品' }] });
  const send = (who: typeof agency, payload: unknown) =>
    t.json('/api/v1/matching/feedback', payload, { headers: who.headers });

  const wrongProduct = await send(agency, {
    scenarioId: s.id,
    firmId: firm.id,
    productId: rival.products[0]?.id,
    useful: true,
  });
  expect(wrongProduct.status).toBe(422);
  expect((await body(wrongProduct)).errors[0].path).toBe('body.productId');

  const missing = await send(agency, { scenarioId: s.id, firmId: firm.id });
  expect(missing.status).toBe(422);
  expect((await body(missing)).errors[0].path).toBe('body.useful');

  // Another agency cannot mark (or learn about) this scenario's matches.
  const foreign = await send(other, { scenarioId: s.id, firmId: firm.id, useful: false });
  expect(foreign.status).toBe(404);
  const none = await t.client.execute('SELECT count(*) AS n FROM match_feedback');
  expect(Number(none.rows[0]?.n)).toBe(0);
  const matches = await t.request(`/api/v1/scenarios/${s.id}/matches`, { headers: other.headers });
  expect(matches.status).toBe(404);
});

test('a scenario written outside the API (not indexed yet) is indexed on first use', async () => {
  t = await makeTestApp();
  const agency = await signIn(t, { kind: 'agency' });
  const firm = await makeFirm(t.db, { description: '交通信号控制与车路协同' });
  const s = await makeScenario(t.db, { issuerId: agency.orgId, title: '路口信号灯配时优化' });
  const queued = await t.client.execute('SELECT count(*) AS n FROM match_queue');
  expect(Number(queued.rows[0]?.n)).toBeGreaterThan(0);
  const res = await t.request(`/api/v1/scenarios/${s.id}/matches`, { headers: agency.headers });
  expect(res.status).toBe(200);
  expect((await body(res)).results.map((r: { firm: { id: string } }) => r.firm.id)).toContain(firm.id);
});
