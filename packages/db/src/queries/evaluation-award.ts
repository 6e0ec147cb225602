import {
  type AcceptanceBody,
  type AwardBody,
  type AwardView,
  BID_LIFECYCLE,
  buildScoringReport,
  type DeliveryView,
  type KpiReportBody,
  type MilestoneBody,
  type MilestoneDoneBody,
  NOTICE_LIFECYCLE,
  type NoticeView,
  type ObjectionAnswerBody,
  type ObjectionBody,
  type ObjectionView,
  objectionWindowEnd,
  SCENARIO_LIFECYCLE,
  subsidyLimitFen,
  transition,
} from '@scx/core';
import { and, asc, desc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { newId } from '../ids.ts';
import {
  awards,
  bidMembers,
  bids,
  kpiReports,
  milestones,
  notices,
  objections,
  organizations,
  panelMembers,
  panels,
  scenarios,
} from '../schema/index.ts';
import { appendAudit } from './audit.ts';
import type { EvaluationViewer } from './evaluation.ts';
import { rulesInForce } from './evaluation-rules.ts';
import { evaluationInput, evaluationOutcome, rescoreBids } from './evaluation-scoring.ts';
import type { Actor, WriteResult } from './scenario-drafts.ts';
import type { Tx } from './tx.ts';

// 评审 (evaluation), part three: the result notice (公示) with its objection window, objections and their
// answers (an upheld one re-opens the evaluation), awards, and delivery: milestones, KPI reports, 验收.

type Field = { path: string; message: string };
type ScenarioRow = typeof scenarios.$inferSelect;
type NoticeRow = typeof notices.$inferSelect;
type AwardRow = typeof awards.$inferSelect;

const invalid = (fields: Field[]) => ({ ok: false as const, reason: 'invalid' as const, fields });
const illegal = (detail: string) => ({ ok: false as const, reason: 'illegal' as const, detail });
const closed = (detail: string) => ({ ok: false as const, reason: 'closed' as const, detail });
const notFound = (detail?: string) => ({ ok: false as const, reason: 'not_found' as const, detail });

const isStaff = (s: Pick<ScenarioRow, 'issuerId'>, v: EvaluationViewer) =>
  v.organizer || s.issuerId === v.orgId;

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

const noticeView = (n: NoticeRow): NoticeView => ({
  id: n.id,
  scenarioId: n.scenarioId,
  status: n.status,
  publishedAt: n.publishedAt,
  objectionsUntil: n.objectionsUntil,
  finalizedAt: n.finalizedAt,
  inputsDigest: n.inputsDigest,
  payload: n.payload,
});

async function currentNotice(db: Db | Tx, scenarioId: string): Promise<NoticeRow | undefined> {
  const [n] = await db
    .select()
    .from(notices)
    .where(eq(notices.scenarioId, scenarioId))
    .orderBy(desc(notices.publishedAt), desc(notices.id))
    .limit(1);
  return n;
}

// Result notice (公示)

/**
 * Publishes the computed ranking: firms by name, scores per criterion and each member's points as 专家n,
 * and opens the objection window (7 days for challenges, 1 + 3 working days otherwise; see the rules).
 */
export async function publishNotice(
  db: Db,
  input: { scenarioId: string; viewer: EvaluationViewer },
  actor: Actor,
  now: Date,
): Promise<WriteResult<NoticeView>> {
  const at = now.toISOString();
  return db.transaction(async (tx) => {
    const [s] = await tx.select().from(scenarios).where(eq(scenarios.id, input.scenarioId));
    if (!s || !isStaff(s, input.viewer)) return notFound();
    if (s.status !== 'under_evaluation') return illegal(`the scenario is ${s.status}`);
    const prior = await currentNotice(tx, s.id);
    if (prior && prior.status !== 'reopened') return illegal(`a result notice is already ${prior.status}`);
    const [uncomputed] = await tx
      .select({ id: bids.id })
      .from(bids)
      .where(and(eq(bids.scenarioId, s.id), eq(bids.status, 'qualified')))
      .limit(1);
    if (uncomputed) return illegal('compute the evaluation first: some qualified bids are not scored');
    const ev = await evaluationInput(tx, s.id);
    if (!ev.ok) return ev;
    const report = await buildScoringReport(ev.value.input);
    if (!report.ok) return illegal(report.error.map((p) => `${p.path}: ${p.message}`).join('; '));
    const outcome = evaluationOutcome(report.value, ev.value.passThreshold);
    if (outcome.ranking.length === 0) return illegal('no bid is ranked; the procurement fails instead');
    const byBid = new Map(ev.value.input.bids.map((b) => [b.id, b]));
    const firm = (id: string) => ev.value.firms.get(id)?.name ?? '';
    const payload = {
      passThreshold: outcome.passThreshold,
      ranking: outcome.ranking.map((r) => ({
        rank: r.rank,
        bidId: r.bid,
        firm: firm(r.bid),
        evaluatedPriceFen: r.evaluatedPriceFen,
        priceScore: r.priceScore,
        criteria: r.criteria,
        total: r.total,
        passed: r.passed,
        flags: r.flags,
        experts: Object.fromEntries(
          Object.entries(byBid.get(r.bid)?.scores ?? {}).map(([criterion, points]) => [
            criterion,
            Object.fromEntries(points.map((p, i) => [`专家${i + 1}`, p])),
          ]),
        ),
      })),
      excluded: outcome.excluded.map((x) => ({ bidId: x.bid, firm: firm(x.bid), reason: x.reason })),
    };
    const id = newId(now.getTime());
    const until = objectionWindowEnd(s.kind, at, await rulesInForce(tx, s));
    const opened = transition(NOTICE_LIFECYCLE, 'published', 'open_objections');
    if (!opened.ok) return illegal(opened.error.message);
    const row = {
      id,
      scenarioId: s.id,
      status: opened.value,
      publishedAt: at,
      objectionsUntil: until,
      payload,
      inputsDigest: outcome.inputDigest,
      createdAt: at,
    };
    await tx.insert(notices).values(row);
    await audit(tx, actor, at, 'notice.publish', 'notice', id, {
      scenarioId: s.id,
      inputsDigest: outcome.inputDigest,
      objectionsUntil: until,
    });
    return { ok: true, value: noticeView({ ...row, finalizedAt: null }) };
  });
}

/** The latest notice of a scenario, public (null before one is published). */
export async function getNotice(
  db: Db,
  scenarioId: string,
): Promise<WriteResult<{ notice: NoticeView | null }>> {
  const [s] = await db
    .select({ publishedAt: scenarios.publishedAt })
    .from(scenarios)
    .where(eq(scenarios.id, scenarioId));
  if (!s || s.publishedAt === null) return notFound();
  const n = await currentNotice(db, scenarioId);
  return { ok: true, value: { notice: n ? noticeView(n) : null } };
}

// Objections (异议/质疑)

/** Firms that bid on the scenario (lead or partner). */
async function isBidder(tx: Db | Tx, scenarioId: string, firmId: string) {
  const [b] = await tx
    .select({ id: bids.id })
    .from(bids)
    .leftJoin(bidMembers, eq(bidMembers.bidId, bids.id))
    .where(
      and(
        eq(bids.scenarioId, scenarioId),
        sql`${bids.openedAt} is not null`,
        or(eq(bids.leadFirmId, firmId), eq(bidMembers.firmId, firmId)),
      ),
    )
    .limit(1);
  return b !== undefined;
}

const objectionView = (o: typeof objections.$inferSelect): ObjectionView => ({
  id: o.id,
  noticeId: o.noticeId,
  bidId: o.bidId,
  orgId: o.orgId,
  text: o.text,
  status: o.status,
  answer: o.answer,
  answeredAt: o.answeredAt,
  createdAt: o.createdAt,
});

/** A bidder objects within the window (server clock). */
export async function fileObjection(
  db: Db,
  input: ObjectionBody & { noticeId: string; firmId: string },
  actor: Actor,
  now: Date,
): Promise<WriteResult<ObjectionView>> {
  const at = now.toISOString();
  return db.transaction(async (tx) => {
    const [n] = await tx.select().from(notices).where(eq(notices.id, input.noticeId));
    if (!n || !(await isBidder(tx, n.scenarioId, input.firmId))) return notFound();
    if (n.status !== 'objection_window') return illegal(`the notice is ${n.status}`);
    if (n.objectionsUntil !== null && at > n.objectionsUntil)
      return closed(`the objection window closed at ${n.objectionsUntil}`);
    if (input.bidId) {
      const [b] = await tx
        .select({ id: bids.id })
        .from(bids)
        .where(and(eq(bids.id, input.bidId), eq(bids.scenarioId, n.scenarioId)));
      if (!b) return invalid([{ path: 'bidId', message: 'is not a bid on this scenario' }]);
    }
    const row = {
      id: newId(now.getTime()),
      noticeId: n.id,
      bidId: input.bidId ?? null,
      orgId: input.firmId,
      text: input.text,
      createdAt: at,
    };
    await tx.insert(objections).values(row);
    await audit(tx, actor, at, 'objection.file', 'objection', row.id, { noticeId: n.id, bidId: row.bidId });
    return {
      ok: true,
      value: objectionView({ ...row, status: 'filed', answer: null, answeredBy: null, answeredAt: null }),
    };
  });
}

/** Objections to a notice: all of them for the issuer and organizers, a firm's own for a firm. */
export async function listObjections(
  db: Db,
  noticeId: string,
  viewer: EvaluationViewer,
): Promise<WriteResult<{ items: ObjectionView[] }>> {
  const [row] = await db
    .select({ scenarioId: notices.scenarioId, issuerId: scenarios.issuerId })
    .from(notices)
    .innerJoin(scenarios, eq(scenarios.id, notices.scenarioId))
    .where(eq(notices.id, noticeId));
  if (!row) return notFound();
  const staff = isStaff(row, viewer);
  if (!staff && !(viewer.orgId && (await isBidder(db, row.scenarioId, viewer.orgId)))) return notFound();
  const items = await db
    .select()
    .from(objections)
    .where(
      and(eq(objections.noticeId, noticeId), staff ? undefined : eq(objections.orgId, viewer.orgId ?? '')),
    )
    .orderBy(asc(objections.createdAt), asc(objections.id));
  return { ok: true, value: { items: items.map(objectionView) } };
}

/**
 * The issuer or an organizer answers. Upheld: the notice is re-opened, scored bids go back to qualified and
 * every signature is withdrawn, so the panel scores again.
 */
export async function answerObjection(
  db: Db,
  input: ObjectionAnswerBody & { objectionId: string; viewer: EvaluationViewer },
  actor: Actor,
  now: Date,
): Promise<WriteResult<ObjectionView & { noticeStatus: string }>> {
  const at = now.toISOString();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ o: objections, n: notices, issuerId: scenarios.issuerId })
      .from(objections)
      .innerJoin(notices, eq(notices.id, objections.noticeId))
      .innerJoin(scenarios, eq(scenarios.id, notices.scenarioId))
      .where(eq(objections.id, input.objectionId));
    if (!row || !isStaff(row, input.viewer)) return notFound();
    if (row.o.status !== 'filed') return illegal(`the objection is already ${row.o.status}`);
    let noticeStatus = row.n.status;
    if (input.decision === 'upheld') {
      const step = transition(NOTICE_LIFECYCLE, row.n.status, 'uphold_objection');
      if (!step.ok) return illegal(`the notice is ${row.n.status}`);
      noticeStatus = step.value;
      await tx.update(notices).set({ status: step.value }).where(eq(notices.id, row.n.id));
      await rescoreBids(tx, row.n.scenarioId, at);
      const [p] = await tx
        .select({ id: panels.id })
        .from(panels)
        .where(eq(panels.scenarioId, row.n.scenarioId));
      if (p) {
        await tx.update(panelMembers).set({ signedAt: null }).where(eq(panelMembers.panelId, p.id));
        await tx.update(panels).set({ status: 'scoring' }).where(eq(panels.id, p.id));
      }
    }
    const answered = {
      status: input.decision,
      answer: input.answer,
      answeredBy: actor.userId,
      answeredAt: at,
    };
    await tx.update(objections).set(answered).where(eq(objections.id, row.o.id));
    await audit(
      tx,
      actor,
      at,
      `objection.${input.decision === 'upheld' ? 'uphold' : 'reject'}`,
      'objection',
      row.o.id,
      {
        noticeId: row.n.id,
        noticeStatus,
      },
    );
    return { ok: true, value: { ...objectionView({ ...row.o, ...answered }), noticeStatus } };
  });
}

