import {
  digestOf,
  SCENARIO_LIFECYCLE,
  type ScenarioAction,
  type ScenarioDraftBody,
  type ScenarioPatchBody,
  type ScenarioStatus,
  submissionProblems,
  transition,
} from '@scx/core';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { newId } from '../ids.ts';
import { scenarioAttachments, scenarioRequirements, scenarioReviews, scenarios } from '../schema/index.ts';
import { appendAudit } from './audit.ts';
import { callAcceptsScenarios } from './calls.ts';
import type { Tx } from './tx.ts';

export interface Actor {
  userId: string;
  orgId: string | null;
}

/** Editing is for the issuer while the scenario is not yet in review or public. */
const EDITABLE: ScenarioStatus[] = ['draft', 'returned'];

async function replaceRequirements(tx: Tx, scenarioId: string, reqs: ScenarioDraftBody['requirements']) {
  await tx.delete(scenarioRequirements).where(eq(scenarioRequirements.scenarioId, scenarioId));
  if (reqs.length) {
    await tx.insert(scenarioRequirements).values(
      reqs.map((r, i) => ({
        id: newId(),
        scenarioId,
        kind: r.kind,
        code: r.code ?? null,
        level: r.level ?? null,
        value: r.value ?? null,
        mandatory: r.mandatory,
        description: r.description,
        ordinal: i,
      })),
    );
  }
}

async function replaceAttachments(
  tx: Tx,
  scenarioId: string,
  list: ScenarioDraftBody['attachments'],
  at: string,
) {
  await tx.delete(scenarioAttachments).where(eq(scenarioAttachments.scenarioId, scenarioId));
  if (list.length) {
    await tx.insert(scenarioAttachments).values(
      list.map((a) => ({
        id: newId(),
        scenarioId,
        name: a.name,
        mediaType: a.mediaType,
        bytes: a.bytes,
        sha256: a.sha256 ?? null,
        url: a.url ?? null,
        createdAt: at,
      })),
    );
  }
}

export async function createScenarioDraft(
  db: Db,
  input: ScenarioDraftBody,
  issuerId: string,
  actor: Actor,
  now: Date,
): Promise<WriteResult<{ id: string; version: number }>> {
  const at = now.toISOString();
  const id = newId(now.getTime());
  const { requirements, attachments, ...fields } = input;
  return db.transaction(async (tx) => {
    if (input.callId) {
      const call = await callAcceptsScenarios(tx, input.callId, now);
      if (!call.ok)
        return { ok: false, reason: 'invalid', fields: [{ path: 'callId', message: call.message }] };
    }
    await tx.insert(scenarios).values({
      ...fields,
      id,
      issuerId,
      status: 'draft',
      createdBy: actor.userId,
      createdAt: at,
      updatedAt: at,
    });
    await replaceRequirements(tx, id, requirements);
    await replaceAttachments(tx, id, attachments, at);
    await appendAudit(tx, {
      at,
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      action: 'scenario.create',
      entityType: 'scenario',
      entityId: id,
      afterDigest: await digestOf(input),
      data: { kind: input.kind, title: input.title },
    });
    return { ok: true, value: { id, version: 1 } };
  });
}

export type WriteResult<T> =
  | { ok: true; value: T }
  | {
      ok: false;
      reason:
        | 'not_found'
        | 'forbidden'
        | 'version'
        | 'illegal'
        | 'invalid'
        | 'closed'
        | 'exists'
        | 'limit'
        | 'sealed';
      detail?: string;
      fields?: { path: string; message: string }[];
      version?: number;
    };

/** A scenario as its issuer or an organizer sees it (any status). */
export async function getScenarioForStaff(db: Db, id: string) {
  const [rows, reqs, files] = await db.batch([
    db.select().from(scenarios).where(eq(scenarios.id, id)).limit(1),
    db
      .select()
      .from(scenarioRequirements)
      .where(eq(scenarioRequirements.scenarioId, id))
      .orderBy(scenarioRequirements.ordinal),
    db
      .select()
      .from(scenarioAttachments)
      .where(eq(scenarioAttachments.scenarioId, id))
      .orderBy(scenarioAttachments.createdAt),
  ]);
  const s = rows[0];
  return s ? { ...s, requirements: reqs, attachments: files } : null;
}

