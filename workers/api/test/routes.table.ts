import { newId, schema } from '@scx/db';
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
  /** firmX's product, certification and past case; a draft call and an open one (organizer's). */
  product: string;
  certification: string;
  firmCase: string;
  draftCall: string;
  openCall: string;
  /** Matchmaking events: see buildEventWorld. */
  draftEvent: string;
  openEvent: string;
  openEventParticipants: { agencyA: string; firmX: string; firmY: string };
  eventRequest: string;
  runningEvent: string;
  runningParticipant: string;
  runningMeeting: string;
  /** Evaluation: see buildEvaluationWorld. */
  closedScenario: string;
  openedBid: string;
  expertRecord: string;
  panelMember: string;
  /** A challenge under a result notice in its objection window, with firmY's objection filed. */
  noticedScenario: string;
  notice: string;
  objection: string;
  /** firmX's award on an awarded challenge, with a planned milestone. */
  awardedScenario: string;
  award: string;
  milestone: string;
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

const CALL = {
  title: '矩阵征集',
  year: 2027,
  opensAt: '2027-01-01T00:00:00Z',
  closesAt: '2027-06-30T00:00:00Z',
  targetCount: 200,
};

const EVENT = { title: '矩阵对接会', startsAt: '2026-12-10T01:00:00Z', slotCount: 4, tables: 2 };
const EVENT_PARTICIPANTS: ActorName[] = ['agencyA', 'firmX', 'firmY'];

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
  {
    route: 'GET /api/v1/organizations/:id/members',
    path: (w) => `/api/v1/organizations/${w.actors.agencyA.orgId}/members`,
    allow: ['agencyA', 'organizer'],
  },
  {
    route: 'POST /api/v1/organizations/:id/members',
    path: (w) => `/api/v1/organizations/${w.actors.agencyA.orgId}/members`,
    body: () => ({
      email: `n${Math.random().toString(36).slice(2)}@a.example`,
      name: '新同事',
      role: 'member',
      initialPassword: 'first-password-2026',
    }),
    allow: ['agencyA'],
  },
  {
    route: 'PATCH /api/v1/organizations/:id/members/:userId',
    path: (w) => `/api/v1/organizations/${w.actors.agencyA.orgId}/members/${w.actors.agencyA.userId}`,
    body: () => ({ role: 'admin' }),
    allow: ['agencyA'],
  },
  {
    route: 'DELETE /api/v1/organizations/:id/members/:userId',
    path: (w) => `/api/v1/organizations/${w.actors.agencyA.orgId}/members/${w.actors.agencyA.userId}`,
    allow: ['agencyA'],
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
  { route: 'GET /api/v1/firms', path: () => '/api/v1/firms', allow: ACTORS },
  { route: 'GET /api/v1/firms/:id', path: (w) => `/api/v1/firms/${w.actors.firmX.orgId}`, allow: ACTORS },
  {
    route: 'PATCH /api/v1/firms/:id',
    path: (w) => `/api/v1/firms/${w.actors.firmX.orgId}`,
    body: () => ({ employees: 50 }),
    headers: { 'if-match': '"1"' },
    allow: ['firmX'],
  },
  {
    route: 'POST /api/v1/firms/:id/certifications',
    path: (w) => `/api/v1/firms/${w.actors.firmX.orgId}/certifications`,
    body: () => ({ code: 'CSMM', level: 3 }),
    allow: ['firmX'],
  },
  {
    route: 'DELETE /api/v1/firms/:id/certifications/:certificationId',
    path: (w) => `/api/v1/firms/${w.actors.firmX.orgId}/certifications/${w.certification}`,
    allow: ['firmX'],
  },
  {
    route: 'POST /api/v1/firms/:id/cases',
    path: (w) => `/api/v1/firms/${w.actors.firmX.orgId}/cases`,
    body: () => ({ title: '矩阵案例', client: '某局', year: 2025 }),
    allow: ['firmX'],
  },
  {
    route: 'DELETE /api/v1/firms/:id/cases/:caseId',
    path: (w) => `/api/v1/firms/${w.actors.firmX.orgId}/cases/${w.firmCase}`,
    allow: ['firmX'],
  },
  {
    route: 'GET /api/v1/firms/:id/products',
    path: (w) => `/api/v1/firms/${w.actors.firmX.orgId}/products`,
    allow: ['firmX'],
  },
  { route: 'GET /api/v1/products', path: () => '/api/v1/products', allow: ACTORS },
  {
    route: 'POST /api/v1/products',
    path: () => '/api/v1/products',
    body: () => ({ name: '矩阵产品' }),
    allow: FIRMS,
  },
  { route: 'GET /api/v1/products/:id', path: (w) => `/api/v1/products/${w.product}`, allow: ACTORS },
  {
    route: 'PATCH /api/v1/products/:id',
    path: (w) => `/api/v1/products/${w.product}`,
    body: () => ({ summary: '改' }),
    headers: { 'if-match': '"1"' },
    allow: ['firmX'],
  },
  {
    route: 'POST /api/v1/products/:id/:action',
    path: (w) => `/api/v1/products/${w.product}/delist`,
    allow: ['firmX'],
  },
  {
    route: 'GET /api/v1/scenarios/:id/matches',
    path: (w) => `/api/v1/scenarios/${w.scenario}/matches`,
    allow: ['agencyA', 'organizer'],
  },
  {
    route: 'GET /api/v1/firms/:id/recommendations',
    path: (w) => `/api/v1/firms/${w.actors.firmX.orgId}/recommendations`,
    allow: ['firmX', 'organizer'],
  },
  {
    route: 'POST /api/v1/matching/feedback',
    path: () => '/api/v1/matching/feedback',
    body: (w) => ({ scenarioId: w.scenario, firmId: w.actors.firmX.orgId, useful: true }),
    // The issuer marks its match; firmX marks its own recommendation.
    allow: ['agencyA', 'firmX'],
  },
  {
    route: 'POST /api/v1/matching/reindex',
    path: () => '/api/v1/matching/reindex',
    body: () => ({ limit: 50 }),
    allow: ['organizer'],
  },
  { route: 'GET /api/v1/calls', path: () => '/api/v1/calls', allow: ACTORS },
  { route: 'GET /api/v1/dashboard', path: () => '/api/v1/dashboard?year=2026', allow: ['organizer'] },
  {
    route: 'GET /api/v1/open-data/scenarios.csv',
    path: () => '/api/v1/open-data/scenarios.csv',
    allow: ACTORS,
  },
  { route: 'POST /api/v1/calls', path: () => '/api/v1/calls', body: () => CALL, allow: ['organizer'] },
  // A draft call is the organizers' own; the public sees it once open.
  { route: 'GET /api/v1/calls/:id', path: (w) => `/api/v1/calls/${w.draftCall}`, allow: ['organizer'] },
  {
    route: 'PATCH /api/v1/calls/:id',
    path: (w) => `/api/v1/calls/${w.draftCall}`,
    body: () => ({ title: '改' }),
    headers: { 'if-match': '"1"' },
    allow: ['organizer'],
  },
  {
    route: 'POST /api/v1/calls/:id/transitions',
    path: (w) => `/api/v1/calls/${w.draftCall}/transitions`,
    body: () => ({ action: 'open' }),
    allow: ['organizer'],
  },
  {
    route: 'GET /api/v1/calls/:id/progress',
    path: (w) => `/api/v1/calls/${w.openCall}/progress`,
    allow: ACTORS,
  },
  // Matchmaking events (供需对接活动). A draft is the organizers' own; a request is its two participants'.
  { route: 'GET /api/v1/events', path: () => '/api/v1/events', allow: ACTORS },
  { route: 'POST /api/v1/events', path: () => '/api/v1/events', body: () => EVENT, allow: ['organizer'] },
  { route: 'GET /api/v1/events/:id', path: (w) => `/api/v1/events/${w.draftEvent}`, allow: ['organizer'] },
  {
    route: 'PATCH /api/v1/events/:id',
    path: (w) => `/api/v1/events/${w.draftEvent}`,
    body: () => ({ title: '改' }),
    headers: { 'if-match': '"1"' },
    allow: ['organizer'],
  },
  {
    route: 'POST /api/v1/events/:id/transitions',
    path: (w) => `/api/v1/events/${w.draftEvent}/transitions`,
    body: () => ({ action: 'open_registration' }),
    allow: ['organizer'],
  },
  {
    route: 'GET /api/v1/events/:id/participants',
    path: (w) => `/api/v1/events/${w.openEvent}/participants`,
    allow: ACTORS,
  },
  {
    route: 'POST /api/v1/events/:id/registrations',
    path: (w) => `/api/v1/events/${w.openEvent}/registrations`,
    body: () => ({ needs: '矩阵需求' }),
    allow: ['agencyA', 'agencyB', ...FIRMS],
  },
  {
    route: 'GET /api/v1/events/:id/registrations',
    path: (w) => `/api/v1/events/${w.openEvent}/registrations`,
    allow: ['organizer'],
  },
  {
    route: 'POST /api/v1/events/:id/registrations/:participantId/:decision',
    path: (w) => `/api/v1/events/${w.openEvent}/registrations/${w.openEventParticipants.firmY}/approve`,
    allow: ['organizer'],
  },
  {
    route: 'GET /api/v1/events/:id/registration',
    path: (w) => `/api/v1/events/${w.openEvent}/registration`,
    allow: EVENT_PARTICIPANTS,
  },
  {
    route: 'PATCH /api/v1/events/:id/registration',
    path: (w) => `/api/v1/events/${w.openEvent}/registration`,
    body: () => ({ needs: '改' }),
    allow: EVENT_PARTICIPANTS,
  },
  {
    route: 'POST /api/v1/events/:id/requests',
    path: (w) => `/api/v1/events/${w.openEvent}/requests`,
    body: (w, who) => ({
      toParticipantId: who === 'agencyA' ? w.openEventParticipants.firmX : w.openEventParticipants.agencyA,
      preference: 'meet',
    }),
    // Approved participants only (firmY is still awaiting approval).
    allow: ['agencyA', 'firmX'],
  },
  {
    route: 'GET /api/v1/events/:id/requests',
    path: (w) => `/api/v1/events/${w.openEvent}/requests`,
    allow: EVENT_PARTICIPANTS,
  },
  {
    route: 'POST /api/v1/events/:id/requests/:requestId/:action',
    path: (w) => `/api/v1/events/${w.openEvent}/requests/${w.eventRequest}/accept`,
    // firmX asked agencyA: only agencyA answers; everyone else does not even see the request.
    allow: ['agencyA'],
  },
  {
    route: 'POST /api/v1/events/:id/schedule',
    path: (w) => `/api/v1/events/${w.openEvent}/schedule`,
    allow: ['organizer'],
  },
  {
    route: 'GET /api/v1/events/:id/meetings',
    path: (w) => `/api/v1/events/${w.runningEvent}/meetings`,
    allow: ['organizer'],
  },
  {
    route: 'GET /api/v1/events/:id/table-plan',
    path: (w) => `/api/v1/events/${w.runningEvent}/table-plan`,
    allow: ['organizer'],
  },
  {
    route: 'PATCH /api/v1/events/:id/meetings/:meetingId',
    path: (w) => `/api/v1/events/${w.runningEvent}/meetings/${w.runningMeeting}`,
    body: () => ({ slot: 0, table: 1 }),
    allow: ['organizer'],
  },
  {
    route: 'POST /api/v1/events/:id/meetings/:meetingId/confirm',
    path: (w) => `/api/v1/events/${w.runningEvent}/meetings/${w.runningMeeting}/confirm`,
    allow: ['agencyA', 'firmX'],
  },
  {
    route: 'POST /api/v1/events/:id/meetings/:meetingId/attendance',
    path: (w) => `/api/v1/events/${w.runningEvent}/meetings/${w.runningMeeting}/attendance`,
    body: () => ({ status: 'held' }),
    allow: ['organizer'],
  },
  {
    route: 'POST /api/v1/events/:id/meetings/:meetingId/outcome',
    path: (w) => `/api/v1/events/${w.runningEvent}/meetings/${w.runningMeeting}/outcome`,
    body: () => ({ outcome: 'intention', amountFen: 100 }),
    allow: ['agencyA', 'firmX'],
  },
  {
    route: 'GET /api/v1/events/:id/suggestions',
    path: (w) => `/api/v1/events/${w.runningEvent}/suggestions`,
    allow: ['agencyA', 'firmX'],
  },
  {
    route: 'GET /api/v1/events/:id/agenda',
    path: (w) => `/api/v1/events/${w.runningEvent}/agenda`,
    allow: ['agencyA', 'firmX'],
  },
  {
    route: 'GET /api/v1/events/:id/agenda.ics',
    path: (w) => `/api/v1/events/${w.runningEvent}/agenda.ics`,
    allow: ['agencyA', 'firmX'],
  },
  {
    route: 'POST /api/v1/events/:id/participants/:participantId/check-in',
    path: (w) => `/api/v1/events/${w.runningEvent}/participants/${w.runningParticipant}/check-in`,
    allow: ['organizer'],
  },
  {
    route: 'GET /api/v1/events/:id/report',
    path: (w) => `/api/v1/events/${w.runningEvent}/report`,
    allow: ['organizer'],
  },
  // 评审 (evaluation): the expert pool is the organizers'; a scenario's panel, criteria and reviews its issuer's too.
  { route: 'GET /api/v1/experts', path: () => '/api/v1/experts', allow: ['organizer'] },
  {
    route: 'POST /api/v1/experts',
    path: () => '/api/v1/experts',
    body: () => ({ name: '矩阵专家', domains: ['industry-it'] }),
    allow: ['organizer'],
  },
  {
    route: 'PATCH /api/v1/experts/:id',
    path: (w) => `/api/v1/experts/${w.expertRecord}`,
    body: () => ({ title: '教授' }),
    allow: ['organizer'],
  },
  {
    route: 'POST /api/v1/experts/:id/conflicts',
    path: (w) => `/api/v1/experts/${w.expertRecord}/conflicts`,
    body: (w) => ({ orgId: w.actors.firmY.orgId, reason: '矩阵回避' }),
    allow: ['organizer', 'expert'],
  },
  {
    route: 'GET /api/v1/experts/me/assignments',
    path: () => '/api/v1/experts/me/assignments',
    allow: ['expert'],
  },
  {
    route: 'POST /api/v1/scenarios/:id/panel',
    path: (w) => `/api/v1/scenarios/${w.closedScenario}/panel`,
    body: () => ({ size: 3 }),
    allow: ['organizer'],
  },
  {
    route: 'GET /api/v1/scenarios/:id/panel',
    path: (w) => `/api/v1/scenarios/${w.closedScenario}/panel`,
    allow: ['agencyA', 'organizer'],
  },
  {
    route: 'POST /api/v1/scenarios/:id/panel/members/:memberId/replace',
    path: (w) => `/api/v1/scenarios/${w.closedScenario}/panel/members/${w.panelMember}/replace`,
    body: () => ({ reason: '矩阵替换' }),
    allow: ['organizer'],
  },
  {
    route: 'GET /api/v1/scenarios/:id/criteria',
    path: (w) => `/api/v1/scenarios/${w.scenario}/criteria`,
    allow: ACTORS,
  },
  {
    route: 'PUT /api/v1/scenarios/:id/criteria',
    path: (w) => `/api/v1/scenarios/${w.scenario}/criteria`,
    body: () => ({ template: 'services-standard' }),
    allow: ['agencyA', 'organizer'],
  },
  {
    route: 'PUT /api/v1/scenarios/:id/score-sheets/:bidId',
    path: (w) => `/api/v1/scenarios/${w.closedScenario}/score-sheets/${w.openedBid}`,
    body: () => ({ scores: [{ criterion: 'industry_impact', points: 1 }] }),
    allow: ['expert'],
  },
  {
    route: 'GET /api/v1/scenarios/:id/score-sheets',
    path: (w) => `/api/v1/scenarios/${w.closedScenario}/score-sheets`,
    allow: ['agencyA', 'organizer', 'expert'],
  },
  {
    route: 'POST /api/v1/scenarios/:id/score-sheets/sign',
    path: (w) => `/api/v1/scenarios/${w.closedScenario}/score-sheets/sign`,
    allow: ['expert'],
  },
  {
    route: 'POST /api/v1/scenarios/:id/rescore-requests',
    path: (w) => `/api/v1/scenarios/${w.closedScenario}/rescore-requests`,
    body: () => ({ seat: 1, reason: '矩阵重评' }),
    allow: ['agencyA', 'organizer'],
  },
  {
    route: 'POST /api/v1/bids/:id/low-price-explanation',
    path: (w) => `/api/v1/bids/${w.openedBid}/low-price-explanation`,
    body: () => ({ explanation: '矩阵说明：自有平台复用' }),
    allow: ['firmY'],
  },
  {
    route: 'POST /api/v1/bids/:id/low-price-explanation/accept',
    path: (w) => `/api/v1/bids/${w.openedBid}/low-price-explanation/accept`,
    allow: ['agencyA', 'organizer'],
  },
  {
    route: 'POST /api/v1/scenarios/:id/evaluation',
    path: (w) => `/api/v1/scenarios/${w.closedScenario}/evaluation`,
    allow: ['agencyA', 'organizer'],
  },
  {
    route: 'GET /api/v1/scenarios/:id/evaluation/report',
    path: (w) => `/api/v1/scenarios/${w.closedScenario}/evaluation/report`,
    allow: ['agencyA', 'organizer'],
  },
  {
    route: 'POST /api/v1/scenarios/:id/notice',
    path: (w) => `/api/v1/scenarios/${w.noticedScenario}/notice`,
    allow: ['agencyA', 'organizer'],
  },
  {
    route: 'GET /api/v1/scenarios/:id/notice',
    path: (w) => `/api/v1/scenarios/${w.noticedScenario}/notice`,
    allow: ACTORS,
  },
  {
    route: 'POST /api/v1/notices/:id/objections',
    path: (w) => `/api/v1/notices/${w.notice}/objections`,
    body: () => ({ text: '矩阵异议' }),
    allow: ['firmY'],
  },
  {
    route: 'GET /api/v1/notices/:id/objections',
    path: (w) => `/api/v1/notices/${w.notice}/objections`,
    allow: ['agencyA', 'organizer', 'firmY'],
  },
  {
    route: 'POST /api/v1/objections/:id/answer',
    path: (w) => `/api/v1/objections/${w.objection}/answer`,
    body: () => ({ decision: 'rejected', answer: '矩阵答复' }),
    allow: ['agencyA', 'organizer'],
  },
  {
    route: 'POST /api/v1/scenarios/:id/awards',
    path: (w) => `/api/v1/scenarios/${w.noticedScenario}/awards`,
    body: (w) => ({ awards: [{ bidId: w.openedBid, amountFen: 100 }] }),
    allow: ['agencyA', 'organizer'],
  },
  {
    route: 'GET /api/v1/scenarios/:id/awards',
    path: (w) => `/api/v1/scenarios/${w.awardedScenario}/awards`,
    allow: ACTORS,
  },
  {
    route: 'POST /api/v1/awards/:id/milestones',
    path: (w) => `/api/v1/awards/${w.award}/milestones`,
    body: () => ({ title: '矩阵里程碑', dueAt: '2027-01-31T00:00:00Z' }),
    allow: ['agencyA', 'organizer'],
  },
  {
    route: 'POST /api/v1/milestones/:id/complete',
    path: (w) => `/api/v1/milestones/${w.milestone}/complete`,
    allow: ['agencyA', 'organizer'],
  },
  {
    route: 'POST /api/v1/awards/:id/kpi-reports',
    path: (w) => `/api/v1/awards/${w.award}/kpi-reports`,
    body: () => ({ kpi: '矩阵指标', value: '1' }),
    allow: ['agencyA', 'organizer', 'firmX'],
  },
  {
    route: 'POST /api/v1/awards/:id/acceptance',
    path: (w) => `/api/v1/awards/${w.award}/acceptance`,
    body: () => ({ result: 'pass', note: '矩阵验收' }),
    allow: ['agencyA', 'organizer'],
  },
  {
    route: 'GET /api/v1/awards/:id/delivery',
    path: (w) => `/api/v1/awards/${w.award}/delivery`,
    allow: ['agencyA', 'organizer', 'firmX'],
  },
  { route: 'GET /api/v1/ocds/releases', path: () => '/api/v1/ocds/releases?limit=5', allow: ACTORS },
  {
    route: 'POST /api/v1/bids/:id/qualification',
    path: (w) => `/api/v1/bids/${w.openedBid}/qualification`,
    body: () => ({ result: 'pass', reason: '矩阵审查' }),
    allow: ['agencyA', 'organizer'],
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
  const firmX = `/api/v1/firms/${actors.firmX.orgId}`;
  const product = await body(await post(actors.firmX, '/api/v1/products', { name: '世界里的产品' }));
  const cert = await body(await post(actors.firmX, `${firmX}/certifications`, { code: 'HNTE' }));
  const firmCase = await body(
    await post(actors.firmX, `${firmX}/cases`, { title: '世界里的案例', client: '某局', year: 2024 }),
  );
  const draftCall = await body(await post(actors.organizer, '/api/v1/calls', CALL));
  const openCall = await body(await post(actors.organizer, '/api/v1/calls', CALL));
  await post(actors.organizer, `/api/v1/calls/${openCall.id}/transitions`, { action: 'open' });
  const eventWorld = await buildEventWorld(t, actors);
  const evaluationWorld = await buildEvaluationWorld(t, actors);
  return {
    t,
    actors,
    scenario: s.id,
    draft: draft.id,
    bid: bid.id,
    question: q.id,
    tokenOfA: token.info.id,
    product: product.id,
    certification: cert.id,
    firmCase: firmCase.id,
    draftCall: draftCall.id,
    openCall: openCall.id,
    ...eventWorld,
    ...evaluationWorld,
  };
}

/**
 * Matchmaking events of the world: a draft; one open for registration where agencyA and firmX are approved,
 * firmY awaits approval and firmX has asked agencyA for a meeting; one running (it began at 01:00Z, before
 * the world's clock) with a published meeting of agencyA and firmX.
 */
async function buildEventWorld(t: TestApp, actors: World['actors']) {
  const call = async (a: Actor, path: string, payload: unknown = {}) => {
    const res = await t.request(path, {
      method: 'POST',
      headers: { ...a.headers, 'content-type': 'application/json' },
      body: JSON.stringify(payload),
    });
    if (res.status >= 300) throw new Error(`event world: ${path} ${res.status} ${await res.text()}`);
    return body(res);
  };
  const { organizer, agencyA, firmX, firmY } = actors;
  const newEvent = async (over: Record<string, unknown> = {}) =>
    (await call(organizer, '/api/v1/events', { ...EVENT, ...over })).id as string;
  const register = async (url: string, a: Actor, approve: boolean) => {
    const { id } = await call(a, `${url}/registrations`, { needs: '世界里的需求' });
    if (approve) await call(organizer, `${url}/registrations/${id}/approve`);
    return id as string;
  };
  const draftEvent = await newEvent();
  const openEvent = await newEvent();
  const open = `/api/v1/events/${openEvent}`;
  await call(organizer, `${open}/transitions`, { action: 'open_registration' });
  const openEventParticipants = {
    agencyA: await register(open, agencyA, true),
    firmX: await register(open, firmX, true),
    firmY: await register(open, firmY, false),
  };
  const request = await call(firmX, `${open}/requests`, {
    toParticipantId: openEventParticipants.agencyA,
    preference: 'meet',
  });
  const runningEvent = await newEvent({ startsAt: '2026-11-27T01:00:00Z' });
  const running = `/api/v1/events/${runningEvent}`;
  await call(organizer, `${running}/transitions`, { action: 'open_registration' });
  const runningParticipant = await register(running, agencyA, true);
  await register(running, firmX, true);
  const r = await call(firmX, `${running}/requests`, {
    toParticipantId: runningParticipant,
    preference: 'must_meet',
  });
  await call(agencyA, `${running}/requests/${r.id}/accept`);
  await call(organizer, `${running}/transitions`, { action: 'start_scheduling' });
  const plan = await call(organizer, `${running}/schedule`);
  for (const action of ['publish_schedule', 'start']) {
    await call(organizer, `${running}/transitions`, { action });
  }
  return {
    draftEvent,
    openEvent,
    openEventParticipants,
    eventRequest: request.id as string,
    runningEvent,
    runningParticipant,
    runningMeeting: plan.meetings[0].id as string,
  };
}

/**
 * Evaluation of the world: agencyA's challenge whose deadline has passed, with firmY's bid opened and a
 * panel of the pool's three experts (the world's expert among them, linked to `expertRecord`).
 */
async function buildEvaluationWorld(t: TestApp, actors: World['actors']) {
  const s = await makeScenario(t.db, {
    issuerId: actors.agencyA.orgId,
    kind: 'challenge',
    deadline: '2026-11-20T00:00:00.000Z',
  });
  const openedBid = newId();
  await t.db.insert(schema.bids).values({
    id: openedBid,
    scenarioId: s.id,
    leadFirmId: actors.firmY.orgId,
    status: 'submitted',
    priceFen: 1_000_000_00,
    submittedAt: '2026-11-19T00:00:00.000Z',
  });
  await t.db
    .insert(schema.bidMembers)
    .values({ bidId: openedBid, firmId: actors.firmY.orgId, role: 'lead', shareBp: 10000 });
  const expertRecord = newId();
  await t.db.insert(schema.experts).values([
    { id: expertRecord, userId: actors.expert.userId, name: '矩阵专家甲', domains: ['industry-it'] },
    { id: newId(), name: '矩阵专家乙', domains: ['industry-it'] },
    { id: newId(), name: '矩阵专家丙', domains: ['industry-it'] },
  ]);
  const post = async (a: Actor, path: string, payload: unknown = {}) => {
    const res = await t.request(path, {
      method: 'POST',
      headers: { ...a.headers, 'content-type': 'application/json' },
      body: JSON.stringify(payload),
    });
    if (res.status >= 300) throw new Error(`evaluation world: ${path} ${res.status} ${await res.text()}`);
    return body(res);
  };
  await post(actors.agencyA, `/api/v1/scenarios/${s.id}/open-bids`);
  const panel = await post(actors.organizer, `/api/v1/scenarios/${s.id}/panel`, { size: 3, seed: 'matrix' });

  // Later stages are written directly: each is tested end to end in evaluation.journey.test.ts.
  const at = '2026-11-25T00:00:00.000Z';
  const bidOn = async (scenarioId: string, firmId: string, status: 'scored' | 'awarded') => {
    const id = newId();
    await t.db.insert(schema.bids).values({
      id,
      scenarioId,
      leadFirmId: firmId,
      status,
      priceFen: 1_000_000_00,
      submittedAt: '2026-11-19T00:00:00.000Z',
      openedAt: '2026-11-20T01:00:00.000Z',
    });
    await t.db.insert(schema.bidMembers).values({ bidId: id, firmId, role: 'lead', shareBp: 10000 });
    return id;
  };
  const noticed = await makeScenario(t.db, {
    issuerId: actors.agencyA.orgId,
    kind: 'challenge',
    status: 'under_evaluation',
    deadline: '2026-11-20T00:00:00.000Z',
  });
  await bidOn(noticed.id, actors.firmY.orgId, 'scored');
  const notice = newId();
  await t.db.insert(schema.notices).values({
    id: notice,
    scenarioId: noticed.id,
    status: 'objection_window',
    publishedAt: at,
    objectionsUntil: '2026-12-31T00:00:00.000Z',
    payload: { ranking: [] },
    inputsDigest: 'matrix',
  });
  const objection = newId();
  await t.db
    .insert(schema.objections)
    .values({ id: objection, noticeId: notice, orgId: actors.firmY.orgId, text: '矩阵里的异议' });
  const awarded = await makeScenario(t.db, {
    issuerId: actors.agencyA.orgId,
    kind: 'challenge',
    status: 'awarded',
    deadline: '2026-11-20T00:00:00.000Z',
  });
  const award = newId();
  const wonBid = await bidOn(awarded.id, actors.firmX.orgId, 'awarded');
  await t.db.insert(schema.awards).values({
    id: award,
    scenarioId: awarded.id,
    bidId: wonBid,
    rank: 1,
    amountFen: 1_000_000_00,
    awardedAt: at,
  });
  const milestone = newId();
  await t.db
    .insert(schema.milestones)
    .values({ id: milestone, awardId: award, title: '矩阵里程碑', dueAt: '2027-01-31T00:00:00.000Z' });
  return {
    closedScenario: s.id,
    openedBid,
    expertRecord,
    panelMember: panel.members[0].id as string,
    noticedScenario: noticed.id,
    notice,
    objection,
    awardedScenario: awarded.id,
    award,
    milestone,
  };
}
