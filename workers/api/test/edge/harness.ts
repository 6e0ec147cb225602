import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { hashPassword } from '@scx/core';
import { createDb, MIGRATIONS, migrate, newId, schema } from '@scx/db';
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

/**
 * A new user of `orgId` (with `role`), signed in through the Worker: its session cookie and CSRF token as
 * headers for unsafe requests, and the raw Set-Cookie (to check its attributes).
 */
export async function signInAt(
  edge: Edge,
  orgId: string,
  o: { role?: 'admin' | 'expert'; name?: string } = {},
): Promise<{ userId: string; headers: Record<string, string>; setCookie: string }> {
  const email = `m.${Math.random().toString(36).slice(2, 10)}@edge.example`;
  const userId = newId();
  await edge.db.insert(schema.users).values({
    id: userId,
    email,
    name: o.name ?? 'member',
    passwordHash: await hashPassword('correct-horse-battery', 1000),
  });
  await edge.db.insert(schema.memberships).values({ userId, orgId, role: o.role ?? 'admin' });
  const res = await edge.fetch('/api/v1/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'correct-horse-battery' }),
  });
  if (res.status !== 200) throw new Error(`login: ${res.status} ${await res.text()}`);
  const setCookie = res.headers.get('set-cookie') ?? '';
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { userId, headers: { cookie: setCookie.split(';')[0] ?? '', 'x-csrf-token': csrfToken }, setCookie };
}
