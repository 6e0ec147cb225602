import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Client, createClient } from '@libsql/client';
import { APPLICATION_AREAS, type ScenarioListQuery, SOFTWARE_DOMAINS, searchFoldRows } from '@scx/core';
import { eq } from 'drizzle-orm';
import { afterEach, expect, test } from 'vitest';
import { createDb, type Db } from '../src/client.ts';
import { makeOrganization, makeScenario } from '../src/factories.ts';
import { migrate } from '../src/migrate.ts';
import { MIGRATIONS } from '../src/migrations.generated.ts';
import { listPublicScenarios, publicScenariosQuery, searchMatch } from '../src/queries/scenarios.ts';
import { organizations, scenarios } from '../src/schema/index.ts';

const open: { client: Client; dir: string }[] = [];
afterEach(() => {
  for (const o of open.splice(0)) {
    o.client.close();
    rmSync(o.dir, { recursive: true, force: true });
  }
});

async function fresh(): Promise<{ client: Client; db: Db }> {
  const dir = mkdtempSync(join(tmpdir(), 'scx-search-'));
  const client = createClient({ url: `file:${join(dir, 's.db')}` });
  open.push({ client, dir });
  await migrate(client, MIGRATIONS);
  return { client, db: createDb(client) };
}

const query = (q: string, over: Partial<ScenarioListQuery> = {}): ScenarioListQuery => ({
  q,
  sort: '-published',
  limit: 100,
  ...over,
});

/** Titles of the hall's matches for `q`, sorted (order is the sort order's business). */
async function titles(db: Db, q: string, over: Partial<ScenarioListQuery> = {}): Promise<string[]> {
  const page = await listPublicScenarios(db, query(q, over), null);
  return page.items.map((s) => s.title).sort();
}

/** A scenario whose searchable text is only what the test gives (no factory text, a neutral area). */
const plain = (db: Db, title: string, over: Parameters<typeof makeScenario>[1] = {}) =>
  makeScenario(db, { title, summary: '', domain: 'eda', area: 'community', ...over });

test('the fold table and labels in the database are exactly core’s (migrations/0002 follows core)', async () => {
  const { client } = await fresh();
  const fold = await client.execute('SELECT ch, simple FROM search_fold ORDER BY ch');
  expect(fold.rows.map((r) => [r.ch, r.simple])).toEqual(searchFoldRows());
  const labels = await client.execute('SELECT vocabulary, code, label FROM search_labels');
  const want = [
    ...SOFTWARE_DOMAINS.map((t) => ['domain', t.code, `${t.zh} ${t.en}`]),
    ...APPLICATION_AREAS.map((t) => ['area', t.code, `${t.zh} ${t.en}`]),
  ];
  expect(labels.rows.map((r) => [r.vocabulary, r.code, r.label]).sort()).toEqual(want.sort());
});

test('searchMatch: bigram phrases for Chinese, whole words for Latin, nothing for punctuation', () => {
  expect(searchMatch('交通')).toBe('grams : "交通"');
  expect(searchMatch('大客流')).toBe('grams : "大客 客流"');
  expect(searchMatch('云')).toBe('grams : "云"*');
  expect(searchMatch('ＡＩ 医疗')).toBe('words : "ai" AND grams : "医疗"');
  expect(searchMatch('100%')).toBe('words : "100"');
  expect(searchMatch('"a" OR b*')).toBe('words : "a" AND words : "or" AND words : "b"');
  expect(searchMatch('！？')).toBeNull();
});

