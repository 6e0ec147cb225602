import { seedDatabase } from '@scx/db/seed';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { signInPage, startWebHost, type WebHost } from './browser.ts';

/** Journey 3: the organizer schedules a matchmaking event in the browser and a firm sees its agenda. */
let host: WebHost['host'];
let browser: Browser;
let web: WebHost;

beforeAll(async () => {
  web = await startWebHost('events', {
    prepare: async (client) => {
      await seedDatabase(client, { scenarios: 30, firms: 20, products: 30, seed: 9 });
    },
  });
  ({ host, browser } = web);
});

afterAll(() => web?.close());

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
  await signInPage(page, host.url, email, password);
  return page;
}

test('firm registers and asks, agency accepts, the organizer schedules and publishes; the firm sees its agenda', async () => {
  const organizer = await apiAs('organizer@demo.scx', 'demo-organizer-2026');
  const agency = await apiAs('agency@demo.scx', 'demo-agency-2026');
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
  await organizer('POST', `${url}/registrations/${a.id}/approve`, {});

  // The firm registers and asks for a meeting in the browser; the agency accepts in the browser.
  const firmPage = await pageAs('firm@demo.scx', 'demo-firm-2026');
  await firmPage.goto(`${host.url}/events/${event.id}`);
  await firmPage.fill('textarea[name="offers"]', '交通信号配时优化平台');
  await firmPage.fill('input[name="maxMeetings"]', '0');
  await firmPage.getByRole('button', { name: '报名参加' }).click();
  await firmPage.locator('.field-error').first().waitFor();
  await firmPage.fill('input[name="maxMeetings"]', '4');
  await firmPage.getByRole('button', { name: '报名参加' }).click();
  await firmPage.getByText('已发出约见 0 / 5').waitFor();
  expect(await firmPage.inputValue('input[name="maxMeetings"]')).toBe('4');
  const regs = (await organizer('GET', `${url}/registrations`)) as unknown as {
    items: { id: string; orgName: string }[];
  };
  const f = regs.items.find((r) => r.orgName === '武汉光谷智联科技有限公司');
  await organizer('POST', `${url}/registrations/${f?.id}/approve`, {});
  await firmPage.reload();
  const row = firmPage.getByTestId('directory').locator('tr').filter({ hasText: '武汉市交通运输局' });
  await row.getByRole('button', { name: '必约' }).click();
  await firmPage.getByTestId('sent-request').first().waitFor();
  expect(await firmPage.getByTestId('sent-request').first().textContent()).toContain('待对方回复');

  const agencyPage = await pageAs('agency@demo.scx', 'demo-agency-2026');
  await agencyPage.goto(`${host.url}/events/${event.id}`);
  const received = agencyPage.getByTestId('received-request').first();
  await received.getByRole('button', { name: '接受' }).click();
  await agencyPage.getByText('已接受').waitFor();
  await agencyPage.close();
  await organizer('POST', `${url}/transitions`, { action: 'start_scheduling' });

  const org = await pageAs('organizer@demo.scx', 'demo-organizer-2026');
  await org.goto(`${host.url}/events/${event.id}`);
  await org.getByRole('button', { name: '自动排程' }).click();
  await org.getByRole('status').waitFor();
  expect(await org.getByRole('status').textContent()).toContain('已排定 1 场');
  await org.getByTestId('plan-meeting').first().waitFor();
  expect(await org.getByTestId('plan-meeting').first().textContent()).toContain('×');
  // Drag the meeting to table 3 after the break; the server checks and moves it.
  const target = org.locator('[data-testid="plan-free"][data-slot="4"][data-table="2"]');
  await org.getByTestId('plan-meeting').first().dragTo(target);
  await org.getByText('已调整桌位（双方需重新确认）').waitFor();
  await target.waitFor({ state: 'detached' });
  await org.getByRole('button', { name: '发布日程' }).click();
  await org.getByText('日程已发布').waitFor();
  await org.close();

  await firmPage.goto(`${host.url}/events/${event.id}`);
  const meeting = firmPage.getByTestId('agenda-meeting');
  await meeting.first().waitFor();
  expect(await meeting.count()).toBe(1);
  expect(await meeting.first().textContent()).toMatch(/3号桌/);
  expect(await meeting.first().textContent()).toContain('武汉市交通运输局');
  expect(await firmPage.getByRole('link', { name: /ICS/ }).getAttribute('href')).toMatch(/agenda\.ics$/);
  // The same page in English.
  await firmPage.getByRole('button', { name: 'English' }).click();
  await firmPage.getByText('My agenda').waitFor();
  expect(await meeting.first().textContent()).toMatch(/Table \d/);
  await firmPage.close();
});
