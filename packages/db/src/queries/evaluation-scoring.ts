import {
  BID_LIFECYCLE,
  type BidInput,
  type BidStatus,
  buildScoringReport,
  type LowPriceExplanationBody,
  type RescoreBody,
  type ScoreSheetBody,
  type ScoreSheetsView,
  type ScoringReport,
  type TenderInput,
  transition,
} from '@scx/core';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { newId } from '../ids.ts';
import {
  bids,
  criteria,
  experts,
  notices,
  organizations,
  panelMembers,
  panels,
  products,
  scenarios,
  scores,
} from '../schema/index.ts';
import { appendAudit } from './audit.ts';
import type { EvaluationViewer } from './evaluation.ts';
import { rulesInForce } from './evaluation-rules.ts';
import type { Actor, WriteResult } from './scenario-drafts.ts';
import type { Tx } from './tx.ts';

// 评审 (evaluation), part two: experts' score sheets, sign-off, re-score requests, the abnormally-low price
// explanation, and the computation with core's scoreTender. Experts see only their own points until every
// member of the panel has signed.

type Field = { path: string; message: string };
type ScenarioRow = typeof scenarios.$inferSelect;
type PanelRow = typeof panels.$inferSelect;
type MemberRow = typeof panelMembers.$inferSelect & { userId: string | null };

const invalid = (fields: Field[]) => ({ ok: false as const, reason: 'invalid' as const, fields });
const illegal = (detail: string) => ({ ok: false as const, reason: 'illegal' as const, detail });
const notFound = (detail?: string) => ({ ok: false as const, reason: 'not_found' as const, detail });

async function audit(
  tx: Tx,
  actor: Actor,
  at: string,
  action: string,
  entityType: string,
  entityId: string,
  data: unknown,
) {
  await appendAudit(tx, {
    at,
    actorUserId: actor.userId,
    actorOrgId: actor.orgId,
    action,
    entityType,
    entityId,
    data,
  });
}

interface PanelContext {
  s: ScenarioRow;
  p: PanelRow;
  /** Active members, by seat. */
  members: MemberRow[];
}

async function panelContext(db: Db | Tx, scenarioId: string): Promise<PanelContext | null> {
  const [s] = await db.select().from(scenarios).where(eq(scenarios.id, scenarioId));
  if (!s) return null;
  const [p] = await db.select().from(panels).where(eq(panels.scenarioId, s.id)).limit(1);
  if (!p) return null;
  const rows = await db
    .select({ m: panelMembers, userId: experts.userId })
    .from(panelMembers)
    .innerJoin(experts, eq(experts.id, panelMembers.expertId))
    .where(and(eq(panelMembers.panelId, p.id), eq(panelMembers.status, 'active')))
    .orderBy(asc(panelMembers.seat));
  return { s, p, members: rows.map((r) => ({ ...r.m, userId: r.userId })) };
}

const isStaff = (s: ScenarioRow, v: EvaluationViewer) => v.organizer || s.issuerId === v.orgId;

/** A result notice in force (published or in its objection window) freezes the evaluation. */
async function noticeInForce(db: Db | Tx, scenarioId: string): Promise<boolean> {
  const [n] = await db
    .select({ id: notices.id })
    .from(notices)
    .where(
      and(
        eq(notices.scenarioId, scenarioId),
        inArray(notices.status, ['published', 'objection_window', 'final']),
      ),
    )
    .limit(1);
  return n !== undefined;
}

async function scorableCriteria(db: Db | Tx, scenarioId: string) {
  return db
    .select()
    .from(criteria)
    .where(and(eq(criteria.scenarioId, scenarioId), sql`${criteria.kind} <> 'price'`))
    .orderBy(asc(criteria.ordinal));
}

