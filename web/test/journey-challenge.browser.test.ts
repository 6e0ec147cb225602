import { createDb, newId, schema } from '@scx/db';
import { makeScenario } from '@scx/db/factories';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { makeAccount, signInPage, startWebHost, TEST_PASSWORD, type WebHost } from './browser.ts';

/**
 * Issue 7, journey 1, in one go and only in the browser: an agency drafts a 揭榜挂帅 challenge and submits it;
 * the organizer publishes it; two firms find it by search and bid; past the deadline the agency opens the
 * bids, the organizer draws the panel (the pool holds exactly three experts of the domain), the agency sets
 * the criteria and qualifies both bids; each expert scores and signs on /expert; the agency computes the
 * ranking and publishes the 公示; the runner-up reads its rank on 我的申报 and the public page shows the
 * notice with 专家1…3; past the objection window the agency awards the winner with a subsidy, and the
 * public page shows the award. Only the accounts (and the expert pool) are written before the run.
 */
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const PASSWORD = TEST_PASSWORD;
// The server's clock: the real time at first (so cookies behave), moved past the deadline and the window.
const T0 = Date.now();
let now = T0;
let host: WebHost['host'];
let browser: Browser;
let web: WebHost;

beforeAll(async () => {
  web = await startWebHost('journey1', { clock: () => new Date(now) });
  ({ host, browser } = web);
});

afterAll(() => web?.close());

/** A user (password PASSWORD) of a fresh approved organization, or of `orgId` with `role`. */
const account = (
  kind: 'agency' | 'firm' | 'organizer' | 'expert-body',
  name: string,
  o: { orgId?: string; role?: 'admin' | 'expert' } = {},
) => makeAccount(host, { kind, name, ...o });

/**
 * A page in its own browser context, signed in through the login form unless `email` is null. The page's
 * clock is the server's (the worklist offers the console for a published challenge past its deadline by
 * the device's clock); `moveClock` moves both.
 */
async function pageAs(email: string | null): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
  await context.clock.install({ time: now });
  const page = await context.newPage();
  if (email === null) return page;
  await signInPage(page, host.url, email, PASSWORD);
  return page;
}
const done = (page: Page) => page.context().close();
/** The server's clock and the open pages' clocks jump to `at`. */
async function moveClock(at: number, ...pages: Page[]) {
  now = at;
  for (const page of pages) await page.context().clock.setSystemTime(at);
}

/** Asia/Shanghai, as the console shows it. */
const shanghai = (ms: number) =>
  new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(ms));

const TITLE = '汉阳区老旧小区电梯困人智能预警揭榜挂帅';
const FIRM_A = '荆楚智梯科技有限公司';
const FIRM_B = '江夏物联技术有限公司';
const APPROACH = {
  [FIRM_A]: '毫米波雷达 + 轿厢视频识别 + 物联网网关，困人自动报警',
  [FIRM_B]: '加装运行状态采集终端，接入区级电梯监管平台',
} as const;
// challenge-standard: industry_impact 25, research_base 20, technical_indicators 30, implementation_plan 10,
// financial_soundness 15; no price score; pass mark 60. Each row is one expert's sheet.
const CODES = [
  'industry_impact',
  'research_base',
  'technical_indicators',
  'implementation_plan',
  'financial_soundness',
];
const POINTS_A = [
  [20, 16, 25, 8, 12], // 81
  [22, 17, 26, 8, 12], // 85
  [20, 16, 25, 8, 13], // 82
];
const POINTS_B = [
  [15, 12, 20, 6, 9], // 62
  [16, 12, 20, 6, 9], // 63
  [14, 12, 20, 6, 9], // 61
];

