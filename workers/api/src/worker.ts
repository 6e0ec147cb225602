/// <reference path="./worker-configuration.d.ts" />
import { createClient } from '@libsql/client/web';
import { closeExpiredBidding, createDb, drainMatchQueue, MIGRATIONS } from '@scx/db';
import * as v from 'valibot';
import { createApp } from './app.ts';
import type { AppDeps } from './deps.ts';
import { embedderFor, type WorkersAiLike } from './embedders.ts';
import { ApiError, toProblem } from './errors.ts';

/** The edge host: validate env, build deps, hand off to the one app. Nothing else lives here. */
const WorkerEnv = v.object({
  LIBSQL_URL: v.pipe(
    v.string('LIBSQL_URL is not set'),
    v.regex(/^(libsql|https?|wss?):\/\/./, 'LIBSQL_URL must be a libsql://, https:// or http:// URL'),
  ),
  LIBSQL_AUTH_TOKEN: v.optional(
    v.pipe(
      v.string(),
      v.transform((s) => s || undefined),
    ),
  ),
  APP_VERSION: v.optional(v.string(), '0.0.0'),
  /** A Workers AI embedding model (e.g. @cf/google/embeddinggemma-300m); used when the AI binding exists. */
  EMBEDDING_MODEL: v.optional(v.string()),
});
type WorkerEnv = v.InferOutput<typeof WorkerEnv>;

function parseEnv(env: Env): WorkerEnv {
  const r = v.safeParse(WorkerEnv, env);
  if (!r.success) {
    const names = r.issues.map((i) => i.message).join('; ');
    throw new ApiError('SERVICE_UNAVAILABLE', `The Worker is misconfigured: ${names}`);
  }
  return r.output;
}

// A client per request: a module-level one hangs under concurrency in workerd.
const openClient = (env: WorkerEnv) =>
  createClient({
    url: env.LIBSQL_URL,
    authToken: env.LIBSQL_AUTH_TOKEN,
    // Wrapped: workerd rejects a detached `fetch` ("Illegal invocation").
    fetch: (input: Request | string | URL, init?: RequestInit) => fetch(input, init),
  });

function depsFor(env: WorkerEnv, ai: WorkersAiLike | undefined): AppDeps {
  return {
    embedder: embedderFor({ AI: ai, EMBEDDING_MODEL: env.EMBEDDING_MODEL }),
    openDb: () => {
      const client = openClient(env);
      return { client, release: () => client.close() };
    },
    clock: () => new Date(),
    migrations: MIGRATIONS,
    config: { secureCookies: true, version: env.APP_VERSION, name: 'edge' },
  };
}

// Per-isolate cache keyed by the env object: the app is pure routing, safe to reuse across requests.
let cached: { env: Env; app: ReturnType<typeof createApp> } | undefined;

export default {
  async fetch(request, env, ctx) {
    let parsed: WorkerEnv;
    try {
      parsed = parseEnv(env);
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError('INTERNAL', 'Worker start-up failed.');
      return new Response(JSON.stringify(toProblem(err, crypto.randomUUID())), {
        status: err.status,
        headers: { 'content-type': 'application/problem+json' },
      });
    }
    if (cached?.env !== env)
      cached = { env, app: createApp(depsFor(parsed, (env as { AI?: WorkersAiLike }).AI)) };
    return cached.app.fetch(request, env, ctx);
  },

  async scheduled(_controller, env, ctx) {
    const parsed = parseEnv(env);
    const client = openClient(parsed);
    const db = createDb(client);
    const embedder = embedderFor({
      AI: (env as { AI?: WorkersAiLike }).AI,
      EMBEDDING_MODEL: parsed.EMBEDDING_MODEL,
    });
    ctx.waitUntil(
      (async () => {
        const ids = await closeExpiredBidding(db, new Date());
        if (ids.length) console.log(`closed bidding on ${ids.length} scenario(s)`);
        // Match documents a write request could not finish (e.g. a model outage) catch up here.
        const drained = await drainMatchQueue(db, embedder, { limit: 500 });
        if (drained.indexed) console.log(`indexed ${drained.indexed} match document(s)`);
      })().finally(() => client.close()),
    );
  },
} satisfies ExportedHandler<Env>;
