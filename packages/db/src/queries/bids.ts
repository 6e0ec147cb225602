import {
  BID_LIFECYCLE,
  type BidDraftBody,
  type BidPatchBody,
  type BidStatus,
  consortiumProblems,
  DEFAULT_LEAD_LIMIT,
  digestOf,
  transition,
} from '@scx/core';
import { and, eq, inArray, isNotNull, ne, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { newId } from '../ids.ts';
import { bidMembers, bids, calls, organizations, scenarios } from '../schema/index.ts';
import { appendAudit } from './audit.ts';
import { uniqueViolation } from './errors.ts';
import type { Actor, WriteResult } from './scenario-drafts.ts';
import type { Tx } from './tx.ts';

/** DESIGN.md: a firm may lead at most N applications per call (default 3). */
/** Bids an issuer or organizer may ever see: opened and after. Drafts and withdrawn bids never. */
const OPENED: BidStatus[] = ['opened', 'qualified', 'disqualified', 'scored', 'awarded', 'not_awarded'];
export const COUNTS_AS_APPLICATION: readonly BidStatus[] = ['submitted', ...OPENED];

export interface BidView {
  id: string;
  scenarioId: string;
  leadFirmId: string;
  status: BidStatus;
  priceFen: number | null;
  content: unknown;
  domesticProduct: boolean;
  submittedAt: string | null;
  amendedAt: string | null;
  withdrawnAt: string | null;
  openedAt: string | null;
  version: number;
  members: {
    firmId: string;
    firmName: string;
    role: 'lead' | 'partner';
    shareBp: number;
    confirmedAt: string | null;
  }[];
}

type Fail = Extract<WriteResult<never>, { ok: false }>;
const fail = (reason: Fail['reason'], extra: Omit<Fail, 'ok' | 'reason'> = {}): Fail => ({
  ok: false,
  reason,
  ...extra,
});

/** A scenario open for bids right now, by the server clock. */
async function openScenario(tx: Tx, scenarioId: string, now: Date) {
  const [s] = await tx.select().from(scenarios).where(eq(scenarios.id, scenarioId));
  if (!s || s.publishedAt === null) return { error: fail('not_found') };
  if (s.status !== 'published' || (s.deadline !== null && s.deadline <= now.toISOString())) {
    return { error: fail('closed', { detail: `bidding closed at ${s.deadline ?? s.closedAt}` }) };
  }
  return { scenario: s };
}

async function partnerProblems(tx: Tx, partners: BidDraftBody['partners']) {
  if (!partners.length) return [];
  const ok = await tx
    .select({ id: organizations.id })
    .from(organizations)
    .where(
      and(
        inArray(
          organizations.id,
          partners.map((p) => p.firmId),
        ),
        eq(organizations.kind, 'firm'),
        eq(organizations.status, 'approved'),
      ),
    );
  const known = new Set(ok.map((o) => o.id));
  return partners.flatMap((p, i) =>
    known.has(p.firmId) ? [] : [{ path: `partners.${i}.firmId`, message: 'is not an approved firm' }],
  );
}

async function writeMembers(
  tx: Tx,
  bidId: string,
  leadFirmId: string,
  partners: BidDraftBody['partners'],
  at: string,
) {
  await tx.delete(bidMembers).where(eq(bidMembers.bidId, bidId));
  const partnerShare = partners.reduce((s, p) => s + p.shareBp, 0);
  await tx.insert(bidMembers).values([
    {
      bidId,
      firmId: leadFirmId,
      role: 'lead',
      shareBp: 10_000 - partnerShare,
      confirmedAt: at,
      createdAt: at,
    },
    ...partners.map((p) => ({
      bidId,
      firmId: p.firmId,
      role: 'partner' as const,
      shareBp: p.shareBp,
      responsibility: p.responsibility,
      confirmedAt: null,
      createdAt: at,
    })),
  ]);
}

const smallShareBp = async (tx: Tx, partners: BidDraftBody['partners']) => {
  if (!partners.length) return null;
  const small = await tx
    .select({ id: organizations.id })
    .from(organizations)
    .where(
      and(
        inArray(
          organizations.id,
          partners.map((p) => p.firmId),
        ),
        inArray(organizations.size, ['small', 'micro']),
      ),
    );
  const ids = new Set(small.map((s) => s.id));
  return partners.filter((p) => ids.has(p.firmId)).reduce((s, p) => s + p.shareBp, 0);
};

/** A draft bid led by `leadFirmId`; sealed from everyone but its firms. */
export async function createBidDraft(
  db: Db,
  input: { scenarioId: string; leadFirmId: string; body: BidDraftBody },
  actor: Actor,
  now: Date,
): Promise<WriteResult<{ id: string; version: number }>> {
  const at = now.toISOString();
  try {
    return await db.transaction(async (tx) => {
      const open = await openScenario(tx, input.scenarioId, now);
      if (open.error) return open.error;
      const s = open.scenario;
      const problems = [
        ...consortiumProblems(input.leadFirmId, input.body.partners, s),
        ...(await partnerProblems(tx, input.body.partners)),
      ];
      if (problems.length) return fail('invalid', { fields: problems });
      const id = newId(now.getTime());
      await tx.insert(bids).values({
        id,
        scenarioId: s.id,
        leadFirmId: input.leadFirmId,
        status: 'draft',
        priceFen: input.body.priceFen,
        content: input.body.content,
        domesticProduct: input.body.domesticProduct,
        smallPartnerShareBp: await smallShareBp(tx, input.body.partners),
        createdBy: actor.userId,
        createdAt: at,
        updatedAt: at,
      });
      await writeMembers(tx, id, input.leadFirmId, input.body.partners, at);
      // The audit entry names the bid only: which scenario it is for stays sealed with the bid.
      await appendAudit(tx, {
        at,
        actorUserId: actor.userId,
        actorOrgId: actor.orgId,
        action: 'bid.create',
        entityType: 'bid',
        entityId: id,
        afterDigest: await digestOf(input.body),
      });
      return { ok: true, value: { id, version: 1 } } as const;
    });
  } catch (e) {
    if (uniqueViolation(e) === 'bids.scenario_id') {
      return fail('exists', { detail: 'your firm already leads a bid on this scenario' });
    }
    throw e;
  }
}

/** The bid if this viewer may see it: its firms always; the issuer and organizers only once opened. */
export async function getBidForViewer(
  db: Db,
  bidId: string,
  viewer: { orgId: string | null; organizer: boolean },
): Promise<BidView | null> {
  const [rows, members] = await db.batch([
    db
      .select({ bid: bids, issuerId: scenarios.issuerId })
      .from(bids)
      .innerJoin(scenarios, eq(scenarios.id, bids.scenarioId))
      .where(eq(bids.id, bidId)),
    db
      .select({
        firmId: bidMembers.firmId,
        firmName: organizations.name,
        role: bidMembers.role,
        shareBp: bidMembers.shareBp,
        confirmedAt: bidMembers.confirmedAt,
      })
      .from(bidMembers)
      .innerJoin(organizations, eq(organizations.id, bidMembers.firmId))
      .where(eq(bidMembers.bidId, bidId)),
  ]);
  const row = rows[0];
  if (!row) return null;
  const isMember = viewer.orgId !== null && members.some((m) => m.firmId === viewer.orgId);
  const isStaff = viewer.organizer || (viewer.orgId !== null && viewer.orgId === row.issuerId);
  if (!isMember && !(isStaff && OPENED.includes(row.bid.status))) return null;
  const b = row.bid;
  return {
    id: b.id,
    scenarioId: b.scenarioId,
    leadFirmId: b.leadFirmId,
    status: b.status,
    priceFen: b.priceFen,
    content: b.content,
    domesticProduct: b.domesticProduct,
    submittedAt: b.submittedAt,
    amendedAt: b.amendedAt,
    withdrawnAt: b.withdrawnAt,
    openedAt: b.openedAt,
    version: b.version,
    members,
  };
}

/** A firm's own bids, as lead or partner. */
export async function listFirmBids(db: Db, firmId: string) {
  return db
    .selectDistinct({
      id: bids.id,
      scenarioId: bids.scenarioId,
      scenarioTitle: scenarios.title,
      deadline: scenarios.deadline,
      leadFirmId: bids.leadFirmId,
      status: bids.status,
      priceFen: bids.priceFen,
      // The firm's own flag (异常低价) and explanation, so it can answer the panel.
      lowPriceFlag: bids.lowPriceFlag,
      lowPriceExplanation: bids.lowPriceExplanation,
      lowPriceAcceptedAt: bids.lowPriceAcceptedAt,
      version: bids.version,
      updatedAt: bids.updatedAt,
    })
    .from(bids)
    .innerJoin(bidMembers, eq(bidMembers.bidId, bids.id))
    .innerJoin(scenarios, eq(scenarios.id, bids.scenarioId))
    .where(eq(bidMembers.firmId, firmId))
    .orderBy(sql`${bids.updatedAt} DESC`);
}

/** Lead edits a draft, or amends a submitted bid, before the deadline (If-Match version). */
export async function updateBid(
  db: Db,
  input: { bidId: string; leadFirmId: string; expectedVersion: number; patch: BidPatchBody },
  actor: Actor,
  now: Date,
): Promise<WriteResult<{ version: number; status: BidStatus }>> {
  const at = now.toISOString();
  return db.transaction(async (tx) => {
    const [b] = await tx.select().from(bids).where(eq(bids.id, input.bidId));
    if (!b || b.leadFirmId !== input.leadFirmId) return fail('not_found');
    const open = await openScenario(tx, b.scenarioId, now);
    if (open.error) return open.error;
    if (b.version !== input.expectedVersion) return fail('version', { version: b.version });
    if (b.status !== 'draft' && b.status !== 'submitted') {
      return fail('illegal', { detail: `a ${b.status} bid cannot be changed` });
    }
    const { partners, ...fields } = input.patch;
    if (partners !== undefined) {
      if (b.status !== 'draft') {
        return fail('illegal', { detail: 'consortium members can change only while the bid is a draft' });
      }
      const problems = [
        ...consortiumProblems(b.leadFirmId, partners, open.scenario),
        ...(await partnerProblems(tx, partners)),
      ];
      if (problems.length) return fail('invalid', { fields: problems });
      await writeMembers(tx, b.id, b.leadFirmId, partners, at);
    }
    const amended = b.status === 'submitted';
    const [next] = await tx
      .update(bids)
      .set({
        ...fields,
        ...(partners !== undefined ? { smallPartnerShareBp: await smallShareBp(tx, partners) } : {}),
        ...(amended ? { amendedAt: at } : {}),
        updatedAt: at,
        version: sql`${bids.version} + 1`,
      })
      .where(and(eq(bids.id, b.id), eq(bids.version, b.version)))
      .returning({ version: bids.version });
    if (!next) return fail('version', { version: b.version });
    await appendAudit(tx, {
      at,
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      action: amended ? 'bid.amend' : 'bid.update',
      entityType: 'bid',
      entityId: b.id,
      beforeDigest: await digestOf(b),
      afterDigest: await digestOf({ ...b, ...input.patch }),
    });
    return { ok: true, value: { version: next.version, status: b.status } } as const;
  });
}

/** Submit or withdraw, by the lead, before the deadline; submit checks price, partners, the lead limit. */
export async function transitionBid(
  db: Db,
  input: { bidId: string; leadFirmId: string; action: 'submit' | 'withdraw' },
  actor: Actor,
  now: Date,
): Promise<WriteResult<{ status: BidStatus; version: number }>> {
  const at = now.toISOString();
  return db.transaction(async (tx) => {
    const [b] = await tx.select().from(bids).where(eq(bids.id, input.bidId));
    if (!b || b.leadFirmId !== input.leadFirmId) return fail('not_found');
    const open = await openScenario(tx, b.scenarioId, now);
    if (open.error) return open.error;
    const step = transition(BID_LIFECYCLE, b.status, input.action);
    if (!step.ok) return fail('illegal', { detail: step.error.message });
    if (input.action === 'submit') {
      const problems: { path: string; message: string }[] = [];
      if (b.priceFen === null) problems.push({ path: 'priceFen', message: 'is needed before submitting' });
      const unconfirmed = await tx
        .select({ firmId: bidMembers.firmId })
        .from(bidMembers)
        .where(
          and(
            eq(bidMembers.bidId, b.id),
            eq(bidMembers.role, 'partner'),
            sql`${bidMembers.confirmedAt} IS NULL`,
          ),
        );
      if (unconfirmed.length) {
        problems.push({
          path: 'partners',
          message: `${unconfirmed.length} partner(s) have not confirmed yet`,
        });
      }
      if (problems.length) return fail('invalid', { fields: problems });
      const callId = open.scenario.callId;
      if (callId) {
        const [call] = await tx.select({ rules: calls.rules }).from(calls).where(eq(calls.id, callId));
        const limit = call?.rules.leadLimit ?? DEFAULT_LEAD_LIMIT;
        const [led] = await tx
          .select({ n: sql<number>`count(*)` })
          .from(bids)
          .innerJoin(scenarios, eq(scenarios.id, bids.scenarioId))
          .where(
            and(
              eq(bids.leadFirmId, b.leadFirmId),
              eq(scenarios.callId, callId),
              inArray(bids.status, COUNTS_AS_APPLICATION),
              ne(bids.id, b.id),
            ),
          );
        if ((led?.n ?? 0) >= limit) {
          return fail('limit', {
            detail: `your firm already leads ${limit} applications in this call (the limit)`,
          });
        }
      }
    }
    const stamps = input.action === 'submit' ? { submittedAt: at } : { withdrawnAt: at };
    const [next] = await tx
      .update(bids)
      .set({ status: step.value, ...stamps, updatedAt: at, version: sql`${bids.version} + 1` })
      .where(and(eq(bids.id, b.id), eq(bids.version, b.version)))
      .returning({ version: bids.version });
    if (!next) return fail('version', { version: b.version });
    await appendAudit(tx, {
      at,
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      action: `bid.${input.action}`,
      entityType: 'bid',
      entityId: b.id,
    });
    return { ok: true, value: { status: step.value, version: next.version } } as const;
  });
}

/** A partner firm confirms its part in a consortium bid (before the deadline). */
export async function confirmPartnership(
  db: Db,
  input: { bidId: string; firmId: string },
  actor: Actor,
  now: Date,
): Promise<WriteResult<{ confirmedAt: string }>> {
  const at = now.toISOString();
  return db.transaction(async (tx) => {
    const [m] = await tx
      .select({ scenarioId: bids.scenarioId, role: bidMembers.role })
      .from(bidMembers)
      .innerJoin(bids, eq(bids.id, bidMembers.bidId))
      .where(and(eq(bidMembers.bidId, input.bidId), eq(bidMembers.firmId, input.firmId)));
    if (m?.role !== 'partner') return fail('not_found');
    const open = await openScenario(tx, m.scenarioId, now);
    if (open.error) return open.error;
    await tx
      .update(bidMembers)
      .set({ confirmedAt: at })
      .where(and(eq(bidMembers.bidId, input.bidId), eq(bidMembers.firmId, input.firmId)));
    await appendAudit(tx, {
      at,
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      action: 'bid.confirm_partner',
      entityType: 'bid',
      entityId: input.bidId,
    });
    return { ok: true, value: { confirmedAt: at } } as const;
  });
}

/**
 * 开标: after the deadline (server clock) the issuer (or an organizer) opens the submitted bids.
 * Recorded once in the audit log; opening again returns the same bids.
 */
export async function openBids(
  db: Db,
  input: { scenarioId: string; viewer: { orgId: string | null; organizer: boolean } },
  actor: Actor,
  now: Date,
): Promise<WriteResult<{ opened: number; openedAt: string }>> {
  const at = now.toISOString();
  return db.transaction(async (tx) => {
    const [s] = await tx.select().from(scenarios).where(eq(scenarios.id, input.scenarioId));
    if (!s || (!input.viewer.organizer && s.issuerId !== input.viewer.orgId)) return fail('not_found');
    if (s.publishedAt === null) return fail('illegal', { detail: 'the scenario was never published' });
    if (s.deadline === null || s.deadline > at) return fail('sealed', { detail: sealedDetail(s.deadline) });
    const opened = await tx
      .update(bids)
      .set({ status: 'opened', openedAt: at, updatedAt: at, version: sql`${bids.version} + 1` })
      .where(and(eq(bids.scenarioId, s.id), eq(bids.status, 'submitted')))
      .returning({ id: bids.id });
    if (s.status === 'published') {
      await tx
        .update(scenarios)
        .set({
          status: 'bidding_closed',
          closedAt: at,
          updatedAt: at,
          version: sql`${scenarios.version} + 1`,
        })
        .where(eq(scenarios.id, s.id));
    }
    const [first] = await tx
      .select({ openedAt: bids.openedAt })
      .from(bids)
      .where(and(eq(bids.scenarioId, s.id), isNotNull(bids.openedAt)))
      .orderBy(bids.openedAt)
      .limit(1);
    if (opened.length) {
      await appendAudit(tx, {
        at,
        actorUserId: actor.userId,
        actorOrgId: actor.orgId,
        action: 'scenario.open_bids',
        entityType: 'scenario',
        entityId: s.id,
        data: { opened: opened.map((b) => b.id) },
      });
    }
    return { ok: true, value: { opened: opened.length, openedAt: first?.openedAt ?? at } } as const;
  });
}

export const sealedDetail = (deadline: string | null) =>
  `Bids are sealed until the deadline${deadline ? ` (${deadline})` : ''} and the opening.`;

/** The opened bids of a scenario, for its issuer or an organizer; before opening, nothing at all. */
export async function listOpenedBids(
  db: Db,
  scenarioId: string,
  viewer: { orgId: string | null; organizer: boolean },
  now: Date,
): Promise<
  WriteResult<{
    items: {
      id: string;
      leadFirmId: string;
      leadFirmName: string;
      status: BidStatus;
      priceFen: number | null;
      submittedAt: string | null;
      openedAt: string | null;
      qualificationReason: string | null;
      lowPriceFlag: boolean;
      lowPriceExplanation: string | null;
      lowPriceAcceptedAt: string | null;
    }[];
  }>
> {
  const [s] = await db
    .select({ issuerId: scenarios.issuerId, deadline: scenarios.deadline })
    .from(scenarios)
    .where(eq(scenarios.id, scenarioId));
  if (!s || (!viewer.organizer && s.issuerId !== viewer.orgId)) return fail('not_found');
  if (s.deadline === null || s.deadline > now.toISOString())
    return fail('sealed', { detail: sealedDetail(s.deadline) });
  const items = await db
    .select({
      id: bids.id,
      leadFirmId: bids.leadFirmId,
      leadFirmName: organizations.name,
      status: bids.status,
      priceFen: bids.priceFen,
      submittedAt: bids.submittedAt,
      openedAt: bids.openedAt,
      // What the agency reviews: its own qualification reasons and the firm's low-price explanation.
      qualificationReason: bids.qualificationReason,
      lowPriceFlag: bids.lowPriceFlag,
      lowPriceExplanation: bids.lowPriceExplanation,
      lowPriceAcceptedAt: bids.lowPriceAcceptedAt,
    })
    .from(bids)
    .innerJoin(organizations, eq(organizations.id, bids.leadFirmId))
    .where(and(eq(bids.scenarioId, scenarioId), inArray(bids.status, OPENED)))
    .orderBy(bids.submittedAt, bids.id);
  return { ok: true, value: { items } };
}
