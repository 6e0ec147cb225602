import {
  BID_LIFECYCLE,
  BUILTIN_TEMPLATES,
  type ConflictBody,
  type CriteriaBody,
  type CriteriaTemplate,
  type CriteriaView,
  digestOf,
  drawFromPool,
  type ExpertBody,
  type ExpertPatchBody,
  type ExpertView,
  minimumPanelSize,
  type PanelDrawBody,
  type PanelDrawResult,
  type PanelView,
  type QualificationBody,
  type RecusalView,
  recusalReason,
  SCENARIO_LIFECYCLE,
  type TenderCategory,
  transition,
  validateTemplate,
} from '@scx/core';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { newId } from '../ids.ts';
import {
  auditLog,
  bidMembers,
  bids,
  criteria,
  expertConflicts,
  experts,
  memberships,
  organizations,
  panelMembers,
  panels,
  scenarios,
  scores,
} from '../schema/index.ts';
import { appendAudit } from './audit.ts';
import { COUNTS_AS_APPLICATION } from './bids.ts';
import { uniqueViolation } from './errors.ts';
import { rulesInForce } from './evaluation-rules.ts';
import type { Actor, WriteResult } from './scenario-drafts.ts';
import type { Tx } from './tx.ts';

// 评审 (evaluation), part one: the expert pool, panels drawn at random with automatic recusal, criteria
// from the core templates and the qualification review. Each write is one transaction with its audit entry.

type Field = { path: string; message: string };
type ScenarioRow = typeof scenarios.$inferSelect;
/** Who is asking: an organizer sees everything; an agency only its own scenarios. */
export interface EvaluationViewer {
  userId: string;
  orgId: string | null;
  organizer: boolean;
}

const invalid = (fields: Field[]) => ({ ok: false as const, reason: 'invalid' as const, fields });
const illegal = (detail: string) => ({ ok: false as const, reason: 'illegal' as const, detail });
const conflict = (detail: string) => ({ ok: false as const, reason: 'exists' as const, detail });
const notFound = (detail?: string) => ({ ok: false as const, reason: 'not_found' as const, detail });

async function record(
  tx: Tx,
  actor: Actor,
  at: string,
  entry: { action: string; entityType: string; entityId: string; data?: unknown; after?: unknown },
) {
  await appendAudit(tx, {
    at,
    actorUserId: actor.userId,
    actorOrgId: actor.orgId,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    ...(entry.after === undefined ? {} : { afterDigest: await digestOf(entry.after) }),
    ...(entry.data === undefined ? {} : { data: entry.data }),
  });
}

const isStaff = (s: Pick<ScenarioRow, 'issuerId'>, v: EvaluationViewer) =>
  v.organizer || s.issuerId === v.orgId;

// Expert pool (专家库)

async function expertViews(db: Db | Tx, ids?: string[]): Promise<ExpertView[]> {
  const rows = await db
    .select()
    .from(experts)
    .where(ids ? inArray(experts.id, ids) : undefined)
    .orderBy(asc(experts.name), asc(experts.id));
  const conflicts = rows.length
    ? await db
        .select()
        .from(expertConflicts)
        .where(
          inArray(
            expertConflicts.expertId,
            rows.map((r) => r.id),
          ),
        )
        .orderBy(asc(expertConflicts.createdAt))
    : [];
  return rows.map((r) => ({
    id: r.id,
    userId: r.userId,
    name: r.name,
    employerOrgId: r.employerOrgId,
    employerName: r.employerName,
    title: r.title,
    domains: r.domains,
    active: r.active,
    conflicts: conflicts
      .filter((c) => c.expertId === r.id)
      .map((c) => ({ orgId: c.orgId, reason: c.reason })),
    createdAt: r.createdAt,
  }));
}

export const listExperts = (db: Db): Promise<ExpertView[]> => expertViews(db);

