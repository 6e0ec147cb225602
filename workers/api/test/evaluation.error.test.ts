import { schema } from '@scx/db';
import { eq } from 'drizzle-orm';
import { afterEach, expect, test } from 'vitest';
import {
  addExpert,
  challengeSheet,
  type EvaluationWorld,
  evaluationWorld,
  ok,
  scoredWorld,
  send,
} from './evaluation.fixtures.ts';
import { body } from './harness.ts';

let w: EvaluationWorld | undefined;
afterEach(() => w?.t.close());

const problem = async (res: Response) => ({ status: res.status, ...(await body(res)) });

test('a panel needs opened bids, an odd size within the rules, enough eligible experts, and is drawn once', async () => {
  w = await evaluationWorld({ open: false });
  const { t, organizer, agency, scenario } = w;
  for (let i = 0; i < 3; i++) await addExpert(w);
  const early = await problem(await send(t, organizer, 'POST', `/api/v1/scenarios/${scenario}/panel`, {}));
  expect(early).toMatchObject({ status: 409, code: 'ILLEGAL_TRANSITION' });
  await ok(t, agency, 'POST', `/api/v1/scenarios/${scenario}/open-bids`);
  for (const size of [4, 1, 2.5]) {
    const bad = await problem(
      await send(t, organizer, 'POST', `/api/v1/scenarios/${scenario}/panel`, { size }),
    );
    expect(bad.status).toBe(422);
    expect(new Set(bad.errors.map((e: { path: string }) => e.path))).toEqual(new Set(['body.size']));
  }
  const tooMany = await problem(
    await send(t, organizer, 'POST', `/api/v1/scenarios/${scenario}/panel`, { size: 5 }),
  );
  expect(tooMany).toMatchObject({ status: 409, code: 'CONFLICT' });
  expect(tooMany.detail).toContain('only 3 eligible experts');
  const missing = await send(t, organizer, 'POST', '/api/v1/scenarios/01ARZ3NDEKTSV4RRFFQ69G5FAV/panel', {});
  expect(missing.status).toBe(404);
  const panel = await ok(t, organizer, 'POST', `/api/v1/scenarios/${scenario}/panel`, {});
  const twice = await problem(await send(t, organizer, 'POST', `/api/v1/scenarios/${scenario}/panel`, {}));
  expect(twice).toMatchObject({ status: 409, code: 'CONFLICT' });
  // Nobody is left to replace a member; the refusal changes nothing.
  const url = `/api/v1/scenarios/${scenario}/panel/members/${panel.members[0].id}/replace`;
  expect((await send(t, organizer, 'POST', url, { reason: '生病' })).status).toBe(409);
  expect((await ok(t, organizer, 'GET', `/api/v1/scenarios/${scenario}/panel`)).panel.members).toHaveLength(
    3,
  );
  const unknown = `/api/v1/scenarios/${scenario}/panel/members/01ARZ3NDEKTSV4RRFFQ69G5FAV/replace`;
  expect((await send(t, organizer, 'POST', unknown, { reason: '生病' })).status).toBe(404);
  expect((await send(t, organizer, 'POST', url, {})).status).toBe(422);
});

test('criteria are checked by the template rules and frozen once scoring starts', async () => {
  w = await evaluationWorld({ open: false });
  const { t, agency, scenario } = w;
  const put = (payload: unknown) => send(t, agency, 'PUT', `/api/v1/scenarios/${scenario}/criteria`, payload);
  const sum = await problem(await put({ criteria: [{ code: 'a', name: 'A', weight: 50 }] }));
  expect(sum.status).toBe(422);
  expect(sum.errors[0]).toMatchObject({ path: 'body.criteria' });
  expect(sum.errors[0].message).toContain('not 100');
  const wrong = await problem(await put({ template: 'goods-standard' }));
  expect(wrong.errors).toEqual([expect.objectContaining({ path: 'body.template' })]);
  expect((await put({})).status).toBe(422);
  const reserved = await problem(await put({ criteria: [{ code: 'price', name: '价格', weight: 100 }] }));
  expect(reserved.errors[0].path).toBe('body.criteria');
  const dup = await problem(
    await put({
      criteria: [
        { code: 'a', name: 'A', weight: 50 },
        { code: 'a', name: 'B', weight: 50 },
      ],
    }),
  );
  expect(dup.errors[0].path).toBe('body.criteria.1.id');
  w.t.close();

  w = await scoredWorld({ sign: false });
  const frozen = await send(w.t, w.agency, 'PUT', `/api/v1/scenarios/${w.scenario}/criteria`, {
    template: 'challenge-standard',
  });
  expect(await problem(frozen)).toMatchObject({ status: 409, code: 'ILLEGAL_TRANSITION' });
});

