import { drawFromPool } from '@scx/core';
import { schema } from '@scx/db';
import { afterEach, expect, test } from 'vitest';
import { addExpert, type EvaluationWorld, evaluationWorld, ok, send } from './evaluation.fixtures.ts';
import { body } from './harness.ts';

let w: EvaluationWorld | undefined;
afterEach(() => w?.t.close());

const auditOf = async (t: EvaluationWorld['t'], action: string) =>
  (
    await t.client.execute({
      sql: 'SELECT entity_id, data FROM audit_log WHERE action = ? ORDER BY seq',
      args: [action],
    })
  ).rows.map((r) => ({ entityId: String(r.entity_id), data: JSON.parse(String(r.data)) }));

test('organizers keep the expert pool; an expert declares their own conflicts', async () => {
  w = await evaluationWorld({ open: false });
  const { t, organizer, agency, y } = w;
  const plain = await addExpert(w, {
    domains: ['industry-it', 'cybersecurity'],
    employerOrgId: agency.orgId,
  });
  const own = await addExpert(w, { account: true });
  const list = await ok(t, organizer, 'GET', '/api/v1/experts');
  expect(list.items).toHaveLength(2);
  const first = list.items.find((e: { id: string }) => e.id === plain.id);
  expect(first).toMatchObject({
    domains: ['industry-it', 'cybersecurity'],
    employerOrgId: agency.orgId,
    active: true,
  });
  expect(first.employerName).not.toBe('');

  const retired = await ok(t, organizer, 'PATCH', `/api/v1/experts/${plain.id}`, {
    active: false,
    title: '研究员',
  });
  expect(retired).toMatchObject({
    active: false,
    title: '研究员',
    domains: ['industry-it', 'cybersecurity'],
  });
  expect((await send(t, organizer, 'PATCH', `/api/v1/experts/${plain.id}`, {})).status).toBe(422);
  const declared = await send(t, own.user, 'POST', `/api/v1/experts/${own.id}/conflicts`, {
    orgId: y.orgId,
    reason: '近三年曾在该公司任职',
  });
  expect(declared.status).toBe(201);
  expect((await body(declared)).conflicts).toEqual([{ orgId: y.orgId, reason: '近三年曾在该公司任职' }]);
  const again = await send(t, organizer, 'POST', `/api/v1/experts/${own.id}/conflicts`, {
    orgId: y.orgId,
    reason: '重复',
  });
  expect(again.status).toBe(409);
  expect((await auditOf(t, 'expert.declare_conflict')).map((a) => a.entityId)).toEqual([own.id]);
});

