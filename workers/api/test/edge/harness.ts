import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { createDb, MIGRATIONS, migrate } from '@scx/db';
import { startLibsqlServer } from '@scx/libsql-server';
import { Miniflare } from 'miniflare';
import { inject } from 'vitest';

/**
 * One edge environment per test file: its own database file behind the local libSQL HTTP server,
 * migrated over HTTP, and the bundled Worker running in workerd with LIBSQL_URL pointing at it.
 */
export async function startEdge() {
  const dir = mkdtempSync(join(tmpdir(), 'scx-edge-'));
  const server = await startLibsqlServer({ file: join(dir, 'edge.db') });
  // Node's client over HTTP: the same path a deploy script takes against Turso.
  const client = createClient({ url: server.url });
  await migrate(client, MIGRATIONS);
  const mf = new Miniflare({
    modules: [
      { type: 'ESModule', path: 'worker.js', contents: readFileSync(inject('workerScript'), 'utf8') },
    ],
    compatibilityDate: '2026-04-20',
    bindings: { LIBSQL_URL: server.url, APP_VERSION: 'edge-test' },
  });
  await mf.ready;
  return {
    mf,
    client,
    db: createDb(client),
    url: server.url,
    fetch: async (path: string, init?: RequestInit) => {
      const res = await mf.dispatchFetch(`http://edge.test${path}`, init as never);
      return res as unknown as Response;
    },
    async close() {
      await mf.dispose();
      client.close();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type Edge = Awaited<ReturnType<typeof startEdge>>;