test('finds 2-character words, long phrases, in every searched field', async () => {
  const { db } = await fresh();
  const agency = await makeOrganization(db, { name: '武汉市卫生健康委员会' });
  await plain(db, '城市交通信号优化');
  await plain(db, '互联网医院', { summary: '三甲医院医疗影像互认' });
  await plain(db, '光谷园区能耗监测', { problem: '园区内企业用能数据分散' });
  await plain(db, '智能网联示范', { goals: '实现车路协同全覆盖，路口通行效率提升' });
  await plain(db, '随访系统', { issuerId: agency.id });
  await plain(db, '无关场景', { summary: '政务服务一网通办' });
  expect(await titles(db, '交通')).toEqual(['城市交通信号优化']);
  expect(await titles(db, '医疗')).toEqual(['互联网医院']);
  expect(await titles(db, '园区')).toEqual(['光谷园区能耗监测']);
  expect(await titles(db, '车路协同')).toEqual(['智能网联示范']);
  expect(await titles(db, '路口通行效率提升')).toEqual(['智能网联示范']);
  expect(await titles(db, '卫生健康委员会')).toEqual(['随访系统']);
  // Labels: area 医疗健康 and domain EDA are searchable.
  await plain(db, '病案质控', { area: 'healthcare' });
  expect(await titles(db, '医疗')).toEqual(['互联网医院', '病案质控']);
  expect(await titles(db, 'eda')).toHaveLength(7);
});

test('a traditional query finds simplified text, full-width finds half-width, and the reverse', async () => {
  const { db } = await fresh();
  await plain(db, '医疗影像云平台');
  await plain(db, 'AI辅助诊断');
  await plain(db, '數據資產登記', { summary: 'ＢＩＭ模型' });
  expect(await titles(db, '醫療')).toEqual(['医疗影像云平台']);
  expect(await titles(db, '雲平台')).toEqual(['医疗影像云平台']);
  expect(await titles(db, 'Ａ')).toEqual([]); // whole words: "a" is not "ai"
  expect(await titles(db, 'ＡＩ')).toEqual(['AI辅助诊断']);
  expect(await titles(db, 'ai')).toEqual(['AI辅助诊断']);
  // Documents are folded too (in SQL, with the same table).
  expect(await titles(db, '数据资产')).toEqual(['數據資產登記']);
  expect(await titles(db, 'bim')).toEqual(['數據資產登記']);
});

test('a full-width letter A finds the word A', async () => {
  const { db } = await fresh();
  await plain(db, 'A级景区智慧导览');
  await plain(db, 'B级景区');
  expect(await titles(db, 'Ａ')).toEqual(['A级景区智慧导览']);
  expect(await titles(db, 'ａ级')).toEqual(['A级景区智慧导览']);
});

test('every term must match (AND); no match across words of the query or across punctuation', async () => {
  const { db } = await fresh();
  await plain(db, '智慧交通', { summary: '医疗急救车辆优先通行' });
  await plain(db, '智慧交通信号');
  await plain(db, '医疗影像');
  await plain(db, '交通，信息发布'); // "通信" only across a comma
  await plain(db, '车路改造', { summary: '多部门协同' }); // 车路 and 协同, not 车路协同
  expect(await titles(db, '交通 医疗')).toEqual(['智慧交通']);
  expect(await titles(db, '医疗 交通 影像')).toEqual([]);
  // A multi-character word is contiguous text: 交通 followed by 医疗 is not "通医".
  expect(await titles(db, '通医')).toEqual([]);
  expect(await titles(db, '通信')).toEqual(['智慧交通信号']); // the documented trade-off: 交通|信号
  expect(await titles(db, '"车路协同"')).toEqual(['车路改造']); // segmented: 车路 AND 协同
  expect(await titles(db, '车路改造')).toEqual(['车路改造']);
});

test('100% is text, not a wildcard; punctuation only matches nothing; blank is no filter', async () => {
  const { db } = await fresh();
  await plain(db, '覆盖率100%');
  await plain(db, '覆盖率1000');
  await plain(db, '其他');
  expect(await titles(db, '100%')).toEqual(['覆盖率100%']);
  expect(await titles(db, '%')).toEqual([]);
  expect(await titles(db, '！？。')).toEqual([]);
  expect(await titles(db, '')).toHaveLength(3);
  expect(await titles(db, '   ')).toHaveLength(3);
  expect(await titles(db, '率')).toHaveLength(2); // one character: prefix of the bigrams
});

test('filters and the search combine', async () => {
  const { db } = await fresh();
  await plain(db, '医疗数据共享', { district: 'wuchang' });
  await plain(db, '医疗影像', { district: 'hongshan' });
  expect(await titles(db, '医疗', { district: 'hongshan' })).toEqual(['医疗影像']);
});

