import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalEmbedder, hashPassword } from '@scx/core';
import { createDb, MIGRATIONS, migrate, newId, schema } from '@scx/db';
import { makeOrganization } from '@scx/db/factories';
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
    embedder: createLocalEmbedder(),
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
    /** A JSON request as an actor (its session cookie and CSRF token); `extra` adds headers. */
    send: (
      a: { headers: Record<string, string> },
      method: string,
      path: string,
      payload?: unknown,
      extra: Record<string, string> = {},
    ) =>
      app.request(path, {
        method,
        headers: { ...a.headers, 'content-type': 'application/json', ...extra },
        ...(payload === undefined ? {} : { body: JSON.stringify(payload) }),
      }),
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

export interface ActorSpec {
  kind?: 'agency' | 'firm' | 'organizer' | 'expert-body';
  orgStatus?: 'pending' | 'approved' | 'rejected' | 'suspended';
  role?: 'admin' | 'member' | 'reviewer' | 'expert';
  platformRole?: 'none' | 'organizer_admin';
  orgName?: string;
}

export interface Actor {
  userId: string;
  orgId: string;
  email: string;
  /** Headers for a cookie session, with the CSRF token for unsafe methods. */
  headers: Record<string, string>;
}

const { memberships, users } = schema;
let actorCount = 0;

/** A user in a fresh organization of the given kind, signed in through the real login route. */
export async function signIn(t: TestApp, spec: ActorSpec = {}): Promise<Actor> {
  const n = ++actorCount;
  const org = await makeOrganization(t.db, {
    kind: spec.kind ?? 'agency',
    status: spec.orgStatus ?? 'approved',
    name: spec.orgName ?? `单位${n}`,
  });
  const userId = newId();
  const email = `user${n}.${Math.random().toString(36).slice(2, 8)}@test.example`;
  await t.db.insert(users).values({
    id: userId,
    email,
    name: `用户${n}`,
    passwordHash: await hashPassword('correct-horse-battery', 1000),
    platformRole: spec.platformRole ?? 'none',
  });
  await t.db.insert(memberships).values({ userId, orgId: org.id, role: spec.role ?? 'admin' });
  const res = await t.json('/api/v1/auth/login', { email, password: 'correct-horse-battery' });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const { csrfToken } = await body(res);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return { userId, orgId: org.id, email, headers: { cookie, 'x-csrf-token': csrfToken } };
}