test('qualification needs a reason and an opened bid', async () => {
  w = await evaluationWorld({ open: false });
  const { t, agency, bidX } = w;
  const sealed = await send(t, agency, 'POST', `/api/v1/bids/${bidX}/qualification`, {
    result: 'pass',
    reason: '好',
  });
  expect(sealed.status).toBe(404);
  await ok(t, agency, 'POST', `/api/v1/scenarios/${w.scenario}/open-bids`);
  const noReason = await problem(
    await send(t, agency, 'POST', `/api/v1/bids/${bidX}/qualification`, { result: 'fail', reason: '  ' }),
  );
  expect(noReason.errors.map((e: { path: string }) => e.path)).toEqual(['body.reason']);
  const verdict = await problem(
    await send(t, agency, 'POST', `/api/v1/bids/${bidX}/qualification`, { result: 'maybe', reason: '?' }),
  );
  expect(verdict.errors.map((e: { path: string }) => e.path)).toEqual(['body.result']);
});

test('score sheets are range-checked, only for qualified bids, and locked after signing', async () => {
  w = await scoredWorld({ sign: false });
  const { t, scenario, bidX } = w;
  const [e1] = (w as Awaited<ReturnType<typeof scoredWorld>>).experts;
  const url = `/api/v1/scenarios/${scenario}/score-sheets/${bidX}`;
  const over = await problem(
    await send(t, e1 ?? null, 'PUT', url, { scores: [{ criterion: 'research_base', points: 21 }] }),
  );
  expect(over.errors).toEqual([{ path: 'body.scores.0.points', message: 'must be between 0 and 20' }]);
  const unknown = await problem(
    await send(t, e1 ?? null, 'PUT', url, { scores: [{ criterion: 'price', points: 1 }] }),
  );
  expect(unknown.errors[0].path).toBe('body.scores.0.criterion');
  const negative = await problem(
    await send(t, e1 ?? null, 'PUT', url, { scores: [{ criterion: 'research_base', points: -1 }] }),
  );
  expect(negative.status).toBe(422);
  await ok(t, w.agency, 'POST', `/api/v1/bids/${w.bidY}/qualification`, {
    result: 'fail',
    reason: '资质过期',
  });
  const disq = await send(
    t,
    e1 ?? null,
    'PUT',
    `/api/v1/scenarios/${scenario}/score-sheets/${w.bidY}`,
    challengeSheet([1, 1, 1, 1, 1]),
  );
  expect(await problem(disq)).toMatchObject({ status: 409, code: 'ILLEGAL_TRANSITION' });
  await ok(t, e1 as NonNullable<typeof e1>, 'POST', `/api/v1/scenarios/${scenario}/score-sheets/sign`);
  const locked = await send(t, e1 ?? null, 'PUT', url, challengeSheet([1, 1, 1, 1, 1]));
  expect(await problem(locked)).toMatchObject({ status: 409, code: 'ILLEGAL_TRANSITION' });
  expect((await send(t, e1 ?? null, 'POST', `/api/v1/scenarios/${scenario}/score-sheets/sign`)).status).toBe(
    409,
  );
  // A re-score request needs a signed seat that exists.
  const rescore = `/api/v1/scenarios/${scenario}/rescore-requests`;
  expect((await send(t, w.agency, 'POST', rescore, { seat: 9, reason: '无' })).status).toBe(422);
});

test('signing needs every qualified bid scored on every criterion', async () => {
  w = await evaluationWorld({ kind: 'challenge' });
  const { t, organizer, agency, scenario, bidX, bidY } = w;
  const e = await addExpert(w, { account: true });
  await addExpert(w);
  await addExpert(w);
  await ok(t, organizer, 'POST', `/api/v1/scenarios/${scenario}/panel`, { size: 3 });
  await ok(t, agency, 'PUT', `/api/v1/scenarios/${scenario}/criteria`, { template: 'challenge-standard' });
  for (const b of [bidX, bidY])
    await ok(t, agency, 'POST', `/api/v1/bids/${b}/qualification`, { result: 'pass', reason: '合格' });
  const user = e.user as NonNullable<typeof e.user>;
  await ok(
    t,
    user,
    'PUT',
    `/api/v1/scenarios/${scenario}/score-sheets/${bidX}`,
    challengeSheet([1, 1, 1, 1, 1]),
  );
  const sign = await problem(await send(t, user, 'POST', `/api/v1/scenarios/${scenario}/score-sheets/sign`));
  expect(sign.status).toBe(409);
  expect(sign.detail).toContain(`${bidY}:industry_impact`);
});

