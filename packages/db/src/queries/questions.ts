import { and, asc, eq, isNotNull, or } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { newId } from '../ids.ts';
import { questions, scenarios } from '../schema/index.ts';
import { appendAudit } from './audit.ts';
import type { Actor, WriteResult } from './scenario-drafts.ts';

/**
 * 答疑 (产业界出题、科技界答题): firms ask, the issuing agency answers publicly. Who asked is never
 * shown to anyone but the asker: asking must not reveal who intends to bid.
 */
export interface QuestionView {
  id: string;
  question: string;
  answer: string | null;
  answeredAt: string | null;
  askedAt: string;
  mine: boolean;
}

export async function askQuestion(
  db: Db,
  input: { scenarioId: string; firmId: string; question: string },
  actor: Actor,
  now: Date,
): Promise<WriteResult<{ id: string }>> {
  const at = now.toISOString();
  return db.transaction(async (tx) => {
    const [s] = await tx
      .select({ status: scenarios.status, deadline: scenarios.deadline, publishedAt: scenarios.publishedAt })
      .from(scenarios)
      .where(eq(scenarios.id, input.scenarioId));
    if (!s || s.publishedAt === null) return { ok: false, reason: 'not_found' };
    if (s.status !== 'published' || (s.deadline !== null && s.deadline <= at)) {
      return { ok: false, reason: 'closed', detail: 'questions close with bidding' };
    }
    const id = newId(now.getTime());
    await tx.insert(questions).values({
      id,
      scenarioId: input.scenarioId,
      askerOrgId: input.firmId,
      askerUserId: actor.userId,
      question: input.question,
      createdAt: at,
    });
    await appendAudit(tx, {
      at,
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      action: 'question.ask',
      entityType: 'question',
      entityId: id,
    });
    return { ok: true, value: { id } };
  });
}

export async function answerQuestion(
  db: Db,
  input: { questionId: string; issuerId: string | null; organizer: boolean; answer: string },
  actor: Actor,
  now: Date,
): Promise<WriteResult<{ answeredAt: string }>> {
  const at = now.toISOString();
  return db.transaction(async (tx) => {
    const [q] = await tx
      .select({ issuerId: scenarios.issuerId, answer: questions.answer })
      .from(questions)
      .innerJoin(scenarios, eq(scenarios.id, questions.scenarioId))
      .where(eq(questions.id, input.questionId));
    if (!q || (!input.organizer && q.issuerId !== input.issuerId)) return { ok: false, reason: 'not_found' };
    await tx
      .update(questions)
      .set({ answer: input.answer, answeredBy: actor.userId, answeredAt: at })
      .where(eq(questions.id, input.questionId));
    await appendAudit(tx, {
      at,
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      action: q.answer === null ? 'question.answer' : 'question.revise_answer',
      entityType: 'question',
      entityId: input.questionId,
    });
    return { ok: true, value: { answeredAt: at } };
  });
}

/**
 * The Q&A of a published scenario as this viewer may see it: everyone sees answered questions;
 * the issuer (and organizers) also see unanswered ones; a firm also sees its own unanswered ones.
 */
export async function listQuestions(
  db: Db,
  scenarioId: string,
  viewer: { orgId: string | null; organizer: boolean },
): Promise<QuestionView[] | null> {
  const [s] = await db
    .select({ issuerId: scenarios.issuerId, publishedAt: scenarios.publishedAt })
    .from(scenarios)
    .where(eq(scenarios.id, scenarioId));
  if (!s || s.publishedAt === null) return null;
  const staff = viewer.organizer || viewer.orgId === s.issuerId;
  const rows = await db
    .select()
    .from(questions)
    .where(
      and(
        eq(questions.scenarioId, scenarioId),
        staff
          ? undefined
          : or(
              isNotNull(questions.answeredAt),
              viewer.orgId ? eq(questions.askerOrgId, viewer.orgId) : undefined,
            ),
      ),
    )
    .orderBy(asc(questions.createdAt), asc(questions.id));
  return rows.map((q) => ({
    id: q.id,
    question: q.question,
    answer: q.answer,
    answeredAt: q.answeredAt,
    askedAt: q.createdAt,
    mine: viewer.orgId !== null && q.askerOrgId === viewer.orgId,
  }));
}
