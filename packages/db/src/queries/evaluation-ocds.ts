import { OCID_PREFIX, type OcdsQuery } from '@scx/core';
import { and, asc, eq, gte, inArray, isNotNull, or, type SQL } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { awards, bidMembers, bids, criteria, milestones, organizations, scenarios } from '../schema/index.ts';

// OCDS 1.1.5 releases of public scenarios: parties, tender (award criteria and weights), bids (the bid
// extension, after the opening only), awards, and contracts with their milestones. One release per scenario,
// a snapshot as of its last change; money in yuan (CNY) as OCDS expects.

type ScenarioRow = typeof scenarios.$inferSelect;
type Json = Record<string, unknown>;

const yuan = (fen: number | null) => (fen === null ? undefined : { amount: fen / 100, currency: 'CNY' });

const TENDER_STATUS: Record<ScenarioRow['status'], string> = {
  draft: 'planning',
  submitted: 'planning',
  returned: 'planning',
  withdrawn: 'withdrawn',
  published: 'active',
  bidding_closed: 'active',
  under_evaluation: 'active',
  awarded: 'complete',
  failed: 'unsuccessful',
  in_delivery: 'complete',
  accepted: 'complete',
  terminated: 'complete',
};

function tagsOf(status: ScenarioRow['status']): string[] {
  if (status === 'awarded') return ['tender', 'award'];
  if (status === 'in_delivery') return ['award', 'contract', 'implementation'];
  if (status === 'accepted' || status === 'terminated') return ['contract', 'implementation'];
  return ['tender'];
}

const BID_STATUS: Record<string, string> = {
  opened: 'pending',
  qualified: 'valid',
  scored: 'valid',
  awarded: 'valid',
  not_awarded: 'valid',
  disqualified: 'disqualified',
};

const CONTRACT_STATUS: Record<string, string> = {
  awarded: 'pending',
  in_delivery: 'active',
  accepted: 'terminated',
  rejected: 'terminated',
  terminated: 'terminated',
};

const MILESTONE_STATUS: Record<string, string> = {
  planned: 'scheduled',
  done: 'met',
  late: 'met',
  waived: 'notMet',
};