/** Adds an expert; a linked account must hold the expert role somewhere, an employer must exist. */
export async function createExpert(
  db: Db,
  input: ExpertBody,
  actor: Actor,
  now: Date,
): Promise<WriteResult<ExpertView>> {
  const at = now.toISOString();
  const id = newId(now.getTime());
  return db.transaction(async (tx) => {
    const fields: Field[] = [];
    if (input.userId) {
      const [m] = await tx
        .select({ userId: memberships.userId })
        .from(memberships)
        .where(and(eq(memberships.userId, input.userId), eq(memberships.role, 'expert')))
        .limit(1);
      if (!m) fields.push({ path: 'userId', message: 'is not a user with an expert membership' });
      const [taken] = await tx
        .select({ id: experts.id })
        .from(experts)
        .where(eq(experts.userId, input.userId))
        .limit(1);
      if (taken) fields.push({ path: 'userId', message: 'is already linked to another expert' });
    }
    let employerName = input.employerName;
    if (input.employerOrgId) {
      const [org] = await tx
        .select({ name: organizations.name })
        .from(organizations)
        .where(eq(organizations.id, input.employerOrgId));
      if (!org) fields.push({ path: 'employerOrgId', message: 'is not an organization' });
      else if (!employerName) employerName = org.name;
    }
    if (fields.length) return invalid(fields);
    const row = {
      id,
      userId: input.userId ?? null,
      name: input.name,
      employerOrgId: input.employerOrgId ?? null,
      employerName,
      title: input.title,
      domains: input.domains,
      createdAt: at,
    };
    await tx.insert(experts).values(row);
    await record(tx, actor, at, {
      action: 'expert.create',
      entityType: 'expert',
      entityId: id,
      after: row,
      data: { domains: input.domains, employerOrgId: row.employerOrgId },
    });
    const [view] = await expertViews(tx, [id]);
    return { ok: true, value: view as ExpertView };
  });
}

/** Edits an expert of the pool; panels already drawn keep their members. */
export async function updateExpert(
  db: Db,
  input: { expertId: string; patch: ExpertPatchBody },
  actor: Actor,
  now: Date,
): Promise<WriteResult<ExpertView>> {
  const at = now.toISOString();
  return db.transaction(async (tx) => {
    const [e] = await tx.select().from(experts).where(eq(experts.id, input.expertId));
    if (!e) return notFound();
    if (input.patch.employerOrgId) {
      const [org] = await tx
        .select({ id: organizations.id })
        .from(organizations)
        .where(eq(organizations.id, input.patch.employerOrgId));
      if (!org) return invalid([{ path: 'employerOrgId', message: 'is not an organization' }]);
    }
    await tx.update(experts).set(input.patch).where(eq(experts.id, e.id));
    await record(tx, actor, at, {
      action: 'expert.update',
      entityType: 'expert',
      entityId: e.id,
      after: { ...e, ...input.patch },
      data: { fields: Object.keys(input.patch).sort(), ...input.patch },
    });
    const [view] = await expertViews(tx, [e.id]);
    return { ok: true, value: view as ExpertView };
  });
}

/** 回避申报: the expert (own account) or an organizer records a conflict with an organization. */
export async function declareConflict(
  db: Db,
  input: ConflictBody & { expertId: string; viewer: EvaluationViewer },
  actor: Actor,
  now: Date,
): Promise<WriteResult<ExpertView>> {
  const at = now.toISOString();
  return db.transaction(async (tx) => {
    const [e] = await tx.select().from(experts).where(eq(experts.id, input.expertId));
    if (!e || (!input.viewer.organizer && e.userId !== input.viewer.userId)) return notFound();
    const [org] = await tx
      .select({ id: organizations.id })
      .from(organizations)
      .where(eq(organizations.id, input.orgId));
    if (!org) return invalid([{ path: 'orgId', message: 'is not an organization' }]);
    try {
      await tx.insert(expertConflicts).values({
        id: newId(now.getTime()),
        expertId: e.id,
        orgId: input.orgId,
        reason: input.reason,
        createdAt: at,
      });
    } catch (err) {
      if (uniqueViolation(err)) return conflict('this conflict is already declared');
      throw err;
    }
    await record(tx, actor, at, {
      action: 'expert.declare_conflict',
      entityType: 'expert',
      entityId: e.id,
      data: { orgId: input.orgId, reason: input.reason },
    });
    const [view] = await expertViews(tx, [e.id]);
    return { ok: true, value: view as ExpertView };
  });
}

// Panels (评审委员会)

/** Firms that bid (lead or consortium partner) on the scenario, for recusal. */
async function biddingFirms(tx: Tx, scenarioId: string): Promise<Set<string>> {
  const rows = await tx
    .select({ lead: bids.leadFirmId, partner: bidMembers.firmId })
    .from(bids)
    .leftJoin(bidMembers, eq(bidMembers.bidId, bids.id))
    .where(and(eq(bids.scenarioId, scenarioId), inArray(bids.status, [...COUNTS_AS_APPLICATION])));
  return new Set(rows.flatMap((r) => (r.partner ? [r.lead, r.partner] : [r.lead])));
}