// Awards (定标)

async function awardViews(db: Db | Tx, where: ReturnType<typeof eq>): Promise<AwardView[]> {
  const rows = await db
    .select({ a: awards, firmId: bids.leadFirmId, firmName: organizations.name })
    .from(awards)
    .innerJoin(bids, eq(bids.id, awards.bidId))
    .innerJoin(organizations, eq(organizations.id, bids.leadFirmId))
    .where(where)
    .orderBy(asc(awards.rank));
  return rows.map(({ a, firmId, firmName }) => ({
    id: a.id,
    scenarioId: a.scenarioId,
    bidId: a.bidId,
    firmId,
    firmName,
    rank: a.rank,
    amountFen: a.amountFen,
    subsidyFen: a.subsidyFen,
    investmentFen: a.investmentFen,
    status: a.status,
    awardedAt: a.awardedAt,
    acceptedAt: a.acceptedAt,
    acceptanceNote: a.acceptanceNote,
  }));
}

/**
 * 定标: once the objection window has passed with every objection answered, the notice becomes final and the
 * winners are the top of the ranking that passed (several for 揭榜挂帅 赛马制, up to the scenario's maximum).
 */
export async function awardScenario(
  db: Db,
  input: AwardBody & { scenarioId: string; viewer: EvaluationViewer },
  actor: Actor,
  now: Date,
): Promise<WriteResult<{ items: AwardView[] }>> {
  const at = now.toISOString();
  return db.transaction(async (tx) => {
    const [s] = await tx.select().from(scenarios).where(eq(scenarios.id, input.scenarioId));
    if (!s || !isStaff(s, input.viewer)) return notFound();
    const scenarioStep = transition(SCENARIO_LIFECYCLE, s.status, 'award');
    if (!scenarioStep.ok) return illegal(`the scenario is ${s.status}`);
    const n = await currentNotice(tx, s.id);
    if (n?.status !== 'objection_window') return illegal('publish the result notice first');
    if (n.objectionsUntil !== null && at <= n.objectionsUntil)
      return illegal(`the objection window is open until ${n.objectionsUntil}`);
    const [pending] = await tx
      .select({ id: objections.id })
      .from(objections)
      .where(and(eq(objections.noticeId, n.id), eq(objections.status, 'filed')))
      .limit(1);
    if (pending) return illegal('answer every objection first');
    const ranking = (n.payload as { ranking: { bidId: string; rank: number; passed: boolean }[] }).ranking;
    const passed = ranking.filter((r) => r.passed);
    const max = s.kind === 'challenge' ? s.winnersMax : 1;
    const fields: Field[] = [];
    if (input.awards.length > max)
      fields.push({
        path: 'awards',
        message: `at most ${max} winner${max === 1 ? '' : 's'} for this ${s.kind}`,
      });
    const top = new Set(passed.slice(0, input.awards.length).map((r) => r.bidId));
    const rules = await rulesInForce(tx, s);
    const subsidyRule = { rate: rules.subsidyRate, capFen: rules.subsidyCapFen };
    input.awards.forEach((a, i) => {
      const limit = subsidyLimitFen(a.investmentFen ?? a.amountFen, subsidyRule);
      if (a.subsidyFen != null && limit !== null && a.subsidyFen > limit)
        fields.push({
          path: `awards.${i}.subsidyFen`,
          message:
            `must not exceed ${limit} fen: ` +
            [
              rules.subsidyRate === undefined
                ? null
                : `${+(rules.subsidyRate * 100).toFixed(2)} % of the total investment (${a.investmentFen ?? a.amountFen} fen)`,
              rules.subsidyCapFen === undefined ? null : `at most ${rules.subsidyCapFen} fen`,
            ]
              .filter(Boolean)
              .join(', '),
        });
      if (!top.has(a.bidId))
        fields.push({
          path: `awards.${i}.bidId`,
          message: 'must be among the top of the ranking that passed',
        });
      if (a.subsidyFen != null && a.subsidyFen > a.amountFen)
        fields.push({ path: `awards.${i}.subsidyFen`, message: 'must not exceed the award amount' });
      if (a.subsidyFen != null && s.subsidyFen !== null && a.subsidyFen > s.subsidyFen)
        fields.push({
          path: `awards.${i}.subsidyFen`,
          message: `must not exceed the scenario's subsidy (${s.subsidyFen} fen)`,
        });
    });
    if (fields.length) return invalid(fields);
    const won = transition(BID_LIFECYCLE, 'scored', 'award');
    const lost = transition(BID_LIFECYCLE, 'scored', 'not_award');
    if (!won.ok || !lost.ok) return illegal('the bid lifecycle does not allow awards');
    const final = transition(NOTICE_LIFECYCLE, n.status, 'finalize');
    if (!final.ok) return illegal(final.error.message);
    await tx.update(notices).set({ status: final.value, finalizedAt: at }).where(eq(notices.id, n.id));
    const rankOf = new Map(ranking.map((r) => [r.bidId, r.rank]));
    await tx.insert(awards).values(
      input.awards.map((a) => ({
        id: newId(now.getTime()),
        scenarioId: s.id,
        bidId: a.bidId,
        rank: rankOf.get(a.bidId) as number,
        amountFen: a.amountFen,
        subsidyFen: a.subsidyFen ?? null,
        investmentFen: a.investmentFen ?? null,
        awardedAt: at,
        createdAt: at,
      })),
    );
    const winners = input.awards.map((a) => a.bidId);
    await tx
      .update(bids)
      .set({ status: won.value, updatedAt: at, version: sql`${bids.version} + 1` })
      .where(inArray(bids.id, winners));
    await tx
      .update(bids)
      .set({ status: lost.value, updatedAt: at, version: sql`${bids.version} + 1` })
      .where(and(eq(bids.scenarioId, s.id), eq(bids.status, 'scored')));
    await tx
      .update(scenarios)
      .set({ status: scenarioStep.value, updatedAt: at, version: sql`${scenarios.version} + 1` })
      .where(eq(scenarios.id, s.id));
    await audit(tx, actor, at, 'scenario.award', 'scenario', s.id, {
      noticeId: n.id,
      awards: input.awards.map((a) => ({
        bidId: a.bidId,
        amountFen: a.amountFen,
        subsidyFen: a.subsidyFen ?? null,
        investmentFen: a.investmentFen ?? null,
      })),
    });
    return { ok: true, value: { items: await awardViews(tx, eq(awards.scenarioId, s.id)) } };
  });
}

