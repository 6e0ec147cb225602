import { createClient } from '@libsql/client';
import { createLocalEmbedder, type Embedder } from '@scx/core';
import { eq } from 'drizzle-orm';
import { expect, test } from 'vitest';
import { createDb } from '../src/client.ts';
import { makeFirm, makeScenario } from '../src/factories.ts';
import { migrate } from '../src/migrate.ts';
import { MIGRATIONS } from '../src/migrations.generated.ts';
import { drainAllMatchQueue, drainMatchQueue, queueReindex } from '../src/queries/match-index.ts';
import { matchScenario } from '../src/queries/matching.ts';
import { scanMatchScenario } from '../src/queries/matching-scan.ts';
import { firmCases, organizations, products, scenarioRequirements, scenarios } from '../src/schema/index.ts';

/** The local embedder, counting the texts it embeds (to see what is and is not re-embedded). */
function counting(model = createLocalEmbedder().model): Embedder & { texts: number } {
  const inner = createLocalEmbedder();
  const e = {
    model,
    dimensions: inner.dimensions,
    texts: 0,
    embed(texts: readonly string[]) {
      e.texts += texts.length;
      return inner.embed(texts);
    },
  };
  return e;
}

async function fresh() {
  const client = createClient({ url: ':memory:' });
  await migrate(client, MIGRATIONS);
  return { client, db: createDb(client) };
}
const count = async (client: ReturnType<typeof createClient>, sql: string) =>
  Number((await client.execute(sql)).rows[0]?.n);

test('every write path marks what must be re-indexed, and a drain builds exactly those documents', async () => {
  const { client, db } = await fresh();
  const firm = await makeFirm(db, {
    description: '设备联网与数据采集',
    products: [{ name: '采集网关', summary: '工厂设备联网' }],
  });
  const s = await makeScenario(db, { title: '工厂设备联网' });
  // firm (its insert, its product's insert), product, scenario
  expect(await count(client, 'SELECT count(*) AS n FROM match_queue')).toBe(3);
  const e = counting();
  const r = await drainAllMatchQueue(db, e);
  expect(r).toMatchObject({ indexed: 3, remaining: 0 });
  expect(await count(client, 'SELECT count(*) AS n FROM supply_docs WHERE embedding IS NOT NULL')).toBe(2);
  expect(await count(client, 'SELECT count(*) AS n FROM demand_docs WHERE embedding IS NOT NULL')).toBe(1);

  // Each of these marks its entity again.
  await db
    .insert(firmCases)
    .values({ id: 'case1', orgId: firm.id, title: '某厂联网', client: '某厂', year: 2025 });
  await db.update(products).set({ description: '支持 OPC UA' }).where(eq(products.firmId, firm.id));
  await db.update(scenarios).set({ problem: '协议不统一' }).where(eq(scenarios.id, s.id));
  await db
    .insert(scenarioRequirements)
    .values({ id: 'req1', scenarioId: s.id, kind: 'technical', description: '支持国产化' });
  const queued = (await client.execute('SELECT kind, ref_id FROM match_queue ORDER BY kind')).rows.map(
    (x) => x.kind,
  );
  expect(queued).toEqual(['firm', 'product', 'scenario']);
  await drainAllMatchQueue(db, e);
  expect(await count(client, 'SELECT count(*) AS n FROM match_queue')).toBe(0);

  // An update that changes nothing the documents contain is not embedded again.
  const before = e.texts;
  await db.update(organizations).set({ name: firm.name }).where(eq(organizations.id, firm.id));
  const again = await drainMatchQueue(db, e);
  expect(again).toMatchObject({ indexed: 0, unchanged: 1 });
  expect(e.texts).toBe(before);

  // A delisted product leaves the index (and the firm's document no longer names it).
  await db.update(products).set({ status: 'delisted' }).where(eq(products.firmId, firm.id));
  const removed = await drainAllMatchQueue(db, e);
  expect(removed.removed).toBe(1);
  expect(await count(client, "SELECT count(*) AS n FROM supply_docs WHERE kind = 'product'")).toBe(0);
  expect(
    await count(client, 'SELECT count(*) AS n FROM supply_fts WHERE supply_fts MATCH \'"采集网关"\''),
  ).toBe(0);
  client.close();
});