/** Releases of public scenarios changed since `since`, oldest change first; all reads in one batch. */
export async function ocdsReleases(db: Db, q: OcdsQuery): Promise<Json[]> {
  const where: (SQL | undefined)[] = [isNotNull(scenarios.publishedAt)];
  if (q.since) where.push(gte(scenarios.updatedAt, q.since));
  const page = await db
    .select()
    .from(scenarios)
    .where(and(...where))
    .orderBy(asc(scenarios.updatedAt), asc(scenarios.id))
    .limit(q.limit);
  if (page.length === 0) return [];
  const ids = page.map((s) => s.id);
  const opened = and(inArray(bids.scenarioId, ids), isNotNull(bids.openedAt));
  const [orgRows, bidRows, memberRows, criteriaRows, awardRows, milestoneRows] = await db.batch([
    db
      .select({ id: organizations.id, name: organizations.name, uscc: organizations.uscc })
      .from(organizations)
      .where(
        or(
          inArray(
            organizations.id,
            db.select({ id: scenarios.issuerId }).from(scenarios).where(inArray(scenarios.id, ids)),
          ),
          inArray(organizations.id, db.select({ id: bids.leadFirmId }).from(bids).where(opened)),
          inArray(
            organizations.id,
            db
              .select({ id: bidMembers.firmId })
              .from(bidMembers)
              .innerJoin(bids, eq(bids.id, bidMembers.bidId))
              .where(opened),
          ),
        ),
      ),
    // Sealed bids never leave: only bids that were opened.
    db.select().from(bids).where(opened).orderBy(asc(bids.submittedAt), asc(bids.id)),
    db
      .select({ bidId: bidMembers.bidId, firmId: bidMembers.firmId, role: bidMembers.role })
      .from(bidMembers)
      .innerJoin(bids, eq(bids.id, bidMembers.bidId))
      .where(opened),
    db.select().from(criteria).where(inArray(criteria.scenarioId, ids)).orderBy(asc(criteria.ordinal)),
    db.select().from(awards).where(inArray(awards.scenarioId, ids)).orderBy(asc(awards.rank)),
    db
      .select({ m: milestones })
      .from(milestones)
      .innerJoin(awards, eq(awards.id, milestones.awardId))
      .where(inArray(awards.scenarioId, ids))
      .orderBy(asc(milestones.dueAt), asc(milestones.id)),
  ]);
  const orgs = new Map(orgRows.map((o) => [o.id, o]));
  const ref = (id: string) => ({ id, name: orgs.get(id)?.name ?? id });

  return page.map((s) => {
    const ocid = `${OCID_PREFIX}-${s.id}`;
    const sBids = bidRows.filter((b) => b.scenarioId === s.id);
    const bidIds = new Set(sBids.map((b) => b.id));
    const firmsOf = (bidId: string, leadId: string) => {
      const partners = memberRows
        .filter((m) => m.bidId === bidId && m.role === 'partner')
        .map((m) => m.firmId);
      return [leadId, ...partners.filter((p) => p !== leadId)];
    };
    const sAwards = awardRows.filter((a) => a.scenarioId === s.id);
    const suppliers = new Set(
      sAwards.flatMap((a) => {
        const b = sBids.find((x) => x.id === a.bidId);
        return b ? firmsOf(b.id, b.leadFirmId) : [];
      }),
    );
    const tenderers = [...new Set(sBids.flatMap((b) => firmsOf(b.id, b.leadFirmId)))];
    const roles = new Map<string, Set<string>>([[s.issuerId, new Set(['buyer', 'procuringEntity'])]]);
    for (const f of tenderers) {
      const r = roles.get(f) ?? new Set<string>();
      r.add('tenderer');
      if (suppliers.has(f)) r.add('supplier');
      roles.set(f, r);
    }
    const sCriteria = criteriaRows.filter((c) => c.scenarioId === s.id);
    const tender: Json = {
      id: s.id,
      title: s.title,
      description: s.summary || s.problem || s.title,
      status: TENDER_STATUS[s.status],
      procuringEntity: ref(s.issuerId),
      mainProcurementCategory: s.kind === 'challenge' ? 'services' : s.procurementType,
      awardCriteria: sCriteria.some((c) => c.kind === 'price') ? 'ratedCriteria' : 'qualityOnly',
      awardCriteriaDetails: sCriteria.map((c) => `${c.name} (${c.code}): ${c.weight}`).join('; '),
      // Weighted criteria as structured data, alongside the standard text.
      awardCriteriaWeights: sCriteria.map((c) => ({
        id: c.code,
        name: c.name,
        kind: c.kind,
        weight: c.weight,
      })),
      numberOfTenderers: bidIds.size,
      tenderers: tenderers.map(ref),
      ...(s.deadline
        ? { tenderPeriod: { ...(s.publishedAt ? { startDate: s.publishedAt } : {}), endDate: s.deadline } }
        : {}),
      ...(yuan(s.budgetFen) ? { value: yuan(s.budgetFen) } : {}),
    };
    const release: Json = {
      ocid,
      id: `${ocid}-${s.updatedAt}`,
      date: s.updatedAt,
      tag: tagsOf(s.status),
      initiationType: 'tender',
      language: 'zh',
      parties: [...roles.entries()].map(([id, r]) => {
        const o = orgs.get(id);
        return {
          id,
          name: o?.name ?? id,
          ...(o?.uscc ? { identifier: { scheme: 'CN-USCC', id: o.uscc, legalName: o.name } } : {}),
          roles: [...r],
        };
      }),
      buyer: ref(s.issuerId),
      tender,
    };
    if (sBids.length) {
      release.bids = {
        details: sBids.map((b) => ({
          id: b.id,
          ...(b.submittedAt ? { date: b.submittedAt } : {}),
          status: BID_STATUS[b.status] ?? 'pending',
          tenderers: firmsOf(b.id, b.leadFirmId).map(ref),
          ...(yuan(b.priceFen) ? { value: yuan(b.priceFen) } : {}),
        })),
      };
    }
    if (sAwards.length) {
      release.awards = sAwards.map((a) => {
        const b = sBids.find((x) => x.id === a.bidId);
        return {
          id: a.id,
          status: a.status === 'terminated' ? 'cancelled' : 'active',
          date: a.awardedAt,
          value: yuan(a.amountFen),
          suppliers: (b ? firmsOf(b.id, b.leadFirmId) : []).map(ref),
          ...(a.subsidyFen !== null ? { description: `subsidy ${a.subsidyFen / 100} CNY` } : {}),
        };
      });
      release.contracts = sAwards.map((a) => ({
        id: `${a.id}-contract`,
        awardID: a.id,
        status: CONTRACT_STATUS[a.status] ?? 'pending',
        value: yuan(a.amountFen),
        milestones: milestoneRows
          .map((r) => r.m)
          .filter((m) => m.awardId === a.id)
          .map((m) => ({
            id: m.id,
            title: m.title,
            type: 'delivery',
            dueDate: m.dueAt,
            ...(m.doneAt ? { dateMet: m.doneAt } : {}),
            status: MILESTONE_STATUS[m.status] ?? 'scheduled',
          })),
      }));
    }
    return release;
  });
}