/** Awards of a public scenario (an empty list before the award). */
export async function listAwards(db: Db, scenarioId: string): Promise<WriteResult<{ items: AwardView[] }>> {
  const [s] = await db
    .select({ publishedAt: scenarios.publishedAt })
    .from(scenarios)
    .where(eq(scenarios.id, scenarioId));
  if (!s || s.publishedAt === null) return notFound();
  return { ok: true, value: { items: await awardViews(db, eq(awards.scenarioId, scenarioId)) } };
}

// Delivery (履约) and acceptance (验收)

interface AwardContext {
  a: AwardRow;
  s: ScenarioRow;
  firmId: string;
}

async function awardContext(db: Db | Tx, awardId: string): Promise<AwardContext | null> {
  const [row] = await db
    .select({ a: awards, s: scenarios, firmId: bids.leadFirmId })
    .from(awards)
    .innerJoin(scenarios, eq(scenarios.id, awards.scenarioId))
    .innerJoin(bids, eq(bids.id, awards.bidId))
    .where(eq(awards.id, awardId));
  return row ?? null;
}

const DELIVERING: AwardRow['status'][] = ['awarded', 'in_delivery'];

/** Starts delivery on the first milestone: the award and the scenario move to in_delivery. */
async function startDelivery(tx: Tx, ctx: AwardContext, at: string) {
  if (ctx.a.status === 'awarded')
    await tx.update(awards).set({ status: 'in_delivery' }).where(eq(awards.id, ctx.a.id));
  const step = transition(SCENARIO_LIFECYCLE, ctx.s.status, 'start_delivery');
  if (step.ok)
    await tx
      .update(scenarios)
      .set({ status: step.value, updatedAt: at, version: sql`${scenarios.version} + 1` })
      .where(eq(scenarios.id, ctx.s.id));
}

