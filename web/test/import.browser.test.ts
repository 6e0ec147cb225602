import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seedDatabase } from '@scx/db/seed';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { signInPage, startWebHost, type WebHost } from './browser.ts';

/** Journey 2: the organizer imports an agencies' scenario list, sees the bad row named, fixes it, imports. */
let host: WebHost['host'];
let browser: Browser;
let web: WebHost;

beforeAll(async () => {
  web = await startWebHost('import', {
    prepare: async (client) => {
      await seedDatabase(client, { scenarios: 20, firms: 10, products: 10, seed: 4 });
    },
  });
  ({ host, browser } = web);
});

afterAll(() => web?.close());

const csv = (rows: string[][]) => {
  const header = [
    '序号',
    '场景名称',
    '发布单位',
    '所属领域',
    '应用领域',
    '所在区',
    '预算（万元）',
    '截止日期',
    '场景描述',
  ];
  return `\uFEFF${[header, ...rows].map((r) => r.join(',')).join('\r\n')}\r\n`;
};
const ROW1 = [
  '1',
  '社区养老智能看护',
  '武汉市交通运输局',
  '行业信息化',
  '社区服务',
  '江汉',
  '120',
  '2027/3/31',
  '独居老人跌倒检测',
];
const ROW2 = [
  '2',
  '公交客流分析平台',
  '武汉市交通运输局',
  '行业信息化',
  '智慧交通',
  '武昌',
  '300',
  '2027/3/31',
  '客流时空分析',
];

test('a bad row is named with its column; the corrected file imports with a progress bar', async () => {
  const bad = join(web.dir, 'bad.csv');
  const good = join(web.dir, 'good.csv');
  writeFileSync(bad, csv([ROW1, [...ROW2.slice(0, 5), '火星区', ...ROW2.slice(6)]]));
  writeFileSync(good, csv([ROW1, ROW2]));

  const page = await browser.newPage({ locale: 'zh-CN' });
  await signInPage(page, host.url, 'organizer@demo.scx', 'demo-organizer-2026');
  await page.getByRole('link', { name: '批量导入' }).click();

  await page.setInputFiles('input[name="file"]', bad);
  await page.getByRole('button', { name: '预览校验' }).click();
  await page.getByTestId('import-preview').waitFor();
  expect(await page.getByTestId('import-preview').textContent()).toContain('共 2 行：1 行可导入，1 行有错误');
  const err = page.getByTestId('row-error').first();
  expect(await err.textContent()).toContain('所在区');
  expect(await page.getByRole('button', { name: '确认导入' }).isDisabled()).toBe(true);

  await page.setInputFiles('input[name="file"]', good);
  await page.getByRole('button', { name: '预览校验' }).click();
  await page.getByText('共 2 行：2 行可导入，0 行有错误').waitFor();
  await page.getByRole('button', { name: '确认导入' }).click();
  await page.getByText('已导入 2 条（全部成功）').waitFor();
  const bar = page.getByTestId('import-progress');
  expect(await bar.getAttribute('value')).toBe(await bar.getAttribute('max'));
  await page.close();
});

test('the organizer’s dashboard shows targets, the conversion funnel and the split by domain, in both languages', async () => {
  const page = await browser.newPage({ locale: 'zh-CN' });
  await signInPage(page, host.url, 'organizer@demo.scx', 'demo-organizer-2026');
  await page.getByRole('link', { name: '数据驾驶舱' }).click();
  await page.getByTestId('funnel').waitFor();
  expect(await page.getByTestId('funnel').textContent()).toContain('已验收');
  expect(await page.getByTestId('by-domain').locator('rect').count()).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByText('Conversion: published → bids → award → acceptance').waitFor();
  await page.close();
});

test('the organizer opens a call with a target; a closing date before the opening is named on its field', async () => {
  const page = await browser.newPage({ locale: 'zh-CN' });
  await signInPage(page, host.url, 'organizer@demo.scx', 'demo-organizer-2026');
  await page.getByRole('link', { name: '征集批次' }).click();
  await page.fill('input[name="title"]', '2027年武汉市数字应用场景征集');
  await page.fill('input[name="year"]', '2027');
  await page.fill('input[name="opens"]', '2027-03-01');
  await page.fill('input[name="closes"]', '2027-01-31');
  await page.getByRole('button', { name: '创建并开始征集' }).click();
  await page.locator('.field-error').first().waitFor();
  await page.fill('input[name="closes"]', '2027-06-30');
  await page.getByRole('button', { name: '创建并开始征集' }).click();
  const call = page.getByTestId('call').filter({ hasText: '2027年武汉市数字应用场景征集' });
  // The card shows first; its progress (a second request) fills in after.
  await call.getByText('0 / 200').waitFor();
  expect(await call.textContent()).toContain('征集中');
  await page.close();
});