/**
 * The further domains after a patch, checked against the primary one the scenario will have (the
 * schema checks a patch that sets both). A new primary domain that was a further one leaves that
 * list (promoted); undefined: the list does not change.
 */
function secondaryDomainsAfter(
  cur: { domain: string; secondaryDomains: string[] },
  patch: ScenarioPatchBody,
): { ok: true; value: string[] | undefined } | { ok: false; fields: { path: string; message: string }[] } {
  const primary = patch.domain ?? cur.domain;
  if (patch.secondaryDomains) {
    const i = patch.secondaryDomains.findIndex((d) => d === primary);
    if (i >= 0) {
      return {
        ok: false,
        fields: [{ path: `secondaryDomains.${i}`, message: 'is the primary domain already' }],
      };
    }
    return { ok: true, value: patch.secondaryDomains };
  }
  if (patch.domain && cur.secondaryDomains.includes(patch.domain)) {
    return { ok: true, value: cur.secondaryDomains.filter((d) => d !== patch.domain) };
  }
  return { ok: true, value: undefined };
}

/** Versioned edit: applies only if the caller read the current version (optimistic concurrency). */
export async function updateScenarioDraft(
  db: Db,
  input: { id: string; issuerId: string; expectedVersion: number; patch: ScenarioPatchBody },
  actor: Actor,
  now: Date,
): Promise<WriteResult<{ version: number }>> {
  const at = now.toISOString();
  const { requirements, attachments, ...fields } = input.patch;
  return db.transaction(async (tx) => {
    const [cur] = await tx.select().from(scenarios).where(eq(scenarios.id, input.id));
    if (!cur) return { ok: false, reason: 'not_found' };
    if (cur.issuerId !== input.issuerId) return { ok: false, reason: 'forbidden' };
    if (cur.version !== input.expectedVersion) return { ok: false, reason: 'version', version: cur.version };
    if (!EDITABLE.includes(cur.status)) {
      return { ok: false, reason: 'illegal', detail: `a ${cur.status} scenario cannot be edited` };
    }
    const domains = secondaryDomainsAfter(cur, input.patch);
    if (!domains.ok) return { ok: false, reason: 'invalid', fields: domains.fields };
    if (input.patch.callId && input.patch.callId !== cur.callId) {
      const call = await callAcceptsScenarios(tx, input.patch.callId, now);
      if (!call.ok)
        return { ok: false, reason: 'invalid', fields: [{ path: 'callId', message: call.message }] };
    }
    const [next] = await tx
      .update(scenarios)
      .set({
        ...fields,
        ...(domains.value ? { secondaryDomains: domains.value } : {}),
        updatedAt: at,
        version: sql`${scenarios.version} + 1`,
      })
      .where(and(eq(scenarios.id, input.id), eq(scenarios.version, input.expectedVersion)))
      .returning({ version: scenarios.version });
    if (!next) return { ok: false, reason: 'version', version: cur.version };
    if (requirements) await replaceRequirements(tx, input.id, requirements);
    if (attachments) await replaceAttachments(tx, input.id, attachments, at);
    await appendAudit(tx, {
      at,
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      action: 'scenario.update',
      entityType: 'scenario',
      entityId: input.id,
      beforeDigest: await digestOf(cur),
      afterDigest: await digestOf({ ...cur, ...input.patch }),
      data: { fields: Object.keys(input.patch).sort() },
    });
    return { ok: true, value: { version: next.version } };
  });
}

/**
 * One lifecycle step: the state machine in core decides, the row and its review trail and audit
 * entry change together. `who` says in which capacity the actor acts (checked by the route).
 */