/** An expert's points for one qualified bid; saved until they sign. */
export async function saveScoreSheet(
  db: Db,
  input: ScoreSheetBody & { scenarioId: string; bidId: string; userId: string },
  actor: Actor,
  now: Date,
): Promise<WriteResult<{ bidId: string; seat: number; saved: number }>> {
  const at = now.toISOString();
  return db.transaction(async (tx) => {
    const ctx = await panelContext(tx, input.scenarioId);
    const me = ctx?.members.find((m) => m.userId === input.userId);
    if (!ctx || !me) return notFound();
    if (ctx.s.status !== 'under_evaluation') return illegal(`the scenario is ${ctx.s.status}`);
    if (me.signedAt)
      return illegal('you have signed your score sheets; ask for a re-score request to change them');
    if (await noticeInForce(tx, ctx.s.id)) return illegal('the result notice is published');
    const [bid] = await tx
      .select({ id: bids.id, status: bids.status })
      .from(bids)
      .where(and(eq(bids.id, input.bidId), eq(bids.scenarioId, ctx.s.id)));
    if (!bid || bid.status === 'submitted' || bid.status === 'draft' || bid.status === 'withdrawn')
      return notFound('bid');
    if (bid.status !== 'qualified')
      return illegal(`the bid is ${bid.status}; only qualified bids are scored`);
    const crit = await scorableCriteria(tx, ctx.s.id);
    const byCode = new Map(crit.map((c) => [c.code, c]));
    const fields: Field[] = [];
    input.scores.forEach((x, i) => {
      const c = byCode.get(x.criterion);
      if (!c)
        fields.push({
          path: `scores.${i}.criterion`,
          message: `is not one of: ${[...byCode.keys()].join(', ')}`,
        });
      else if (x.points > c.weight)
        fields.push({ path: `scores.${i}.points`, message: `must be between 0 and ${c.weight}` });
    });
    if (fields.length) return invalid(fields);
    for (const x of input.scores) {
      const c = byCode.get(x.criterion) as (typeof crit)[number];
      await tx
        .insert(scores)
        .values({
          id: newId(now.getTime()),
          panelMemberId: me.id,
          bidId: bid.id,
          criterionId: c.id,
          points: x.points,
          comment: x.comment,
          createdAt: at,
          updatedAt: at,
        })
        .onConflictDoUpdate({
          target: [scores.panelMemberId, scores.bidId, scores.criterionId],
          set: { points: x.points, comment: x.comment, updatedAt: at },
        });
    }
    if (ctx.p.status === 'formed')
      await tx.update(panels).set({ status: 'scoring' }).where(eq(panels.id, ctx.p.id));
    await audit(tx, actor, at, 'score.save', 'bid', bid.id, {
      seat: me.seat,
      scores: input.scores.map((x) => ({ criterion: x.criterion, points: x.points })),
    });
    return { ok: true, value: { bidId: bid.id, seat: me.seat, saved: input.scores.length } };
  });
}

/**
 * Score sheets as the caller may see them: a panel expert their own points until everyone has signed; the
 * issuer and organizers who has signed, and the points once everyone has. Experts appear as 专家n.
 */
export async function getScoreSheets(
  db: Db,
  scenarioId: string,
  viewer: EvaluationViewer,
): Promise<WriteResult<ScoreSheetsView>> {
  const ctx = await panelContext(db, scenarioId);
  const me = ctx?.members.find((m) => m.userId === viewer.userId);
  if (!ctx || !(me || isStaff(ctx.s, viewer))) return notFound();
  const allSigned = ctx.members.length > 0 && ctx.members.every((m) => m.signedAt !== null);
  const visible = allSigned ? ctx.members : me ? [me] : [];
  const rows = visible.length
    ? await db
        .select({
          memberId: scores.panelMemberId,
          bidId: scores.bidId,
          criterion: criteria.code,
          points: scores.points,
          comment: scores.comment,
        })
        .from(scores)
        .innerJoin(criteria, eq(criteria.id, scores.criterionId))
        .where(
          inArray(
            scores.panelMemberId,
            visible.map((m) => m.id),
          ),
        )
        .orderBy(asc(scores.bidId), asc(criteria.ordinal))
    : [];
  const seatOf = new Map(ctx.members.map((m) => [m.id, m.seat]));
  return {
    ok: true,
    value: {
      panelStatus: ctx.p.status,
      allSigned,
      members: ctx.members.map((m) => ({
        seat: m.seat,
        alias: `专家${m.seat}`,
        signedAt: m.signedAt,
        you: m.userId === viewer.userId,
      })),
      sheets: rows
        .map((r) => ({
          seat: seatOf.get(r.memberId) as number,
          bidId: r.bidId,
          criterion: r.criterion,
          points: r.points,
          comment: r.comment,
        }))
        .sort((a, b) => a.seat - b.seat || (a.bidId < b.bidId ? -1 : a.bidId > b.bidId ? 1 : 0)),
    },
  };
}

