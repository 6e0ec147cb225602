import { createDb } from '@scx/db';
import { makeScenario } from '@scx/db/factories';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { makeAccount, signInPage, startWebHost, TEST_PASSWORD, type WebHost } from './browser.ts';

/**
 * Journey 3, evaluation in the browser: a challenge past its deadline with two opened, qualified bids and a
 * drawn panel of three (set up through the API). One expert scores in the browser — an out-of-range value is
 * named on its field before anything is sent, and the server refuses it too — saves and signs; the other two
 * score through the API; a re-score request shows on the sheet and the expert signs again, then declares a
 * conflict. The computation flags the firm's price as abnormally low: the firm explains it on 我的申报;
 * once accepted and published (API), the firm sees its rank and files an objection, and the public challenge page
 * shows the notice with 专家1…3, in Chinese and in English. After the answer, the window and the award (API), the
 * firm reads the answer and its award, and reports a KPI against its delivery.
 */
const PASSWORD = TEST_PASSWORD;
// The server's clock starts now (the browser's objection window check uses the real clock) and is moved on
// past the deadline once the bids are in.
const T0 = Date.now();
let now = new Date(T0);
let host: WebHost['host'];
let browser: Browser;
let web: WebHost;

interface Account {
  email: string;
  userId: string;
  orgId: string;
  cookie?: string;
  csrf?: string;
}

beforeAll(async () => {
  web = await startWebHost('evaluation', { clock: () => now });
  ({ host, browser } = web);
});

afterAll(() => web?.close());

const account = async (
  kind: 'agency' | 'firm' | 'organizer' | 'expert-body',
  o: { orgId?: string; role?: 'admin' | 'expert'; orgName?: string } = {},
): Promise<Account> =>
  makeAccount(host, {
    kind,
    ...(o.orgName ? { name: o.orgName } : {}),
    ...(o.orgId ? { orgId: o.orgId } : {}),
    ...(o.role ? { role: o.role } : {}),
  });