export async function transitionScenario(
  db: Db,
  input: { id: string; action: ScenarioAction; comment: string; expectedVersion?: number },
  actor: Actor,
  who: { issuerId?: string; organizer: boolean },
  now: Date,
): Promise<WriteResult<{ status: ScenarioStatus; version: number }>> {
  const at = now.toISOString();
  return db.transaction(async (tx) => {
    const [cur] = await tx.select().from(scenarios).where(eq(scenarios.id, input.id));
    if (!cur) return { ok: false, reason: 'not_found' };
    const isIssuer = who.issuerId !== undefined && who.issuerId === cur.issuerId;
    if (!isIssuer && !who.organizer) return { ok: false, reason: 'not_found' };
    if (input.expectedVersion !== undefined && cur.version !== input.expectedVersion) {
      return { ok: false, reason: 'version', version: cur.version };
    }
    const step = transition(SCENARIO_LIFECYCLE, cur.status, input.action);
    if (!step.ok) return { ok: false, reason: 'illegal', detail: step.error.message };
    if (input.action === 'submit') {
      const problems = submissionProblems(cur, now);
      // A scenario filed under a call goes to review only while that call is open.
      const call = cur.callId ? await callAcceptsScenarios(tx, cur.callId, now) : { ok: true as const };
      if (!call.ok) problems.push({ path: 'callId', message: call.message });
      if (problems.length) return { ok: false, reason: 'invalid', fields: problems };
    }
    if (input.action === 'return' && !input.comment.trim()) {
      return {
        ok: false,
        reason: 'invalid',
        fields: [{ path: 'comment', message: 'say what to change when returning' }],
      };
    }
    if (input.action === 'publish' && cur.deadline !== null && cur.deadline <= at) {
      return {
        ok: false,
        reason: 'invalid',
        fields: [{ path: 'deadline', message: 'has passed; return it for a new deadline' }],
      };
    }
    const stamps =
      input.action === 'submit'
        ? { submittedAt: at }
        : input.action === 'publish'
          ? { publishedAt: at }
          : input.action === 'close_bidding'
            ? { closedAt: at }
            : {};
    const [next] = await tx
      .update(scenarios)
      .set({ status: step.value, ...stamps, updatedAt: at, version: sql`${scenarios.version} + 1` })
      .where(and(eq(scenarios.id, input.id), eq(scenarios.version, cur.version)))
      .returning({ version: scenarios.version });
    if (!next) return { ok: false, reason: 'version', version: cur.version };
    await tx.insert(scenarioReviews).values({
      id: newId(now.getTime()),
      scenarioId: input.id,
      action: input.action,
      comment: input.comment,
      actorId: actor.userId,
      createdAt: at,
    });
    await appendAudit(tx, {
      at,
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      action: `scenario.${input.action}`,
      entityType: 'scenario',
      entityId: input.id,
      data: { from: cur.status, to: step.value, comment: input.comment || undefined },
    });
    return { ok: true, value: { status: step.value, version: next.version } };
  });
}

/** The staff worklist: an issuer's own scenarios in any status, or (organizer) everything in given statuses. */
export async function listStaffScenarios(
  db: Db,
  filter: { issuerId?: string; statuses?: ScenarioStatus[]; limit: number },
) {
  return db
    .select({
      id: scenarios.id,
      kind: scenarios.kind,
      status: scenarios.status,
      title: scenarios.title,
      issuerId: scenarios.issuerId,
      domain: scenarios.domain,
      secondaryDomains: scenarios.secondaryDomains,
      district: scenarios.district,
      deadline: scenarios.deadline,
      version: scenarios.version,
      updatedAt: scenarios.updatedAt,
    })
    .from(scenarios)
    .where(
      and(
        filter.issuerId ? eq(scenarios.issuerId, filter.issuerId) : undefined,
        filter.statuses?.length ? inArray(scenarios.status, filter.statuses) : undefined,
      ),
    )
    .orderBy(desc(scenarios.updatedAt), desc(scenarios.id))
    .limit(filter.limit);
}