/** Signs the expert's sheets: every qualified bid scored on every criterion. The last signature closes the panel. */
export async function signScoreSheets(
  db: Db,
  input: { scenarioId: string; userId: string },
  actor: Actor,
  now: Date,
): Promise<WriteResult<{ seat: number; signedAt: string; allSigned: boolean }>> {
  const at = now.toISOString();
  return db.transaction(async (tx) => {
    const ctx = await panelContext(tx, input.scenarioId);
    const me = ctx?.members.find((m) => m.userId === input.userId);
    if (!ctx || !me) return notFound();
    if (me.signedAt) return illegal('you have already signed');
    if (ctx.s.status !== 'under_evaluation') return illegal(`the scenario is ${ctx.s.status}`);
    const qualified = await tx
      .select({ id: bids.id })
      .from(bids)
      .where(and(eq(bids.scenarioId, ctx.s.id), eq(bids.status, 'qualified')));
    const crit = await scorableCriteria(tx, ctx.s.id);
    if (qualified.length === 0 || crit.length === 0)
      return illegal('there is nothing to sign: no qualified bids or no criteria');
    const mine = await tx
      .select({ bidId: scores.bidId, criterionId: scores.criterionId })
      .from(scores)
      .where(eq(scores.panelMemberId, me.id));
    const have = new Set(mine.map((x) => `${x.bidId}/${x.criterionId}`));
    const missing = qualified.flatMap((b) =>
      crit.filter((c) => !have.has(`${b.id}/${c.id}`)).map((c) => `${b.id}:${c.code}`),
    );
    if (missing.length)
      return illegal(`score every qualified bid on every criterion first; missing ${missing.join(', ')}`);
    await tx.update(panelMembers).set({ signedAt: at }).where(eq(panelMembers.id, me.id));
    const allSigned = ctx.members.every((m) => m.id === me.id || m.signedAt !== null);
    await tx
      .update(panels)
      .set({ status: allSigned ? 'signed' : 'scoring' })
      .where(eq(panels.id, ctx.p.id));
    await audit(tx, actor, at, 'score.sign', 'panel', ctx.p.id, { seat: me.seat, allSigned });
    return { ok: true, value: { seat: me.seat, signedAt: at, allSigned } };
  });
}

/**
 * The issuer or an organizer asks one member to score again: the signature is withdrawn and bids already
 * computed go back to qualified. Not once a result notice is in force.
 */
export async function requestRescore(
  db: Db,
  input: RescoreBody & { scenarioId: string; viewer: EvaluationViewer },
  actor: Actor,
  now: Date,
): Promise<WriteResult<{ seat: number; panelStatus: string }>> {
  const at = now.toISOString();
  return db.transaction(async (tx) => {
    const ctx = await panelContext(tx, input.scenarioId);
    if (!ctx || !isStaff(ctx.s, input.viewer)) return notFound();
    const m = ctx.members.find((x) => x.seat === input.seat);
    if (!m) return invalid([{ path: 'seat', message: `no active member sits in seat ${input.seat}` }]);
    if (ctx.s.status !== 'under_evaluation') return illegal(`the scenario is ${ctx.s.status}`);
    if (await noticeInForce(tx, ctx.s.id)) return illegal('the result notice is published');
    if (!m.signedAt) return illegal(`专家${m.seat} has not signed yet`);
    await tx.update(panelMembers).set({ signedAt: null }).where(eq(panelMembers.id, m.id));
    await tx.update(panels).set({ status: 'scoring' }).where(eq(panels.id, ctx.p.id));
    await rescoreBids(tx, ctx.s.id, at);
    await audit(tx, actor, at, 'score.rescore_request', 'panel', ctx.p.id, {
      seat: m.seat,
      reason: input.reason,
    });
    return { ok: true, value: { seat: m.seat, panelStatus: 'scoring' } };
  });
}