test('journey 1: a challenge from the draft to the award, every step in the browser', async () => {
  // Before the run: the accounts, three experts of the domain (the whole pool, so the draw is known), and
  // one other published scenario in the hall for the search to leave out.
  const agency = await account('agency', '汉阳区住房和城市更新局');
  const organizer = await account('organizer', '武汉市科学技术局');
  const firmA = await account('firm', FIRM_A);
  const firmB = await account('firm', FIRM_B);
  const body = await account('expert-body', '华中科技大学', { role: 'expert' });
  const expertAccounts = [
    body,
    await account('expert-body', '华中科技大学', { orgId: body.orgId, role: 'expert' }),
    await account('expert-body', '华中科技大学', { orgId: body.orgId, role: 'expert' }),
  ];
  const db = createDb(host.client);
  for (const [i, e] of expertAccounts.entries())
    await db.insert(schema.experts).values({
      id: newId(),
      userId: e.userId,
      name: `专家甲${i + 1}`,
      employerName: '华中科技大学',
      domains: ['industry-it'],
    });
  const other = await makeScenario(db, {
    issuerId: agency.orgId,
    kind: 'scenario',
    title: '东湖高新区智慧停车诱导场景',
    domain: 'internet-services',
    status: 'published',
    publishedAt: new Date(T0 - DAY).toISOString(),
    deadline: new Date(T0 + 30 * DAY).toISOString(),
  });

  // The deadline: the end of the day after tomorrow in Beijing time.
  const deadlineDay = new Date(T0 + 2 * DAY + 8 * HOUR).toISOString().slice(0, 10);
  const deadline = Date.parse(`${deadlineDay}T23:59:59+08:00`);

  // 1. The agency drafts the challenge in its workspace and submits it for review.
  const ag = await pageAs(agency.email);
  await ag.getByRole('link', { name: '工作台' }).click();
  await ag.selectOption('select[name="kind"]', 'challenge');
  await ag.fill('input[name="title"]', TITLE);
  await ag.selectOption('select[name="domain"]', 'industry-it');
  await ag.selectOption('select[name="area"]', 'community');
  await ag.selectOption('select[name="district"]', 'hanyang');
  await ag.getByRole('button', { name: '创建草稿' }).click();
  await ag.waitForURL(/\/workspace\/[0-9A-Z]{26}$/);
  const id = ag.url().split('/').pop() ?? '';
  expect(await ag.getByRole('heading', { level: 1 }).textContent()).toBe(TITLE);
  expect(await ag.locator('.meta').first().textContent()).toContain('草稿');
  await ag.fill('textarea[name="summary"]', '老旧小区电梯运行状态实时监测，困人故障自动预警并联动救援');
  await ag.fill('textarea[name="problem"]', '老旧电梯故障多、维保难监管，困人事件响应慢');
  await ag.fill('input[name="budgetWan"]', '300');
  await ag.fill('input[name="deadline"]', deadlineDay);
  await ag.getByRole('button', { name: '添加指标' }).click();
  await ag.fill('input[name="kpi0.name"]', '困人救援响应时间');
  await ag.fill('input[name="kpi0.target"]', '≤15分钟');
  await ag.getByText('已自动保存').waitFor();
  await ag.getByRole('button', { name: '提交审核' }).click();
  await ag.waitForURL(/\/workspace$/);
  const mine = ag.getByTestId('worklist-row').filter({ hasText: TITLE });
  await mine.getByText('待审核').waitFor();
  expect(await mine.textContent()).toContain(deadlineDay.replaceAll('-', '/'));

  // 2. The organizer publishes it from the review queue.
  const org = await pageAs(organizer.email);
  await org.getByRole('link', { name: '工作台' }).click();
  const queued = org.getByTestId('worklist-row').filter({ hasText: TITLE });
  await queued.getByText('待审核').waitFor();
  await queued.getByRole('button', { name: '发布' }).click();
  await queued.waitFor({ state: 'detached' });

  // 3. Each firm finds it by searching the hall, opens it and submits a sealed bid.
  const bidders: Page[] = [];
  for (const [firm, price, approach] of [
    [firmA, '280', APPROACH[FIRM_A]],
    [firmB, '265', APPROACH[FIRM_B]],
  ] as const) {
    const f = await pageAs(firm.email);
    bidders.push(f);
    await f.getByRole('link', { name: '场景大厅' }).click();
    await f.getByRole('link', { name: other.title }).waitFor();
    await f.fill('input[type="search"], input[name="q"]', '电梯');
    await f.getByRole('button', { name: '搜索' }).click();
    await f.getByRole('link', { name: other.title }).waitFor({ state: 'detached' });
    await f.getByRole('link', { name: TITLE }).click();
    const detail = f.getByTestId('scenario-detail');
    await detail.waitFor();
    expect(await detail.textContent()).toContain('困人救援响应时间');
    expect(await detail.textContent()).toContain('300');
    await f.getByRole('button', { name: '我要揭榜 / 投标' }).click();
    await f.waitForURL(/\/bids\/[0-9A-Z]{26}$/);
    await f.fill('input[name="priceWan"]', price);
    await f.fill('textarea[name="approach"]', approach);
    await f.getByRole('button', { name: '提交申报' }).click();
    await f.getByText('已提交（截止前密封）').waitFor();
  }
  const [fa, fb] = bidders as [Page, Page];
  await done(fa);

  // 4. The deadline passes; the agency reaches the console from its worklist and opens the bids (开标).
  await moveClock(deadline + HOUR, ag, org, fb);
  await ag.reload();
  await ag
    .getByTestId('worklist-row')
    .filter({ hasText: TITLE })
    .getByRole('link', { name: '评审与定标 →' })
    .click();
  await ag.waitForURL(new RegExp(`/workspace/${id}/evaluation$`));
  await ag.getByRole('heading', { name: '评审与定标' }).waitFor();
  await ag.getByRole('button', { name: '开标', exact: true }).click();
  await ag.getByTestId('opened-bid').nth(1).waitFor();
  expect(await ag.getByTestId('ev-status').textContent()).toBe('已开标 2 份投标');
  for (const [firm, price] of [
    [FIRM_A, '280'],
    [FIRM_B, '265'],
  ]) {
    const cells = await ag
      .getByTestId('opened-bid')
      .filter({ hasText: firm })
      .locator('td')
      .allTextContents();
    expect(cells.slice(0, 2)).toEqual([price, '独立投标']);
  }

  // 5. The organizer draws the panel of three: the pool is exactly the three experts of the domain.
  await org.selectOption('select[name="worklistStatus"]', 'bidding_closed');
  await org
    .getByTestId('worklist-row')
    .filter({ hasText: TITLE })
    .getByRole('link', { name: '评审与定标 →' })
    .click();
  await org.waitForURL(new RegExp(`/workspace/${id}/evaluation$`));
  await org.fill('input[name="panelSize"]', '3');
  await org.getByRole('button', { name: '随机抽取专家' }).click();
  await org.getByTestId('panel-member').nth(2).waitFor();
  expect(await org.getByTestId('ev-status').textContent()).toContain('已抽取 3 名专家');
  expect((await org.getByTestId('panel-member').locator('th').allTextContents()).sort()).toEqual([
    '专家甲1',
    '专家甲2',
    '专家甲3',
  ]);
  expect(await org.getByTestId('panel-member').filter({ hasText: '在组' }).count()).toBe(3);
  await done(org);

  // The agency sets the criteria (the challenge template as it is) and qualifies both bids.
  await ag.reload();
  const form = ag.getByTestId('criteria-form');
  await form.waitFor();
  expect(await form.locator('select[name="template"]').inputValue()).toBe('challenge-standard');
  expect(await ag.getByTestId('weight-sum').textContent()).toBe('合计 100 / 100');
  await ag.getByRole('button', { name: '保存评审标准' }).click();
  await ag.getByTestId('criteria').waitFor();
  expect(await ag.getByTestId('ev-status').textContent()).toBe('评审标准已保存');
  expect(await ag.getByTestId('step-criteria').textContent()).toContain('入围分数线: 60');
  for (const firm of [FIRM_A, FIRM_B]) {
    const row = ag.getByTestId('qualification-row').filter({ hasText: firm });
    await row.locator('input[name="qualReason"]').fill('营业执照、资质与承诺函齐全');
    await row.getByRole('button', { name: '记录审查结果' }).click();
    await ag
      .getByTestId('qualification-row')
      .filter({ hasText: firm })
      .filter({ hasText: '审查通过' })
      .waitFor();
  }

  // 6. Each expert signs in, opens 评审任务, scores both bids and signs.
  for (const [i, e] of expertAccounts.entries()) {
    const ex = await pageAs(e.email);
    await ex.getByRole('link', { name: '评审任务' }).click();
    const card = ex.getByTestId('assignment').filter({ hasText: TITLE });
    await card.waitFor();
    expect(await card.textContent()).toContain('已完成 0/2 份评分表');
    await card.getByRole('link', { name: TITLE }).click();
    await ex.waitForURL(new RegExp(`/expert/${id}$`));
    await expect.poll(() => ex.getByTestId('independence').textContent()).toContain('其他专家的评分不可见');
    for (const [firm, points] of [
      [FIRM_A, POINTS_A[i] ?? []],
      [FIRM_B, POINTS_B[i] ?? []],
    ] as const) {
      const sheet = ex.getByTestId('bid-sheet').filter({ hasText: firm });
      // The firm's proposal is on the sheet.
      expect(await sheet.locator('.proposal').first().textContent()).toBe(APPROACH[firm]);
      for (const [k, code] of CODES.entries())
        await sheet.locator(`input[name="points.${code}"]`).fill(String(points[k]));
      await sheet.locator('textarea[name="comment.technical_indicators"]').fill('承诺指标优于榜单要求');
      await sheet.getByRole('button', { name: '保存评分' }).click();
      await sheet.getByText('已完成', { exact: true }).waitFor();
    }
    await ex.getByText('已完成 2/2 份评分表').waitFor();
    await ex.getByRole('button', { name: '签字确认' }).click();
    await ex.getByTestId('signed').waitFor();
    expect(await ex.getByTestId('signatures').textContent()).toMatch(/专家\d（我） 已签字/);
    if (i === expertAccounts.length - 1) {
      // The last signature opens everyone's points, by 专家n only.
      await ex.getByTestId('all-scores').waitFor();
      const all = await ex.getByTestId('all-scores').textContent();
      for (const alias of ['专家1', '专家2', '专家3']) expect(all).toContain(alias);
      expect(all).not.toContain('专家甲');
    }
    await done(ex);
  }

  // 7. The agency computes the ranking (criterion means over the three sheets) and publishes the 公示.
  await ag.reload();
  await ag.getByText('全部专家已签名').waitFor();
  await ag.getByRole('button', { name: '计算综合得分与排名' }).click();
  const ranking = ag.getByTestId('ranking-row');
  await ranking.nth(1).waitFor();
  expect(await ag.getByTestId('ev-status').textContent()).toContain('排名已计算');
  expect(await ranking.nth(0).locator('th').textContent()).toBe(FIRM_A);
  expect(await ranking.nth(0).locator('td').allTextContents()).toEqual([
    '1',
    '280',
    '0',
    '20.67',
    '16.33',
    '25.33',
    '8',
    '12.33',
    '82.67',
    '入围',
  ]);
  expect(await ranking.nth(1).locator('th').textContent()).toBe(FIRM_B);
  expect(await ranking.nth(1).locator('td').allTextContents()).toEqual([
    '2',
    '265',
    '0',
    '15',
    '12',
    '20',
    '6',
    '9',
    '62',
    '入围',
  ]);
  const publishedAt = now;
  await ag.getByRole('button', { name: '发布公示' }).click();
  await ag.getByTestId('notice').waitFor();
  expect(await ag.getByTestId('ev-status').textContent()).toBe('公示已发布');
  // A challenge's objection window: seven days.
  const objectionsUntil = publishedAt + 7 * DAY;
  expect(await ag.getByTestId('notice-window').textContent()).toBe(
    `异议截止：${shanghai(objectionsUntil)}（北京时间）`,
  );
  // Awarding now is refused by the server: the window is still open.
  await ag.getByRole('button', { name: '确认定标' }).click();
  await ag.getByTestId('step-award').getByRole('alert').waitFor();
  expect(await ag.getByTestId('step-award').getByRole('alert').textContent()).toContain(
    'objection window is open',
  );
  expect(await ag.getByTestId('award').count()).toBe(0);

  // 8. The runner-up reads its rank on 我的申报; the public page shows the notice with 专家1…3.
  await fb.getByRole('link', { name: '我的申报' }).click();
  const result = fb.getByTestId('my-bid').filter({ hasText: TITLE }).getByTestId('my-result');
  await result.waitFor();
  expect(await result.textContent()).toContain('公示中（异议期） · 第 2 名 · 总分 62');
  await done(fb);

  const visitor = await pageAs(null);
  await visitor.goto(`${host.url}/scenarios/${id}`);
  const notice = visitor.getByTestId('notice');
  await notice.waitFor();
  expect(await notice.getByRole('heading', { name: '评审结果公示' }).count()).toBe(1);
  expect(await visitor.getByTestId('notice-status').textContent()).toBe('公示中（异议期）');
  const rows = visitor.getByTestId('notice-row');
  expect(await rows.count()).toBe(2);
  expect(await rows.nth(0).textContent()).toContain(FIRM_A);
  expect(await rows.nth(0).textContent()).toContain('82.67');
  expect(await rows.nth(1).textContent()).toContain(FIRM_B);
  const experts = await visitor.getByTestId('notice-experts').textContent();
  for (const alias of ['专家1', '专家2', '专家3']) expect(experts).toContain(alias);
  expect(experts).not.toContain('专家甲');
  expect(await visitor.getByTestId('awards').count()).toBe(0);
  await done(visitor);

  // 9. Past the objection window the agency awards the winner: a subsidy above the amount is refused on its
  // field (no other subsidy rule on this challenge), then 50 万元 of 280 万元 goes through.
  // The sign-in of the first day has lapsed by then (seven days): the agency signs in again.
  await moveClock(objectionsUntil + 60_000);
  await done(ag);
  const agLater = await pageAs(agency.email);
  await agLater.getByRole('link', { name: '工作台' }).click();
  await agLater
    .getByTestId('worklist-row')
    .filter({ hasText: TITLE })
    .getByRole('link', { name: '评审与定标 →' })
    .click();
  const award = agLater.getByTestId('award-row');
  await award.first().waitFor();
  expect(await award.count()).toBe(1);
  expect(await award.locator('legend').textContent()).toBe(`1. ${FIRM_A}（82.67）`);
  expect(await award.locator('input[name="amount.0"]').inputValue()).toBe('280');
  await award.locator('input[name="subsidy.0"]').fill('300');
  await agLater.getByRole('button', { name: '确认定标' }).click();
  await award.locator('.field-error').waitFor();
  expect(await award.locator('.field-error').textContent()).toContain('must not exceed the award amount');
  await award.locator('input[name="subsidy.0"]').fill('50');
  await agLater.getByRole('button', { name: '确认定标' }).click();
  const awarded = agLater.getByTestId('award');
  await awarded.waitFor();
  expect(await agLater.getByTestId('ev-status').textContent()).toBe('已定标');
  expect(await awarded.locator('th').textContent()).toBe(FIRM_A);
  expect(await awarded.textContent()).toContain('280 万元');
  expect(await awarded.textContent()).toContain('50 万元');
  await done(agLater);

  const visitor2 = await pageAs(null);
  await visitor2.goto(`${host.url}/scenarios/${id}`);
  const awards = visitor2.getByTestId('awards');
  await awards.waitFor();
  expect(await awards.textContent()).toBe(`排名 1 · ${FIRM_A} · 金额 280 万元 · 奖补 50 万元`);
  expect(await visitor2.getByTestId('notice-status').textContent()).toBe('公示结束，结果确定');
  await done(visitor2);
}, 240_000);