interface Pool {
  eligible: string[];
  recused: RecusalView[];
}

/** Active experts of the domain, split into those who may sit and those recused (with why). */
async function expertPool(tx: Tx, s: ScenarioRow, domain: string): Promise<Pool> {
  const rows = await tx
    .select({
      id: experts.id,
      name: experts.name,
      employerOrgId: experts.employerOrgId,
      userId: experts.userId,
    })
    .from(experts)
    .where(
      and(
        eq(experts.active, true),
        sql`exists (select 1 from json_each(${experts.domains}) where json_each.value = ${domain})`,
      ),
    );
  const conflicts = rows.length
    ? await tx
        .select({ expertId: expertConflicts.expertId, orgId: expertConflicts.orgId })
        .from(expertConflicts)
        .where(
          inArray(
            expertConflicts.expertId,
            rows.map((r) => r.id),
          ),
        )
    : [];
  const userIds = rows.flatMap((r) => (r.userId ? [r.userId] : []));
  const memberOf = userIds.length
    ? await tx
        .select({ userId: memberships.userId, orgId: memberships.orgId })
        .from(memberships)
        .where(inArray(memberships.userId, userIds))
    : [];
  const firms = await biddingFirms(tx, s.id);
  const pool: Pool = { eligible: [], recused: [] };
  for (const r of rows.sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const why = recusalReason(
      {
        ...r,
        conflictOrgIds: conflicts.filter((c) => c.expertId === r.id).map((c) => c.orgId),
        memberOrgIds: memberOf.filter((m) => m.userId === r.userId).map((m) => m.orgId),
      },
      s.issuerId,
      firms,
    );
    if (why) pool.recused.push({ expertId: r.id, name: r.name, reason: why });
    else pool.eligible.push(r.id);
  }
  return pool;
}

async function panelView(db: Db | Tx, panelId: string): Promise<PanelView | null> {
  const [p] = await db.select().from(panels).where(eq(panels.id, panelId));
  if (!p) return null;
  const members = await db
    .select({
      id: panelMembers.id,
      expertId: panelMembers.expertId,
      name: experts.name,
      seat: panelMembers.seat,
      status: panelMembers.status,
      recusalReason: panelMembers.recusalReason,
      signedAt: panelMembers.signedAt,
    })
    .from(panelMembers)
    .innerJoin(experts, eq(experts.id, panelMembers.expertId))
    .where(eq(panelMembers.panelId, p.id))
    .orderBy(asc(panelMembers.seat), asc(panelMembers.createdAt));
  return {
    id: p.id,
    scenarioId: p.scenarioId,
    size: p.size,
    seed: p.seed,
    status: p.status,
    formedAt: p.formedAt,
    members,
  };
}

const EVALUATING: ScenarioRow['status'][] = ['bidding_closed', 'under_evaluation'];

const randomSeed = () =>
  Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, '0')).join('');

/**
 * Draws the panel of a scenario whose bids are open: experts of the domain, minus those recused, shuffled
 * by a PRNG seeded with the recorded seed (the same seed and pool give the same panel). Drawing starts the
 * evaluation (bidding_closed → under_evaluation).
 */
