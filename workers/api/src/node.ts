import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { type Client, createClient } from '@libsql/client';
import { createLocalEmbedder } from '@scx/core';
import { createDb, drainAllMatchQueue, gateWrites, MIGRATIONS, migrate } from '@scx/db';
import { Hono } from 'hono';
import { createApp } from './app.ts';
import type { AppDeps } from './deps.ts';

/** The embedded host: Node + @libsql/client on a file. What `pnpm start` runs. */
export const WORKSPACE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const WEB_DIST = join(WORKSPACE_ROOT, 'web/dist');

export interface NodeHostOptions {
  /** libSQL URL; default file:<workspace>/data/scx.db. */
  url?: string;
  authToken?: string;
  port?: number;
  hostname?: string;
  clock?: () => Date;
  webDist?: string;
  log?: boolean;
  /** Index queued match documents before serving (default true; load tests of other routes skip it). */
  indexOnStart?: boolean;
}

/**
 * Pages each connection to the embedded file may cache: 16,384 × 4 KiB = 64 MiB, taken only as pages are
 * read (SQLite's default is 2 MiB). A match query at city scale reads a few thousand index and row pages;
 * with the default they come from the OS again on every query (bench/RESULTS.md: ~6–10 % of its time).
 */
export const EMBEDDED_CACHE_PAGES = 16_384;

export async function openEmbeddedClient(url: string, authToken?: string): Promise<Client> {
  if (url.startsWith('file:')) mkdirSync(dirname(url.slice(5)), { recursive: true });
  const client = createClient({ url, authToken, timeout: 5000 });
  if (!url.startsWith('file:')) return client;
  // WAL (a property of the file) lets readers run while a writer commits; writers queue in-process.
  await client.execute('PRAGMA journal_mode = WAL');
  // The page cache: default_cache_size is kept in the file's header, so every connection the client's
  // pool opens later has it too (the client has no per-connection hook); cache_size for this one.
  await client.execute(`PRAGMA default_cache_size = ${EMBEDDED_CACHE_PAGES}`);
  await client.execute(`PRAGMA cache_size = ${EMBEDDED_CACHE_PAGES}`);
  return gateWrites(client);
}

/** Hono app for the node host: the API under /api, the built web app (SPA) for everything else. */
export function createNodeHost(deps: AppDeps, webDist = WEB_DIST) {
  const api = createApp(deps);
  const host = new Hono();
  host.all('/api/*', (c) => api.fetch(c.req.raw));
  if (existsSync(webDist)) {
    host.use('*', serveStatic({ root: webDist }));
    const index = readFileSync(join(webDist, 'index.html'), 'utf8');
    host.get('*', (c) => c.html(index));
  } else {
    host.get('*', (c) => c.text('web/dist is missing: run `pnpm build:web`.', 503));
  }
  return host;
}

export async function startNodeHost(opts: NodeHostOptions = {}) {
  const url = opts.url ?? process.env.LIBSQL_URL ?? `file:${join(WORKSPACE_ROOT, 'data/scx.db')}`;
  const client = await openEmbeddedClient(url, opts.authToken ?? process.env.LIBSQL_AUTH_TOKEN);
  const applied = await migrate(client, MIGRATIONS);
  const embedder = createLocalEmbedder();
  // Documents queued by writes outside the app (a migration, a console) are indexed before serving.
  if (opts.indexOnStart !== false) await drainAllMatchQueue(createDb(client), embedder);
  const deps: AppDeps = {
    embedder,
    // One client for the process: an embedded file connection is cheap to share in Node.
    openDb: () => ({ client, release: () => {} }),
    clock: opts.clock ?? (() => new Date()),
    migrations: MIGRATIONS,
    config: { secureCookies: false, version: '0.1.0', name: 'node' },
  };
  const host = createNodeHost(deps, opts.webDist);
  const server = await new Promise<ReturnType<typeof serve>>((ok) => {
    const s = serve(
      { fetch: host.fetch, port: opts.port ?? 8787, hostname: opts.hostname ?? '127.0.0.1' },
      () => ok(s),
    );
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${opts.hostname ?? '127.0.0.1'}:${port}`,
    port,
    applied,
    client,
    close: () =>
      new Promise<void>((ok) => {
        server.close(() => ok());
        client.close();
      }),
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const s = await startNodeHost({
    port: Number(process.env.PORT ?? 8787),
    hostname: process.env.HOST ?? '127.0.0.1',
  });
  if (s.applied.length) console.log(`applied migrations: ${s.applied.join(', ')}`);
  console.log(
    `\n  场景汇 Scenario Exchange is running: ${s.url}\n  API docs: ${s.url}/api/docs · health: ${s.url}/api/v1/health\n`,
  );
  const stop = () => void s.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
