import { join } from 'node:path';
import { seedDatabase } from '@scx/db/seed';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { signInPage, startWebHost, type WebHost } from './browser.ts';

/** Sign in through the form and see the matching engine's recommendations, in both languages. */
let host: WebHost['host'];
let browser: Browser;
let web: WebHost;

beforeAll(async () => {
  web = await startWebHost('rec', {
    prepare: async (client) => {
      await seedDatabase(client, { scenarios: 60, firms: 30, products: 60, seed: 5 });
    },
  });
  ({ host, browser } = web);
});

afterAll(() => web?.close());

async function signedIn(email: string, password: string) {
  const page = await browser.newPage({ locale: 'zh-CN' });
  await signInPage(page, host.url, email, password);
  return page;
}

test('a wrong password is said plainly; a firm then sees scenarios for it with reasons, in Chinese and English', async () => {
  const page = await browser.newPage({ locale: 'zh-CN' });
  await page.goto(`${host.url}/login`);
  await page.fill('input[name="email"]', 'firm@demo.scx');
  await page.fill('input[name="password"]', 'wrong-password-1');
  await page.getByRole('button', { name: '登录' }).last().click();
  await page.getByRole('alert').waitFor();
  await page.close();

  const firm = await signedIn('firm@demo.scx', 'demo-firm-2026');
  const cards = firm.getByTestId('recommendation');
  await cards.first().waitFor();
  expect(await cards.count()).toBeGreaterThan(0);
  const first = (await cards.first().textContent()) ?? '';
  expect(first).toMatch(/发榜单位/);
  expect(first).toMatch(/领域匹配|关键词命中|语义相似/);
  await firm.getByRole('button', { name: 'English' }).click();
  await firm.getByText('Scenarios and challenges for you').waitFor();
  expect(await cards.first().textContent()).toMatch(/Domain match|Key terms|semantic/i);
  // 有用 / 没用 is recorded (the button shows it pressed once the API accepted it).
  await cards.first().getByRole('button', { name: 'Useful', exact: true }).click();
  await firm.waitForSelector('[data-testid="recommendation"] button[aria-pressed="true"]');
  await firm.close();
});

test('an agency sees the firms and products that fit its scenario, with 有用 / 没用 on each', async () => {
  const agency = await signedIn('agency@demo.scx', 'demo-agency-2026');
  const matches = agency.getByTestId('match');
  await matches.first().waitFor();
  expect(await matches.count()).toBeGreaterThan(0);
  expect((await matches.first().textContent()) ?? '').toMatch(/有用/);
  await agency.screenshot({ path: join(web.dir, 'matches.png'), fullPage: true });
  await agency.close();
});

test('a firm keeps its profile: a product is added; an impossible certification level is refused on its field', async () => {
  const firm = await signedIn('firm2@demo.scx', 'demo-firm2-2026');
  await firm.getByRole('link', { name: '企业档案' }).click();
  await firm.getByTestId('products').waitFor();
  await firm.fill('input[name="productName"]', '电梯运行安全物联网监测平台');
  await firm.fill('input[name="productSummary"]', '电梯困人报警与维保监管');
  await firm.getByRole('button', { name: '添加产品' }).click();
  await firm.getByText('产品已添加').waitFor();
  expect(await firm.getByTestId('products').textContent()).toContain('电梯运行安全物联网监测平台');
  await firm.selectOption('select[name="certCode"]', 'CSMM');
  await firm.fill('input[name="certLevel"]', '9');
  await firm.getByRole('button', { name: '添加资质' }).click();
  await firm.locator('.field-error').first().waitFor();
  await firm.close();
});
