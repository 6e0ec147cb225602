import { createLocalEmbedder } from '@scx/core';
import { drainAllMatchQueue, schema } from '@scx/db';
import { makeScenario } from '@scx/db/factories';
import { eq } from 'drizzle-orm';
import { afterEach, expect, test } from 'vitest';
import { setUpEvent } from './events.fixtures.ts';
import { body, makeTestApp, signIn, type TestApp } from './harness.ts';

let t: TestApp;
afterEach(() => t?.close());

test('对接建议: each side sees who fits, with reasons; an ineligible firm is a near miss naming the rule', async () => {
  t = await makeTestApp();
  const e = await setUpEvent(t, { agencies: 1, firms: 3 });
  const [agency] = e.agencies;
  const [signal, uncertified, school] = e.firms;
  if (!agency || !signal || !uncertified || !school) throw new Error('set-up');
  const scenario = await makeScenario(t.db, {
    issuerId: agency.actor.orgId,
    title: '主城区路口信号灯配时优化',
    summary: '早晚高峰拥堵，需要自适应信号控制与车路协同',
    domain: 'industry-it',
    area: 'transport',
    requirements: [
      { id: 'sr1', kind: 'certification', code: 'CSMM', level: 3, mandatory: true, description: 'CSMM 三级' },
    ],
  });
  const profile = async (m: typeof signal, description: string, csmm: number | null) => {
    await t.db
      .update(schema.organizations)
      .set({ domains: ['industry-it'], description })
      .where(eq(schema.organizations.id, m.actor.orgId));
    if (csmm) {
      await t.db
        .insert(schema.certifications)
        .values({ id: `cert-${m.actor.orgId}`, orgId: m.actor.orgId, code: 'CSMM', level: csmm });
    }
  };
  await profile(signal, '自适应交通信号控制、路口配时优化、车路协同路侧系统。', 3);
  await profile(uncertified, '交通信号控制机与信号灯配时系统。', null);
  await profile(school, '智慧校园与在线教学平台。', 3);
  await drainAllMatchQueue(t.db, createLocalEmbedder());

  const forAgency = await body(await agency.call('GET', `${e.url}/suggestions`));
  expect(forAgency.role).toBe('agency');
  expect(forAgency.suggestions[0].orgId).toBe(signal.actor.orgId);
  expect(forAgency.suggestions[0].scenarioId).toBe(scenario.id);
  expect(forAgency.suggestions[0].reasons.length).toBeGreaterThan(0);
  expect(forAgency.suggestions.map((s: { orgId: string }) => s.orgId)).not.toContain(uncertified.actor.orgId);
  const miss = forAgency.nearMisses.find((n: { orgId: string }) => n.orgId === uncertified.actor.orgId);
  expect(miss.unmet[0].rule).toBe('certification');

  const forFirm = await body(await signal.call('GET', `${e.url}/suggestions`));
  expect(forFirm.suggestions[0]).toMatchObject({
    participantId: agency.participantId,
    role: 'agency',
    scenarioTitle: '主城区路口信号灯配时优化',
  });
  const forUncertified = await body(await uncertified.call('GET', `${e.url}/suggestions`));
  expect(forUncertified.suggestions).toEqual([]);
  expect(forUncertified.nearMisses[0].participantId).toBe(agency.participantId);

  // Not a participant: nothing to suggest.
  const outsider = await signIn(t, { kind: 'firm' });
  const res = await t.request(`${e.url}/suggestions`, { headers: outsider.headers });
  expect(res.status).toBe(404);
});
