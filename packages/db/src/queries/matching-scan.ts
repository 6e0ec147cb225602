import type { MatchFirm, MatchPair, MatchProduct, TextSignal } from '@scx/core';
import { rankMatches } from '@scx/core';
import type { Db } from '../client.ts';
import {
  conceptList,
  FIRM_FACTS,
  FTS_CANDIDATE_TERMS,
  FTS_TERMS,
  type MatchQueryOptions,
  REQUIREMENT_COLUMNS,
  SCENARIO_COLUMNS,
  type ScenarioMatches,
  toFirm,
  toProduct,
  toRequirement,
  toScenario,
} from './matching.ts';

/**
 * The scan-everything baseline of matchScenario (bench and tests only): every approved firm and every
 * listed product is read with its vector and tokens, BM25 and cosine are computed in JavaScript, and
 * core ranks them all. What one would write without FTS5 and a vector index; the indexed path must
 * find the same top results much faster.
 */
export async function scanMatchScenario(
  db: Db,
  scenarioId: string,
  opts: MatchQueryOptions,
): Promise<ScenarioMatches | null> {
  const head = await db.$client.batch(
    [
      { sql: 'SELECT embedding, query, concepts FROM demand_docs WHERE scenario_id = ?', args: [scenarioId] },
      {
        sql: `SELECT d.kind, d.ref_id, d.firm_id, d.tokens, d.concepts, d.embedding FROM supply_docs d
              JOIN organizations o ON o.id = d.firm_id WHERE o.status = 'approved'`,
        args: [],
      },
    ],
    'read',
  );
  const q = head[0]?.rows[0];
  if (!q) return null;
  const queryTerms = [...String(q.query).matchAll(/"((?:[^"]|"")*)"/g)].map((m) =>
    (m[1] as string).replace(/""/g, '"'),
  );
  const qv = q.embedding ? new Float32Array(toArrayBuffer(q.embedding)) : null;
  const docs = (head[1]?.rows ?? []).map((r) => ({
    kind: String(r.kind),
    refId: String(r.ref_id),
    firmId: String(r.firm_id),
    tokens: String(r.tokens).split(' '),
    concepts: conceptList(r.concepts),
    vector: r.embedding ? new Float32Array(toArrayBuffer(r.embedding)) : null,
  }));
  // BM25 (k1 1.2, b 0.75), FTS5's defaults, over the token lists.
  const df = new Map<string, number>();
  for (const d of docs)
    for (const t of new Set(d.tokens)) if (queryTerms.includes(t)) df.set(t, (df.get(t) ?? 0) + 1);
  const avg = docs.reduce((n, d) => n + d.tokens.length, 0) / Math.max(1, docs.length);
  // The same rule as the indexed query: the FTS_TERMS rarest terms found in ≤ max(200, 5 %) documents.
  const maxDf = Math.max(200, Math.floor(docs.length / 20));
  const terms = queryTerms
    .slice(0, FTS_CANDIDATE_TERMS)
    .filter((t) => (df.get(t) ?? 0) > 0 && (df.get(t) ?? 0) <= maxDf)
    .sort((a, b) => (df.get(a) ?? 0) - (df.get(b) ?? 0) || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, FTS_TERMS);
  const signal = (d: (typeof docs)[number]): TextSignal => {
    let bm = 0;
    for (const t of terms) {
      const n = df.get(t);
      if (!n) continue;
      const tf = d.tokens.filter((x) => x === t).length;
      if (!tf) continue;
      const idf = Math.log((docs.length - n + 0.5) / (n + 0.5) + 1);
      bm += (idf * tf * 2.2) / (tf + 1.2 * (0.25 + (0.75 * d.tokens.length) / avg));
    }
    return {
      bm25: bm > 0 ? bm : null,
      cosine: qv && d.vector ? dot(qv, d.vector) : null,
      concepts: d.concepts,
    };
  };

  const [scenarioRows, reqRows, firmRows, productRows] = await db.$client.batch(
    [
      { sql: `SELECT ${SCENARIO_COLUMNS}, s.issuer_id FROM scenarios s WHERE s.id = ?`, args: [scenarioId] },
      {
        sql: `SELECT ${REQUIREMENT_COLUMNS} FROM scenario_requirements WHERE scenario_id = ? ORDER BY ordinal`,
        args: [scenarioId],
      },
      {
        sql: `SELECT ${FIRM_FACTS} FROM organizations o WHERE o.kind = 'firm' AND o.status = 'approved'`,
        args: [],
      },
      { sql: "SELECT * FROM products WHERE status = 'listed'", args: [] },
    ],
    'read',
  );
  const s = scenarioRows?.rows[0];
  if (!s) return null;
  const scenario = {
    ...toScenario(
      s,
      (reqRows?.rows ?? []).map((r) => toRequirement(Object.values(r))),
    ),
    concepts: conceptList(q.concepts),
  };
  const signals = new Map(docs.map((d) => [`${d.kind}:${d.refId}`, signal(d)]));
  const productsOf = new Map<string, MatchProduct[]>();
  const products = new Map<string, MatchProduct>();
  for (const r of productRows?.rows ?? []) {
    const p = toProduct(r as unknown as Record<string, unknown>);
    products.set(p.id, p);
    const firmId = String(r.firm_id);
    productsOf.set(firmId, [...(productsOf.get(firmId) ?? []), p]);
  }
  const firms = new Map<string, MatchFirm>();
  const pairs: MatchPair[] = [];
  for (const r of firmRows?.rows ?? []) {
    const firm = toFirm(r, { leadsInCall: 0, partnerOnScenario: false });
    firms.set(firm.id, firm);
    pairs.push({
      scenario,
      firm,
      firmText: signals.get(`firm:${firm.id}`) ?? { bm25: null, cosine: null },
      products: (productsOf.get(firm.id) ?? []).map((product) => ({
        product,
        text: signals.get(`product:${product.id}`) ?? { bm25: null, cosine: null },
      })),
      feedback: { pair: null, useful: 0, notUseful: 0 },
    });
  }
  const ranked = rankMatches(pairs, opts);
  return {
    ...ranked,
    candidates: pairs.length,
    indexed: true,
    scenario,
    issuerId: String(s.issuer_id),
    products,
    firms,
  };
}

const toArrayBuffer = (v: unknown): ArrayBuffer => {
  if (v instanceof ArrayBuffer) return v;
  const u = v as Uint8Array;
  return u.buffer.slice(u.byteOffset, u.byteOffset + u.byteLength) as ArrayBuffer;
};

const dot = (a: Float32Array, b: Float32Array): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
};