export async function addMilestone(
  db: Db,
  input: MilestoneBody & { awardId: string; viewer: EvaluationViewer },
  actor: Actor,
  now: Date,
): Promise<WriteResult<{ id: string; status: string }>> {
  const at = now.toISOString();
  return db.transaction(async (tx) => {
    const ctx = await awardContext(tx, input.awardId);
    if (!ctx || !isStaff(ctx.s, input.viewer)) return notFound();
    if (!DELIVERING.includes(ctx.a.status)) return illegal(`the award is ${ctx.a.status}`);
    const id = newId(now.getTime());
    await tx.insert(milestones).values({
      id,
      awardId: ctx.a.id,
      title: input.title,
      dueAt: input.dueAt,
      note: input.note,
      createdAt: at,
    });
    await startDelivery(tx, ctx, at);
    await audit(tx, actor, at, 'milestone.add', 'award', ctx.a.id, {
      milestoneId: id,
      title: input.title,
      dueAt: input.dueAt,
    });
    return { ok: true, value: { id, status: 'planned' } };
  });
}

/** Marks a milestone met: done on time, late after its due date. */
export async function completeMilestone(
  db: Db,
  input: MilestoneDoneBody & { milestoneId: string; viewer: EvaluationViewer },
  actor: Actor,
  now: Date,
): Promise<WriteResult<{ id: string; status: string; doneAt: string }>> {
  const at = now.toISOString();
  return db.transaction(async (tx) => {
    const [m] = await tx.select().from(milestones).where(eq(milestones.id, input.milestoneId));
    const ctx = m ? await awardContext(tx, m.awardId) : null;
    if (!m || !ctx || !isStaff(ctx.s, input.viewer)) return notFound();
    if (m.status !== 'planned') return illegal(`the milestone is already ${m.status}`);
    if (ctx.a.status !== 'in_delivery') return illegal(`the award is ${ctx.a.status}`);
    const status = at > m.dueAt ? ('late' as const) : ('done' as const);
    await tx
      .update(milestones)
      .set({ status, doneAt: at, note: input.note || m.note })
      .where(eq(milestones.id, m.id));
    await audit(tx, actor, at, 'milestone.complete', 'award', ctx.a.id, { milestoneId: m.id, status });
    return { ok: true, value: { id: m.id, status, doneAt: at } };
  });
}