test('inserts, updates, renames and deletes keep the index in sync', async () => {
  const { client, db } = await fresh();
  const agency = await makeOrganization(db, { name: '武汉市数据局' });
  const s = await plain(db, '政务数据共享', { issuerId: agency.id });
  expect(await titles(db, '共享')).toEqual(['政务数据共享']);
  await db.update(scenarios).set({ title: '城市大脑', summary: '一网统管' }).where(eq(scenarios.id, s.id));
  expect(await titles(db, '共享')).toEqual([]);
  expect(await titles(db, '一网统管')).toEqual(['城市大脑']);
  // A status change does not touch the text: the trigger does not fire, the entry stays.
  await db.update(scenarios).set({ status: 'bidding_closed' }).where(eq(scenarios.id, s.id));
  expect(await titles(db, '城市大脑')).toEqual(['城市大脑']);
  expect(await titles(db, '数据局')).toEqual(['城市大脑']);
  await db.update(organizations).set({ name: '武汉市政务服务局' }).where(eq(organizations.id, agency.id));
  expect(await titles(db, '数据局')).toEqual([]);
  expect(await titles(db, '政务服务局')).toEqual(['城市大脑']);
  await db.delete(scenarios).where(eq(scenarios.id, s.id));
  expect(await titles(db, '城市大脑')).toEqual([]);
  const left = await client.execute(
    'SELECT (SELECT count(*) FROM scenario_search_docs) AS docs, (SELECT count(*) FROM scenario_search) AS fts',
  );
  expect(left.rows[0]).toMatchObject({ docs: 0, fts: 0 });
});

test('paging a search walks every match exactly once, in the requested order', async () => {
  const { db } = await fresh();
  for (let i = 0; i < 17; i++) {
    await plain(db, i % 3 === 0 ? `其他${i}` : `园区${i}`, {
      publishedAt: `2026-11-${String((i % 5) + 1).padStart(2, '0')}T00:00:00.000Z`,
      budgetFen: i % 4 === 0 ? null : i * 1000,
    });
  }
  const want = (await titles(db, '园区')).length;
  expect(want).toBe(11);
  for (const sort of ['-published', 'budget', '-deadline'] as const) {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const c = cursor ? JSON.parse(atob(cursor)) : null;
      const page = await listPublicScenarios(db, query('园区', { sort, limit: 3 }), c);
      seen.push(...page.items.map((s) => s.title));
      cursor = page.nextCursor;
    } while (cursor && seen.length < 50);
    expect(seen.length, sort).toBe(want);
    expect(new Set(seen).size, sort).toBe(want);
  }
});

test('the query plan probes the FTS index while walking the sort index: no table scan, no sort', async () => {
  const { client, db } = await fresh();
  for (const sort of ['-published', 'deadline', '-budget'] as const) {
    const { sql, params } = publicScenariosQuery(db, query('车路协同', { sort, limit: 20 }), null).toSQL();
    const rs = await client.execute({ sql: `EXPLAIN QUERY PLAN ${sql}`, args: params as never });
    const plan = rs.rows.map((r) => String(r.detail)).join('\n');
    expect(plan).toMatch(/SCAN scenario_search VIRTUAL TABLE INDEX/);
    expect(plan).toMatch(/scenarios USING INDEX scenarios_(published|deadline_key|budget_key)_idx/);
    expect(plan).not.toMatch(/SCAN scenarios(?! USING)/); // an ordered index walk, never the table
    expect(plan).not.toMatch(/TEMP B-TREE/);
  }
});

test('after a VACUUM-style renumbering, the documented rebuild restores the index', async () => {
  const { client, db } = await fresh();
  await plain(db, '园区能耗');
  await plain(db, '交通信号');
  await client.executeMultiple(`
    DELETE FROM scenario_search_docs;
    INSERT INTO scenario_search (scenario_search) VALUES ('delete-all');
    UPDATE scenarios SET title = title;`);
  expect(await titles(db, '园区')).toEqual(['园区能耗']);
  expect(await titles(db, '交通')).toEqual(['交通信号']);
});