test('an abnormally low price keeps a bid out of the ranking until its explanation is accepted', async () => {
  w = await scoredWorld();
  const { t, agency, x, scenario, bidX, bidY } = w;
  await t.db.update(schema.bids).set({ priceFen: 2_000_000_00 }).where(eq(schema.bids.id, bidX));
  const first = await ok(t, agency, 'POST', `/api/v1/scenarios/${scenario}/evaluation`);
  expect(first.ranking.map((r: { bid: string }) => r.bid)).toEqual([bidY]);
  expect(first.excluded).toEqual([
    expect.objectContaining({
      bid: bidX,
      flags: ['abnormally_low'],
      reason: expect.stringContaining('abnormally low'),
    }),
  ]);
  expect((await send(t, agency, 'POST', `/api/v1/bids/${bidX}/low-price-explanation/accept`)).status).toBe(
    409,
  );
  await ok(t, x, 'POST', `/api/v1/bids/${bidX}/low-price-explanation`, {
    explanation: '复用自有平台，边际成本低',
  });
  await ok(t, agency, 'POST', `/api/v1/bids/${bidX}/low-price-explanation/accept`);
  const second = await ok(t, agency, 'POST', `/api/v1/scenarios/${scenario}/evaluation`);
  expect(second.ranking.map((r: { bid: string; flags: string[] }) => [r.bid, r.flags])).toEqual([
    [bidX, ['abnormally_low', 'low_price_accepted']],
    [bidY, []],
  ]);
});

test('objections only inside the window; awards only after it, answered, from the top of the ranking', async () => {
  w = await scoredWorld({ kind: 'scenario', procurementType: 'services' });
  const { t, agency, x, y, scenario, bidX, bidY } = w;
  await ok(t, agency, 'POST', `/api/v1/scenarios/${scenario}/evaluation`);
  const notice = await ok(t, agency, 'POST', `/api/v1/scenarios/${scenario}/notice`);
  // Published Tuesday 18:00 Shanghai: 1 + 3 working days → Monday 18:00 Shanghai.
  expect(notice.objectionsUntil).toBe('2026-12-07T10:00:00.000Z');
  expect((await send(t, agency, 'POST', `/api/v1/scenarios/${scenario}/notice`)).status).toBe(409);
  const objection = await ok(t, y, 'POST', `/api/v1/notices/${notice.id}/objections`, { text: '异议' });
  t.setNow('2026-12-07T10:00:00.001Z');
  const { signInAgain } = await import('./evaluation.fixtures.ts');
  const a = await signInAgain(t, agency);
  const late = await problem(
    await send(t, await signInAgain(t, x), 'POST', `/api/v1/notices/${notice.id}/objections`, {
      text: '晚了',
    }),
  );
  expect(late).toMatchObject({ status: 409, code: 'DEADLINE_PASSED' });
  const award = (bidId: string) => ({ awards: [{ bidId, amountFen: 1_000_00 }] });
  const pending = await problem(
    await send(t, a, 'POST', `/api/v1/scenarios/${scenario}/awards`, award(bidX)),
  );
  expect(pending.detail).toContain('answer every objection');
  await ok(t, a, 'POST', `/api/v1/objections/${objection.id}/answer`, {
    decision: 'rejected',
    answer: '不成立',
  });
  const second = await problem(await send(t, a, 'POST', `/api/v1/scenarios/${scenario}/awards`, award(bidY)));
  expect(second.errors).toEqual([expect.objectContaining({ path: 'body.awards.0.bidId' })]);
  const two = await problem(
    await send(t, a, 'POST', `/api/v1/scenarios/${scenario}/awards`, {
      awards: [
        { bidId: bidX, amountFen: 1 },
        { bidId: bidY, amountFen: 1 },
      ],
    }),
  );
  expect(two.errors[0]).toMatchObject({ path: 'body.awards', message: 'at most 1 winner for this scenario' });
  const subsidy = await problem(
    await send(t, a, 'POST', `/api/v1/scenarios/${scenario}/awards`, {
      awards: [{ bidId: bidX, amountFen: 1, subsidyFen: 2 }],
    }),
  );
  expect(subsidy.errors[0].path).toBe('body.awards.0.subsidyFen');
  const done = await ok(t, a, 'POST', `/api/v1/scenarios/${scenario}/awards`, award(bidX));
  expect(done.items).toHaveLength(1);
  expect((await send(t, a, 'POST', `/api/v1/scenarios/${scenario}/awards`, award(bidX))).status).toBe(409);
  // Acceptance needs delivery to have started.
  const acc = await send(t, a, 'POST', `/api/v1/awards/${done.items[0].id}/acceptance`, {
    result: 'pass',
    note: '好',
  });
  expect(await problem(acc)).toMatchObject({ status: 409 });
});