test("the term counts kept by triggers equal FTS5's own vocabulary through inserts, updates and deletes", async () => {
  const { client, db } = await fresh();
  // The ground truth: fts5vocab counts each term's documents from the posting lists.
  await client.execute("CREATE VIRTUAL TABLE temp.sv USING fts5vocab(main, 'supply_fts', 'row')");
  await client.execute("CREATE VIRTUAL TABLE temp.dv USING fts5vocab(main, 'demand_fts', 'row')");
  const differences = async () =>
    (
      await client.execute(`SELECT 'supply' AS side, v.term FROM temp.sv v LEFT JOIN supply_terms t ON t.term = v.term
          WHERE t.docs IS NOT v.doc
        UNION ALL SELECT 'supply', term FROM supply_terms WHERE docs > 0 AND term NOT IN (SELECT term FROM temp.sv)
        UNION ALL SELECT 'demand', v.term FROM temp.dv v LEFT JOIN demand_terms t ON t.term = v.term
          WHERE t.docs IS NOT v.doc
        UNION ALL SELECT 'demand', term FROM demand_terms WHERE docs > 0 AND term NOT IN (SELECT term FROM temp.dv)`)
    ).rows.map((r) => `${r.side}:${r.term}`);
  const a = await makeFirm(db, {
    description: '交通信号控制与车路协同，自适应配时 smart signal',
    products: [{ name: '信号优化平台', summary: '路口绿波协调' }],
  });
  await makeFirm(db, { description: '工业互联网设备联网，交通信号灯维护' });
  const s = await makeScenario(db, { title: '主干道交通信号配时优化' });
  await drainAllMatchQueue(db, createLocalEmbedder());
  expect(await count(client, 'SELECT count(*) AS n FROM supply_terms WHERE docs > 0')).toBeGreaterThan(10);
  expect(await differences()).toEqual([]);

  // Updated texts move their terms; a delisted product and a deleted scenario leave the counts.
  await db.update(organizations).set({ description: '智慧医疗影像云' }).where(eq(organizations.id, a.id));
  await db.update(scenarios).set({ title: '医院影像互认' }).where(eq(scenarios.id, s.id));
  await db.update(products).set({ status: 'delisted' }).where(eq(products.firmId, a.id));
  await drainAllMatchQueue(db, createLocalEmbedder());
  expect(await differences()).toEqual([]);
  await client.execute('DELETE FROM demand_docs');
  expect(await count(client, 'SELECT count(*) AS n FROM demand_terms WHERE docs <> 0')).toBe(0);
  expect(await differences()).toEqual([]);
  client.close();
});

test('a mark renewed while a drain runs stays queued for the next drain', async () => {
  const { client, db } = await fresh();
  await makeFirm(db, { description: '设备联网' });
  const slow: Embedder = {
    ...createLocalEmbedder(),
    async embed(texts) {
      // A write lands while the drain is embedding: its mark must survive this drain.
      await client.execute(
        "UPDATE organizations SET description = '设备联网与预测性维护' WHERE kind = 'firm'",
      );
      return createLocalEmbedder().embed(texts);
    },
  };
  const r = await drainMatchQueue(db, slow);
  expect(r.indexed).toBe(1);
  expect(await count(client, 'SELECT count(*) AS n FROM match_queue')).toBe(1);
  await drainAllMatchQueue(db, createLocalEmbedder());
  const tokens = String(
    (await client.execute("SELECT tokens FROM supply_docs WHERE kind = 'firm'")).rows[0]?.tokens,
  );
  expect(tokens).toContain('维护');
  client.close();
});

test('a new embedding model re-embeds every document; --all forces unchanged texts too', async () => {
  const { client, db } = await fresh();
  await makeFirm(db, { description: '智慧交通信号控制', products: [{ name: '信号机' }] });
  await makeScenario(db, {});
  await drainAllMatchQueue(db, createLocalEmbedder());
  const other = counting('test-model-v2');
  expect(await queueReindex(db, other)).toBe(3);
  const r = await drainAllMatchQueue(db, other);
  expect(r.indexed).toBe(3);
  expect(await count(client, "SELECT count(*) AS n FROM supply_docs WHERE model = 'test-model-v2'")).toBe(2);
  expect(await queueReindex(db, other)).toBe(0);
  expect(await queueReindex(db, other, { all: true })).toBe(3);
  expect((await drainAllMatchQueue(db, other)).indexed).toBe(3);
  client.close();
});

test('the indexed match finds what scanning every firm finds', async () => {
  const { client, db } = await fresh();
  const topics = [
    ['交通信号控制', '自适应信号配时与车路协同'],
    ['互联网医院', '在线问诊、电子病历与医保结算'],
    ['设备联网', '工业互联网平台与数控机床数据采集'],
    ['网格化治理', '一网统管城市运行管理平台'],
    ['智慧校园', '在线教学平台与学生综合评价'],
  ];
  for (let i = 0; i < 60; i++) {
    const [name, text] = topics[i % topics.length] as [string, string];
    await makeFirm(db, {
      name: `${name}公司${i}`,
      description: `${text}，服务第${i}个客户`,
      domains: ['industry-it'],
      products: i % 2 ? [{ name: `${name}产品${i}`, summary: text }] : [],
    });
  }
  const s = await makeScenario(db, {
    title: '路口信号灯配时优化',
    summary: '早晚高峰拥堵，需要车路协同与自适应信号控制',
  });
  await drainAllMatchQueue(db, createLocalEmbedder());
  const opts = { now: '2026-11-22T00:00:00.000Z', top: 10 };
  const indexed = (await matchScenario(db, s.id, opts))?.results.map((r) => r.firmId) ?? [];
  const scanned = (await scanMatchScenario(db, s.id, opts))?.results.map((r) => r.firmId) ?? [];
  expect(indexed.length).toBe(10);
  expect(indexed.slice(0, 5)).toEqual(scanned.slice(0, 5));
  client.close();
});
