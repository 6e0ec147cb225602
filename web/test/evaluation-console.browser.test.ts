import { join } from 'node:path';
import { BUILTIN_TEMPLATES } from '@scx/core';
import { createDb } from '@scx/db';
import { makeScenario } from '@scx/db/factories';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { makeAccount, signInPage, startWebHost, TEST_PASSWORD, type WebHost } from './browser.ts';

/**
 * Journey 1, second half, in the browser: after the deadline the agency opens the bids, the organizer draws
 * the panel and replaces a member, the agency sets the criteria (a bad weight is named by the server) and
 * reviews qualification; the experts score through the API (their own page is elsewhere); the agency
 * computes the ranking, accepts an abnormally low price's explanation and computes again, publishes the
 * 公示, answers an objection, awards with a subsidy (one above the cap is refused on its field), adds and
 * completes a milestone and records the acceptance. Then English, and the expert pool.
 */
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// The server's clock, moved by the test: bids go in two hours ago (deadline one hour ago), then it is the
// real time, so the browser's clock agrees the deadline has passed.
let now = Date.now() - 2 * HOUR;
let host: WebHost['host'];
let browser: Browser;
let web: WebHost;
const PASSWORD = TEST_PASSWORD;

beforeAll(async () => {
  web = await startWebHost('evaluation', { clock: () => new Date(now) });
  ({ host, browser } = web);
});

afterAll(() => web?.close());

/** An approved organization with one user (password PASSWORD); returns its id and the user's. */
const account = (
  org: {
    kind: 'agency' | 'firm' | 'organizer' | 'expert-body';
    name: string;
    size?: 'large' | 'medium' | 'small' | 'micro';
  },
  role: 'admin' | 'expert' = 'admin',
  orgId?: string,
) => makeAccount(host, { ...org, role, ...(orgId ? { orgId } : {}) });

