import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import {
  auditLog,
  bids,
  expertConflicts,
  experts,
  organizations,
  panelMembers,
  panels,
  scenarios,
} from '../schema/index.ts';

// 我的评审任务: what a panel expert is assigned — the scenarios whose panel they sit on (seat not replaced or
// recused), how far their own sheets are, whether they signed, and a pending re-score request. One batch.

/** Bids that passed the qualification review: the ones experts score (status moves on after 计算). */
const PASSED = ['qualified', 'scored', 'awarded', 'not_awarded'] as const;

export interface ExpertAssignment {
  scenarioId: string;
  title: string;
  kind: 'scenario' | 'challenge';
  scenarioStatus: string;
  issuerName: string;
  panelId: string;
  panelStatus: string;
  seat: number;
  /** 专家n, the seat's public alias. */
  alias: string;
  signedAt: string | null;
  /** Every active member has signed: the others' points are visible. */
  allSigned: boolean;
  /** Criteria experts score (price is computed). */
  criteria: number;
  /** Bids that passed qualification: one sheet each. */
  qualifiedBids: number;
  /** Sheets with a score on every scored criterion. */
  completedSheets: number;
  /** The latest re-score request for this seat not yet answered by signing again. */
  rescoreRequest: { reason: string; requestedAt: string } | null;
  bids: { id: string; firmId: string; firmName: string; priceFen: number | null; content: unknown }[];
}

export interface ExpertAssignments {
  expert: {
    id: string;
    name: string;
    title: string;
    employerName: string;
    domains: string[];
    conflicts: { orgId: string; orgName: string; reason: string }[];
  };
  items: ExpertAssignment[];
}

/**
 * The assignments of the expert linked to `userId`, newest panel first; null when the account is not linked to
 * an expert of the pool. `scenarioId` narrows to one scenario. Five statements in one batch, one round trip.
 */