export async function drawPanel(
  db: Db,
  input: { scenarioId: string; body: PanelDrawBody },
  actor: Actor,
  now: Date,
): Promise<WriteResult<PanelDrawResult>> {
  const at = now.toISOString();
  return db.transaction(async (tx) => {
    const [s] = await tx.select().from(scenarios).where(eq(scenarios.id, input.scenarioId));
    if (!s) return notFound();
    if (!EVALUATING.includes(s.status))
      return illegal(`the scenario is ${s.status}; a panel is drawn once its bids are opened`);
    const [existing] = await tx
      .select({ id: panels.id })
      .from(panels)
      .where(eq(panels.scenarioId, s.id))
      .limit(1);
    if (existing) return conflict('the scenario already has a panel; replace members instead');
    const min = minimumPanelSize(s);
    const size = input.body.size ?? min;
    if (size < min)
      return invalid([{ path: 'size', message: `must be at least ${min} for this ${s.kind} and budget` }]);
    const domain = input.body.domain ?? s.domain;
    const seed = input.body.seed ?? randomSeed();
    const pool = await expertPool(tx, s, domain);
    if (pool.eligible.length < size) {
      return {
        ok: false as const,
        reason: 'limit' as const,
        detail: `only ${pool.eligible.length} eligible experts in ${domain} (${pool.recused.length} recused); the panel needs ${size}`,
      };
    }
    const drawn = drawFromPool(pool.eligible, size, seed);
    const panelId = newId(now.getTime());
    await tx
      .insert(panels)
      .values({ id: panelId, scenarioId: s.id, size, seed, status: 'formed', formedAt: at, createdAt: at });
    await tx.insert(panelMembers).values(
      drawn.map((expertId, i) => ({
        id: newId(now.getTime()),
        panelId,
        expertId,
        seat: i + 1,
        createdAt: at,
      })),
    );
    if (s.status === 'bidding_closed') {
      const step = transition(SCENARIO_LIFECYCLE, s.status, 'start_evaluation');
      if (!step.ok) return illegal(step.error.message);
      await tx
        .update(scenarios)
        .set({ status: step.value, updatedAt: at, version: sql`${scenarios.version} + 1` })
        .where(eq(scenarios.id, s.id));
    }
    await record(tx, actor, at, {
      action: 'panel.draw',
      entityType: 'panel',
      entityId: panelId,
      data: { scenarioId: s.id, seed, size, domain, pool: pool.eligible, drawn, recused: pool.recused },
    });
    const view = (await panelView(tx, panelId)) as PanelView;
    return { ok: true, value: { ...view, domain, recused: pool.recused } };
  });
}

/** The panel of a scenario (null before the draw), for its issuer and organizers. */
export async function getPanel(
  db: Db,
  scenarioId: string,
  viewer: EvaluationViewer,
): Promise<WriteResult<{ panel: PanelView | null }>> {
  const [s] = await db
    .select({ issuerId: scenarios.issuerId })
    .from(scenarios)
    .where(eq(scenarios.id, scenarioId));
  if (!s || !isStaff(s, viewer)) return notFound();
  const [p] = await db
    .select({ id: panels.id })
    .from(panels)
    .where(eq(panels.scenarioId, scenarioId))
    .limit(1);
  return { ok: true, value: { panel: p ? await panelView(db, p.id) : null } };
}

/**
 * Replaces a recused or unavailable member: the seat goes to a new draw from the experts still eligible
 * and never on this panel, seeded with the panel's seed and the replacement's number.
 */
export async function replacePanelMember(
  db: Db,
  input: { scenarioId: string; memberId: string; reason: string },
  actor: Actor,
  now: Date,
): Promise<WriteResult<PanelView & { replacementSeed: string }>> {
  const at = now.toISOString();
  return db.transaction(async (tx) => {
    const [s] = await tx.select().from(scenarios).where(eq(scenarios.id, input.scenarioId));
    const [p] = s ? await tx.select().from(panels).where(eq(panels.scenarioId, s.id)).limit(1) : [];
    if (!s || !p) return notFound();
    const members = await tx.select().from(panelMembers).where(eq(panelMembers.panelId, p.id));
    const m = members.find((x) => x.id === input.memberId);
    if (!m) return notFound('panel member');
    if (m.status !== 'active') return illegal(`the member is already ${m.status}`);
    if (m.signedAt) return illegal('the member has signed the score sheets');
    if (s.status !== 'under_evaluation') return illegal(`the scenario is ${s.status}`);
    const [drawEntry] = await tx
      .select({ data: auditLog.data })
      .from(auditLog)
      .where(
        and(eq(auditLog.entityType, 'panel'), eq(auditLog.entityId, p.id), eq(auditLog.action, 'panel.draw')),
      )
      .orderBy(desc(auditLog.seq))
      .limit(1);
    const domain = (drawEntry?.data as { domain?: string } | null)?.domain ?? s.domain;
    const pool = await expertPool(tx, s, domain);
    const seated = new Set(members.map((x) => x.expertId));
    const candidates = pool.eligible.filter((e) => !seated.has(e));
    const replacementSeed = `${p.seed}/r${members.filter((x) => x.status !== 'active').length + 1}`;
    const [next] = drawFromPool(candidates, 1, replacementSeed);
    if (!next) {
      return {
        ok: false as const,
        reason: 'limit' as const,
        detail: `no eligible expert in ${domain} is left to draw`,
      };
    }
    // Scores of the leaving member no longer count.
    await tx.delete(scores).where(eq(scores.panelMemberId, m.id));
    await tx
      .update(panelMembers)
      .set({ status: 'replaced', recusalReason: input.reason })
      .where(eq(panelMembers.id, m.id));
    await tx
      .insert(panelMembers)
      .values({ id: newId(now.getTime()), panelId: p.id, expertId: next, seat: m.seat, createdAt: at });
    await record(tx, actor, at, {
      action: 'panel.replace_member',
      entityType: 'panel',
      entityId: p.id,
      data: {
        seat: m.seat,
        out: m.expertId,
        in: next,
        reason: input.reason,
        seed: replacementSeed,
        pool: candidates,
      },
    });
    return { ok: true, value: { ...((await panelView(tx, p.id)) as PanelView), replacementSeed } };
  });
}

