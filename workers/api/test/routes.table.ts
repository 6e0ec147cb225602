import { makeScenario, randomUscc } from '@scx/db/factories';
import { type Actor, body, makeTestApp, signIn, type TestApp } from './harness.ts';

/**
 * Every route of the API with a fresh world to call it in, and who may call it. The authorization
 * matrix and the input fuzzer both read this one table.
 */
export const ACTORS = [
  'anonymous',
  'agencyA',
  'agencyB',
  'firmX',
  'firmY',
  'partnerP',
  'organizer',
  'expert',
] as const;
export type ActorName = (typeof ACTORS)[number];
const SIGNED_IN = ACTORS.filter((a) => a !== 'anonymous');
const FIRMS: ActorName[] = ['firmX', 'firmY', 'partnerP'];

export interface World {
  t: TestApp;
  actors: Record<Exclude<ActorName, 'anonymous'>, Actor>;
  scenario: string;
  draft: string;
  bid: string;
  question: string;
  tokenOfA: string;
}

export interface Row {
  route: string;
  path: (w: World) => string;
  body?: (w: World, who: ActorName) => unknown;
  headers?: Record<string, string>;
  allow: readonly ActorName[];
  /** Who the fuzzer sends as, when nobody is allowed (sealed routes): the closest would-be caller. */
  fuzzAs?: ActorName;
}

const DRAFT = {
  kind: 'scenario',
  title: '矩阵测试场景',
  domain: 'industry-it',
  area: 'healthcare',
  district: 'wuchang',
};

export const TABLE: Row[] = [
  { route: 'GET /api/v1/health', path: () => '/api/v1/health', allow: ACTORS },
  { route: 'GET /api/v1/vocabularies', path: () => '/api/v1/vocabularies', allow: ACTORS },
  { route: 'GET /api/v1/scenarios', path: () => '/api/v1/scenarios', allow: ACTORS },
  { route: 'GET /api/v1/scenarios/:id', path: (w) => `/api/v1/scenarios/${w.scenario}`, allow: ACTORS },
  {
    route: 'POST /api/v1/organizations',
    path: () => '/api/v1/organizations',
    body: () => ({
      kind: 'firm',
      name: '矩阵科技有限公司',
      uscc: randomUscc(),
      district: 'hongshan',
      admin: {
        name: '测试',
        email: `m${Math.random().toString(36).slice(2)}@x.example`,
        password: 'correct-horse-battery',
      },
    }),
    allow: ACTORS,
  },
  {
    route: 'GET /api/v1/organizations',
    path: () => '/api/v1/organizations?status=pending',
    allow: ['organizer'],
  },
  {
    route: 'POST /api/v1/organizations/:id/:decision',
    path: (w) => `/api/v1/organizations/${w.actors.firmY.orgId}/suspend`,
    body: () => ({ reason: '矩阵' }),
    allow: ['organizer'],
  },
  { route: 'GET /api/v1/auth/me', path: () => '/api/v1/auth/me', allow: SIGNED_IN },
  { route: 'POST /api/v1/auth/logout', path: () => '/api/v1/auth/logout', allow: SIGNED_IN },
  {
    route: 'POST /api/v1/auth/switch-org',
    path: () => '/api/v1/auth/switch-org',
    body: (w, who) => ({ orgId: who === 'anonymous' ? w.actors.agencyA.orgId : w.actors[who].orgId }),
    allow: SIGNED_IN,
  },
  { route: 'GET /api/v1/auth/tokens', path: () => '/api/v1/auth/tokens', allow: SIGNED_IN },
  {
    route: 'POST /api/v1/auth/tokens',
    path: () => '/api/v1/auth/tokens',
    body: () => ({ name: '矩阵' }),
    // Every actor here is its organization's admin except the expert.
    allow: SIGNED_IN.filter((a) => a !== 'expert'),
  },
  {
    route: 'DELETE /api/v1/auth/tokens/:id',
    path: (w) => `/api/v1/auth/tokens/${w.tokenOfA}`,
    allow: ['agencyA'],
  },
  {
    route: 'GET /api/v1/workspace/scenarios',
    path: () => '/api/v1/workspace/scenarios',
    allow: ['agencyA', 'agencyB', 'organizer'],
  },
  {
    route: 'POST /api/v1/workspace/scenarios',
    path: () => '/api/v1/workspace/scenarios',
    body: () => DRAFT,
    allow: ['agencyA', 'agencyB'],
  },
  {
    route: 'GET /api/v1/workspace/scenarios/:id',
    path: (w) => `/api/v1/workspace/scenarios/${w.draft}`,
    allow: ['agencyA', 'organizer'],
  },
  {
    route: 'PATCH /api/v1/workspace/scenarios/:id',
    path: (w) => `/api/v1/workspace/scenarios/${w.draft}`,
    body: () => ({ summary: '改' }),
    headers: { 'if-match': '"1"' },
    allow: ['agencyA'],
  },
  {
    route: 'POST /api/v1/workspace/scenarios/:id/transitions',
    path: (w) => `/api/v1/workspace/scenarios/${w.draft}/transitions`,
    body: () => ({ action: 'withdraw' }),
    allow: ['agencyA'],
  },
  {
    route: 'POST /api/v1/scenarios/:id/bids',
    path: (w) => `/api/v1/scenarios/${w.scenario}/bids`,
    body: () => ({ priceFen: 100 }),
    allow: FIRMS,
  },
  // Sealed: before the deadline nobody may list or open the bids, not even the issuer.
  {
    route: 'GET /api/v1/scenarios/:id/bids',
    path: (w) => `/api/v1/scenarios/${w.scenario}/bids`,
    allow: [],
    fuzzAs: 'agencyA',
  },
  {
    route: 'POST /api/v1/scenarios/:id/open-bids',
    path: (w) => `/api/v1/scenarios/${w.scenario}/open-bids`,
    allow: [],
    fuzzAs: 'agencyA',
  },
  { route: 'GET /api/v1/bids', path: () => '/api/v1/bids', allow: FIRMS },
  { route: 'GET /api/v1/bids/:id', path: (w) => `/api/v1/bids/${w.bid}`, allow: ['firmX', 'partnerP'] },
  {
    route: 'PATCH /api/v1/bids/:id',
    path: (w) => `/api/v1/bids/${w.bid}`,
    body: () => ({ priceFen: 200 }),
    headers: { 'if-match': '"1"' },
    allow: ['firmX'],
  },
  {
    route: 'POST /api/v1/bids/:id/transitions',
    path: (w) => `/api/v1/bids/${w.bid}/transitions`,
    body: () => ({ action: 'withdraw' }),
    allow: ['firmX'],
  },
  {
    route: 'POST /api/v1/bids/:id/confirm',
    path: (w) => `/api/v1/bids/${w.bid}/confirm`,
    allow: ['partnerP'],
  },
  {
    route: 'GET /api/v1/scenarios/:id/questions',
    path: (w) => `/api/v1/scenarios/${w.scenario}/questions`,
    allow: ACTORS,
  },
  {
    route: 'POST /api/v1/scenarios/:id/questions',
    path: (w) => `/api/v1/scenarios/${w.scenario}/questions`,
    body: () => ({ question: '矩阵提问' }),
    allow: FIRMS,
  },
  {
    route: 'POST /api/v1/questions/:id/answer',
    path: (w) => `/api/v1/questions/${w.question}/answer`,
    body: () => ({ answer: '矩阵回答' }),
    allow: ['agencyA', 'organizer'],
  },
  {
    route: 'POST /api/v1/imports/:kind/preview',
    path: () => '/api/v1/imports/scenarios/preview',
    allow: ['agencyA', 'agencyB', 'organizer'],
  },
  {
    route: 'POST /api/v1/imports/:kind/commit',
    path: () => '/api/v1/imports/firms/commit',
    allow: ['organizer'],
  },
  { route: 'GET /api/v1/audit/verify', path: () => '/api/v1/audit/verify', allow: ['organizer'] },
  {
    route: 'GET /api/v1/audit/:entityType/:entityId',
    path: (w) => `/api/v1/audit/scenario/${w.scenario}`,
    allow: ['organizer'],
  },
];

