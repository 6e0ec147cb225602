import { seedDatabase } from '@scx/db/seed';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { signInPage, startWebHost, type WebHost } from './browser.ts';

/**
 * Journey 1, first half, all in the browser: an agency drafts a 揭榜挂帅 challenge (autosaved, checked by
 * the API's schema), submits it; the organizer publishes it from the review queue; a firm finds it by
 * search, opens it and submits a sealed bid. (Panel, notice and award come with the evaluation pages.)
 */
let host: WebHost['host'];
let browser: Browser;
let web: WebHost;

beforeAll(async () => {
  web = await startWebHost('journey', {
    prepare: async (client) => {
      await seedDatabase(client, { scenarios: 20, firms: 10, products: 10, seed: 6 });
    },
  });
  ({ host, browser } = web);
});

afterAll(() => web?.close());

async function pageAs(email: string, password: string): Promise<Page> {
  const page = await browser.newPage({ locale: 'zh-CN' });
  await signInPage(page, host.url, email, password);
  return page;
}

const TITLE = '江汉区老旧小区电梯安全智能监测揭榜挂帅';

test('agency drafts and submits a challenge, the organizer publishes it, a firm finds it and bids', async () => {
  const agency = await pageAs('agency@demo.scx', 'demo-agency-2026');
  await agency.getByRole('link', { name: '工作台' }).click();
  await agency.selectOption('select[name="kind"]', 'challenge');
  await agency.fill('input[name="title"]', TITLE);
  await agency.getByRole('button', { name: '创建草稿' }).click();
  // Missing classification is named on its field before anything is sent.
  await agency.locator('.field-error').first().waitFor();
  await agency.selectOption('select[name="domain"]', 'industry-it');
  await agency.selectOption('select[name="area"]', 'community');
  await agency.selectOption('select[name="district"]', 'jianghan');
  await agency.getByRole('button', { name: '创建草稿' }).click();
  await agency.waitForURL(/\/workspace\/[0-9A-Z]{26}$/);

  await agency.fill('textarea[name="summary"]', '对老旧小区电梯运行状态实时监测，困人故障自动报警');
  await agency.fill('textarea[name="problem"]', '老旧电梯故障多、维保难监管，困人事件频发');
  await agency.fill('input[name="budgetWan"]', 'abc');
  await agency.locator('.field-error').first().waitFor();
  await agency.fill('input[name="budgetWan"]', '300');
  await agency.fill('input[name="deadline"]', '2027-03-31');
  await agency.getByRole('button', { name: '添加指标' }).click();
  await agency.fill('input[name="kpi0.name"]', '困人救援响应时间');
  await agency.fill('input[name="kpi0.target"]', '≤15分钟');
  // A second software domain next to the primary one (行业信息化): the checkbox of 网络安全软件.
  await agency.check('input[name="secondaryDomains"][value="cybersecurity"]');
  await agency.getByText('已自动保存').waitFor();
  await agency.getByRole('button', { name: '提交审核' }).click();
  await agency.waitForURL(/\/workspace$/);
  await agency.getByText('待审核').first().waitFor();
  const mine = agency.getByTestId('worklist-row').filter({ hasText: TITLE });
  expect(await mine.getByTestId('worklist-domains').textContent()).toBe('行业信息化、网络安全软件');
  await agency.close();

  const organizer = await pageAs('organizer@demo.scx', 'demo-organizer-2026');
  await organizer.getByRole('link', { name: '工作台' }).click();
  const row = organizer.getByTestId('worklist-row').filter({ hasText: TITLE });
  await row.getByRole('button', { name: '发布' }).click();
  await row.waitFor({ state: 'detached' });
  await organizer.close();

  const firm = await pageAs('firm@demo.scx', 'demo-firm-2026');
  await firm.getByRole('link', { name: '场景大厅' }).click();
  await firm.fill('input[type="search"], input[name="q"]', '电梯');
  await firm.getByRole('button', { name: '搜索' }).click();
  await firm.getByRole('link', { name: TITLE }).click();
  await firm.getByTestId('scenario-detail').waitFor();
  expect(await firm.getByTestId('scenario-detail').textContent()).toContain('困人救援响应时间');
  expect(await firm.getByTestId('secondary-domains').textContent()).toContain('网络安全软件');
  await firm.getByRole('button', { name: '我要揭榜 / 投标' }).click();
  await firm.waitForURL(/\/bids\/[0-9A-Z]{26}$/);
  await firm.fill('input[name="priceWan"]', '280');
  await firm.fill('textarea[name="approach"]', '物联网传感器 + 电梯运行大数据平台');
  await firm.getByRole('button', { name: '提交申报' }).click();
  await firm.getByText('已提交（截止前密封）').waitFor();

  // 答疑: the firm asks on the challenge page; the agency answers publicly; the firm reads the answer.
  await firm.goBack();
  await firm.getByTestId('scenario-detail').waitFor();
  const scenarioUrl = firm.url();
  await firm.fill('textarea[name="question"]', '是否需要对接现有维保平台？');
  await firm.getByRole('button', { name: '提交', exact: true }).click();
  await firm.getByText('（待回复）').waitFor();
  const agency2 = await pageAs('agency@demo.scx', 'demo-agency-2026');
  await agency2.goto(scenarioUrl);
  await agency2.fill('textarea[name="answer"]', '需要，提供标准接口文档。');
  await agency2.getByRole('button', { name: '公开回复' }).click();
  await agency2.getByText('需要，提供标准接口文档。').waitFor();
  await agency2.close();
  await firm.reload();
  await firm.getByText('需要，提供标准接口文档。').waitFor();
  await firm.close();

  // Every step above is in the hash-chained audit log, and the chain verifies.
  const auditor = await pageAs('organizer@demo.scx', 'demo-organizer-2026');
  await auditor.getByRole('link', { name: '审计日志' }).click();
  await auditor.getByRole('button', { name: '校验哈希链' }).click();
  expect(await auditor.getByTestId('audit-verdict').textContent()).toMatch(/哈希链完整/);
  await auditor.close();
});
