import { makeScenario } from '@scx/db/factories';
import { afterEach, expect, test } from 'vitest';
import {
  addExpert,
  type EvaluationWorld,
  evaluationWorld,
  ok,
  scoredWorld,
  send,
} from './evaluation.fixtures.ts';
import { signIn } from './harness.ts';

let w: EvaluationWorld | undefined;
afterEach(() => w?.t.close());

test('only organizers keep the pool and draw panels; an expert declares conflicts for themself only', async () => {
  w = await evaluationWorld();
  const { t, agency, x, organizer, scenario } = w;
  const expertBody = { name: '越权专家', domains: ['industry-it'] };
  expect((await send(t, null, 'POST', '/api/v1/experts', expertBody)).status).toBe(401);
  for (const a of [agency, x]) {
    expect((await send(t, a, 'POST', '/api/v1/experts', expertBody)).status).toBe(403);
    expect((await send(t, a, 'GET', '/api/v1/experts')).status).toBe(403);
    expect((await send(t, a, 'POST', `/api/v1/scenarios/${scenario}/panel`, {})).status).toBe(403);
  }
  const mine = await addExpert(w, { account: true });
  const other = await addExpert(w, { account: true });
  const declare = (as: typeof mine, target: string) =>
    send(t, as.user, 'POST', `/api/v1/experts/${target}/conflicts`, { orgId: x.orgId, reason: '试探' });
  expect((await declare(mine, other.id)).status).toBe(404);
  expect((await declare(mine, mine.id)).status).toBe(201);
  // The expert role is checked when linking an account.
  const notExpert = await send(t, organizer, 'POST', '/api/v1/experts', {
    ...expertBody,
    userId: agency.userId,
  });
  expect(notExpert.status).toBe(422);
  const taken = await send(t, organizer, 'POST', '/api/v1/experts', {
    ...expertBody,
    userId: mine.user?.userId,
  });
  expect(taken.status).toBe(422);
});

test('another agency sees nothing of a scenario’s panel, criteria drafts, reviews or scores', async () => {
  w = await scoredWorld({ sign: false });
  const { t, otherAgency, x, scenario, bidX } = w;
  const base = `/api/v1/scenarios/${scenario}`;
  for (const [method, path, payload] of [
    ['GET', `${base}/panel`, undefined],
    ['GET', `${base}/score-sheets`, undefined],
    ['POST', `${base}/evaluation`, undefined],
    ['GET', `${base}/evaluation/report`, undefined],
    ['POST', `${base}/rescore-requests`, { seat: 1, reason: '越权' }],
    ['PUT', `${base}/criteria`, { template: 'challenge-standard' }],
    ['POST', `/api/v1/bids/${bidX}/qualification`, { result: 'fail', reason: '越权' }],
    ['POST', `/api/v1/bids/${bidX}/low-price-explanation/accept`, undefined],
  ] as const) {
    expect((await send(t, otherAgency, method, path, payload)).status, `${method} ${path}`).toBe(404);
  }
  // A bidding firm cannot read the sheets, nor score as if it were an expert.
  expect((await send(t, x, 'GET', `${base}/score-sheets`)).status).toBe(404);
  const sheet = { scores: [{ criterion: 'research_base', points: 20 }] };
  expect((await send(t, x, 'PUT', `${base}/score-sheets/${bidX}`, sheet)).status).toBe(404);
  // An expert outside the panel is treated as anyone else.
  const outsider = await signIn(t, { kind: 'expert-body', role: 'expert' });
  expect((await send(t, outsider, 'PUT', `${base}/score-sheets/${bidX}`, sheet)).status).toBe(404);
  expect((await send(t, outsider, 'GET', `${base}/score-sheets`)).status).toBe(404);
  // A partner is not the lead: only the lead firm explains its price.
  const explain = { explanation: '越权说明' };
  expect(
    (await send(t, w.partner, 'POST', `/api/v1/bids/${bidX}/low-price-explanation`, explain)).status,
  ).toBe(404);
  expect((await send(t, w.y, 'POST', `/api/v1/bids/${bidX}/low-price-explanation`, explain)).status).toBe(
    404,
  );
});