/** Scored bids go back to qualified (BID_LIFECYCLE `rescore`). */
export async function rescoreBids(tx: Tx, scenarioId: string, at: string) {
  const step = transition(BID_LIFECYCLE, 'scored', 'rescore');
  if (!step.ok) throw new Error(step.error.message);
  await tx
    .update(bids)
    .set({ status: step.value, updatedAt: at, version: sql`${bids.version} + 1` })
    .where(and(eq(bids.scenarioId, scenarioId), eq(bids.status, 'scored')));
}

/** The lead firm explains an abnormally low price (异常低价说明); the issuer then accepts it or not. */
export async function explainLowPrice(
  db: Db,
  input: LowPriceExplanationBody & { bidId: string; firmId: string },
  actor: Actor,
  now: Date,
): Promise<WriteResult<{ id: string; lowPriceExplanation: string }>> {
  const at = now.toISOString();
  return db.transaction(async (tx) => {
    const [b] = await tx.select().from(bids).where(eq(bids.id, input.bidId));
    if (!b || b.leadFirmId !== input.firmId) return notFound();
    if (b.openedAt === null) return illegal('a price is explained after the opening, when the panel asks');
    if (!['qualified', 'scored', 'opened'].includes(b.status)) return illegal(`the bid is ${b.status}`);
    if (b.lowPriceAcceptedAt) return illegal('the explanation has already been accepted');
    await tx
      .update(bids)
      .set({ lowPriceExplanation: input.explanation, updatedAt: at, version: sql`${bids.version} + 1` })
      .where(eq(bids.id, b.id));
    await audit(tx, actor, at, 'bid.explain_low_price', 'bid', b.id, { length: input.explanation.length });
    return { ok: true, value: { id: b.id, lowPriceExplanation: input.explanation } };
  });
}

export async function acceptLowPriceExplanation(
  db: Db,
  input: { bidId: string; viewer: EvaluationViewer },
  actor: Actor,
  now: Date,
): Promise<WriteResult<{ id: string; lowPriceAcceptedAt: string }>> {
  const at = now.toISOString();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ b: bids, issuerId: scenarios.issuerId })
      .from(bids)
      .innerJoin(scenarios, eq(scenarios.id, bids.scenarioId))
      .where(eq(bids.id, input.bidId));
    if (!row || row.b.openedAt === null || !(input.viewer.organizer || row.issuerId === input.viewer.orgId))
      return notFound();
    if (!row.b.lowPriceExplanation) return illegal('the firm has not explained its price yet');
    if (row.b.lowPriceAcceptedAt) return illegal('the explanation has already been accepted');
    if (await noticeInForce(tx, row.b.scenarioId)) return illegal('the result notice is published');
    await tx
      .update(bids)
      .set({ lowPriceAcceptedAt: at, updatedAt: at, version: sql`${bids.version} + 1` })
      .where(eq(bids.id, row.b.id));
    await audit(tx, actor, at, 'bid.accept_low_price', 'bid', row.b.id, {});
    return { ok: true, value: { id: row.b.id, lowPriceAcceptedAt: at } };
  });
}

const REVIEWED: BidStatus[] = ['qualified', 'disqualified', 'scored', 'awarded', 'not_awarded'];

export interface EvaluationInput {
  s: ScenarioRow;
  input: TenderInput;
  passThreshold: number | null;
  maxWinners: number;
  /** Bid id → lead firm id and name, for notices. */
  firms: Map<string, { firmId: string; name: string }>;
}

/**
 * The scoring input of a scenario from the database: criteria, every reviewed bid (qualification, firm size,
 * consortium share, explanations) and the active members' points by seat (专家1…n). Needs every member signed.
 */
