import { createClient } from '@libsql/client';
import { createLocalEmbedder } from '@scx/core';
import { createDb, drainAllMatchQueue, MIGRATIONS, matchScenario, migrate } from '@scx/db';
import { seedDatabase } from '@scx/db/seed';
import { existsSync } from 'node:fs';
const file = '/tmp/prof/match.db';
const fresh = !existsSync(file);
const client = createClient({ url: `file:${file}` });
await migrate(client, MIGRATIONS);
const db = createDb(client);
if (fresh) {
  await seedDatabase(client, { firms: 10000, products: 20000, seed: 11 });
  await drainAllMatchQueue(db, createLocalEmbedder(), { chunk: 1000 });
}
const ids = (await client.execute("SELECT id FROM scenarios WHERE status='published' LIMIT 30")).rows.map((r) => String(r.id));
const NOW = new Date().toISOString();
const time = async (label: string, fn: (id: string) => Promise<unknown>) => {
  const ms: number[] = [];
  for (const id of ids) { const t = performance.now(); await fn(id); ms.push(performance.now() - t); }
  ms.sort((a, b) => a - b);
  console.log(label.padEnd(40), 'p50', ms[15]?.toFixed(1));
};
await time('matchScenario', (id) => matchScenario(db, id, { now: NOW, top: 10 }));
await time('fts only', (id) => client.execute({ sql: "WITH q AS (SELECT query FROM demand_docs WHERE scenario_id=?) SELECT rowid, -bm25(supply_fts) bm FROM supply_fts WHERE supply_fts MATCH (SELECT query FROM q) ORDER BY rank LIMIT 120", args: [id] }));
await time('fts count', (id) => client.execute({ sql: "WITH q AS (SELECT query FROM demand_docs WHERE scenario_id=?) SELECT count(*) FROM supply_fts WHERE supply_fts MATCH (SELECT query FROM q)", args: [id] }));
await time('vec only', (id) => client.execute({ sql: "WITH q AS (SELECT embedding FROM demand_docs WHERE scenario_id=?) SELECT id FROM vector_top_k('supply_docs_vec_idx', (SELECT embedding FROM q), 120)", args: [id] }));
const q = await client.execute({ sql: "SELECT query FROM demand_docs WHERE scenario_id=?", args: [ids[0] as string] });
console.log(q.rows[0]?.query);
const c = await client.execute({ sql: "SELECT count(*) n FROM supply_fts WHERE supply_fts MATCH ?", args: [String(q.rows[0]?.query)] });
console.log('matches', c.rows[0]?.n);
