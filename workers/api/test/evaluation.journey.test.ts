import { afterEach, expect, test } from 'vitest';
import {
  addExpert,
  type EvaluationWorld,
  evaluationWorld,
  ok,
  send,
  signInAgain,
} from './evaluation.fixtures.ts';
import { type Actor, body } from './harness.ts';

let w: EvaluationWorld | undefined;
afterEach(() => w?.t.close());

const CODES = [
  'industry_impact',
  'research_base',
  'technical_indicators',
  'implementation_plan',
  'financial_soundness',
];
const sheet = (points: number[]) => ({
  scores: CODES.map((criterion, i) => ({
    criterion,
    points: points[i] as number,
    comment: `依据第${i + 1}项材料`,
  })),
});

test('a closed challenge goes from panel to acceptance: scoring, notice, objection, award, delivery', async () => {
  w = await evaluationWorld({
    kind: 'challenge',
    scenario: { winnersMax: 2, kpis: [{ name: '识别准确率', target: '≥95%' }] },
  });
  const { t, scenario, bidX, bidY } = w;
  let { agency, organizer, x, y } = w;
  const pool = [
    await addExpert(w, { account: true }),
    await addExpert(w, { account: true }),
    await addExpert(w, { account: true }),
  ];
  const userOf = new Map(pool.map((e) => [e.id, e.user as Actor]));

  // Panel, criteria, qualification.
  const panel = await ok(t, organizer, 'POST', `/api/v1/scenarios/${scenario}/panel`, {
    size: 3,
    seed: 'journey',
  });
  const experts = panel.members.map((m: { expertId: string }) => userOf.get(m.expertId) as Actor);
  const criteria = await ok(t, agency, 'PUT', `/api/v1/scenarios/${scenario}/criteria`, {
    template: 'challenge-standard',
  });
  expect(criteria.passThreshold).toBe(60);
  await ok(t, agency, 'POST', `/api/v1/bids/${bidX}/qualification`, { result: 'pass', reason: '资格合格' });
  await ok(t, agency, 'POST', `/api/v1/bids/${bidY}/qualification`, { result: 'pass', reason: '资格合格' });

  // Independent scoring: nobody sees another expert's points until all have signed.
  const pointsX = [
    [20, 16, 25, 8, 12],
    [22, 18, 27, 9, 13],
    [18, 14, 23, 7, 11],
  ];
  for (const [i, e] of experts.entries()) {
    await ok(
      t,
      e,
      'PUT',
      `/api/v1/scenarios/${scenario}/score-sheets/${bidX}`,
      sheet(pointsX[i] as number[]),
    );
    await ok(t, e, 'PUT', `/api/v1/scenarios/${scenario}/score-sheets/${bidY}`, sheet([15, 12, 20, 6, 9]));
  }
  const mine = await ok(t, experts[0], 'GET', `/api/v1/scenarios/${scenario}/score-sheets`);
  expect(mine.allSigned).toBe(false);
  expect(new Set(mine.sheets.map((s: { seat: number }) => s.seat))).toEqual(new Set([1]));
  expect((await ok(t, agency, 'GET', `/api/v1/scenarios/${scenario}/score-sheets`)).sheets).toEqual([]);
  expect((await send(t, agency, 'POST', `/api/v1/scenarios/${scenario}/evaluation`)).status).toBe(409);
  for (const e of experts) await ok(t, e, 'POST', `/api/v1/scenarios/${scenario}/score-sheets/sign`);
  const all = await ok(t, experts[0], 'GET', `/api/v1/scenarios/${scenario}/score-sheets`);
  expect(all.allSigned).toBe(true);
  expect(all.sheets).toHaveLength(3 * 2 * 5);

  // Computation with the core engine; the report reproduces it from the same inputs.
  const computed = await ok(t, agency, 'POST', `/api/v1/scenarios/${scenario}/evaluation`);
  expect(
    computed.ranking.map((r: { bid: string; total: number; rank: number; passed: boolean }) => [
      r.bid,
      r.total,
      r.rank,
      r.passed,
    ]),
  ).toEqual([
    [bidX, 81, 1, true],
    [bidY, 62, 2, true],
  ]);
  expect(computed.ranking[0].criteria).toEqual({
    industry_impact: 20,
    research_base: 16,
    technical_indicators: 25,
    implementation_plan: 8,
    financial_soundness: 12,
  });
  const report = await ok(t, organizer, 'GET', `/api/v1/scenarios/${scenario}/evaluation/report`);
  expect(report.inputDigest).toBe(computed.inputDigest);
  expect(report.version).toBe('scx-scoring/1');
  expect(report.input.bids.find((b: { id: string }) => b.id === bidX).scores.industry_impact).toEqual([
    20, 22, 18,
  ]);
  expect(report.steps.length).toBeGreaterThan(10);
  const printable = await send(
    t,
    agency,
    'GET',
    `/api/v1/scenarios/${scenario}/evaluation/report?format=text`,
  );
  expect(printable.headers.get('content-type')).toContain('text/plain');
  expect(await printable.text()).toContain(computed.inputDigest);

  // A re-score request withdraws one signature; the bids go back to qualified until computed again.
  await ok(t, agency, 'POST', `/api/v1/scenarios/${scenario}/rescore-requests`, {
    seat: 3,
    reason: '第三项评分理由不充分',
  });
  expect((await send(t, agency, 'POST', `/api/v1/scenarios/${scenario}/notice`)).status).toBe(409);
  await ok(
    t,
    experts[2],
    'PUT',
    `/api/v1/scenarios/${scenario}/score-sheets/${bidX}`,
    sheet([20, 16, 25, 8, 12]),
  );
  await ok(t, experts[2], 'POST', `/api/v1/scenarios/${scenario}/score-sheets/sign`);
  const again = await ok(t, agency, 'POST', `/api/v1/scenarios/${scenario}/evaluation`);
  expect(again.ranking[0].total).toBe(83.67);

  // 公示 with experts as 专家1…3; a 7-day window for a challenge.
  const notice = await ok(t, organizer, 'POST', `/api/v1/scenarios/${scenario}/notice`);
  expect(notice.objectionsUntil).toBe('2026-12-08T10:00:00.000Z');
  const pub = await ok(t, y, 'GET', `/api/v1/scenarios/${scenario}/notice`);
  expect(pub.notice.payload.ranking[0]).toMatchObject({ bidId: bidX, rank: 1, total: 83.67 });
  expect(Object.keys(pub.notice.payload.ranking[0].experts.industry_impact)).toEqual([
    '专家1',
    '专家2',
    '专家3',
  ]);
  expect(JSON.stringify(pub)).not.toContain('专家甲');

  // An upheld objection re-opens the evaluation: every member signs again.
  const objection = await ok(t, y, 'POST', `/api/v1/notices/${notice.id}/objections`, {
    bidId: bidY,
    text: '对技术指标评分有异议',
  });
  expect((await ok(t, x, 'GET', `/api/v1/notices/${notice.id}/objections`)).items).toEqual([]);
  expect((await ok(t, agency, 'GET', `/api/v1/notices/${notice.id}/objections`)).items).toHaveLength(1);
  const upheld = await ok(t, agency, 'POST', `/api/v1/objections/${objection.id}/answer`, {
    decision: 'upheld',
    answer: '经复核，重新评审',
  });
  expect(upheld).toMatchObject({ status: 'upheld', noticeStatus: 'reopened' });
  for (const [i, e] of experts.entries()) {
    if (i === 1)
      await ok(t, e, 'PUT', `/api/v1/scenarios/${scenario}/score-sheets/${bidY}`, sheet([16, 13, 21, 7, 10]));
    await ok(t, e, 'POST', `/api/v1/scenarios/${scenario}/score-sheets/sign`);
  }
  await ok(t, agency, 'POST', `/api/v1/scenarios/${scenario}/evaluation`);
  const second = await ok(t, agency, 'POST', `/api/v1/scenarios/${scenario}/notice`);
  const rejected = await ok(t, y, 'POST', `/api/v1/notices/${second.id}/objections`, { text: '仍有异议' });
  await ok(t, organizer, 'POST', `/api/v1/objections/${rejected.id}/answer`, {
    decision: 'rejected',
    answer: '评审符合规则',
  });

  // Award after the window: both passed, two winners allowed (赛马制).
  const award = {
    awards: [
      { bidId: bidX, amountFen: 3_000_000_00, subsidyFen: 300_000_00 },
      { bidId: bidY, amountFen: 2_000_000_00 },
    ],
  };
  expect((await send(t, agency, 'POST', `/api/v1/scenarios/${scenario}/awards`, award)).status).toBe(409);
  t.setNow('2026-12-08T10:00:00.001Z');
  agency = await signInAgain(t, agency);
  organizer = await signInAgain(t, organizer);
  x = await signInAgain(t, x);
  y = await signInAgain(t, y);
  const awarded = await ok(t, agency, 'POST', `/api/v1/scenarios/${scenario}/awards`, award);
  expect(
    awarded.items.map((a: { bidId: string; rank: number; firmId: string }) => [a.bidId, a.rank, a.firmId]),
  ).toEqual([
    [bidX, 1, x.orgId],
    [bidY, 2, y.orgId],
  ]);
  expect((await ok(t, x, 'GET', `/api/v1/scenarios/${scenario}/awards`)).items).toHaveLength(2);
  expect((await ok(t, x, 'GET', `/api/v1/scenarios/${scenario}/notice`)).notice.status).toBe('final');

  // Delivery and acceptance.
  const [awardX, awardY] = awarded.items as { id: string }[];
  const m1 = await ok(t, agency, 'POST', `/api/v1/awards/${awardX?.id}/milestones`, {
    title: '原型上线',
    dueAt: '2027-03-01T00:00:00Z',
  });
  await ok(t, x, 'POST', `/api/v1/awards/${awardX?.id}/kpi-reports`, {
    kpi: '识别准确率',
    value: '96.2%',
    met: true,
  });
  const badKpi = await send(t, x, 'POST', `/api/v1/awards/${awardX?.id}/kpi-reports`, {
    kpi: '不存在的指标',
    value: '1',
  });
  expect(badKpi.status).toBe(422);
  t.setNow('2027-03-05T00:00:00.000Z');
  agency = await signInAgain(t, agency);
  organizer = await signInAgain(t, organizer);
  x = await signInAgain(t, x);
  y = await signInAgain(t, y);
  expect(
    await ok(t, agency, 'POST', `/api/v1/milestones/${m1.id}/complete`, { note: '已上线' }),
  ).toMatchObject({ status: 'late' });
  await ok(t, agency, 'POST', `/api/v1/awards/${awardY?.id}/milestones`, {
    title: '方案评审',
    dueAt: '2027-04-01T00:00:00Z',
  });
  expect(
    await ok(t, agency, 'POST', `/api/v1/awards/${awardX?.id}/acceptance`, {
      result: 'pass',
      note: '指标达标',
    }),
  ).toMatchObject({
    status: 'accepted',
    scenarioStatus: 'in_delivery',
  });
  expect(
    await ok(t, organizer, 'POST', `/api/v1/awards/${awardY?.id}/acceptance`, {
      result: 'fail',
      note: '未达标',
    }),
  ).toMatchObject({
    status: 'rejected',
    scenarioStatus: 'accepted',
  });
  const delivery = await ok(t, x, 'GET', `/api/v1/awards/${awardX?.id}/delivery`);
  expect(delivery.milestones).toEqual([expect.objectContaining({ title: '原型上线', status: 'late' })]);
  expect(delivery.kpiReports).toEqual([
    expect.objectContaining({ kpi: '识别准确率', value: '96.2%', met: true }),
  ]);
  expect((await send(t, y, 'GET', `/api/v1/awards/${awardX?.id}/delivery`)).status).toBe(404);

  const actions = (await t.client.execute('SELECT action FROM audit_log ORDER BY seq')).rows.map((r) =>
    String(r.action),
  );
  for (const a of [
    'panel.draw',
    'scenario.set_criteria',
    'bid.qualify',
    'score.save',
    'score.sign',
    'evaluation.compute',
    'score.rescore_request',
    'notice.publish',
    'objection.file',
    'objection.uphold',
    'objection.reject',
    'scenario.award',
    'milestone.add',
    'kpi.report',
    'milestone.complete',
    'award.accept',
    'award.reject',
  ])
    expect(actions).toContain(a);
  const chain = await body(await send(t, organizer, 'GET', '/api/v1/audit/verify'));
  expect(chain).toBeTruthy();
});