test('objections are for bidders; answers, awards and delivery for the issuer, organizers and the winner', async () => {
  w = await scoredWorld();
  const { t, agency, otherAgency, x, y, scenario, bidX } = w;
  await ok(t, agency, 'POST', `/api/v1/scenarios/${scenario}/evaluation`);
  const notice = await ok(t, agency, 'POST', `/api/v1/scenarios/${scenario}/notice`);
  const stranger = await signIn(t, { kind: 'firm' });
  const objectionsUrl = `/api/v1/notices/${notice.id}/objections`;
  expect((await send(t, stranger, 'POST', objectionsUrl, { text: '路过' })).status).toBe(404);
  expect((await send(t, stranger, 'GET', objectionsUrl)).status).toBe(404);
  expect((await send(t, agency, 'POST', objectionsUrl, { text: '自己质疑' })).status).toBe(403);
  const objection = await ok(t, y, 'POST', objectionsUrl, { text: '质疑' });
  const answer = { decision: 'upheld', answer: '越权' };
  expect((await send(t, x, 'POST', `/api/v1/objections/${objection.id}/answer`, answer)).status).toBe(403);
  expect(
    (await send(t, otherAgency, 'POST', `/api/v1/objections/${objection.id}/answer`, answer)).status,
  ).toBe(404);
  await ok(t, agency, 'POST', `/api/v1/objections/${objection.id}/answer`, {
    decision: 'rejected',
    answer: '不成立',
  });

  t.setNow('2026-12-09T00:00:00.000Z');
  const { signInAgain } = await import('./evaluation.fixtures.ts');
  const [a, b, fx, fy] = [
    await signInAgain(t, agency),
    await signInAgain(t, otherAgency),
    await signInAgain(t, x),
    await signInAgain(t, y),
  ];
  const award = { awards: [{ bidId: bidX, amountFen: 100_000_00 }] };
  expect((await send(t, b, 'POST', `/api/v1/scenarios/${scenario}/awards`, award)).status).toBe(404);
  expect((await send(t, fx, 'POST', `/api/v1/scenarios/${scenario}/awards`, award)).status).toBe(403);
  const [won] = (await ok(t, a, 'POST', `/api/v1/scenarios/${scenario}/awards`, award)).items;
  const kpi = { kpi: '任意', value: '1' };
  expect((await send(t, fy, 'POST', `/api/v1/awards/${won.id}/kpi-reports`, kpi)).status).toBe(404);
  expect((await send(t, fy, 'GET', `/api/v1/awards/${won.id}/delivery`)).status).toBe(404);
  expect(
    (
      await send(t, fx, 'POST', `/api/v1/awards/${won.id}/milestones`, {
        title: '自评',
        dueAt: '2027-01-01T00:00:00Z',
      })
    ).status,
  ).toBe(403);
  expect(
    (await send(t, fx, 'POST', `/api/v1/awards/${won.id}/acceptance`, { result: 'pass', note: '自验' }))
      .status,
  ).toBe(403);
  expect(
    (await send(t, b, 'POST', `/api/v1/awards/${won.id}/acceptance`, { result: 'pass', note: '越权' }))
      .status,
  ).toBe(404);
});

test('notices and awards of an unpublished scenario do not exist for anyone', async () => {
  w = await evaluationWorld({ open: false });
  const draft = await makeScenario(w.t.db, { issuerId: w.agency.orgId, status: 'draft' });
  for (const path of ['notice', 'awards', 'criteria']) {
    expect((await send(w.t, w.x, 'GET', `/api/v1/scenarios/${draft.id}/${path}`)).status).toBe(404);
  }
  expect((await send(w.t, null, 'GET', `/api/v1/scenarios/${w.scenario}/notice`)).status).toBe(200);
});