/** The winning firm (or staff) reports a KPI value against one of the challenge's KPIs. */
export async function reportKpi(
  db: Db,
  input: KpiReportBody & { awardId: string; viewer: EvaluationViewer },
  actor: Actor,
  now: Date,
): Promise<WriteResult<{ id: string }>> {
  const at = now.toISOString();
  return db.transaction(async (tx) => {
    const ctx = await awardContext(tx, input.awardId);
    if (!ctx || !(isStaff(ctx.s, input.viewer) || ctx.firmId === input.viewer.orgId)) return notFound();
    if (!DELIVERING.includes(ctx.a.status)) return illegal(`the award is ${ctx.a.status}`);
    const names = ctx.s.kpis.map((k) => k.name);
    if (names.length && !names.includes(input.kpi))
      return invalid([{ path: 'kpi', message: `must be one of the KPIs: ${names.join(', ')}` }]);
    const id = newId(now.getTime());
    await tx.insert(kpiReports).values({
      id,
      awardId: ctx.a.id,
      kpi: input.kpi,
      value: input.value,
      met: input.met ?? null,
      note: input.note,
      reportedAt: at,
      createdAt: at,
    });
    await startDelivery(tx, ctx, at);
    await audit(tx, actor, at, 'kpi.report', 'award', ctx.a.id, {
      kpiReportId: id,
      kpi: input.kpi,
      value: input.value,
      met: input.met ?? null,
    });
    return { ok: true, value: { id } };
  });
}