test('a panel is drawn by domain with a recorded seed, recusing the agency, bidders, partners and conflicts', async () => {
  w = await evaluationWorld();
  const { t, organizer, agency, partner, y, scenario } = w;
  const eligible = [
    await addExpert(w),
    await addExpert(w),
    await addExpert(w),
    await addExpert(w),
    await addExpert(w),
  ];
  const ofAgency = await addExpert(w, { employerOrgId: agency.orgId });
  const ofPartner = await addExpert(w, { employerOrgId: partner.orgId });
  const conflicted = await addExpert(w, { account: true });
  await ok(
    t,
    conflicted.user as NonNullable<typeof conflicted.user>,
    'POST',
    `/api/v1/experts/${conflicted.id}/conflicts`,
    {
      orgId: y.orgId,
      reason: '亲属在该公司',
    },
  );
  await addExpert(w, { domains: ['eda'] });
  // An account that also belongs to a bidder is recused even without a declared employer.
  const insider = await addExpert(w, { account: true });
  await t.db
    .insert(schema.memberships)
    .values({ userId: insider.user?.userId as string, orgId: y.orgId, role: 'member' });

  const res = await send(t, organizer, 'POST', `/api/v1/scenarios/${scenario}/panel`, {
    size: 3,
    seed: 'draw-2026-001',
  });
  expect(res.status).toBe(201);
  const panel = await body(res);
  const ids = eligible.map((e) => e.id);
  expect(panel).toMatchObject({ size: 3, seed: 'draw-2026-001', status: 'formed', domain: 'industry-it' });
  expect(panel.members.map((m: { expertId: string }) => m.expertId)).toEqual(
    drawFromPool(ids, 3, 'draw-2026-001'),
  );
  expect(panel.members.map((m: { seat: number }) => m.seat)).toEqual([1, 2, 3]);
  expect(
    Object.fromEntries(
      panel.recused.map((r: { expertId: string; reason: string }) => [r.expertId, r.reason]),
    ),
  ).toEqual({
    [ofAgency.id]: 'employed by the issuing agency',
    [ofPartner.id]: 'employed by a bidding firm',
    [conflicted.id]: 'declared a conflict with a bidding firm',
    [insider.id]: 'a member of a bidding firm',
  });
  const [draw] = await auditOf(t, 'panel.draw');
  expect(draw?.data).toMatchObject({ seed: 'draw-2026-001', size: 3, domain: 'industry-it' });
  expect(draw?.data.pool).toEqual([...ids].sort());
  const s = await ok(t, agency, 'GET', `/api/v1/workspace/scenarios/${scenario}`);
  expect(s.status ?? s.scenario?.status).toBe('under_evaluation');

  // The issuer sees the panel; a replacement draw takes the seat from experts never on the panel.
  const seen = await ok(t, agency, 'GET', `/api/v1/scenarios/${scenario}/panel`);
  expect(seen.panel.members).toHaveLength(3);
  const leaving = panel.members[1];
  const replaced = await ok(
    t,
    organizer,
    'POST',
    `/api/v1/scenarios/${scenario}/panel/members/${leaving.id}/replace`,
    {
      reason: '临时无法到场',
    },
  );
  const seat2 = replaced.members.filter((m: { seat: number }) => m.seat === 2);
  expect(seat2.map((m: { status: string }) => m.status).sort()).toEqual(['active', 'replaced']);
  const newcomer = seat2.find((m: { status: string }) => m.status === 'active');
  const remaining = ids.filter((id) => !panel.members.some((m: { expertId: string }) => m.expertId === id));
  expect(newcomer.expertId).toBe(drawFromPool(remaining, 1, 'draw-2026-001/r1')[0]);
  expect(replaced.replacementSeed).toBe('draw-2026-001/r1');
  expect((await auditOf(t, 'panel.replace_member'))[0]?.data).toMatchObject({
    seat: 2,
    out: leaving.expertId,
    reason: '临时无法到场',
  });
});

test('panel sizes follow the rules: 5 for tenders by default, 7 above 10,000,000 yuan', async () => {
  w = await evaluationWorld({ kind: 'scenario' });
  for (let i = 0; i < 7; i++) await addExpert(w);
  const small = await send(w.t, w.organizer, 'POST', `/api/v1/scenarios/${w.scenario}/panel`, { size: 3 });
  expect(small.status).toBe(422);
  expect((await body(small)).errors[0]).toMatchObject({ path: 'body.size' });
  const drawn = await ok(w.t, w.organizer, 'POST', `/api/v1/scenarios/${w.scenario}/panel`, {});
  expect(drawn.size).toBe(5);
  expect(drawn.seed).toMatch(/^[0-9a-f]{24}$/);
  w.t.close();

  w = await evaluationWorld({ kind: 'scenario', budgetFen: 12_000_000_00 });
  for (let i = 0; i < 7; i++) await addExpert(w);
  expect(
    (await send(w.t, w.organizer, 'POST', `/api/v1/scenarios/${w.scenario}/panel`, { size: 5 })).status,
  ).toBe(422);
  expect((await ok(w.t, w.organizer, 'POST', `/api/v1/scenarios/${w.scenario}/panel`, {})).size).toBe(7);
});