async function signIn(a: Account): Promise<Account> {
  const res = await fetch(`${host.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: a.email, password: PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login ${a.email}: ${res.status}`);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { ...a, cookie: (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '', csrf: csrfToken };
}

/** An API call as `a`, insisting on 2xx. */
async function call<T = unknown>(a: Account, method: string, path: string, payload?: unknown): Promise<T> {
  const res = await fetch(`${host.url}/api/v1${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      cookie: a.cookie ?? '',
      'x-csrf-token': a.csrf ?? '',
    },
    ...(payload === undefined ? {} : { body: JSON.stringify(payload) }),
  });
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function pageAs(a: Account): Promise<Page> {
  const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1280, height: 1000 } });
  await signInPage(page, host.url, a.email, PASSWORD);
  return page;
}

const TITLE = '园区能耗智能监测揭榜挂帅';

test('experts score and sign; the firm explains its price, sees its rank, objects, reports a KPI; the public sees the 公示', async () => {
  // The world: an agency's challenge, two firms' bids, an organizer, three expert accounts.
  const agency = await signIn(await account('agency'));
  const organizer = await signIn(await account('organizer'));
  const firmX = await signIn(await account('firm', { orgName: '光谷感知科技有限公司' }));
  const firmY = await signIn(await account('firm', { orgName: '江城数智有限公司' }));
  const body = await account('expert-body', { role: 'expert' });
  const expertAccounts = [
    body,
    await account('expert-body', { orgId: body.orgId, role: 'expert' }),
    await account('expert-body', { orgId: body.orgId, role: 'expert' }),
  ];
  const s = await makeScenario(createDb(host.client), {
    issuerId: agency.orgId,
    kind: 'challenge',
    title: TITLE,
    domain: 'industry-it',
    deadline: new Date(T0 + 3600_000).toISOString(),
    kpis: [{ name: '综合节能率', target: '≥15%' }],
  });
  const bidOf = async (firm: Account, priceFen: number, approach: string) => {
    const b = await call<{ id: string }>(firm, 'POST', `/scenarios/${s.id}/bids`, {
      priceFen,
      content: { approach },
    });
    await call(firm, 'POST', `/bids/${b.id}/transitions`, { action: 'submit' });
    return b.id;
  };
  // More than 20 % below the other bid: flagged abnormally low at the computation.
  const bidX = await bidOf(firmX, 3_000_000_00, '能耗传感网 + 边缘计算 + 节能策略引擎');
  const bidY = await bidOf(firmY, 4_500_000_00, '楼宇自控系统改造');
  now = new Date(T0 + 2 * 3600_000);
  await call(agency, 'POST', `/scenarios/${s.id}/open-bids`);
  const expertIds = new Map<string, Account>();
  for (const [i, e] of expertAccounts.entries()) {
    const x = await call<{ id: string }>(organizer, 'POST', '/experts', {
      name: `评审专家${i + 1}`,
      domains: ['industry-it'],
      userId: e.userId,
    });
    expertIds.set(x.id, e);
  }
  const panel = await call<{ members: { expertId: string }[] }>(
    organizer,
    'POST',
    `/scenarios/${s.id}/panel`,
    { size: 3, seed: 'web' },
  );
  const seated = panel.members.map((m) => expertIds.get(m.expertId) as Account);
  const { criteria } = await call<{
    criteria: { code: string; name: string; weight: number; kind: string }[];
  }>(agency, 'PUT', `/scenarios/${s.id}/criteria`, { template: 'challenge-standard' });
  const scored = criteria.filter((c) => c.kind !== 'price');
  for (const bid of [bidX, bidY])
    await call(agency, 'POST', `/bids/${bid}/qualification`, { result: 'pass', reason: '资格合格' });

  // The first seated expert in the browser: the assignment, then the score sheet.
  const [first, ...others] = seated as [Account, Account, Account];
  const expert = await pageAs(first);
  await expert.getByRole('link', { name: '评审任务' }).click();
  const card = expert.getByTestId('assignment').filter({ hasText: TITLE });
  expect(await card.textContent()).toContain('已完成 0/2 份评分表');
  await expert.screenshot({ path: '/tmp/expert-home.png', fullPage: true });
  await card.getByRole('link', { name: TITLE }).click();
  await expert.waitForURL(new RegExp(`/expert/${s.id}$`));
  await expect.poll(() => expert.getByTestId('independence').textContent()).toContain('其他专家的评分不可见');

  const sheetOf = (firm: string) => expert.getByTestId('bid-sheet').filter({ hasText: firm });
  const fill = async (firm: string, points: number[]) => {
    for (const [i, c] of scored.entries()) {
      await sheetOf(firm).locator(`input[name="points.${c.code}"]`).fill(String(points[i]));
      await sheetOf(firm)
        .locator(`textarea[name="comment.${c.code}"]`)
        .fill(`第${i + 1}项依据充分`);
    }
  };
  const top = scored[0] as (typeof scored)[number];
  // Above the criterion's weight: named on its field before anything is sent.
  await fill('光谷感知科技有限公司', [top.weight + 1, 16, 25, 8, 12]);
  await sheetOf('光谷感知科技有限公司').getByRole('button', { name: '保存评分' }).click();
  const fieldError = sheetOf('光谷感知科技有限公司').locator(`.field-error[data-criterion="${top.code}"]`);
  await fieldError.waitFor();
  expect(await fieldError.textContent()).toBe(`${top.name}：须在 0 到 ${top.weight} 之间`);
  expect(
    await sheetOf('光谷感知科技有限公司')
      .locator(`input[name="points.${top.code}"]`)
      .getAttribute('aria-invalid'),
  ).toBe('true');
  await expert.screenshot({ path: '/tmp/score-sheet.png', fullPage: true });
  // The server refuses it too, naming the same field (sent from the page's own session).
  const server = await expert.evaluate(
    async ({ scenario, bid, code, points }) => {
      const who = await (await fetch('/api/v1/auth/me')).json();
      const res = await fetch(`/api/v1/scenarios/${scenario}/score-sheets/${bid}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', 'x-csrf-token': who.csrfToken },
        body: JSON.stringify({ scores: [{ criterion: code, points }] }),
      });
      return { status: res.status, body: await res.json() };
    },
    { scenario: s.id, bid: bidX, code: top.code, points: top.weight + 1 },
  );
  expect(server.status).toBe(422);
  expect(server.body.errors[0]).toMatchObject({
    path: 'body.scores.0.points',
    message: `must be between 0 and ${top.weight}`,
  });

  // In range: both sheets saved (what is typed in one survives saving the other), then signed.
  await fill('江城数智有限公司', [15, 12, 20, 6, 9]);
  await fill('光谷感知科技有限公司', [20, 16, 25, 8, 12]);
  await sheetOf('光谷感知科技有限公司').getByRole('button', { name: '保存评分' }).click();
  await sheetOf('光谷感知科技有限公司').getByText('已完成', { exact: true }).waitFor();
  expect(await sheetOf('江城数智有限公司').locator(`input[name="points.${top.code}"]`).inputValue()).toBe(
    '15',
  );
  await sheetOf('江城数智有限公司').getByRole('button', { name: '保存评分' }).click();
  await sheetOf('江城数智有限公司').getByText('已完成', { exact: true }).waitFor();
  await expert.getByText('已完成 2/2 份评分表').waitFor();
  await expert.screenshot({ path: '/tmp/score-sheet-complete.png', fullPage: true });
  await expert.getByRole('button', { name: '签字确认' }).click();
  await expert.getByTestId('signed').waitFor();
  expect(await expert.getByTestId('signatures').textContent()).toMatch(/专家\d（我） 已签字/);

  // The other two through the API; then everyone's points appear, by 专家n.
  const sheet = (points: number[]) => ({
    scores: scored.map((c, i) => ({ criterion: c.code, points: points[i], comment: '同意' })),
  });
  for (const e of others) {
    const a = await signIn(e);
    await call(a, 'PUT', `/scenarios/${s.id}/score-sheets/${bidX}`, sheet([22, 18, 27, 9, 13]));
    await call(a, 'PUT', `/scenarios/${s.id}/score-sheets/${bidY}`, sheet([15, 12, 20, 6, 9]));
    await call(a, 'POST', `/scenarios/${s.id}/score-sheets/sign`);
  }
  await expert.reload();
  await expert.getByTestId('all-scores').waitFor();
  const all = await expert.getByTestId('all-scores').textContent();
  for (const alias of ['专家1', '专家2', '专家3']) expect(all).toContain(alias);

  // The issuer asks this seat to score again: the request shows, the sheet opens, the expert signs again.
  const { items } = await call<{ items: { seat: number }[] }>(
    await signIn(first),
    'GET',
    `/experts/me/assignments?scenarioId=${s.id}`,
  );
  await call(agency, 'POST', `/scenarios/${s.id}/rescore-requests`, {
    seat: items[0]?.seat,
    reason: '技术指标评分理由不充分',
  });
  await expert.reload();
  await expect
    .poll(() => expert.getByTestId('rescore-request').textContent())
    .toContain('技术指标评分理由不充分');
  expect(await sheetOf('光谷感知科技有限公司').locator(`input[name="points.${top.code}"]`).isEnabled()).toBe(
    true,
  );
  await expert.getByRole('button', { name: '签字确认' }).click();
  await expert.getByTestId('signed').waitFor();
  expect(await expert.getByTestId('rescore-request').count()).toBe(0);

  // 回避申报 for later draws: the reason is required (named on its field), then the conflict is listed.
  await expert.getByRole('link', { name: /返回评审任务/ }).click();
  await expert.getByLabel('利害关系单位').selectOption({ label: '江城数智有限公司' });
  await expert.getByRole('button', { name: '提交申报' }).click();
  await expert.locator('#conflict-reason-error').waitFor();
  await expert.getByLabel('回避理由').fill('近三年曾为该企业提供咨询服务');
  await expert.getByRole('button', { name: '提交申报' }).click();
  await expert.getByText('江城数智有限公司：近三年曾为该企业提供咨询服务').waitFor();
  await expert.close();

  // 计算 by the agency (API): X's price is abnormally low, so X stays out of the ranking for now.
  const flagged = await call<{ excluded: { bid: string }[] }>(
    agency,
    'POST',
    `/scenarios/${s.id}/evaluation`,
  );
  expect(flagged.excluded.map((x) => x.bid)).toEqual([bidX]);

  // The firm explains its price on 我的申报 (an empty explanation is named on its field first).
  const firm = await pageAs(firmX);
  await firm.getByRole('link', { name: '我的申报' }).click();
  const mine = firm.getByTestId('my-bid').filter({ hasText: TITLE });
  await mine.getByText('您的报价被标记为异常低价，请提交书面说明').waitFor();
  await mine.getByRole('button', { name: '提交说明' }).click();
  await mine.locator('.field-error').waitFor();
  await mine.getByLabel('异常低价说明').fill('监测平台为自有产品复用，传感器由联合研发方按成本价供货');
  await mine.getByRole('button', { name: '提交说明' }).click();
  await mine.getByText('已提交说明，等待评审确认', { exact: true }).waitFor();

  // The agency accepts it, computes again and publishes the 公示 (API).
  await call(agency, 'POST', `/bids/${bidX}/low-price-explanation/accept`);
  const outcome = await call<{ ranking: { bid: string; total: number }[] }>(
    agency,
    'POST',
    `/scenarios/${s.id}/evaluation`,
  );
  expect(outcome.ranking[0]?.bid).toBe(bidX);
  const published = await call<{ id: string }>(agency, 'POST', `/scenarios/${s.id}/notice`);

  // The firm: its rank, an objection (checked on its field first), then listed awaiting an answer.
  await firm.reload();
  await mine.getByTestId('my-result').waitFor();
  await mine.getByText('说明已被接受').waitFor();
  expect(await mine.getByTestId('my-result').textContent()).toContain(
    `第 1 名 · 总分 ${outcome.ranking[0]?.total}`,
  );
  await mine.getByText('提出异议').click();
  await mine.getByRole('button', { name: '提交异议' }).click();
  await mine.locator('.field-error').waitFor();
  await mine.getByLabel('异议内容').fill('对第二名的技术指标评分有异议');
  await mine.getByRole('button', { name: '提交异议' }).click();
  await mine.getByText('异议已提交').waitFor();
  await mine.getByTestId('my-objections').getByText('待答复').waitFor();
  await firm.screenshot({ path: '/tmp/my-bids.png', fullPage: true });
  await firm.close();

  // The public page: the notice with 专家1…3 and the window end in Beijing time; then in English.
  const visitor = await browser.newPage({ locale: 'zh-CN' });
  await visitor.goto(`${host.url}/scenarios/${s.id}`);
  const notice = visitor.getByTestId('notice');
  await notice.waitFor();
  expect(await notice.getByRole('heading', { name: '评审结果公示' }).count()).toBe(1);
  expect(await visitor.getByTestId('notice-status').textContent()).toBe('公示中（异议期）');
  const rows = visitor.getByTestId('notice-row');
  expect(await rows.first().textContent()).toContain('光谷感知科技有限公司');
  const experts = await visitor.getByTestId('notice-experts').textContent();
  for (const alias of ['专家1', '专家2', '专家3']) expect(experts).toContain(alias);
  expect(experts).not.toContain('评审专家');
  expect(await notice.textContent()).toContain('（北京时间）');
  await notice.screenshot({ path: '/tmp/notice.png' });
  await visitor.getByRole('button', { name: 'English' }).click();
  await notice.getByRole('heading', { name: 'Result notice' }).waitFor();
  expect(await visitor.getByTestId('notice-status').textContent()).toBe('Open for objections');
  await visitor.close();

  // The objection is answered, the window passes (server clock), the agency awards and plans a milestone.
  const [objection] = (
    await call<{ items: { id: string }[] }>(agency, 'GET', `/notices/${published.id}/objections`)
  ).items;
  await call(agency, 'POST', `/objections/${objection?.id}/answer`, {
    decision: 'rejected',
    answer: '经复核，评分符合评审规则',
  });
  now = new Date(T0 + 9 * 86_400_000);
  const agencyAgain = await signIn(agency);
  const awarded = await call<{ items: { id: string }[] }>(agencyAgain, 'POST', `/scenarios/${s.id}/awards`, {
    awards: [{ bidId: bidX, amountFen: 3_000_000_00 }],
  });
  await call(agencyAgain, 'POST', `/awards/${awarded.items[0]?.id}/milestones`, {
    title: '监测平台上线',
    dueAt: new Date(T0 + 60 * 86_400_000).toISOString(),
  });

  // The firm reads the answer, its award and the delivery, and reports a KPI (checked on its field first).
  const winner = await pageAs(firmX);
  await winner.getByRole('link', { name: '我的申报' }).click();
  const won = winner.getByTestId('my-bid').filter({ hasText: TITLE });
  await won.getByTestId('my-award').waitFor();
  expect(await won.getByTestId('my-award').textContent()).toBe('中标 / 揭榜成功 · 300 万元');
  await won.getByText('答复：经复核，评分符合评审规则').waitFor();
  const delivery = won.getByTestId('delivery');
  await delivery.getByText('监测平台上线').waitFor();
  await delivery.getByRole('button', { name: '提交指标报告' }).click();
  await delivery.locator('#kpi-value-error').waitFor();
  await delivery.getByLabel('实测值').fill('17.2%');
  await delivery.getByRole('button', { name: '提交指标报告' }).click();
  await delivery.getByText('已提交指标报告').waitFor();
  await delivery.getByText('综合节能率：17.2%').waitFor();
  await winner.screenshot({ path: '/tmp/my-bids-awarded.png', fullPage: true });
  // The public page now shows the final notice and the award.
  await winner.goto(`${host.url}/scenarios/${s.id}`);
  await winner.getByTestId('awards').getByText('光谷感知科技有限公司').waitFor();
  expect(await winner.getByTestId('notice-status').textContent()).toBe('公示结束，结果确定');
  await winner.close();
  const report = await call<{ kpiReports: unknown[] }>(
    agencyAgain,
    'GET',
    `/awards/${awarded.items[0]?.id}/delivery`,
  );
  expect(report.kpiReports).toEqual([
    expect.objectContaining({ kpi: '综合节能率', value: '17.2%', met: true }),
  ]);
});
