import { join } from 'node:path';
import { seedDatabase } from '@scx/db/seed';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startWebHost, type WebHost } from './browser.ts';

/** The first page in a real browser: built assets, the embedded host, a seeded database. */
let host: WebHost['host'];
let browser: Browser;
let web: WebHost;
let page: Page;

beforeAll(async () => {
  web = await startWebHost('hall', {
    prepare: async (client) => {
      await seedDatabase(client, { scenarios: 40, firms: 20, products: 30, seed: 3 });
    },
  });
  ({ host, browser } = web);
  page = await browser.newPage({ locale: 'zh-CN' });
});

afterAll(() => web?.close());

test('the hall lists published scenarios in Chinese, with issuer, budget and deadline', async () => {
  await page.goto(host.url);
  const cards = page.getByTestId('scenario-card');
  await cards.first().waitFor();
  expect(await cards.count()).toBe(12);
  const first = await cards.first().textContent();
  expect(first).toMatch(/发榜单位/);
  expect(first).toMatch(/截止/);
  expect(await page.title()).toContain('场景汇');
  await page.screenshot({ path: join(web.dir, 'hall.png') });
});

test('load more pages through the cursor; filters narrow the list and stay in the URL', async () => {
  await page.goto(host.url);
  const cards = page.getByTestId('scenario-card');
  await cards.first().waitFor();
  await page.getByRole('button', { name: /加载更多/ }).click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="scenario-card"]').length === 24);
  await page.selectOption('select[name="kind"]', 'challenge');
  await page.waitForURL(/kind=challenge/);
  await page.waitForFunction(() =>
    [...document.querySelectorAll('[data-testid="scenario-card"] .badge')].every(
      (b) => b.textContent === '揭榜挂帅',
    ),
  );
  expect(await cards.count()).toBeGreaterThan(0);
});

test('a bad budget is named next to its field, from the API problem+json', async () => {
  await page.goto(host.url);
  await page.getByTestId('scenario-card').first().waitFor();
  await page.fill('input[name="budgetMinWan"]', 'abc');
  await page.getByRole('button', { name: '搜索' }).click();
  const err = page.locator('.field-error');
  await err.waitFor();
  expect(await err.textContent()).toContain('integer');
  expect(await page.locator('input[name="budgetMinWan"]').getAttribute('aria-invalid')).toBe('true');
});

test('English is one click away', async () => {
  await page.goto(host.url);
  await page.getByTestId('scenario-card').first().waitFor();
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByText('Scenario hall').waitFor();
  expect(await page.getByTestId('scenario-card').first().textContent()).toMatch(/Issuer/);
});

test('the open-data page links a CSV of the published scenarios that opens in Excel (BOM)', async () => {
  await page.goto(`${host.url}/open-data`);
  const links = page.getByTestId('open-data-link');
  await links.first().waitFor();
  const href = await links.first().getAttribute('href');
  const res = await fetch(host.url + href);
  expect(res.headers.get('content-type')).toContain('text/csv');
  const text = await res.text();
  expect(text.split('\r\n').length).toBeGreaterThan(2);
});
