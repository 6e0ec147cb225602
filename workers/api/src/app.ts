import type { ErrorCode } from '@scx/core';
import { drainMatchQueue } from '@scx/db';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import type { AppDeps } from './deps.ts';
import { DOCS_HTML } from './docs-page.ts';
import type { AppEnv } from './env.ts';
import { ApiError, type FieldError, toProblem } from './errors.ts';
import { database } from './middleware/db.ts';
import { buildOpenApi } from './openapi.ts';
import { auditRouter } from './routes/audit.ts';
import { authRouter } from './routes/auth.ts';
import { bidsRouter } from './routes/bids.ts';
import { callsRouter } from './routes/calls.ts';
import { dashboardRouter } from './routes/dashboard.ts';
import { evaluationRouter } from './routes/evaluation.ts';
import { eventsRouter } from './routes/events.ts';
import { firmsRouter } from './routes/firms.ts';
import { health } from './routes/health.ts';
import { IMPORT_MAX_BYTES, importsRouter } from './routes/imports.ts';
import { matchingRouter } from './routes/matching.ts';
import { openDataRouter } from './routes/open-data.ts';
import { organizationsRouter } from './routes/organizations.ts';
import { questionsRouter } from './routes/questions.ts';
import { scenariosRouter } from './routes/scenarios.ts';
import { vocabulariesRouter } from './routes/vocabularies.ts';
import { workspaceRouter } from './routes/workspace.ts';

const MAX_BODY_BYTES = 1024 * 1024;

function problemResponse(e: ApiError, requestId: string): Response {
  return new Response(JSON.stringify(toProblem(e, requestId)), {
    status: e.status,
    headers: { 'content-type': 'application/problem+json', ...e.headers },
  });
}

/** Hono's own exceptions (bad JSON, wrong content type) in our closed set of codes. */
function fromHttpException(e: HTTPException): ApiError {
  const msg = e.message;
  if (/content-type/i.test(msg)) {
    return new ApiError('UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json.', [
      { path: 'header.content-type', message: 'must be application/json' },
    ]);
  }
  if (/json/i.test(msg)) {
    return new ApiError('BAD_REQUEST', 'The body is not valid JSON.', [
      { path: 'body', message: 'is not valid JSON' },
    ]);
  }
  const code: ErrorCode =
    e.status === 401
      ? 'UNAUTHENTICATED'
      : e.status === 403
        ? 'FORBIDDEN'
        : e.status === 404
          ? 'NOT_FOUND'
          : 'BAD_REQUEST';
  return new ApiError(code, msg || 'Bad request');
}

/** The one app, whichever host runs it (Node embedded, workerd edge, tests through app.request). */
export function createApp(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.use('*', requestId({ headerName: 'X-Request-Id' }));
  app.use('/api/*', async (c, next) => {
    c.set('deps', deps);
    await next();
  });
  // Imports take spreadsheets of up to 10 MB; everything else is small JSON.
  const limit = (maxSize: number) =>
    bodyLimit({
      maxSize,
      onError: () => {
        throw new ApiError('PAYLOAD_TOO_LARGE', `The body is larger than ${maxSize} bytes.`);
      },
    });
  const jsonLimit = limit(MAX_BODY_BYTES);
  const uploadLimit = limit(IMPORT_MAX_BYTES + 64 * 1024);
  app.use('/api/*', (c, next) =>
    c.req.path.startsWith('/api/v1/imports/') ? uploadLimit(c, next) : jsonLimit(c, next),
  );
  app.use('/api/v1/*', async (c, next) => {
    // The spec and the docs need no database.
    if (c.req.path === '/api/v1/openapi.json') return next();
    return database(c, next);
  });
  // Writes mark what the matcher must re-index (SQL triggers fill match_queue); index it before the
  // response, so the next match sees the change. A failure here never fails the write: the cron retries.
  app.use('/api/v1/*', async (c, next) => {
    await next();
    if (c.req.method === 'GET' || c.req.method === 'HEAD' || c.res.status >= 400) return;
    const db = c.get('db');
    if (!db) return;
    try {
      await drainMatchQueue(db, deps.embedder, { limit: 200 });
    } catch (e) {
      console.error(`[${c.get('requestId')}] match index`, e);
    }
  });

  app.onError((e, c) => {
    const rid = c.get('requestId') ?? 'unknown';
    if (e instanceof ApiError) return problemResponse(e, rid);
    if (e instanceof HTTPException) return problemResponse(fromHttpException(e), rid);
    console.error(`[${rid}]`, e);
    return problemResponse(
      new ApiError('INTERNAL', 'Something went wrong on our side; quote the requestId.'),
      rid,
    );
  });
  app.notFound((c) =>
    problemResponse(
      new ApiError('NOT_FOUND', `No route for ${c.req.method} ${c.req.path}.`),
      c.get('requestId') ?? '',
    ),
  );

  const routes = app
    .route('/api/v1/health', health)
    .route('/api/v1/vocabularies', vocabulariesRouter)
    .route('/api/v1/scenarios', scenariosRouter)
    .route('/api/v1/organizations', organizationsRouter)
    .route('/api/v1/auth', authRouter)
    .route('/api/v1/workspace', workspaceRouter)
    .route('/api/v1', bidsRouter)
    .route('/api/v1', questionsRouter)
    .route('/api/v1/audit', auditRouter)
    .route('/api/v1/imports', importsRouter)
    .route('/api/v1', firmsRouter)
    .route('/api/v1', matchingRouter)
    .route('/api/v1', evaluationRouter)
    .route('/api/v1/events', eventsRouter)
    .route('/api/v1/calls', callsRouter)
    .route('/api/v1/dashboard', dashboardRouter)
    .route('/api/v1/open-data', openDataRouter);

  let spec: ReturnType<typeof buildOpenApi> | undefined;
  app.get('/api/v1/openapi.json', (c) => {
    spec ??= buildOpenApi(routes as unknown as Hono<never>, {
      title: 'Scenario Exchange (场景汇) API',
      version: deps.config.version,
      description:
        'Agencies publish digital application scenarios and 揭榜挂帅 challenges, firms bid, organizers run matchmaking. ' +
        'Errors are application/problem+json with a closed set of codes; money in integer fen; times in UTC ISO-8601.',
    });
    return c.json(spec);
  });
  app.get('/api/docs', (c) => c.html(DOCS_HTML));
  return routes;
}

export type AppType = ReturnType<typeof createApp>;
export type { FieldError };
