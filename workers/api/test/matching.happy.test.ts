import { createLocalEmbedder } from '@scx/core';
import { drainAllMatchQueue, schema } from '@scx/db';
import { makeFirm, makeScenario } from '@scx/db/factories';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { body, makeTestApp, roundTrips, signIn, type TestApp } from './harness.ts';

let t: TestApp;
afterEach(() => t?.close());

/** A manufacturing scenario needing CSMM 3, and firms around it: the fit, a near miss, an unrelated one. */
async function world() {
  t = await makeTestApp();
  const agency = await signIn(t, { kind: 'agency' });
  const scenario = await makeScenario(t.db, {
    issuerId: agency.orgId,
    title: '汽车零部件工厂设备联网与生产数据采集',
    summary: '车间数控机床、注塑机接入工业互联网平台，采集设备运行数据，做设备健康预警',
    problem: '设备种类多、协议不统一，停机原因靠人工记录，数据无法追溯。',
    domain: 'industrial-software',
    area: 'manufacturing',
    district: 'wuhan-econ-dev',
    requirements: [
      {
        id: 'r1',
        kind: 'certification',
        code: 'CSMM',
        level: 3,
        mandatory: true,
        description: 'CSMM 三级及以上',
      },
    ],
  });
  const fit = await makeFirm(t.db, {
    name: '武汉联机智造科技有限公司',
    domains: ['industrial-software'],
    description: '专注工业物联网：PLC、CNC 设备联网，SCADA 数据采集，设备预测性维护，服务汽车零部件工厂。',
    certifications: [{ code: 'CSMM', level: 3 }],
    cases: [{ title: '某汽车零部件厂设备联网项目', domain: 'industrial-software', area: 'manufacturing' }],
    products: [
      {
        name: '设备联网网关与数据采集平台',
        summary: '支持 OPC UA、Modbus 等协议的设备数据采集',
        domains: ['industrial-software'],
        areas: ['manufacturing'],
        recommendedCatalog: true,
      },
    ],
  });
  const nearMiss = await makeFirm(t.db, {
    name: '光谷工联数据有限公司',
    domains: ['industrial-software'],
    description: '工业互联网平台与设备数据采集，数控机床联网，生产数据可视化。',
    certifications: [{ code: 'CSMM', level: 2 }],
  });
  const unrelated = await makeFirm(t.db, {
    name: '江城智慧教育科技有限公司',
    domains: ['industry-it'],
    description: '智慧校园、在线教学平台、学生综合素质评价。',
    certifications: [{ code: 'CSMM', level: 3 }],
  });
  const pending = await makeFirm(t.db, {
    name: '待审核设备联网公司',
    status: 'pending',
    domains: ['industrial-software'],
    description: '设备联网与工业互联网数据采集平台。',
    certifications: [{ code: 'CSMM', level: 5 }],
  });
  await drainAllMatchQueue(t.db, createLocalEmbedder());
  return { agency, scenario, fit, nearMiss, unrelated, pending };
}