/** Routes that cannot be judged by allow/deny status: login answers 401 for wrong passwords by design. */
export const OUTSIDE_THE_MATRIX = new Set(['POST /api/v1/auth/login']);

export async function buildWorld(): Promise<World> {
  const t = await makeTestApp({ now: '2026-11-27T08:00:00.000Z' });
  const actors = {
    agencyA: await signIn(t, { kind: 'agency' }),
    agencyB: await signIn(t, { kind: 'agency' }),
    firmX: await signIn(t, { kind: 'firm' }),
    firmY: await signIn(t, { kind: 'firm' }),
    partnerP: await signIn(t, { kind: 'firm' }),
    organizer: await signIn(t, { kind: 'organizer' }),
    expert: await signIn(t, { kind: 'expert-body', role: 'expert' }),
  };
  const s = await makeScenario(t.db, {
    issuerId: actors.agencyA.orgId,
    deadline: '2026-12-01T09:00:00.000Z',
    consortiumAllowed: true,
  });
  const post = (a: Actor, path: string, payload: unknown) =>
    t.request(path, {
      method: 'POST',
      headers: { ...a.headers, 'content-type': 'application/json' },
      body: JSON.stringify(payload),
    });
  const draft = await body(await post(actors.agencyA, '/api/v1/workspace/scenarios', DRAFT));
  const bid = await body(
    await post(actors.firmX, `/api/v1/scenarios/${s.id}/bids`, {
      partners: [{ firmId: actors.partnerP.orgId, shareBp: 3000 }],
    }),
  );
  const q = await body(
    await post(actors.firmY, `/api/v1/scenarios/${s.id}/questions`, { question: '世界里的问题' }),
  );
  const token = await body(await post(actors.agencyA, '/api/v1/auth/tokens', { name: 'A 的令牌' }));
  return { t, actors, scenario: s.id, draft: draft.id, bid: bid.id, question: q.id, tokenOfA: token.info.id };
}