// Criteria (评分标准)

const categoryOf = (s: Pick<ScenarioRow, 'kind' | 'procurementType'>): TenderCategory =>
  s.kind === 'challenge' ? 'challenge' : s.procurementType;

const CRITERIA_EDITABLE: ScenarioRow['status'][] = [
  'draft',
  'submitted',
  'returned',
  'published',
  'bidding_closed',
  'under_evaluation',
];

async function criteriaView(db: Db | Tx, s: ScenarioRow): Promise<CriteriaView> {
  const rows = await db
    .select()
    .from(criteria)
    .where(eq(criteria.scenarioId, s.id))
    .orderBy(asc(criteria.ordinal), asc(criteria.code));
  return {
    scenarioId: s.id,
    category: categoryOf(s),
    priceWeight: rows.filter((r) => r.kind === 'price').reduce((a, r) => a + r.weight, 0),
    passThreshold: s.rules.passThreshold ?? null,
    rules: await rulesInForce(db, s),
    criteria: rows.map((r) => ({
      id: r.id,
      code: r.code,
      name: r.name,
      kind: r.kind,
      weight: r.weight,
      guidance: r.guidance,
      ordinal: r.ordinal,
    })),
  };
}

/** The criteria of a scenario: public once it is published, before that its issuer's and organizers'. */
export async function getCriteria(
  db: Db,
  scenarioId: string,
  viewer: EvaluationViewer | null,
): Promise<WriteResult<CriteriaView>> {
  const [s] = await db.select().from(scenarios).where(eq(scenarios.id, scenarioId));
  if (!s || (s.publishedAt === null && !(viewer && isStaff(s, viewer)))) return notFound();
  return { ok: true, value: await criteriaView(db, s) };
}

/**
 * Sets the criteria from a template or the agency's own list, checked by core's template rules (weights sum
 * to 100, price weight floors goods ≥ 30 / services ≥ 10). Replaces any earlier set until scoring starts.
 */
