import { nonEmpty } from '@scx/core';
import { answerQuestion, askQuestion, listQuestions } from '@scx/db';
import * as v from 'valibot';
import { ApiError } from '../errors.ts';
import { unwrap } from '../lib/results.ts';
import { isOrganizer, optionalActor, principal, requireActor } from '../middleware/auth.ts';
import { validate } from '../middleware/validate.ts';
import { describe } from '../openapi.ts';
import { createRouter } from '../router.ts';

const IdParam = v.object({
  id: v.pipe(v.string(), v.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be an id (ULID)')),
});
const Question = v.object({
  id: v.string(),
  question: v.string(),
  answer: v.nullable(v.string()),
  answeredAt: v.nullable(v.string()),
  askedAt: v.string(),
  mine: v.boolean(),
});

/** 答疑: one public answer for every bidder; who asked stays private. */
export const questionsRouter = createRouter()
  .get(
    '/scenarios/:id/questions',
    describe({
      operationId: 'listQuestions',
      summary: 'Q&A of a published scenario: answered questions for everyone (askers never shown)',
      description: 'The issuer also sees unanswered questions; a firm also sees its own pending ones.',
      tags: ['questions'],
      responses: { 200: { description: 'Questions', schema: v.object({ items: v.array(Question) }) } },
    }),
    optionalActor,
    validate('param', IdParam),
    async (c) => {
      const { id } = c.req.valid('param');
      const p = c.get('principal');
      const items = await listQuestions(c.get('db'), id, {
        orgId: p?.acting?.orgId ?? null,
        organizer: p ? isOrganizer(p) : false,
      });
      if (!items) throw new ApiError('NOT_FOUND', `No published scenario ${id}.`);
      return c.json({ items });
    },
  )
  .post(
    '/scenarios/:id/questions',
    describe({
      operationId: 'askQuestion',
      summary: 'Ask the issuing agency a question while bidding is open (firm)',
      tags: ['questions'],
      security: ['session', 'bearer'],
      responses: { 201: { description: 'Asked', schema: v.object({ id: v.string() }) } },
    }),
    requireActor({ orgKinds: ['firm'], roles: ['admin', 'member'] }),
    validate('param', IdParam),
    validate('json', v.object({ question: nonEmpty(2000) })),
    async (c) => {
      const p = principal(c);
      const { id } = c.req.valid('param');
      const orgId = p.acting?.orgId as string;
      const r = await askQuestion(
        c.get('db'),
        { scenarioId: id, firmId: orgId, question: c.req.valid('json').question },
        { userId: p.userId, orgId },
        c.get('deps').clock(),
      );
      return c.json(unwrap(r, 'scenario', id), 201);
    },
  )
  .post(
    '/questions/:id/answer',
    describe({
      operationId: 'answerQuestion',
      summary: 'Answer (or revise the answer to) a question, publicly (issuing agency or organizer)',
      tags: ['questions'],
      security: ['session', 'bearer'],
      responses: { 200: { description: 'Answered', schema: v.object({ answeredAt: v.string() }) } },
    }),
    requireActor({ orgKinds: ['agency', 'organizer'] }),
    validate('param', IdParam),
    validate('json', v.object({ answer: nonEmpty(5000) })),
    async (c) => {
      const p = principal(c);
      const { id } = c.req.valid('param');
      const r = await answerQuestion(
        c.get('db'),
        {
          questionId: id,
          issuerId: p.acting?.orgId ?? null,
          organizer: isOrganizer(p),
          answer: c.req.valid('json').answer,
        },
        { userId: p.userId, orgId: p.acting?.orgId ?? null },
        c.get('deps').clock(),
      );
      return c.json(unwrap(r, 'question', id));
    },
  );
