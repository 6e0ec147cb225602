import { makeScenario } from '@scx/db/factories';
import { type Actor, body, makeTestApp, signIn, type TestApp } from './harness.ts';

export const DEADLINE = '2026-12-01T09:00:00.000Z';
export const AFTER_DEADLINE = '2026-12-01T10:00:00.000Z';

export const send = (
  t: TestApp,
  a: Actor | null,
  method: string,
  path: string,
  payload?: unknown,
  extra: Record<string, string> = {},
) =>
  t.request(path, {
    method,
    headers: { ...(a?.headers ?? {}), 'content-type': 'application/json', ...extra },
    ...(payload === undefined ? {} : { body: JSON.stringify(payload) }),
  });

/** Sends and insists on a 2xx; the body parsed. */
export async function ok(t: TestApp, a: Actor, method: string, path: string, payload?: unknown) {
  const res = await send(t, a, method, path, payload);
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return body(res);
}

/**
 * A challenge (or tender) with bids from firm X (with micro partner P in a consortium) and firm Y, past its
 * deadline; `open` also opens the bids. Nothing about evaluation exists yet.
 */
export async function evaluationWorld(
  opts: {
    kind?: 'scenario' | 'challenge';
    budgetFen?: number;
    open?: boolean;
    procurementType?: 'goods' | 'services';
    scenario?: Partial<Parameters<typeof makeScenario>[1]>;
  } = {},
) {
  const t = await makeTestApp({ now: '2026-11-27T08:00:00.000Z' });
  const agency = await signIn(t, { kind: 'agency' });
  const otherAgency = await signIn(t, { kind: 'agency' });
  const organizer = await signIn(t, { kind: 'organizer' });
  const x = await signIn(t, { kind: 'firm' });
  const y = await signIn(t, { kind: 'firm' });
  const partner = await signIn(t, { kind: 'firm' });
  const s = await makeScenario(t.db, {
    issuerId: agency.orgId,
    kind: opts.kind ?? 'challenge',
    procurementType: opts.procurementType ?? 'services',
    budgetFen: opts.budgetFen ?? 5_000_000_00,
    deadline: DEADLINE,
    consortiumAllowed: true,
    ...opts.scenario,
  });
  const bidX = (
    await ok(t, x, 'POST', `/api/v1/scenarios/${s.id}/bids`, {
      priceFen: 4_000_000_00,
      partners: [{ firmId: partner.orgId, shareBp: 3000 }],
    })
  ).id as string;
  await ok(t, partner, 'POST', `/api/v1/bids/${bidX}/confirm`);
  await ok(t, x, 'POST', `/api/v1/bids/${bidX}/transitions`, { action: 'submit' });
  const bidY = (await ok(t, y, 'POST', `/api/v1/scenarios/${s.id}/bids`, { priceFen: 4_500_000_00 }))
    .id as string;
  await ok(t, y, 'POST', `/api/v1/bids/${bidY}/transitions`, { action: 'submit' });
  t.setNow(AFTER_DEADLINE);
  if (opts.open !== false) await ok(t, agency, 'POST', `/api/v1/scenarios/${s.id}/open-bids`);
  return { t, agency, otherAgency, organizer, x, y, partner, scenario: s.id, bidX, bidY };
}

export type EvaluationWorld = Awaited<ReturnType<typeof evaluationWorld>>;

let expertCount = 0;

/** Adds an expert through the API (organizer), with an account holding the expert role when `account`. */
export async function addExpert(
  w: Pick<EvaluationWorld, 't' | 'organizer'>,
  o: { domains?: string[]; employerOrgId?: string; account?: boolean } = {},
): Promise<{ id: string; user: Actor | null }> {
  const n = ++expertCount;
  const user = o.account ? await signIn(w.t, { kind: 'expert-body', role: 'expert' }) : null;
  const e = await ok(w.t, w.organizer, 'POST', '/api/v1/experts', {
    name: `专家甲${n}`,
    domains: o.domains ?? ['industry-it'],
    ...(o.employerOrgId ? { employerOrgId: o.employerOrgId } : {}),
    ...(user ? { userId: user.userId } : {}),
  });
  return { id: e.id as string, user };
}

/** Signs an actor in again after the test clock jumped past the session's lifetime; returns fresh headers. */
export async function signInAgain(t: TestApp, a: Actor): Promise<Actor> {
  const res = await t.json('/api/v1/auth/login', { email: a.email, password: 'correct-horse-battery' });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const { csrfToken } = await body(res);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return { ...a, headers: { cookie, 'x-csrf-token': csrfToken } };
}

export const CHALLENGE_CODES = [
  'industry_impact',
  'research_base',
  'technical_indicators',
  'implementation_plan',
  'financial_soundness',
];

/** One expert's sheet for the challenge template, with a comment per criterion. */
export const challengeSheet = (points: number[]) => ({
  scores: CHALLENGE_CODES.map((criterion, i) => ({
    criterion,
    points: points[i] as number,
    comment: `依据第${i + 1}项材料`,
  })),
});

/**
 * An evaluation world taken up to scored (and, unless `sign` is false, signed) sheets. A challenge: three
 * experts, the challenge template, X scored 81 and Y 62. A tender (kind scenario): five experts, the services
 * template (price 10), X 75 and Y 65 on the scored criteria.
 */
export async function scoredWorld(opts: Parameters<typeof evaluationWorld>[0] & { sign?: boolean } = {}) {
  const w = await evaluationWorld({ kind: 'challenge', ...opts });
  const tender = (opts.kind ?? 'challenge') === 'scenario';
  const size = tender ? 5 : 3;
  const pool = [];
  for (let i = 0; i < size; i++) pool.push(await addExpert(w, { account: true }));
  const userOf = new Map(pool.map((e) => [e.id, e.user as Actor]));
  const panel = await ok(w.t, w.organizer, 'POST', `/api/v1/scenarios/${w.scenario}/panel`, {
    size,
    seed: 's',
  });
  const experts: Actor[] = panel.members.map((m: { expertId: string }) => userOf.get(m.expertId) as Actor);
  const template = tender ? 'services-standard' : 'challenge-standard';
  await ok(w.t, w.agency, 'PUT', `/api/v1/scenarios/${w.scenario}/criteria`, { template });
  for (const bid of [w.bidX, w.bidY])
    await ok(w.t, w.agency, 'POST', `/api/v1/bids/${bid}/qualification`, { result: 'pass', reason: '合格' });
  const sheet = (points: number[]) =>
    tender
      ? {
          scores: ['solution', 'team', 'track_record', 'assurance'].map((criterion, i) => ({
            criterion,
            points: points[i] as number,
          })),
        }
      : challengeSheet(points);
  for (const e of experts) {
    const url = `/api/v1/scenarios/${w.scenario}/score-sheets`;
    await ok(w.t, e, 'PUT', `${url}/${w.bidX}`, sheet(tender ? [35, 20, 12, 8] : [20, 16, 25, 8, 12]));
    await ok(w.t, e, 'PUT', `${url}/${w.bidY}`, sheet(tender ? [30, 18, 10, 7] : [15, 12, 20, 6, 9]));
    if (opts.sign !== false) await ok(w.t, e, 'POST', `${url}/sign`);
  }
  return { ...w, experts, panel };
}
