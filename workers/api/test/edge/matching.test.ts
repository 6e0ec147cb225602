import { createLocalEmbedder } from '@scx/core';
import { drainAllMatchQueue } from '@scx/db';
import { makeFirm, makeOrganization, makeScenario } from '@scx/db/factories';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { body } from '../harness.ts';
import { type Edge, signInAt, startEdge } from './harness.ts';

/** Matching in both directions through the bundled Worker in workerd, over Hrana/HTTP. */
let edge: Edge;
beforeAll(async () => {
  edge = await startEdge();
});
afterAll(() => edge?.close());

/** A signed-in member of an existing organization: session cookie and CSRF token for `call`. */
async function memberOf(orgId: string) {
  const { headers: session } = await signInAt(edge, orgId);
  return (path: string) => edge.fetch(path, { headers: session });
}

test('both directions inside workerd: an agency’s matches and a firm’s recommendations, with the near miss named', async () => {
  const agency = await makeOrganization(edge.db, { kind: 'agency' });
  const scenario = await makeScenario(edge.db, {
    issuerId: agency.id,
    title: '主干道路口信号配时优化',
    summary: '早晚高峰路口排队过长，需要自适应信号控制与干线绿波协调。',
    domain: 'industry-it',
    area: 'transport',
    district: 'hongshan',
    deadline: new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString(),
    requirements: [
      { id: 'r1', kind: 'certification', code: 'CSMM', level: 3, mandatory: true, description: 'CSMM 三级' },
    ],
  });
  const fit = await makeFirm(edge.db, {
    name: '边缘信控科技有限公司',
    domains: ['industry-it'],
    description: '交通信号控制：自适应信号配时、干线绿波协调、路口排队检测。',
    certifications: [{ code: 'CSMM', level: 3 }],
  });
  const miss = await makeFirm(edge.db, {
    name: '边缘信号灯二级公司',
    domains: ['industry-it'],
    description: '信号灯配时优化与绿波协调。',
    certifications: [{ code: 'CSMM', level: 2 }],
  });
  // Written by factories, not through the Worker: index them as the cron or the CLI would.
  await drainAllMatchQueue(edge.db, createLocalEmbedder());

  const asAgency = await memberOf(agency.id);
  const matches = await asAgency(`/api/v1/scenarios/${scenario.id}/matches`);
  expect(matches.status).toBe(200);
  const m = await body(matches);
  expect(m.results.map((r: { firm: { id: string } }) => r.firm.id)).toEqual([fit.id]);
  expect(m.nearMisses[0]).toMatchObject({ firm: { id: miss.id } });
  expect(m.nearMisses[0].unmet[0].rule).toBe('certification');

  const asFirm = await memberOf(fit.id);
  const recs = await asFirm(`/api/v1/firms/${fit.id}/recommendations`);
  expect(recs.status).toBe(200);
  expect(recs.headers.get('server-timing')).toMatch(/desc="2 round trips"/); // session + the match batch
  const r = await body(recs);
  expect(r.results[0].scenario.id).toBe(scenario.id);
  expect(r.results[0].reasons[0].zh).toMatch(/\p{Script=Han}/u);
  expect(r.results[0].reasons[0].en).toMatch(/[A-Za-z]/);

  const asMiss = await memberOf(miss.id);
  const missRecs = await body(await asMiss(`/api/v1/firms/${miss.id}/recommendations`));
  expect(missRecs.results.map((x: { scenario: { id: string } }) => x.scenario.id)).not.toContain(scenario.id);
  expect(missRecs.nearMisses[0].scenario.id).toBe(scenario.id);
  expect(missRecs.nearMisses[0].unmet[0].rule).toBe('certification');
});
