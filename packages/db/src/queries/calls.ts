import {
  CALL_LIFECYCLE,
  type CallAction,
  type CallBody,
  type CallListQuery,
  type CallPage,
  type CallPatchBody,
  type CallProgress,
  type CallStatus,
  type CallView,
  callProblems,
  digestOf,
  type ProgressCounts,
  percentOfTarget,
  transition,
} from '@scx/core';
import { and, desc, eq, ne, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { newId } from '../ids.ts';
import { calls, scenarios } from '../schema/index.ts';
import { appendAudit } from './audit.ts';
import { type Cursor, encodeCursor } from './cursor.ts';
import type { EditResult } from './firms.ts';
import type { Actor } from './scenario-drafts.ts';
import type { Tx } from './tx.ts';

const viewColumns = {
  id: calls.id,
  title: calls.title,
  year: calls.year,
  description: calls.description,
  status: calls.status,
  opensAt: calls.opensAt,
  closesAt: calls.closesAt,
  targetCount: calls.targetCount,
  domains: calls.domains,
  targets: calls.targets,
  rules: calls.rules,
  organizerId: calls.organizerId,
  version: calls.version,
  createdAt: calls.createdAt,
  updatedAt: calls.updatedAt,
};

export async function createCall(
  db: Db,
  input: CallBody,
  organizerId: string,
  actor: Actor,
  now: Date,
): Promise<{ id: string; version: number }> {
  const at = now.toISOString();
  const id = newId(now.getTime());
  return db.transaction(async (tx) => {
    await tx.insert(calls).values({
      ...input,
      id,
      organizerId,
      status: 'draft',
      createdAt: at,
      updatedAt: at,
    });
    await appendAudit(tx, {
      at,
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      action: 'call.create',
      entityType: 'call',
      entityId: id,
      afterDigest: await digestOf(input),
      data: { title: input.title, year: input.year, targetCount: input.targetCount },
    });
    return { id, version: 1 };
  });
}

/** A call by id; drafts only when `includeDrafts` (organizers). */
export async function getCall(db: Db, id: string, includeDrafts: boolean): Promise<CallView | null> {
  const [row] = await db
    .select(viewColumns)
    .from(calls)
    .where(and(eq(calls.id, id), includeDrafts ? undefined : ne(calls.status, 'draft')))
    .limit(1);
  return row ?? null;
}

/** Calls newest first (by opensAt, id), keyset-paginated: one statement per page. */
export async function listCalls(
  db: Db,
  q: CallListQuery,
  cursor: Cursor | null,
  includeDrafts: boolean,
): Promise<CallPage> {
  const where: (SQL | undefined)[] = [];
  if (!includeDrafts) where.push(ne(calls.status, 'draft'));
  if (q.status) where.push(eq(calls.status, q.status));
  if (q.year !== undefined) where.push(eq(calls.year, q.year));
  if (cursor) where.push(sql`(${calls.opensAt}, ${calls.id}) < (${cursor[0]}, ${cursor[1]})`);
  const rows = await db
    .select(viewColumns)
    .from(calls)
    .where(and(...where))
    .orderBy(desc(calls.opensAt), desc(calls.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    items: page,
    nextCursor: rows.length > q.limit && last ? encodeCursor([last.opensAt, last.id]) : null,
  };
}

/** Versioned edit while the call is a draft; the cross-field rules are checked on the merged call. */
export async function updateCall(
  db: Db,
  input: { id: string; expectedVersion: number; patch: CallPatchBody },
  actor: Actor,
  now: Date,
): Promise<EditResult<{ version: number }>> {
  const at = now.toISOString();
  return db.transaction(async (tx) => {
    const [cur] = await tx.select().from(calls).where(eq(calls.id, input.id));
    if (!cur) return { ok: false, reason: 'not_found' };
    if (cur.version !== input.expectedVersion) return { ok: false, reason: 'version', version: cur.version };
    if (cur.status !== 'draft') {
      return {
        ok: false,
        reason: 'illegal',
        detail: `the call is ${cur.status}; only a draft call can be edited`,
      };
    }
    const merged = { ...cur, ...input.patch };
    const problems = callProblems(merged);
    if (problems.length) return { ok: false, reason: 'invalid', fields: problems };
    const [next] = await tx
      .update(calls)
      .set({ ...input.patch, updatedAt: at, version: sql`${calls.version} + 1` })
      .where(and(eq(calls.id, input.id), eq(calls.version, input.expectedVersion)))
      .returning({ version: calls.version });
    if (!next) return { ok: false, reason: 'version', version: cur.version };
    await appendAudit(tx, {
      at,
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      action: 'call.update',
      entityType: 'call',
      entityId: input.id,
      beforeDigest: await digestOf(cur),
      afterDigest: await digestOf(merged),
      data: { fields: Object.keys(input.patch).sort() },
    });
    return { ok: true, value: { version: next.version } };
  });
}

/** One lifecycle step (draft → open → closed → published, closed → open) decided by CALL_LIFECYCLE. */
export async function transitionCall(
  db: Db,
  input: { id: string; action: CallAction; comment: string; expectedVersion?: number },
  actor: Actor,
  now: Date,
): Promise<EditResult<{ status: CallStatus; version: number }>> {
  const at = now.toISOString();
  return db.transaction(async (tx) => {
    const [cur] = await tx.select().from(calls).where(eq(calls.id, input.id));
    if (!cur) return { ok: false, reason: 'not_found' };
    if (input.expectedVersion !== undefined && cur.version !== input.expectedVersion) {
      return { ok: false, reason: 'version', version: cur.version };
    }
    const step = transition(CALL_LIFECYCLE, cur.status, input.action);
    if (!step.ok) return { ok: false, reason: 'illegal', detail: step.error.message };
    const [next] = await tx
      .update(calls)
      .set({ status: step.value, updatedAt: at, version: sql`${calls.version} + 1` })
      .where(and(eq(calls.id, input.id), eq(calls.version, cur.version)))
      .returning({ version: calls.version });
    if (!next) return { ok: false, reason: 'version', version: cur.version };
    await appendAudit(tx, {
      at,
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      action: `call.${input.action}`,
      entityType: 'call',
      entityId: input.id,
      data: { from: cur.status, to: step.value, comment: input.comment || undefined },
    });
    return { ok: true, value: { status: step.value, version: next.version } };
  });
}

/**
 * Whether an agency may attach a scenario to this call now: it exists, is `open`, and its
 * closesAt (server clock) has not passed. Takes a transaction too, so scenario creation can check
 * and insert under the same write lock.
 */
export async function callAcceptsScenarios(
  db: Db | Tx,
  callId: string,
  now: Date,
): Promise<{ ok: true } | { ok: false; message: string }> {
  const [c] = await db
    .select({ status: calls.status, closesAt: calls.closesAt })
    .from(calls)
    .where(eq(calls.id, callId))
    .limit(1);
  if (!c) return { ok: false, message: 'is not a call' };
  if (c.status !== 'open') return { ok: false, message: `the call is ${c.status}, not open for scenarios` };
  if (c.closesAt <= now.toISOString()) return { ok: false, message: `the call closed at ${c.closesAt}` };
  return { ok: true };
}

/** The status groups of call progress, as conditional counts (one row per GROUP BY key). */
const groupCounts = {
  total: sql<number>`count(*)`,
  draft: sql<number>`coalesce(sum(${scenarios.status} = 'draft' and ${scenarios.publishedAt} is null), 0)`,
  inReview: sql<number>`coalesce(sum(${scenarios.status} in ('submitted', 'returned') and ${scenarios.publishedAt} is null), 0)`,
  published: sql<number>`count(${scenarios.publishedAt})`,
  withdrawn: sql<number>`coalesce(sum(${scenarios.status} = 'withdrawn' and ${scenarios.publishedAt} is null), 0)`,
};
const counts = (r: Record<keyof ProgressCounts, number | string>): ProgressCounts => ({
  total: Number(r.total),
  draft: Number(r.draft),
  inReview: Number(r.inReview),
  published: Number(r.published),
  withdrawn: Number(r.withdrawn),
});
const ZERO: ProgressCounts = { total: 0, draft: 0, inReview: 0, published: 0, withdrawn: 0 };

/**
 * A call's progress: scenario counts by status group overall, per domain (against the domain's
 * target) and per district — GROUP BY statements in one batch, one round trip. Null when the call
 * does not exist or is a draft and drafts are not included.
 */
export async function getCallProgress(
  db: Db,
  id: string,
  includeDrafts: boolean,
): Promise<CallProgress | null> {
  const inCall = eq(scenarios.callId, id);
  const [callRows, overallRows, domainRows, districtRows] = await db.batch([
    db
      .select({
        id: calls.id,
        title: calls.title,
        year: calls.year,
        status: calls.status,
        targetCount: calls.targetCount,
        domains: calls.domains,
        targets: calls.targets,
      })
      .from(calls)
      .where(eq(calls.id, id))
      .limit(1),
    db.select(groupCounts).from(scenarios).where(inCall),
    db
      .select({ domain: scenarios.domain, ...groupCounts })
      .from(scenarios)
      .where(inCall)
      .groupBy(scenarios.domain)
      .orderBy(scenarios.domain),
    db
      .select({ district: scenarios.district, ...groupCounts })
      .from(scenarios)
      .where(inCall)
      .groupBy(scenarios.district)
      .orderBy(scenarios.district),
  ]);
  const c = callRows[0];
  if (!c || (c.status === 'draft' && !includeDrafts)) return null;
  const overall = overallRows[0] ? counts(overallRows[0]) : ZERO;
  const byDomainCounts = new Map(domainRows.map((r) => [r.domain, counts(r)]));
  // The call's own domains (and any with a target) come first, in the call's order, even at zero.
  const domains = [...new Set([...c.domains, ...Object.keys(c.targets), ...byDomainCounts.keys()])];
  return {
    call: { id: c.id, title: c.title, year: c.year, status: c.status, targetCount: c.targetCount },
    overall: {
      ...overall,
      target: c.targetCount,
      percentOfTarget: percentOfTarget(overall.published, c.targetCount),
    },
    byDomain: domains.map((domain) => {
      const n = byDomainCounts.get(domain) ?? ZERO;
      const target = c.targets[domain] ?? null;
      return { domain, ...n, target, percentOfTarget: percentOfTarget(n.published, target) };
    }),
    byDistrict: districtRows.map(({ district, ...r }) => ({ district, ...counts(r) })),
  };
}
