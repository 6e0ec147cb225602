import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createClient } from '@libsql/client';
import { seedDatabase } from '@scx/db/seed';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startNodeHost } from '../../workers/api/src/node.ts';

/** Journey 3: the organizer schedules a matchmaking event in the browser and a firm sees its agenda. */
const dir = mkdtempSync(join(tmpdir(), 'scx-web-events-'));
let host: Awaited<ReturnType<typeof startNodeHost>>;
let browser: Browser;

beforeAll(async () => {
  const webDist = join(dir, 'dist');
  execFileSync('pnpm', ['exec', 'vite', 'build', '--outDir', webDist, '--logLevel', 'error'], {
    cwd: resolve(import.meta.dirname, '..'),
    stdio: 'pipe',
  });
  const url = `file:${join(dir, 'web.db')}`;
  const client = createClient({ url });
  const { MIGRATIONS, migrate } = await import('@scx/db');
  await migrate(client, MIGRATIONS);
  await seedDatabase(client, { scenarios: 30, firms: 20, products: 30, seed: 9 });
  client.close();
  host = await startNodeHost({ url, port: 0, webDist });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--no-first-run',
    ],
  });
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A demo account's API session (cookie + CSRF), for setting the scene quickly. */
async function apiAs(email: string, password: string) {
  const res = await fetch(`${host.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  expect(res.status).toBe(200);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return async (method: string, path: string, body?: unknown) => {
    const r = await fetch(host.url + path, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
    return (await r.json()) as Record<string, unknown>;
  };
}

async function pageAs(email: string, password: string, lang: 'zh-CN' | 'en' = 'zh-CN') {
  const page = await browser.newPage({ locale: lang });
  await page.goto(`${host.url}/login`);
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', password);
  await page.getByRole('button', { name: '登录' }).last().click();
  await page.waitForURL(/\/recommendations$/);
  return page;
}

test('the organizer runs the scheduler and publishes; the firm sees its meeting, table and ICS link', async () => {
  const organizer = await apiAs('organizer@demo.scx', 'demo-organizer-2026');
  const agency = await apiAs('agency@demo.scx', 'demo-agency-2026');
  const firm = await apiAs('firm@demo.scx', 'demo-firm-2026');
  const event = await organizer('POST', '/api/v1/events', {
    title: '交通领域软件供需对接会',
    description: '智慧交通场景一对一洽谈',
    venue: '武汉国际会展中心',
    district: 'jianghan',
    startsAt: '2026-12-10T09:00:00+08:00',
    slotMinutes: 20,
    slotCount: 6,
    breaks: [3],
    tables: 3,
    requestQuota: 5,
  });
  const url = `/api/v1/events/${event.id}`;
  await organizer('POST', `${url}/transitions`, { action: 'open_registration' });
  const a = await agency('POST', `${url}/registrations`, { needs: '路口信号优化', offers: '' });
  const f = await firm('POST', `${url}/registrations`, { needs: '', offers: '信号控制系统' });
  await organizer('POST', `${url}/registrations/${a.id}/approve`, {});
  await organizer('POST', `${url}/registrations/${f.id}/approve`, {});
  const request = await firm('POST', `${url}/requests`, { toParticipantId: a.id, preference: 'must_meet' });
  await agency('POST', `${url}/requests/${request.id}/accept`);
  await organizer('POST', `${url}/transitions`, { action: 'start_scheduling' });

  const org = await pageAs('organizer@demo.scx', 'demo-organizer-2026');
  await org.goto(`${host.url}/events/${event.id}`);
  await org.getByRole('button', { name: '自动排程' }).click();
  await org.getByRole('status').waitFor();
  expect(await org.getByRole('status').textContent()).toContain('已排定 1 场');
  await org.getByTestId('plan-meeting').first().waitFor();
  expect(await org.getByTestId('plan-meeting').first().textContent()).toContain('×');
  await org.getByRole('button', { name: '发布日程' }).click();
  await org.getByText('日程已发布').waitFor();
  await org.close();

  const firmPage = await pageAs('firm@demo.scx', 'demo-firm-2026');
  await firmPage.goto(`${host.url}/events/${event.id}`);
  const meeting = firmPage.getByTestId('agenda-meeting');
  await meeting.first().waitFor();
  expect(await meeting.count()).toBe(1);
  expect(await meeting.first().textContent()).toMatch(/号桌/);
  expect(await meeting.first().textContent()).toContain('武汉市交通运输局');
  expect(await firmPage.getByRole('link', { name: /ICS/ }).getAttribute('href')).toMatch(/agenda\.ics$/);
  // The same page in English.
  await firmPage.getByRole('button', { name: 'English' }).click();
  await firmPage.getByText('My agenda').waitFor();
  expect(await meeting.first().textContent()).toMatch(/Table \d/);
  await firmPage.close();
});