/**
 * 验收: pass or fail an award in delivery. When every award of the scenario is decided the scenario is
 * accepted (at least one passed) or terminated.
 */
export async function decideAcceptance(
  db: Db,
  input: AcceptanceBody & { awardId: string; viewer: EvaluationViewer },
  actor: Actor,
  now: Date,
): Promise<WriteResult<{ id: string; status: string; scenarioStatus: string }>> {
  const at = now.toISOString();
  return db.transaction(async (tx) => {
    const ctx = await awardContext(tx, input.awardId);
    if (!ctx || !isStaff(ctx.s, input.viewer)) return notFound();
    if (ctx.a.status !== 'in_delivery')
      return illegal(`the award is ${ctx.a.status}; delivery starts with a milestone`);
    const status = input.result === 'pass' ? ('accepted' as const) : ('rejected' as const);
    await tx
      .update(awards)
      .set({ status, acceptedAt: input.result === 'pass' ? at : null, acceptanceNote: input.note })
      .where(eq(awards.id, ctx.a.id));
    const all = await tx
      .select({ id: awards.id, status: awards.status })
      .from(awards)
      .where(eq(awards.scenarioId, ctx.s.id));
    const decided = all.map((x) => (x.id === ctx.a.id ? status : x.status));
    let scenarioStatus = ctx.s.status;
    if (
      ctx.s.status === 'in_delivery' &&
      decided.every((x) => x === 'accepted' || x === 'rejected' || x === 'terminated')
    ) {
      const step = transition(
        SCENARIO_LIFECYCLE,
        ctx.s.status,
        decided.includes('accepted') ? 'accept' : 'terminate',
      );
      if (step.ok) {
        scenarioStatus = step.value;
        await tx
          .update(scenarios)
          .set({ status: step.value, updatedAt: at, version: sql`${scenarios.version} + 1` })
          .where(eq(scenarios.id, ctx.s.id));
      }
    }
    await audit(tx, actor, at, `award.${input.result === 'pass' ? 'accept' : 'reject'}`, 'award', ctx.a.id, {
      note: input.note,
      scenarioStatus,
    });
    return { ok: true, value: { id: ctx.a.id, status, scenarioStatus } };
  });
}

