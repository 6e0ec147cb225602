import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Client, createClient } from '@libsql/client';
import { hashPassword } from '@scx/core';
import { createDb, MIGRATIONS, migrate, newId, schema } from '@scx/db';
import { makeOrganization } from '@scx/db/factories';
import { type Browser, chromium, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { startNodeHost } from '../../workers/api/src/node.ts';

/** Debian's Chromium, headless, with no background traffic (the machine has no network). */
export const launchChromium = () =>
  chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--no-first-run',
    ],
  });

/** Signs in through the login form; the app then lands on 智能推荐. */
export async function signInPage(page: Page, base: string, email: string, password: string) {
  await page.goto(`${base}/login`);
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', password);
  await page.getByRole('button', { name: '登录' }).last().click();
  await page.waitForURL(/\/recommendations$/);
}

export interface WebHost {
  host: Awaited<ReturnType<typeof startNodeHost>>;
  browser: Browser;
  /** The test's own folder (its database, screenshots, files to upload); removed by close. */
  dir: string;
  close(): Promise<void>;
}

/**
 * What every browser test starts from: the app built once per run (global set-up) served by the
 * embedded host on a database file of its own, and a Chromium. `prepare` writes data before the host
 * starts (the host indexes match documents on start); `clock` is the server's clock.
 */
export async function startWebHost(
  name: string,
  opts: { prepare?: (client: Client) => Promise<unknown>; clock?: () => Date } = {},
): Promise<WebHost> {
  const dir = mkdtempSync(join(tmpdir(), `scx-web-${name}-`));
  const url = `file:${join(dir, 'web.db')}`;
  if (opts.prepare) {
    const client = createClient({ url });
    await migrate(client, MIGRATIONS);
    await opts.prepare(client);
    client.close();
  }
  const host = await startNodeHost({
    url,
    port: 0,
    webDist: inject('webDist'),
    ...(opts.clock ? { clock: opts.clock } : {}),
  });
  const browser = await launchChromium();
  return {
    host,
    browser,
    dir,
    close: async () => {
      await browser.close();
      await host.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The password of every account makeAccount creates. */
export const TEST_PASSWORD = 'correct-horse-battery';
let accounts = 0;

/**
 * A user (password TEST_PASSWORD) of a fresh approved organization — or of `orgId`, with `role` — written
 * straight into the host's database, for tests that start from people rather than from the demo seed.
 */
export async function makeAccount(
  host: WebHost['host'],
  o: {
    kind: 'agency' | 'firm' | 'organizer' | 'expert-body';
    name?: string;
    size?: 'large' | 'medium' | 'small' | 'micro';
    orgId?: string;
    role?: 'admin' | 'expert';
  },
): Promise<{ orgId: string; userId: string; email: string }> {
  const db = createDb(host.client);
  const n = ++accounts;
  const name = o.name ?? `测试单位${n}`;
  const orgId = o.orgId ?? (await makeOrganization(db, { kind: o.kind, name, size: o.size ?? null })).id;
  const userId = newId();
  const email = `web${n}@test.example`;
  await db.insert(schema.users).values({
    id: userId,
    email,
    name: `${name}用户${n}`,
    passwordHash: await hashPassword(TEST_PASSWORD, 1000),
    platformRole: 'none',
  });
  await db.insert(schema.memberships).values({ userId, orgId, role: o.role ?? 'admin' });
  return { orgId, userId, email };
}