test('the agency sets criteria from a template or its own list; the public reads them', async () => {
  w = await evaluationWorld({ open: false });
  const { t, agency, scenario } = w;
  const set = await ok(t, agency, 'PUT', `/api/v1/scenarios/${scenario}/criteria`, {
    template: 'challenge-standard',
  });
  expect(set).toMatchObject({ category: 'challenge', priceWeight: 0, passThreshold: 60 });
  expect(set.criteria.map((c: { code: string }) => c.code)).toEqual([
    'industry_impact',
    'research_base',
    'technical_indicators',
    'implementation_plan',
    'financial_soundness',
  ]);
  const own = await ok(t, agency, 'PUT', `/api/v1/scenarios/${scenario}/criteria`, {
    passThreshold: 70,
    criteria: [
      { code: 'impact', name: '带动作用', weight: 60, guidance: '看推广前景' },
      { code: 'team', name: '团队', weight: 40 },
    ],
  });
  expect(own.passThreshold).toBe(70);
  expect(own.criteria.map((c: { code: string; weight: number }) => [c.code, c.weight])).toEqual([
    ['impact', 60],
    ['team', 40],
  ]);
  const pub = await ok(t, w.y, 'GET', `/api/v1/scenarios/${scenario}/criteria`);
  expect(pub).toEqual(own);
  expect((await send(t, null, 'GET', `/api/v1/scenarios/${scenario}/criteria`)).status).toBe(200);
});

test('a goods tender keeps a price criterion of at least 30', async () => {
  w = await evaluationWorld({ kind: 'scenario', procurementType: 'goods', open: false });
  const { t, agency, scenario } = w;
  const goods = await ok(t, agency, 'PUT', `/api/v1/scenarios/${scenario}/criteria`, {
    template: 'goods-standard',
  });
  expect(goods.priceWeight).toBe(30);
  expect(goods.criteria[0]).toMatchObject({ code: 'price', kind: 'price', weight: 30 });
  const low = await send(t, agency, 'PUT', `/api/v1/scenarios/${scenario}/criteria`, {
    priceWeight: 20,
    criteria: [{ code: 'technical', name: '技术', weight: 80 }],
  });
  expect(low.status).toBe(422);
  expect((await body(low)).errors).toEqual([expect.objectContaining({ path: 'body.priceWeight' })]);
});

test('qualification review passes or fails each opened bid with a reason', async () => {
  w = await evaluationWorld();
  const { t, agency, organizer, bidX, bidY } = w;
  const pass = await ok(t, agency, 'POST', `/api/v1/bids/${bidX}/qualification`, {
    result: 'pass',
    reason: '资格文件齐全',
  });
  expect(pass).toMatchObject({ status: 'qualified', qualificationReason: '资格文件齐全' });
  const fail = await ok(t, organizer, 'POST', `/api/v1/bids/${bidY}/qualification`, {
    result: 'fail',
    reason: '未提供有效的等保证明',
  });
  expect(fail.status).toBe('disqualified');
  // A qualified bid can still fail before scoring; a disqualified one cannot pass.
  expect(
    (await send(t, agency, 'POST', `/api/v1/bids/${bidY}/qualification`, { result: 'pass', reason: '补正' }))
      .status,
  ).toBe(409);
  const later = await ok(t, agency, 'POST', `/api/v1/bids/${bidX}/qualification`, {
    result: 'fail',
    reason: '业绩造假',
  });
  expect(later.status).toBe('disqualified');
  expect((await auditOf(t, 'bid.disqualify')).map((a) => a.data.reason)).toEqual([
    '未提供有效的等保证明',
    '业绩造假',
  ]);
  const list = await ok(t, agency, 'GET', `/api/v1/scenarios/${w.scenario}/bids`);
  expect(list.items.map((b: { status: string }) => b.status)).toEqual(['disqualified', 'disqualified']);
  // The reviewer reads the recorded reasons in the opened-bid list.
  expect(list.items.map((b: { qualificationReason: string }) => b.qualificationReason).sort()).toEqual(
    ['业绩造假', '未提供有效的等保证明'].sort(),
  );
  expect(list.items[0]).toMatchObject({ lowPriceFlag: false, lowPriceExplanation: null });
});
