import { ScenarioDetail, ScenarioListQuery, ScenarioPage } from '@scx/core';
import { decodeCursor, getPublicScenario, listPublicScenarios } from '@scx/db';
import * as v from 'valibot';
import { ApiError } from '../errors.ts';
import { validate } from '../middleware/validate.ts';
import { describe } from '../openapi.ts';
import { createRouter } from '../router.ts';

const IdParam = v.object({
  id: v.pipe(v.string(), v.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a scenario id (ULID)')),
});

export const scenariosRouter = createRouter()
  .get(
    '/',
    describe({
      operationId: 'listScenarios',
      summary: 'The public hall: published scenarios and challenges',
      description:
        'Filters, sorting and cursor pagination; one database round trip per page. Money in fen, times in UTC. ' +
        '`domain` filters on the primary software domain; each row lists its further ones in `secondaryDomains`.',
      tags: ['scenarios'],
      responses: { 200: { description: 'A page of scenarios', schema: ScenarioPage } },
    }),
    validate('query', ScenarioListQuery),
    async (c) => {
      const q = c.req.valid('query');
      const cursor = q.cursor ? decodeCursor(q.cursor) : null;
      if (q.cursor && !cursor) {
        throw new ApiError('VALIDATION_FAILED', 'query.cursor: is not a cursor from this API', [
          { path: 'query.cursor', message: 'is not a cursor from this API' },
        ]);
      }
      const page: ScenarioPage = await listPublicScenarios(c.get('db'), q, cursor);
      return c.json(page);
    },
  )
  .get(
    '/:id',
    describe({
      operationId: 'getScenario',
      summary: 'One published scenario or challenge with its requirements',
      tags: ['scenarios'],
      responses: { 200: { description: 'The scenario', schema: ScenarioDetail } },
    }),
    validate('param', IdParam),
    async (c) => {
      const { id } = c.req.valid('param');
      const s: ScenarioDetail | null = await getPublicScenario(c.get('db'), id);
      if (!s) throw new ApiError('NOT_FOUND', `No published scenario ${id}.`);
      c.header('ETag', `"${s.version}"`);
      return c.json(s);
    },
  );