/** An API session (cookie + CSRF) for setting the scene. */
async function apiAs(email: string) {
  const res = await fetch(`${host.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  expect(res.status).toBe(200);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  // Scene-setting answers: most are read for their id; other shapes are named at the call.
  return async <T = { id: string }>(method: string, path: string, body?: unknown): Promise<T> => {
    const r = await fetch(host.url + path, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
    return (await r.json()) as T;
  };
}

async function pageAs(email: string): Promise<Page> {
  const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
  await signInPage(page, host.url, email, PASSWORD);
  return page;
}

/** Asia/Shanghai, as the page shows it. */
const shanghai = (iso: string) =>
  new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(iso));

/** Screenshots for a look by eye, only when SCX_SCREENSHOT_DIR names a directory. */
async function shot(page: Page, name: string) {
  const out = process.env.SCX_SCREENSHOT_DIR;
  if (out) await page.screenshot({ path: join(out, `${name}.png`), fullPage: true });
}

const TITLE = '城市道路病害智能识别揭榜挂帅';
const CODES = [
  'industry_impact',
  'research_base',
  'technical_indicators',
  'implementation_plan',
  'financial_soundness',
];
const sheet = (points: number[]) => ({
  scores: CODES.map((criterion, i) => ({ criterion, points: points[i], comment: `依据第${i + 1}项材料` })),
});

test('the agency and the organizer take a challenge from the opening to acceptance in the browser', async () => {
  // The tenant: an agency's challenge (two winners, subsidy 10 % of the investment up to 100 万元, a
  // one-day notice), four firms
  // (X leads a consortium with P; Z bids abnormally low; W will fail qualification), four experts with
  // accounts and one employed by firm Y (recused).
  const agency = await account({ kind: 'agency', name: '武汉市城市管理执法委员会' });
  const organizer = await account({ kind: 'organizer', name: '武汉市经济和信息化局' });
  const x = await account({ kind: 'firm', name: '光谷视觉科技有限公司', size: 'medium' });
  const y = await account({ kind: 'firm', name: '江城数智信息技术有限公司', size: 'small' });
  const z = await account({ kind: 'firm', name: '汉阳路信工程技术有限公司', size: 'large' });
  const wFirm = await account({ kind: 'firm', name: '黄鹤软件股份有限公司', size: 'large' });
  const partner = await account({ kind: 'firm', name: '东湖遥感数据服务有限公司', size: 'micro' });
  const body = await account({ kind: 'expert-body', name: '武汉大学' });
  const experts = [];
  for (let i = 0; i < 4; i++)
    experts.push(await account({ kind: 'expert-body', name: '武汉大学' }, 'expert', body.orgId));
  const deadline = new Date(now + HOUR).toISOString();
  const scenario = await makeScenario(createDb(host.client), {
    issuerId: agency.orgId,
    kind: 'challenge',
    title: TITLE,
    domain: 'industry-it',
    procurementType: 'services',
    budgetFen: 500 * 1_000_000,
    subsidyFen: 100 * 1_000_000,
    winnersMax: 2,
    consortiumAllowed: true,
    deadline,
    // 湖北-style subsidy rule: 10 % of the total investment, at most 100 万元.
    rules: { noticeDays: 1, subsidyRate: 0.1, subsidyCapFen: 100 * 1_000_000 },
    kpis: [{ name: '病害识别准确率', target: '≥95%' }],
  });
  const id = scenario.id;

  const asX = await apiAs(x.email);
  const asY = await apiAs(y.email);
  const asZ = await apiAs(z.email);
  const asPartner = await apiAs(partner.email);
  const bidX = (
    await asX('POST', `/api/v1/scenarios/${id}/bids`, {
      priceFen: 400 * 1_000_000,
      partners: [{ firmId: partner.orgId, shareBp: 3000 }],
    })
  ).id;
  await asPartner('POST', `/api/v1/bids/${bidX}/confirm`);
  await asX('POST', `/api/v1/bids/${bidX}/transitions`, { action: 'submit' });
  const bidY = (await asY('POST', `/api/v1/scenarios/${id}/bids`, { priceFen: 450 * 1_000_000 })).id;
  await asY('POST', `/api/v1/bids/${bidY}/transitions`, { action: 'submit' });
  const bidZ = (await asZ('POST', `/api/v1/scenarios/${id}/bids`, { priceFen: 250 * 1_000_000 })).id;
  await asZ('POST', `/api/v1/bids/${bidZ}/transitions`, { action: 'submit' });
  const asW = await apiAs(wFirm.email);
  const bidW = (await asW('POST', `/api/v1/scenarios/${id}/bids`, { priceFen: 420 * 1_000_000 })).id;
  await asW('POST', `/api/v1/bids/${bidW}/transitions`, { action: 'submit' });

  const asOrganizer = await apiAs(organizer.email);
  const accountOf = new Map<string, (typeof experts)[number]>();
  for (const [i, e] of experts.entries()) {
    const created = await asOrganizer('POST', '/api/v1/experts', {
      name: `专家甲${i + 1}`,
      domains: ['industry-it'],
      userId: e.userId,
    });
    accountOf.set(created.id, e);
  }
  await asOrganizer('POST', '/api/v1/experts', {
    name: '专家乙',
    domains: ['industry-it'],
    employerOrgId: y.orgId,
    employerName: '江城数智信息技术有限公司',
  });
  now += 2 * HOUR;

  // 1. 开标: from the workspace list to the console; the opened bids with price, consortium and size.
  const ag = await pageAs(agency.email);
  await ag.getByRole('link', { name: '工作台' }).click();
  // Still published, but past its deadline: the editor links the console.
  await ag.getByTestId('worklist-row').filter({ hasText: TITLE }).getByRole('link', { name: TITLE }).click();
  await ag.getByRole('link', { name: '评审与定标 →' }).click();
  await ag.waitForURL(new RegExp(`/workspace/${id}/evaluation$`));
  await ag.getByRole('heading', { name: '评审与定标' }).waitFor();
  await ag.getByRole('button', { name: '开标', exact: true }).click();
  await ag.getByTestId('opened-bid').nth(2).waitFor();
  expect(await ag.getByTestId('ev-status').textContent()).toBe('已开标 4 份投标');
  const rowX = ag.getByTestId('opened-bid').filter({ hasText: '光谷视觉科技有限公司' });
  expect(await rowX.textContent()).toContain('400');
  expect(await rowX.textContent()).toContain('东湖遥感数据服务有限公司');
  expect(await rowX.textContent()).toContain('中型');
  expect(await ag.getByTestId('opened-bid').filter({ hasText: '江城数智' }).textContent()).toContain(
    '独立投标',
  );

  // The worklist now offers the console for the closed challenge.
  await ag.goto(`${host.url}/workspace`);
  await ag
    .getByTestId('worklist-row')
    .filter({ hasText: TITLE })
    .getByRole('link', { name: '评审与定标 →' })
    .click();
  await ag.waitForURL(new RegExp(`/workspace/${id}/evaluation$`));

  // 3. The organizer draws the panel (seeded, three of the four eligible); the expert employed by a bidder
  // is recused with the reason; then seat 1 is replaced by the expert left out.
  const org = await pageAs(organizer.email);
  await org.goto(`${host.url}/workspace/${id}/evaluation`);
  await org.fill('input[name="panelSeed"]', 'browser-journey');
  await org.getByRole('button', { name: '随机抽取专家' }).click();
  await org.getByTestId('panel-member').nth(2).waitFor();
  expect(await org.getByTestId('ev-status').textContent()).toContain('已抽取 3 名专家');
  expect(await org.getByTestId('recused').textContent()).toContain('专家乙：employed by a bidding firm');
  const first = org.getByTestId('panel-member').first();
  const replacedName = await first.locator('th').textContent();
  await first.getByRole('button', { name: '替换' }).click();
  await first.locator('input[name="replaceReason"]').fill('临时出差，无法参加评审');
  await first.getByRole('button', { name: '替换' }).click();
  await org.getByTestId('panel-member').nth(3).waitFor();
  expect(await org.getByTestId('ev-status').textContent()).toBe('已替换席位 1');
  const replaced = org.getByTestId('panel-member').filter({ hasText: '已替换' });
  expect(await replaced.locator('th').textContent()).toBe(replacedName);
  expect(await replaced.textContent()).toContain('临时出差，无法参加评审');
  expect(await org.getByTestId('panel-member').filter({ hasText: '在组' }).count()).toBe(3);
  const members = await org.getByTestId('panel').textContent();
  for (const n of ['专家甲1', '专家甲2', '专家甲3', '专家甲4']) expect(members).toContain(n);
  // The organizer's worklist lists scenarios under evaluation too, each with its console.
  await org.getByRole('link', { name: '工作台' }).click();
  await org.selectOption('select[name="worklistStatus"]', 'under_evaluation');
  await org
    .getByTestId('worklist-row')
    .filter({ hasText: TITLE })
    .getByRole('link', { name: '评审与定标 →' })
    .click();
  await org.waitForURL(new RegExp(`/workspace/${id}/evaluation$`));
  await org.getByTestId('panel').waitFor();

  // 2. Criteria: weights that do not sum to 100 are named by the server; then the template as it is.
  await ag.reload();
  const form = ag.getByTestId('criteria-form');
  await form.waitFor();
  expect(await form.locator('select[name="template"]').inputValue()).toBe('challenge-standard');
  const impact = ag.locator('input[name="weight.industry_impact"]');
  const original = await impact.inputValue();
  await impact.fill(String(Number(original) + 5));
  expect(await ag.getByTestId('weight-sum').textContent()).toBe('合计 105 / 100');
  await ag.getByRole('button', { name: '保存评审标准' }).click();
  await ag.getByTestId('criteria-error').waitFor();
  expect(await ag.getByTestId('criteria-error').textContent()).toContain('not 100');
  await shot(ag, 'evaluation-criteria');
  await impact.fill(original);
  await ag.getByRole('button', { name: '保存评审标准' }).click();
  await ag.getByTestId('criteria').waitFor();
  const challenge = BUILTIN_TEMPLATES.find((t) => t.id === 'challenge-standard');
  const firstCriterion = challenge?.criteria[0];
  expect(await ag.getByTestId('criteria').textContent()).toContain(firstCriterion?.guidance.zh ?? '—');
  expect(await ag.getByTestId('step-criteria').textContent()).toContain('入围分数线: 60');

  // 4. Qualification with written reasons: X, Y and Z pass, W fails.
  for (const [firm, pass] of [
    ['光谷视觉科技有限公司', true],
    ['江城数智信息技术有限公司', true],
    ['汉阳路信工程技术有限公司', true],
    ['黄鹤软件股份有限公司', false],
  ] as const) {
    const row = ag.getByTestId('qualification-row').filter({ hasText: firm });
    if (!pass) await row.getByLabel('不通过').check();
    await row.locator('input[name="qualReason"]').fill(pass ? '资格条件齐全' : '未提供等保测评资质');
    await row.getByRole('button', { name: '记录审查结果' }).click();
    await ag
      .getByTestId('qualification-row')
      .filter({ hasText: firm })
      .filter({ hasText: pass ? '审查通过' : '审查不通过' })
      .waitFor();
  }

  // Scoring happens on the experts' own page; here through the API by the seated members: X 81, Y 62,
  // Z 40 (pass mark 60).
  const seated = (
    (await asOrganizer<{ panel: { members: unknown } }>('GET', `/api/v1/scenarios/${id}/panel`)).panel
      .members as {
      expertId: string;
      seat: number;
      status: string;
    }[]
  ).filter((m) => m.status === 'active');
  expect(seated).toHaveLength(3);
  for (const m of seated) {
    const as = await apiAs(accountOf.get(m.expertId)?.email ?? '');
    await as('PUT', `/api/v1/scenarios/${id}/score-sheets/${bidX}`, sheet([20, 16, 25, 8, 12]));
    await as('PUT', `/api/v1/scenarios/${id}/score-sheets/${bidY}`, sheet([15, 12, 20, 6, 9]));
    await as('PUT', `/api/v1/scenarios/${id}/score-sheets/${bidZ}`, sheet([10, 10, 10, 5, 5]));
    await as('POST', `/api/v1/scenarios/${id}/score-sheets/sign`);
  }

  // 5–6. Every expert has signed; the agency computes the ranking.
  await ag.reload();
  await ag.getByText('全部专家已签名').waitFor();
  await ag.getByRole('button', { name: '计算综合得分与排名' }).click();
  await ag.getByTestId('ranking-row').nth(1).waitFor();
  const ranking = ag.getByTestId('ranking-row');
  expect(await ranking.nth(0).locator('th').textContent()).toBe('光谷视觉科技有限公司');
  expect(await ranking.nth(0).getByTestId('total').textContent()).toBe('81');
  expect(await ranking.nth(1).locator('th').textContent()).toBe('江城数智信息技术有限公司');
  expect(await ranking.nth(1).getByTestId('total').textContent()).toBe('62');
  expect(await ranking.nth(0).textContent()).toContain('入围');
  const cells = await ranking.nth(0).locator('td').allTextContents();
  // X's evaluated price carries the 5 % deduction of a consortium with a micro partner (400 → 380).
  expect(cells).toEqual(['1', '380', '0', '20', '16', '25', '8', '12', '81', '入围']);
  expect(await ag.getByTestId('report-text').getAttribute('href')).toBe(
    `/api/v1/scenarios/${id}/evaluation/report?format=text`,
  );
  expect(await ag.getByTestId('ev-status').textContent()).toContain('排名已计算');

  // Z's price (250 万元) is abnormally low: it stays out of the ranking until its explanation is accepted.
  const lowPrice = ag.getByTestId('low-price');
  expect(await lowPrice.textContent()).toContain('汉阳路信工程技术有限公司');
  expect(await ranking.count()).toBe(2);
  // Nothing to accept before the firm explains; then the agency reads the explanation before accepting it.
  expect(await lowPrice.textContent()).toContain('企业尚未提交书面说明');
  expect(await lowPrice.getByRole('button', { name: '接受低价说明' }).count()).toBe(0);
  await asZ('POST', `/api/v1/bids/${bidZ}/low-price-explanation`, {
    explanation: '自有病害识别算法与既有巡检车辆复用，实施成本低',
  });
  await ag.reload();
  await lowPrice.getByText('自有病害识别算法与既有巡检车辆复用，实施成本低').waitFor();
  await lowPrice.getByRole('button', { name: '接受低价说明' }).click();
  await ag.getByTestId('ev-status').filter({ hasText: '已接受低价说明' }).waitFor();
  await ag.getByRole('button', { name: '计算综合得分与排名' }).click();
  await ag.getByTestId('ranking-row').nth(2).waitFor();
  const third = await ag.getByTestId('ranking-row').nth(2).textContent();
  expect(third).toContain('汉阳路信工程技术有限公司');
  expect(third).toContain('40');
  expect(third).toContain('异常低价');
  expect(third).toContain('未达分数线');
  expect(await ranking.nth(0).locator('th').textContent()).toBe('光谷视觉科技有限公司');

  // A re-score request withdraws 专家3's signature; once signed again, the ranking is computed again.
  await ag.selectOption('select[name="rescoreSeat"]', '3');
  await ag.fill('input[name="rescoreReason"]', '技术指标评分理由不充分');
  await ag.getByRole('button', { name: '要求重新评分' }).click();
  await ag.getByTestId('signed-count').filter({ hasText: '已签名 2 / 3' }).waitFor();
  expect(await ag.getByTestId('ev-status').textContent()).toBe('已要求席位 3 重新评分');
  const seat3 = seated.find((m) => m.seat === 3);
  const asSeat3 = await apiAs(accountOf.get(seat3?.expertId ?? '')?.email ?? '');
  await asSeat3('POST', `/api/v1/scenarios/${id}/score-sheets/sign`);
  await ag.reload();
  await ag.getByText('全部专家已签名').waitFor();
  await ag.getByRole('button', { name: '计算综合得分与排名' }).click();
  await ag.getByTestId('ev-status').filter({ hasText: '排名已计算' }).waitFor();
  expect(await ranking.count()).toBe(3);

  // 7. 公示: the objection window (one day here) ends at the time shown in Beijing time.
  await ag.getByRole('button', { name: '发布公示' }).click();
  await ag.getByTestId('notice').waitFor();
  const notice = (await asOrganizer<{ notice: unknown }>('GET', `/api/v1/scenarios/${id}/notice`)).notice as {
    id: string;
    publishedAt: string;
    objectionsUntil: string;
  };
  expect(Date.parse(notice.objectionsUntil) - Date.parse(notice.publishedAt)).toBe(DAY);
  expect(await ag.getByTestId('notice-window').textContent()).toBe(
    `异议截止：${shanghai(notice.objectionsUntil)}（北京时间）`,
  );

  // An objection from firm Y (through the API); the agency rejects it with an answer.
  await asY('POST', `/api/v1/notices/${notice.id}/objections`, { bidId: bidY, text: '对技术指标评分有异议' });
  await ag.reload();
  const objection = ag.getByTestId('objection');
  await objection.waitFor();
  expect(await objection.textContent()).toContain('对技术指标评分有异议');
  await objection.locator('select[name="decision"]').selectOption('rejected');
  await objection.locator('textarea[name="answer"]').fill('经复核，评分符合评审标准');
  await objection.getByRole('button', { name: '答复' }).click();
  await ag.getByTestId('objection').filter({ hasText: '异议不成立' }).waitFor();

  // 8. After the window: a subsidy above the rule's limit (10 % of the amount, 40 万元, when no investment is
  // given) is refused on its field; with the total investment (1,000 万元) it fits, and X is awarded.
  now += DAY + 60_000;
  await ag.reload();
  const award = ag.getByTestId('award-row').first();
  await award.waitFor();
  expect(await ag.getByTestId('award-form').textContent()).toContain('奖补上限：100 万元');
  expect(await ag.getByTestId('award-form').textContent()).toContain('奖补不超过投资额的 10%');
  expect(await award.locator('input[name="amount.0"]').inputValue()).toBe('400');
  await award.locator('input[name="subsidy.0"]').fill('80');
  await ag.getByRole('button', { name: '确认定标' }).click();
  const subsidyError = award.locator('.field-error');
  await subsidyError.waitFor();
  expect(await subsidyError.textContent()).toContain('must not exceed 40000000 fen');
  await shot(ag, 'evaluation-award');
  await award.locator('input[name="investment.0"]').fill('1000');
  await ag.getByRole('button', { name: '确认定标' }).click();
  const awarded = ag.getByTestId('award');
  await awarded.waitFor();
  expect(await awarded.textContent()).toContain('光谷视觉科技有限公司');
  expect(await awarded.textContent()).toContain('400 万元');
  expect(await awarded.textContent()).toContain('80 万元');

  // 9. Delivery: a milestone added and met; the winner's KPI report; 验收 passed.
  const due = new Date(now + 60 * DAY).toISOString().slice(0, 10);
  await ag.fill('input[name="milestoneTitle"]', '原型系统上线');
  await ag.fill('input[name="milestoneDue"]', due);
  await ag.getByRole('button', { name: '添加里程碑' }).click();
  const milestone = ag.getByTestId('milestone').filter({ hasText: '原型系统上线' });
  await milestone.waitFor();
  expect(await milestone.textContent()).toContain('计划中');
  await milestone.getByRole('button', { name: '确认完成' }).click();
  await ag.getByTestId('milestone').filter({ hasText: '按期完成' }).waitFor();
  const awardId = (await asX<{ items: { id: string }[] }>('GET', `/api/v1/scenarios/${id}/awards`)).items[0]
    ?.id;
  await asX('POST', `/api/v1/awards/${awardId}/kpi-reports`, {
    kpi: '病害识别准确率',
    value: '96.4%',
    met: true,
  });
  await ag.reload();
  await ag.getByText('96.4%').waitFor();
  const acceptance = ag.getByTestId('acceptance-form');
  await acceptance.locator('textarea[name="acceptanceNote"]').fill('各项指标达标，同意验收');
  await acceptance.getByRole('button', { name: '记录验收结论' }).click();
  await ag.getByTestId('award').filter({ hasText: '验收通过' }).waitFor();
  await ag.getByTestId('acceptance-form').waitFor({ state: 'detached' });
  expect(await ag.locator('.ev-scenario').textContent()).toContain('已验收');
  await shot(ag, 'evaluation-final');
  await ag.setViewportSize({ width: 390, height: 800 });
  await shot(ag, 'evaluation-mobile');
  await ag.setViewportSize({ width: 1280, height: 900 });

  // English once: the headings follow.
  await ag.getByRole('button', { name: 'English' }).click();
  await ag.getByRole('heading', { name: 'Evaluation and award' }).waitFor();
  await shot(ag, 'evaluation-en');
  expect(await ag.getByTestId('ev-status').textContent()).toBe('Acceptance recorded');
  expect(await ag.getByTestId('step-award').locator('h2').textContent()).toContain('Award');
  expect(await ag.getByTestId('awards').textContent()).toContain('Accepted');
  await ag.close();

  // 专家库: the organizer finds the pool in the nav and adds an expert (a missing domain is named first).
  await org.getByRole('link', { name: '专家库' }).click();
  await org.getByTestId('expert-row').nth(3).waitFor();
  await org.fill('input[name="name"]', '专家丙');
  await org.getByRole('button', { name: '添加专家' }).click();
  await org.locator('.ex-domains .field-error').waitFor();
  await org.getByLabel('行业信息化').first().check();
  await org.getByRole('button', { name: '添加专家' }).click();
  await org.getByTestId('expert-row').filter({ hasText: '专家丙' }).waitFor();
  expect(await org.getByTestId('ex-status').textContent()).toBe('专家已添加');
  // Set unavailable (never drawn again), and a conflict declared with a firm, named in the list.
  const added = org.getByTestId('expert-row').filter({ hasText: '专家丙' });
  await added.getByRole('button', { name: '编辑 专家丙' }).click();
  await added.locator('input[name="active"]').uncheck();
  await added.getByRole('button', { name: '保存' }).click();
  await org.getByTestId('expert-row').filter({ hasText: '专家丙' }).filter({ hasText: '已停用' }).waitFor();
  expect(await org.getByTestId('ex-status').textContent()).toBe('已保存');
  const four = org.getByTestId('expert-row').filter({ hasText: '专家甲4' });
  await four.getByRole('button', { name: '申报回避 专家甲4' }).click();
  await four.locator('input[name="conflictOrg"]').fill(x.orgId);
  await four.locator('input[name="conflictReason"]').fill('近三年内曾在该单位任职');
  await four.getByRole('button', { name: '申报回避' }).click();
  await org
    .getByTestId('expert-row')
    .filter({ hasText: '专家甲4' })
    .filter({ hasText: '光谷视觉科技有限公司：近三年内曾在该单位任职' })
    .waitFor();
  expect(await org.getByTestId('ex-status').textContent()).toBe('回避已申报');
  await shot(org, 'experts');
  await org.close();
});