export async function evaluationInput(
  db: Db | Tx,
  scenarioId: string,
): Promise<WriteResult<EvaluationInput>> {
  const ctx = await panelContext(db, scenarioId);
  if (!ctx) return illegal('no panel has been drawn');
  if (!ctx.members.every((m) => m.signedAt !== null)) return illegal('every panel member must sign first');
  // Sequential on purpose: this also runs inside transactions, which take one statement at a time.
  const crit = await db
    .select()
    .from(criteria)
    .where(eq(criteria.scenarioId, ctx.s.id))
    .orderBy(asc(criteria.ordinal));
  const rows = await db
    .select({
      b: bids,
      size: organizations.size,
      name: organizations.name,
      // 推荐目录: the lead firm lists a product on the city's recommended catalog.
      catalog: sql<number>`exists (select 1 from ${products} where ${products.firmId} = ${bids.leadFirmId}
        and ${products.recommendedCatalog} = 1 and ${products.status} = 'listed')`,
    })
    .from(bids)
    .innerJoin(organizations, eq(organizations.id, bids.leadFirmId))
    .where(and(eq(bids.scenarioId, ctx.s.id), sql`${bids.openedAt} is not null`))
    .orderBy(asc(bids.submittedAt), asc(bids.id));
  if (crit.length === 0) return illegal('the criteria are not set');
  const pending = rows.filter((r) => !REVIEWED.includes(r.b.status));
  if (pending.length)
    return illegal(
      `every opened bid needs its qualification review; pending: ${pending.map((r) => r.b.id).join(', ')}`,
    );
  const memberIds = ctx.members.map((m) => m.id);
  const pts = memberIds.length
    ? await db
        .select({
          memberId: scores.panelMemberId,
          bidId: scores.bidId,
          criterionId: scores.criterionId,
          points: scores.points,
        })
        .from(scores)
        .where(inArray(scores.panelMemberId, memberIds))
    : [];
  const point = new Map(pts.map((p) => [`${p.memberId}/${p.bidId}/${p.criterionId}`, p.points]));
  const scored = crit.filter((c) => c.kind !== 'price');
  const unscored = rows.filter(
    (r) =>
      r.b.status !== 'disqualified' &&
      ctx.members.some((m) => scored.some((c) => !point.has(`${m.id}/${r.b.id}/${c.id}`))),
  );
  if (unscored.length)
    return illegal(
      `some members have not scored ${unscored.map((r) => r.b.id).join(', ')}; request a re-score`,
    );
  const rules = await rulesInForce(db, ctx.s);
  const input: TenderInput = {
    priceWeight: crit.filter((c) => c.kind === 'price').reduce((a, c) => a + c.weight, 0),
    category: ctx.s.kind === 'challenge' ? 'challenge' : ctx.s.procurementType,
    smeDeduction: rules.smeDeduction,
    consortiumDeduction: rules.consortiumDeduction,
    domesticPreference: rules.domesticPreference,
    catalogPreference: rules.catalogPreference,
    lowPriceThreshold: rules.lowPriceThreshold,
    deviationThreshold: rules.deviationThreshold,
    trimmedMean: rules.trimmedMean,
    criteria: scored.map((c) => ({ id: c.code, weight: c.weight })),
    bids: rows.map(({ b, size, catalog }) => {
      const qualified = b.status !== 'disqualified';
      const bid: BidInput = {
        id: b.id,
        priceFen: b.priceFen ?? 0,
        size: size ?? 'large',
        submittedAt: b.submittedAt ?? b.createdAt,
        qualified,
        domesticProduct: b.domesticProduct,
        inRecommendedCatalog: catalog === 1,
        lowPriceAccepted: b.lowPriceAcceptedAt !== null,
        scores: qualified
          ? Object.fromEntries(
              scored.map((c) => [
                c.code,
                ctx.members.flatMap((m) => {
                  const p = point.get(`${m.id}/${b.id}/${c.id}`);
                  return p === undefined ? [] : [p];
                }),
              ]),
            )
          : {},
      };
      if (b.smallPartnerShareBp !== null) bid.consortiumSmallShare = b.smallPartnerShareBp / 10_000;
      if (!qualified) bid.disqualificationReason = b.qualificationReason ?? '';
      return bid;
    }),
  };
  return {
    ok: true,
    value: {
      s: ctx.s,
      input,
      passThreshold: ctx.s.rules.passThreshold ?? null,
      maxWinners: ctx.s.winnersMax,
      firms: new Map(rows.map((r) => [r.b.id, { firmId: r.b.leadFirmId, name: r.name }])),
    },
  };
}