describe('GET /api/v1/scenarios/:id/matches', () => {
  it('ranks the firm that fits first, with its product and bilingual reasons, in one round trip after the session', async () => {
    const w = await world();
    const res = await t.request(`/api/v1/scenarios/${w.scenario.id}/matches`, { headers: w.agency.headers });
    expect(res.status).toBe(200);
    // One to resolve the session, one for the whole match (a read batch).
    expect(roundTrips(res)).toBe(2);
    const m = await body(res);
    expect(m.results[0].firm.id).toBe(w.fit.id);
    expect(m.results[0].product?.id).toBe(w.fit.products[0]?.id);
    expect(m.results[0].product.recommendedCatalog).toBe(true);
    for (const r of m.results) {
      expect(r.reasons.length).toBeGreaterThan(0);
      for (const reason of r.reasons) {
        expect(reason.zh).toMatch(/\p{Script=Han}/u);
        expect(reason.en).toMatch(/[A-Za-z]/);
      }
      const sum = r.breakdown.reduce((n: number, c: { points: number }) => n + c.points, 0);
      expect(Math.abs(sum - r.score)).toBeLessThan(0.02);
    }
    expect(m.results[0].score).toBeGreaterThan(m.results.at(-1).score - 0.001);
    expect(m.model).toBe(createLocalEmbedder().model);
  });

  it('puts an ineligible firm under near misses with the unmet rule named, never in the ranking', async () => {
    const w = await world();
    const m = await body(
      await t.request(`/api/v1/scenarios/${w.scenario.id}/matches?nearMisses=10`, {
        headers: w.agency.headers,
      }),
    );
    const ranked = m.results.map((r: { firm: { id: string } }) => r.firm.id);
    expect(ranked).not.toContain(w.nearMiss.id);
    const miss = m.nearMisses.find((n: { firm: { id: string } }) => n.firm.id === w.nearMiss.id);
    expect(miss).toBeDefined();
    expect(miss.unmet[0].rule).toBe('certification');
    expect(miss.unmet[0].zh).toContain('CSMM');
    expect(miss.unmet[0].en).toContain('CSMM');
    // A firm that is not approved is never recommended, not even as a near miss.
    const all = [...ranked, ...m.nearMisses.map((n: { firm: { id: string } }) => n.firm.id)];
    expect(all).not.toContain(w.pending.id);
  });

  it('follows feedback: a match marked not useful drops below the others', async () => {
    const w = await world();
    const before = await body(
      await t.request(`/api/v1/scenarios/${w.scenario.id}/matches`, { headers: w.agency.headers }),
    );
    const fitBefore = before.results.find((r: { firm: { id: string } }) => r.firm.id === w.fit.id);
    const res = await t.json(
      '/api/v1/matching/feedback',
      { scenarioId: w.scenario.id, firmId: w.fit.id, useful: false, note: '已合作过，不合适' },
      { headers: w.agency.headers },
    );
    expect(res.status).toBe(200);
    expect((await body(res)).side).toBe('agency');
    const after = await body(
      await t.request(`/api/v1/scenarios/${w.scenario.id}/matches`, { headers: w.agency.headers }),
    );
    const fitAfter = after.results.find((r: { firm: { id: string } }) => r.firm.id === w.fit.id);
    expect(fitAfter.score).toBeLessThan(fitBefore.score);
    const audit = await t.db
      .select()
      .from(schema.auditLog)
      .where(eq(schema.auditLog.action, 'match.feedback'));
    expect(audit).toHaveLength(1);
  });

  it('sees a profile edit made through the API at once (the write request indexes what it changed)', async () => {
    const w = await world();
    const firm = await signIn(t, { kind: 'firm' });
    await t.db
      .update(schema.organizations)
      .set({ domains: ['industrial-software'], size: 'small' })
      .where(eq(schema.organizations.id, firm.orgId));
    await t.db
      .insert(schema.certifications)
      .values({ id: 'c-firm', orgId: firm.orgId, code: 'CSMM', level: 4 });
    const profile = await t.request(`/api/v1/firms/${firm.orgId}`);
    const etag = profile.headers.get('etag') ?? '';
    const patch = await t.request(`/api/v1/firms/${firm.orgId}`, {
      method: 'PATCH',
      headers: { ...firm.headers, 'content-type': 'application/json', 'if-match': etag },
      body: JSON.stringify({
        description: '汽车零部件工厂设备联网、数控机床数据采集、工业互联网平台、设备健康预警。',
      }),
    });
    expect(patch.status).toBe(200);
    const queued = await t.client.execute('SELECT count(*) AS n FROM match_queue');
    expect(Number(queued.rows[0]?.n)).toBe(0);
    const m = await body(
      await t.request(`/api/v1/scenarios/${w.scenario.id}/matches`, { headers: w.agency.headers }),
    );
    const ids = m.results.slice(0, 3).map((r: { firm: { id: string } }) => r.firm.id);
    expect(ids).toContain(firm.orgId);
  });
});