/** An award's delivery: milestones and KPI reports against the KPIs, for staff and the winning firm. */
export async function getDelivery(
  db: Db,
  awardId: string,
  viewer: EvaluationViewer,
): Promise<WriteResult<DeliveryView>> {
  const ctx = await awardContext(db, awardId);
  if (!ctx || !(isStaff(ctx.s, viewer) || ctx.firmId === viewer.orgId)) return notFound();
  const [[award], ms, ks] = await Promise.all([
    awardViews(db, eq(awards.id, awardId)),
    db
      .select()
      .from(milestones)
      .where(eq(milestones.awardId, awardId))
      .orderBy(asc(milestones.dueAt), asc(milestones.id)),
    db
      .select()
      .from(kpiReports)
      .where(eq(kpiReports.awardId, awardId))
      .orderBy(asc(kpiReports.reportedAt), asc(kpiReports.id)),
  ]);
  return {
    ok: true,
    value: {
      award: award as AwardView,
      kpis: ctx.s.kpis,
      milestones: ms.map((m) => ({
        id: m.id,
        title: m.title,
        dueAt: m.dueAt,
        status: m.status,
        doneAt: m.doneAt,
        note: m.note,
      })),
      kpiReports: ks.map((k) => ({
        id: k.id,
        kpi: k.kpi,
        value: k.value,
        met: k.met,
        note: k.note,
        reportedAt: k.reportedAt,
      })),
    },
  };
}