export interface EvaluationOutcome {
  inputDigest: string;
  passThreshold: number | null;
  ranking: (ScoringReport['ranking'][number] & { passed: boolean })[];
  excluded: ScoringReport['excluded'];
  deviations: ScoringReport['result']['deviations'];
}

const outcomeOf = (r: ScoringReport, passThreshold: number | null): EvaluationOutcome => ({
  inputDigest: r.inputDigest,
  passThreshold,
  ranking: r.ranking.map((row) => ({
    ...row,
    passed: passThreshold === null || row.total >= passThreshold - 1e-9,
  })),
  excluded: r.excluded,
  deviations: r.result.deviations,
});

/** The full core report (every input, each step, the digest) from the stored sheets, for staff. */
export async function getEvaluationReport(
  db: Db,
  scenarioId: string,
  viewer: EvaluationViewer,
): Promise<WriteResult<ScoringReport & { passThreshold: number | null }>> {
  const [s] = await db
    .select({ issuerId: scenarios.issuerId })
    .from(scenarios)
    .where(eq(scenarios.id, scenarioId));
  if (!s || !(viewer.organizer || s.issuerId === viewer.orgId)) return notFound();
  const ev = await evaluationInput(db, scenarioId);
  if (!ev.ok) return ev;
  const report = await buildScoringReport(ev.value.input);
  if (!report.ok)
    return invalid(report.error.map((p) => ({ path: p.path.replace(/^\$\./, ''), message: p.message })));
  return { ok: true, value: { ...report.value, passThreshold: ev.value.passThreshold } };
}

/**
 * 计算: scores the signed sheets with core's scoreTender; qualified bids become scored, abnormally low ones
 * are flagged (excluded until their explanation is accepted). The outcome and its input digest are audited.
 */
export async function computeEvaluation(
  db: Db,
  input: { scenarioId: string; viewer: EvaluationViewer },
  actor: Actor,
  now: Date,
): Promise<WriteResult<EvaluationOutcome>> {
  const at = now.toISOString();
  return db.transaction(async (tx) => {
    const [s] = await tx.select().from(scenarios).where(eq(scenarios.id, input.scenarioId));
    if (!s || !(input.viewer.organizer || s.issuerId === input.viewer.orgId)) return notFound();
    if (s.status !== 'under_evaluation') return illegal(`the scenario is ${s.status}`);
    if (await noticeInForce(tx, s.id)) return illegal('the result notice is published');
    const ev = await evaluationInput(tx, s.id);
    if (!ev.ok) return ev;
    const report = await buildScoringReport(ev.value.input);
    if (!report.ok)
      return invalid(report.error.map((p) => ({ path: p.path.replace(/^\$\./, ''), message: p.message })));
    const r = report.value;
    const qualifiedIds = ev.value.input.bids.filter((b) => b.qualified !== false).map((b) => b.id);
    const low = [...r.result.ranking, ...r.result.excluded].filter((b) => b.abnormallyLow).map((b) => b.bid);
    if (qualifiedIds.length) {
      await tx
        .update(bids)
        .set({ status: 'scored', updatedAt: at, version: sql`${bids.version} + 1` })
        .where(and(inArray(bids.id, qualifiedIds), eq(bids.status, 'qualified')));
      await tx.update(bids).set({ lowPriceFlag: false }).where(inArray(bids.id, qualifiedIds));
    }
    if (low.length) await tx.update(bids).set({ lowPriceFlag: true }).where(inArray(bids.id, low));
    const outcome = outcomeOf(r, ev.value.passThreshold);
    await audit(tx, actor, at, 'evaluation.compute', 'scenario', s.id, outcome);
    return { ok: true, value: outcome };
  });
}

export { outcomeOf as evaluationOutcome };
