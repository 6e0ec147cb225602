import { createDb } from '@scx/db';
import { makeScenario } from '@scx/db/factories';
import { seedDatabase } from '@scx/db/seed';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { signInPage, startWebHost, type WebHost } from './browser.ts';

/**
 * 联合体: the lead firm invites a partner in the bid editor (found by name, share in %), a bad share is
 * named on its field; the partner confirms its part on the same page; the lead submits.
 */
let host: WebHost['host'];
let browser: Browser;
let web: WebHost;
let scenarioId = '';
const TITLE = '洪山区中小学校园安全智能巡检揭榜挂帅';
const PARTNER = '武汉江城数安信息技术有限公司'; // firm2@demo.scx

beforeAll(async () => {
  web = await startWebHost('consortium', {
    prepare: async (client) => {
      await seedDatabase(client, { scenarios: 20, firms: 10, products: 10, seed: 8 });
      const issuer = await client.execute(
        "select o.id from organizations o join memberships m on m.org_id = o.id join users u on u.id = m.user_id where u.email = 'agency@demo.scx'",
      );
      const s = await makeScenario(createDb(client), {
        issuerId: String(issuer.rows[0]?.id),
        kind: 'challenge',
        title: TITLE,
        consortiumAllowed: true,
        consortiumMaxPartners: 2,
        deadline: '2099-12-31T16:00:00.000Z',
      });
      scenarioId = s.id;
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

test('the lead invites a partner, a bad share is named, the partner confirms, the lead submits', async () => {
  const lead = await pageAs('firm@demo.scx', 'demo-firm-2026');
  await lead.goto(`${host.url}/scenarios/${scenarioId}`);
  await lead.getByRole('button', { name: '我要揭榜 / 投标' }).click();
  await lead.waitForURL(/\/bids\/[0-9A-Z]{26}$/);
  const bidUrl = lead.url();
  await lead.getByText('最多 2 家成员').waitFor();
  await lead.fill('input[name="priceWan"]', '260');
  await lead.fill('textarea[name="approach"]', '巡检机器人 + 视频智能分析');
  await lead.fill('textarea[name="team"]', '牵头单位负责平台，成员单位负责安全测评');

  await lead.fill('input[name="partnerQuery"]', '江城数安');
  await lead.getByRole('button', { name: '搜索', exact: true }).click();
  const hit = lead.getByTestId('partner-results').getByRole('listitem').filter({ hasText: PARTNER });
  await hit.getByRole('button', { name: '邀请' }).click();
  const row = lead.getByTestId('partner').filter({ hasText: PARTNER });
  await row.locator('input').fill('百分之三十');
  await lead.getByRole('button', { name: '保存草稿' }).click();
  await row.locator('.field-error').waitFor();
  await row.locator('input').fill('30');
  await lead.getByRole('button', { name: '保存草稿' }).click();
  await lead.getByText('已保存（密封，仅本企业可见）').waitFor();
  await row.getByText('待确认').waitFor();
  await lead.close();

  const partner = await pageAs('firm2@demo.scx', 'demo-firm2-2026');
  await partner.goto(bidUrl);
  await partner.getByRole('button', { name: '确认加入联合体' }).click();
  await partner.getByText('已确认加入联合体').waitFor();
  // A partner reads the bid but cannot change it.
  expect(await partner.locator('input[name="priceWan"]').isDisabled()).toBe(true);
  await partner.close();

  const lead2 = await pageAs('firm@demo.scx', 'demo-firm-2026');
  await lead2.goto(bidUrl);
  await lead2.getByTestId('partner').filter({ hasText: PARTNER }).getByText('已确认').waitFor();
  await lead2.getByRole('button', { name: '提交申报' }).click();
  await lead2.getByText('已提交（截止前密封）').waitFor();
  expect(await lead2.getByTestId('consortium').textContent()).toContain('30');
  await lead2.close();
});