export async function setCriteria(
  db: Db,
  input: { scenarioId: string; body: CriteriaBody; viewer: EvaluationViewer },
  actor: Actor,
  now: Date,
): Promise<WriteResult<CriteriaView>> {
  const at = now.toISOString();
  const b = input.body;
  return db.transaction(async (tx) => {
    const [s] = await tx.select().from(scenarios).where(eq(scenarios.id, input.scenarioId));
    if (!s || !isStaff(s, input.viewer)) return notFound();
    if (!CRITERIA_EDITABLE.includes(s.status)) return illegal(`the scenario is ${s.status}`);
    const [scored] = await tx
      .select({ id: scores.id })
      .from(scores)
      .innerJoin(criteria, eq(criteria.id, scores.criterionId))
      .where(eq(criteria.scenarioId, s.id))
      .limit(1);
    if (scored) return illegal('scoring has started; the criteria can no longer change');
    const category = categoryOf(s);
    const base = b.template ? BUILTIN_TEMPLATES.find((t) => t.id === b.template) : undefined;
    if (!base && !b.criteria)
      return invalid([{ path: 'criteria', message: 'give a template or the criteria (or both)' }]);
    if (base && base.category !== category)
      return invalid([
        { path: 'template', message: `is for ${base.category}; this scenario is ${category}` },
      ]);
    const tpl: CriteriaTemplate = {
      id: base?.id ?? 'custom',
      category,
      name: base?.name ?? { zh: '自定义', en: 'Custom' },
      priceWeight: b.priceWeight ?? base?.priceWeight ?? 0,
      criteria: b.criteria
        ? b.criteria.map((c) => ({
            id: c.code,
            weight: c.weight,
            name: { zh: c.name, en: c.name },
            guidance: { zh: c.guidance || c.name, en: c.guidance || c.name },
          }))
        : (base?.criteria ?? []),
      ...((b.passThreshold ?? base?.passThreshold) !== undefined
        ? { passThreshold: (b.passThreshold ?? base?.passThreshold) as number }
        : {}),
    };
    if (tpl.criteria.some((c) => c.id === 'price'))
      return invalid([
        { path: 'criteria', message: '"price" is reserved for the price score (priceWeight)' },
      ]);
    const problems = validateTemplate(tpl);
    if (problems.length) {
      return invalid(
        problems.map((p) => ({
          path: p.path.replace(/^\$\./, '').replace(/\[(\d+)\]/g, '.$1'),
          message: p.message,
        })),
      );
    }
    await tx.delete(criteria).where(eq(criteria.scenarioId, s.id));
    const kind = category === 'challenge' ? ('challenge' as const) : ('technical' as const);
    const rows = [
      ...(tpl.priceWeight > 0
        ? [{ code: 'price', name: '价格分', kind: 'price' as const, weight: tpl.priceWeight, guidance: '' }]
        : []),
      ...tpl.criteria.map((c) => ({
        code: c.id,
        name: c.name.zh,
        kind,
        weight: c.weight,
        guidance: c.guidance.zh,
      })),
    ];
    await tx
      .insert(criteria)
      .values(rows.map((r, i) => ({ ...r, id: newId(now.getTime()), scenarioId: s.id, ordinal: i })));
    const rules = { ...s.rules, ...b.rules, priceWeight: tpl.priceWeight };
    if (tpl.passThreshold !== undefined) rules.passThreshold = tpl.passThreshold;
    else delete rules.passThreshold;
    await tx
      .update(scenarios)
      .set({ rules, updatedAt: at, version: sql`${scenarios.version} + 1` })
      .where(eq(scenarios.id, s.id));
    await record(tx, actor, at, {
      action: 'scenario.set_criteria',
      entityType: 'scenario',
      entityId: s.id,
      after: rows,
      data: {
        template: tpl.id,
        priceWeight: tpl.priceWeight,
        passThreshold: tpl.passThreshold ?? null,
        rules: b.rules ?? null,
      },
    });
    return { ok: true, value: await criteriaView(tx, { ...s, rules }) };
  });
}

// Qualification (资格/符合性审查)

/** Pass or fail an opened bid, always with a reason; a qualified bid can still be failed before scoring. */
export async function reviewQualification(
  db: Db,
  input: QualificationBody & { bidId: string; viewer: EvaluationViewer },
  actor: Actor,
  now: Date,
): Promise<WriteResult<{ id: string; status: string; qualificationReason: string; version: number }>> {
  const at = now.toISOString();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ bid: bids, issuerId: scenarios.issuerId, scenarioStatus: scenarios.status })
      .from(bids)
      .innerJoin(scenarios, eq(scenarios.id, bids.scenarioId))
      .where(eq(bids.id, input.bidId));
    // Until it is opened a bid is sealed: nobody else learns that it exists.
    if (!row || row.bid.openedAt === null || !isStaff(row, input.viewer)) return notFound();
    if (!EVALUATING.includes(row.scenarioStatus))
      return illegal(`the scenario is ${row.scenarioStatus}; qualification is reviewed during evaluation`);
    const step = transition(
      BID_LIFECYCLE,
      row.bid.status,
      input.result === 'pass' ? 'qualify' : 'disqualify',
    );
    if (!step.ok)
      return illegal(
        `the bid is ${row.bid.status}; it cannot be ${input.result === 'pass' ? 'qualified' : 'disqualified'}`,
      );
    const [next] = await tx
      .update(bids)
      .set({
        status: step.value,
        qualificationReason: input.reason,
        updatedAt: at,
        version: sql`${bids.version} + 1`,
      })
      .where(eq(bids.id, row.bid.id))
      .returning({ version: bids.version });
    await record(tx, actor, at, {
      action: input.result === 'pass' ? 'bid.qualify' : 'bid.disqualify',
      entityType: 'bid',
      entityId: row.bid.id,
      data: { from: row.bid.status, to: step.value, reason: input.reason },
    });
    return {
      ok: true,
      value: {
        id: row.bid.id,
        status: step.value,
        qualificationReason: input.reason,
        version: next?.version ?? row.bid.version + 1,
      },
    };
  });
}
