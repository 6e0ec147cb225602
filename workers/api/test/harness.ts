import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb, MIGRATIONS, migrate } from '@scx/db';
import { createApp } from '../src/app.ts';
import type { AppDeps } from '../src/deps.ts';
import { openEmbeddedClient } from '../src/node.ts';

/**
 * A fresh app on its own embedded libSQL file per test: real database, no shared state,
 * and a clock the test controls.
 */
export async function makeTestApp(opts: { now?: string } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'scx-api-'));
  // The embedded host's own client: WAL and the in-process write gate, as `pnpm start` runs it.
  const client = await openEmbeddedClient(`file:${join(dir, 'test.db')}`);
  await migrate(client, MIGRATIONS);
  let now = new Date(opts.now ?? '2026-11-21T08:00:00.000Z');
  const deps: AppDeps = {
    openDb: () => ({ client, release: () => {} }),
    clock: () => now,
    migrations: MIGRATIONS,
    config: { secureCookies: true, version: 'test', name: 'test' },
  };
  const app = createApp(deps);
  return {
    app,
    client,
    db: createDb(client),
    setNow: (iso: string) => {
      now = new Date(iso);
    },
    request: (path: string, init?: RequestInit) => app.request(path, init),
    json: (path: string, body: unknown, init: RequestInit = {}) =>
      app.request(path, {
        method: 'POST',
        ...init,
        headers: { 'content-type': 'application/json', ...(init.headers as Record<string, string>) },
        body: JSON.stringify(body),
      }),
    [Symbol.asyncDispose]: async () => {
      client.close();
      rmSync(dir, { recursive: true, force: true });
    },
    close: () => {
      client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type TestApp = Awaited<ReturnType<typeof makeTestApp>>;

export const roundTrips = (res: Response): number => {
  const m = /desc="(\d+) round trips"/.exec(res.headers.get('server-timing') ?? '');
  return m ? Number(m[1]) : Number.NaN;
};

/** Test assertions read arbitrary response JSON; the shapes are what the assertions check. */
// biome-ignore lint/suspicious/noExplicitAny: response bodies are asserted field by field
export const body = (res: Response): Promise<any> => res.json();