describe('GET /api/v1/firms/:id/recommendations', () => {
  it('recommends the scenario to the firm that fits and names the unmet rule for the one that does not', async () => {
    const w = await world();
    const fitFirm = await signIn(t, { kind: 'firm' });
    // Act as the fitting firm: move the signed-in user into it.
    await t.db
      .update(schema.memberships)
      .set({ orgId: w.fit.id })
      .where(eq(schema.memberships.userId, fitFirm.userId));
    const relogin = await t.json('/api/v1/auth/login', {
      email: fitFirm.email,
      password: 'correct-horse-battery',
    });
    const { csrfToken } = await body(relogin);
    const headers = {
      cookie: (relogin.headers.get('set-cookie') ?? '').split(';')[0] ?? '',
      'x-csrf-token': csrfToken,
    };
    const res = await t.request(`/api/v1/firms/${w.fit.id}/recommendations`, { headers });
    expect(res.status).toBe(200);
    // One to resolve the session, one for the whole match (a read batch).
    expect(roundTrips(res)).toBe(2);
    const r = await body(res);
    expect(r.results[0].scenario.id).toBe(w.scenario.id);
    expect(r.results[0].product?.id).toBe(w.fit.products[0]?.id);
    expect(r.results[0].reasons[0].zh.length).toBeGreaterThan(0);

    const organizer = await signIn(t, { kind: 'organizer' });
    const miss = await body(
      await t.request(`/api/v1/firms/${w.nearMiss.id}/recommendations`, { headers: organizer.headers }),
    );
    expect(miss.results.map((x: { scenario: { id: string } }) => x.scenario.id)).not.toContain(w.scenario.id);
    expect(miss.nearMisses[0].scenario.id).toBe(w.scenario.id);
    expect(miss.nearMisses[0].unmet[0].rule).toBe('certification');
  });

  it('leaves out scenarios closed for bidding', async () => {
    const w = await world();
    const organizer = await signIn(t, { kind: 'organizer' });
    await t.db
      .update(schema.scenarios)
      .set({ deadline: '2026-11-01T00:00:00.000Z' })
      .where(eq(schema.scenarios.id, w.scenario.id));
    const r = await body(
      await t.request(`/api/v1/firms/${w.fit.id}/recommendations`, { headers: organizer.headers }),
    );
    const all = [...r.results, ...r.nearMisses].map((x: { scenario: { id: string } }) => x.scenario.id);
    expect(all).not.toContain(w.scenario.id);
  });
});

describe('feedback across scenarios', () => {
  it('a firm agencies marked useful on other scenarios ranks above an identical one on a new scenario', async () => {
    t = await makeTestApp();
    const agency = await signIn(t, { kind: 'agency' });
    const brief = {
      issuerId: agency.orgId,
      summary: '路口信号灯配时优化，早晚高峰绿波协调，减少排队。',
      domain: 'industry-it',
      area: 'transport',
      district: 'hongshan',
    };
    const first = await makeScenario(t.db, { ...brief, title: '主干道信号配时优化' });
    const second = await makeScenario(t.db, { ...brief, title: '学校周边路口信号优化' });
    // Two firms with the same texts and facts: only their ids (the last tie-break) tell them apart.
    const twin = {
      name: '武汉信控科技有限公司',
      domains: ['industry-it'],
      description: '交通信号控制：自适应信号配时、干线绿波协调、路口排队检测。',
    };
    const a = await makeFirm(t.db, twin);
    const b = await makeFirm(t.db, twin);
    await drainAllMatchQueue(t.db, createLocalEmbedder());
    const order = async (scenarioId: string) =>
      (
        await body(await t.request(`/api/v1/scenarios/${scenarioId}/matches`, { headers: agency.headers }))
      ).results.map((r: { firm: { id: string }; score: number }) => [r.firm.id, r.score] as const);

    const before = await order(second.id);
    expect(before.map(([id]: readonly [string, number]) => id)).toEqual([a.id, b.id].sort());
    expect(before[0][1]).toBe(before[1][1]);
    const behind = before[1][0];
    const mark = await t.json(
      '/api/v1/matching/feedback',
      { scenarioId: first.id, firmId: behind, useful: true },
      { headers: agency.headers },
    );
    expect(mark.status).toBe(200);

    const after = await order(second.id);
    // One useful mark elsewhere: feedback (2 + 1) / (4 + 1) = 0.6 instead of the prior's 0.5.
    expect(after[0][0]).toBe(behind);
    expect(after[0][1]).toBeGreaterThan(before[0][1]);
    const res = await body(
      await t.request(`/api/v1/scenarios/${second.id}/matches`, { headers: agency.headers }),
    );
    const fb = res.results[0].breakdown.find((c: { feature: string }) => c.feature === 'feedback');
    expect(fb.value).toBeCloseTo(0.6, 6);
  });
});