export async function listExpertAssignments(
  db: Db,
  userId: string,
  opts: { scenarioId?: string | undefined } = {},
): Promise<ExpertAssignments | null> {
  const mine = and(
    eq(experts.userId, userId),
    eq(panelMembers.status, 'active'),
    opts.scenarioId ? eq(panels.scenarioId, opts.scenarioId) : undefined,
  );
  const myPanels = db
    .select({ id: panels.id })
    .from(panels)
    .innerJoin(panelMembers, eq(panelMembers.panelId, panels.id))
    .innerJoin(experts, eq(experts.id, panelMembers.expertId))
    .where(mine);
  const myScenarios = db
    .select({ id: panels.scenarioId })
    .from(panels)
    .innerJoin(panelMembers, eq(panelMembers.panelId, panels.id))
    .innerJoin(experts, eq(experts.id, panelMembers.expertId))
    .where(mine);
  const passed = sql.raw(PASSED.map((s) => `'${s}'`).join(', '));
  const [expertRows, conflictRows, seatRows, bidRows, rescoreRows] = await db.batch([
    db.select().from(experts).where(eq(experts.userId, userId)).limit(1),
    db
      .select({ orgId: expertConflicts.orgId, orgName: organizations.name, reason: expertConflicts.reason })
      .from(expertConflicts)
      .innerJoin(experts, eq(experts.id, expertConflicts.expertId))
      .innerJoin(organizations, eq(organizations.id, expertConflicts.orgId))
      .where(eq(experts.userId, userId))
      .orderBy(asc(expertConflicts.createdAt)),
    db
      .select({
        memberId: panelMembers.id,
        memberSince: panelMembers.createdAt,
        seat: panelMembers.seat,
        signedAt: panelMembers.signedAt,
        panelId: panels.id,
        panelStatus: panels.status,
        formedAt: panels.createdAt,
        scenarioId: scenarios.id,
        title: scenarios.title,
        kind: scenarios.kind,
        scenarioStatus: scenarios.status,
        issuerName: organizations.name,
        criteria: sql<number>`(select count(*) from criteria c
          where c.scenario_id = ${scenarios.id} and c.kind <> 'price')`,
        qualifiedBids: sql<number>`(select count(*) from bids b
          where b.scenario_id = ${scenarios.id} and b.status in (${passed}))`,
        completedSheets: sql<number>`(select count(*) from bids b
          where b.scenario_id = ${scenarios.id} and b.status in (${passed})
            and (select count(*) from scores sc join criteria c on c.id = sc.criterion_id
                 where sc.panel_member_id = ${panelMembers.id} and sc.bid_id = b.id and c.kind <> 'price')
              = (select count(*) from criteria c where c.scenario_id = ${scenarios.id} and c.kind <> 'price')
            and exists (select 1 from criteria c where c.scenario_id = ${scenarios.id} and c.kind <> 'price'))`,
        unsigned: sql<number>`(select count(*) from panel_members m
          where m.panel_id = ${panels.id} and m.status = 'active' and m.signed_at is null)`,
      })
      .from(panelMembers)
      .innerJoin(experts, eq(experts.id, panelMembers.expertId))
      .innerJoin(panels, eq(panels.id, panelMembers.panelId))
      .innerJoin(scenarios, eq(scenarios.id, panels.scenarioId))
      .innerJoin(organizations, eq(organizations.id, scenarios.issuerId))
      .where(mine)
      .orderBy(sql`${panels.createdAt} desc`, asc(panels.id)),
    db
      .select({
        id: bids.id,
        scenarioId: bids.scenarioId,
        firmId: bids.leadFirmId,
        firmName: organizations.name,
        priceFen: bids.priceFen,
        content: bids.content,
        submittedAt: bids.submittedAt,
      })
      .from(bids)
      .innerJoin(organizations, eq(organizations.id, bids.leadFirmId))
      .where(and(inArray(bids.scenarioId, myScenarios), inArray(bids.status, [...PASSED])))
      .orderBy(asc(bids.submittedAt), asc(bids.id)),
    db
      .select({ panelId: auditLog.entityId, at: auditLog.at, data: auditLog.data })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.entityType, 'panel'),
          inArray(auditLog.entityId, myPanels),
          eq(auditLog.action, 'score.rescore_request'),
        ),
      )
      .orderBy(asc(auditLog.seq)),
  ]);
  const e = expertRows[0];
  if (!e) return null;
  const items = seatRows.map((r): ExpertAssignment => {
    const request = rescoreRows
      .filter((x) => {
        const d = x.data as { seat?: number } | null;
        return x.panelId === r.panelId && d?.seat === r.seat && x.at >= r.memberSince;
      })
      .at(-1);
    const pending = request && (r.signedAt === null || r.signedAt < request.at);
    return {
      scenarioId: r.scenarioId,
      title: r.title,
      kind: r.kind,
      scenarioStatus: r.scenarioStatus,
      issuerName: r.issuerName,
      panelId: r.panelId,
      panelStatus: r.panelStatus,
      seat: r.seat,
      alias: `专家${r.seat}`,
      signedAt: r.signedAt,
      allSigned: Number(r.unsigned) === 0,
      criteria: Number(r.criteria),
      qualifiedBids: Number(r.qualifiedBids),
      completedSheets: Number(r.completedSheets),
      rescoreRequest: pending
        ? { reason: String((request.data as { reason?: string }).reason ?? ''), requestedAt: request.at }
        : null,
      bids: bidRows
        .filter((b) => b.scenarioId === r.scenarioId)
        .map((b) => ({
          id: b.id,
          firmId: b.firmId,
          firmName: b.firmName,
          priceFen: b.priceFen,
          content: b.content,
        })),
    };
  });
  return {
    expert: {
      id: e.id,
      name: e.name,
      title: e.title,
      employerName: e.employerName,
      domains: e.domains,
      conflicts: conflictRows,
    },
    items,
  };
}
