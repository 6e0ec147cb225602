import { afterEach, expect, test } from 'vitest';
import { addExpert, scoredWorld as buildScored, ok, send } from './evaluation.fixtures.ts';
import { type Actor, body, roundTrips, signIn } from './harness.ts';

type W = Awaited<ReturnType<typeof buildScored>>;
let w: W | undefined;
afterEach(() => w?.t.close());

const ASSIGNMENTS = '/api/v1/experts/me/assignments';

test('a panel expert lists their assignment: bids to score, sheets done, signature, re-score request', async () => {
  w = await buildScored({ sign: false });
  const { t, scenario, bidX, bidY, agency } = w;
  const [first, second] = w.experts as [Actor, Actor, Actor];

  const res = await send(t, first, 'GET', ASSIGNMENTS);
  expect(res.status).toBe(200);
  // The session, then one batch.
  expect(roundTrips(res)).toBe(2);
  const mine = await body(res);
  expect(mine.expert.name).toMatch(/^专家甲/);
  expect(mine.items).toHaveLength(1);
  const seat = mine.items[0].seat as number;
  expect(mine.items[0]).toMatchObject({
    scenarioId: scenario,
    kind: 'challenge',
    scenarioStatus: 'under_evaluation',
    alias: `专家${seat}`,
    signedAt: null,
    allSigned: false,
    criteria: 5,
    qualifiedBids: 2,
    completedSheets: 2,
    rescoreRequest: null,
  });
  expect(mine.items[0].bids.map((b: { id: string }) => b.id).sort()).toEqual([bidX, bidY].sort());
  expect(mine.items[0].bids[0]).toHaveProperty('firmName');
  // The firm's own list carries its low-price flag and explanation, for it to answer the panel.
  expect((await ok(t, w.x, 'GET', '/api/v1/bids')).items[0]).toMatchObject({
    lowPriceFlag: false,
    lowPriceExplanation: null,
  });

  // Everyone signs; the issuer asks this seat to score again: the request shows until it signs again.
  for (const e of w.experts) await ok(t, e, 'POST', `/api/v1/scenarios/${scenario}/score-sheets/sign`);
  const signed = await ok(t, first, 'GET', ASSIGNMENTS);
  expect(signed.items[0].signedAt).not.toBeNull();
  expect(signed.items[0].allSigned).toBe(true);
  await ok(t, agency, 'POST', `/api/v1/scenarios/${scenario}/rescore-requests`, {
    seat,
    reason: '第二项评分依据不足',
  });
  const asked = await ok(t, first, 'GET', `${ASSIGNMENTS}?scenarioId=${scenario}`);
  expect(asked.items[0]).toMatchObject({
    signedAt: null,
    allSigned: false,
    rescoreRequest: { reason: '第二项评分依据不足' },
  });
  // Another seat is not asked.
  expect((await ok(t, second, 'GET', ASSIGNMENTS)).items[0].rescoreRequest).toBeNull();
  await ok(t, first, 'POST', `/api/v1/scenarios/${scenario}/score-sheets/sign`);
  expect((await ok(t, first, 'GET', ASSIGNMENTS)).items[0].rescoreRequest).toBeNull();
});

test('progress counts only complete sheets; a replaced seat drops the assignment', async () => {
  w = await buildScored({ sign: false });
  const { t, scenario, bidX, organizer } = w;
  const first = w.experts[0] as Actor;
  const spare = await addExpert(w, { account: true });
  const before = await ok(t, first, 'GET', ASSIGNMENTS);
  expect(before.items[0].completedSheets).toBe(2);
  const member = w.panel.members.find((m: { seat: number }) => m.seat === before.items[0].seat);
  await ok(t, organizer, 'POST', `/api/v1/scenarios/${scenario}/panel/members/${member.id}/replace`, {
    reason: '临时回避',
  });
  expect((await ok(t, first, 'GET', ASSIGNMENTS)).items).toEqual([]);
  // The replacement (the only expert never on the panel) sees the seat with nothing scored yet.
  const fresh = await ok(t, spare.user as Actor, 'GET', ASSIGNMENTS);
  expect(fresh.items).toHaveLength(1);
  expect(fresh.items[0]).toMatchObject({ seat: before.items[0].seat, completedSheets: 0, qualifiedBids: 2 });
  // Half a sheet is not a completed one.
  await ok(t, spare.user as Actor, 'PUT', `/api/v1/scenarios/${scenario}/score-sheets/${bidX}`, {
    scores: [{ criterion: 'industry_impact', points: 10 }],
  });
  expect((await ok(t, spare.user as Actor, 'GET', ASSIGNMENTS)).items[0].completedSheets).toBe(0);
});

test('only a linked expert may list; others get 401/403; a bad filter names the query field', async () => {
  w = await buildScored({ sign: false });
  const { t, agency, x, organizer } = w;
  expect((await send(t, null, 'GET', ASSIGNMENTS)).status).toBe(401);
  for (const a of [agency, x, organizer]) {
    const res = await send(t, a, 'GET', ASSIGNMENTS);
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  }
  // An expert-role account not linked to the pool is refused too.
  const unlinked = await signIn(t, { kind: 'expert-body', role: 'expert' });
  expect((await send(t, unlinked, 'GET', ASSIGNMENTS)).status).toBe(403);
  // A linked expert off the panel sees nothing, and never another expert's scenario.
  const idle = await addExpert(w, { account: true });
  expect((await ok(t, idle.user as Actor, 'GET', ASSIGNMENTS)).items).toEqual([]);
  const bad = await send(t, w.experts[0] as Actor, 'GET', `${ASSIGNMENTS}?scenarioId=nope`);
  expect(bad.status).toBe(422);
  expect((await body(bad)).errors[0].path).toBe('query.scenarioId');
  // Another scenario's id just narrows to nothing.
  const other = await send(t, w.experts[0] as Actor, 'GET', `${ASSIGNMENTS}?scenarioId=${w.bidX}`);
  expect((await body(other)).items).toEqual([]);
});
