// pnpm bench:match-quality — ranking quality of the matching engine on the labelled dev set
// (bench/data/matching: devset.jsonl, qrels.tsv, qrels-topical.tsv; README there says how the labels
// were made), against MiniSearch BM25 over the same texts in the same run. Prints Markdown.
//   nDCG@10 with gains 2^grade − 1; recall@10 and MRR count grade ≥ 2 ("can do the job") as relevant.
// BENCH_DEVSET=blind: the same set with the firm and product texts rewritten blind (data/matching/blind,
// written from the hidden capability tags and facts, never seeing a scenario); it also scores every system
// against the rubric labels (grades from the hidden tags alone, before the hand review that read the
// original texts). BENCH_RUBRIC=1 adds the rubric labels to a run on the original texts too.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import {
  checkEligibility,
  createLocalEmbedder,
  type JsonlFirm,
  type JsonlProduct,
  type JsonlScenario,
  type MatchFirm,
  type MatchScenario,
  normalizeText,
  parseJsonLines,
  segment,
} from '@scx/core';
import { createDb, drainAllMatchQueue, importDataset, MIGRATIONS, matchScenario, migrate } from '@scx/db';
import MiniSearch from 'minisearch';

const DATA = join(import.meta.dirname, 'data/matching');
const K = 10;
const NOW = '2026-11-22T00:00:00.000Z';

type Qrels = Map<string, Map<string, number>>;
function readQrels(name: string): Qrels {
  const q: Qrels = new Map();
  for (const line of readFileSync(join(DATA, name), 'utf8').split('\n')) {
    const [s, f, g] = line.trim().split('\t');
    if (!s || !f || g === undefined || !/^\d$/.test(g)) continue;
    if (!q.has(s)) q.set(s, new Map());
    q.get(s)?.set(f, Number(g));
  }
  return q;
}

function ndcg(ranked: string[], grades: Map<string, number>, k = K): number {
  const dcg = ranked
    .slice(0, k)
    .reduce((sum, id, i) => sum + (2 ** (grades.get(id) ?? 0) - 1) / Math.log2(i + 2), 0);
  const ideal = [...grades.values()]
    .sort((a, b) => b - a)
    .slice(0, k)
    .reduce((sum, g, i) => sum + (2 ** g - 1) / Math.log2(i + 2), 0);
  return ideal === 0 ? 0 : dcg / ideal;
}
const relevant = (grades: Map<string, number>) => [...grades].filter(([, g]) => g >= 2).map(([id]) => id);
function recall(ranked: string[], grades: Map<string, number>, k = K): number {
  const rel = relevant(grades);
  if (rel.length === 0) return 0;
  const top = new Set(ranked.slice(0, k));
  return rel.filter((id) => top.has(id)).length / rel.length;
}
function mrr(ranked: string[], grades: Map<string, number>): number {
  const i = ranked.findIndex((id) => (grades.get(id) ?? 0) >= 2);
  return i < 0 ? 0 : 1 / (i + 1);
}

/** 'original' (default): devset.jsonl. 'blind' (BENCH_DEVSET=blind): blind/devset-blind.jsonl. */
const DEVSET = process.env.BENCH_DEVSET === 'blind' ? 'blind' : 'original';
const text = readFileSync(
  join(DATA, DEVSET === 'blind' ? 'blind/devset-blind.jsonl' : 'devset.jsonl'),
  'utf8',
);
const parsed = parseJsonLines(text);
if (parsed.problems.length)
  throw new Error(`devset has problems: ${JSON.stringify(parsed.problems.slice(0, 5))}`);
/**
 * 'full' (default): a scenario's title and description are the query. 'title' (BENCH_QUERY=title): the
 * title alone, as in agencies' one-line Excel lists, where the vocabulary gap is widest.
 */
const QUERY = process.env.BENCH_QUERY === 'title' ? 'title' : 'full';
const records = parsed.records
  .map((r) => r.record)
  .map((r) => (QUERY === 'title' && r.type === 'scenario' ? { ...r, description: '' } : r));
const firms = records.filter((r): r is JsonlFirm => r.type === 'firm');
const products = records.filter((r): r is JsonlProduct => r.type === 'product');
const scenarios = records.filter((r): r is JsonlScenario => r.type === 'scenario');
const qrels = readQrels('qrels.tsv');
const topical = readQrels('qrels-topical.tsv');
/** Rubric labels (blind set, or BENCH_RUBRIC=1): eligible pairs, and the same ignoring eligibility. */
const rubric =
  DEVSET === 'blind' || process.env.BENCH_RUBRIC === '1'
    ? { qrels: readQrels('blind/qrels-rubric.tsv'), topical: readQrels('blind/qrels-rubric-topical.tsv') }
    : null;

// Ours: the product's own path — import (the CLI's code), index, matchScenario on an embedded file.
const dir = mkdtempSync(join(tmpdir(), 'scx-match-quality-'));
const client = createClient({ url: `file:${join(dir, 'q.db')}` });
await migrate(client, MIGRATIONS);
const db = createDb(client);
await importDataset(db, records, { now: new Date(NOW) });
const t0 = performance.now();
await drainAllMatchQueue(db, createLocalEmbedder());
const indexMs = performance.now() - t0;
const idOf = new Map<string, string>();
for (const r of (await client.execute('SELECT id, external_id FROM scenarios')).rows)
  idOf.set(String(r.external_id), String(r.id));
const extOf = new Map<string, string>();
for (const r of (await client.execute("SELECT id, external_id FROM organizations WHERE kind = 'firm'"))
  .rows) {
  extOf.set(String(r.id), String(r.external_id));
}

// Baseline: MiniSearch (BM25+) over each firm's text with its products, tokenised with Intl.Segmenter.
const productsOf = new Map<string, JsonlProduct[]>();
for (const p of products) productsOf.set(p.firm, [...(productsOf.get(p.firm) ?? []), p]);
const firmText = (f: JsonlFirm) =>
  [
    f.name,
    f.description,
    f.capability,
    ...f.cases.map((c) => `${c.title} ${c.description}`),
    ...(productsOf.get(f.id) ?? []).map((p) => `${p.name} ${p.summary} ${p.description}`),
  ].join(' ');
const tokenize = (s: string) => segment(normalizeText(s));
const mini = new MiniSearch<{ id: string; text: string }>({ fields: ['text'], tokenize });
mini.addAll(firms.map((f) => ({ id: f.id, text: firmText(f) })));

// The baseline plus our hard rules (a stronger baseline: it never shows an ineligible firm either).
const matchFirmOf = (f: JsonlFirm): MatchFirm => ({
  id: f.id,
  externalId: f.id,
  name: f.name,
  status: 'approved',
  size: f.size ?? null,
  district: f.districts[0] ?? 'citywide',
  localTaxResident: f.localTax ?? f.districts.length > 0,
  domains: f.domains,
  certifications: f.certifications,
  casesByDomain: {},
  casesByArea: {},
  awards: 0,
  accepted: 0,
  activeLoad: 0,
  leadsInCall: 0,
  partnerOnScenario: false,
});
const casesOf = (f: JsonlFirm) => {
  const byDomain: Record<string, number> = {};
  for (const c of f.cases) byDomain[c.domain ?? ''] = (byDomain[c.domain ?? ''] ?? 0) + 1;
  return byDomain;
};
const scenarioOf = (s: JsonlScenario): MatchScenario => ({
  id: s.id,
  externalId: s.id,
  kind: s.kind,
  title: s.title,
  domain: s.domains[0] ?? 'industry-it',
  area: s.area ?? 'government',
  district: s.district ?? 'citywide',
  callId: null,
  budgetFen: null,
  deadline: null,
  consortiumAllowed: s.kind === 'challenge',
  requirements: s.requirements.map((r) => ({
    ...r,
    code: r.code ?? null,
    level: r.level ?? null,
    value: r.value ?? null,
  })),
});
const eligible = (s: JsonlScenario, f: JsonlFirm) =>
  checkEligibility(
    {
      scenario: scenarioOf(s),
      firm: { ...matchFirmOf(f), casesByDomain: casesOf(f) },
      firmText: { bm25: null, cosine: null },
      products: [],
      feedback: { pair: null, useful: 0, notUseful: 0 },
    },
    { now: NOW },
  ).length === 0;
const firmById = new Map(firms.map((f) => [f.id, f]));

interface Scores {
  ndcg: number[];
  recall: number[];
  mrr: number[];
  ndcgTopical: number[];
}
const empty = (): Scores => ({ ndcg: [], recall: [], mrr: [], ndcgTopical: [] });
const systemsOf = () => ({ ours: empty(), oursNoRules: empty(), bm25: empty(), bm25Rules: empty() });
const systems = systemsOf();
/** The same ranked lists scored against the rubric labels (when `rubric` is set). */
const rubricSystems = systemsOf();
type System = keyof typeof systems;
/**
 * The dev set is split by scenario number: odd (S001, S003 …) is the tuning half — the only half
 * ranking changes were tried on — and even is held out. Both halves and the full set are reported.
 */
const half = (id: string) => (Number(id.replace(/\D/g, '')) % 2 === 1 ? 'tuning' : 'held-out');
const byHalf = { tuning: new Set<string>(), 'held-out': new Set<string>() };
const order: string[] = [];
const latencies: number[] = [];
const dump: string[] = [];
const score = (s: Scores, ranked: string[], g: Map<string, number>, t: Map<string, number>) => {
  s.ndcg.push(ndcg(ranked, g));
  s.recall.push(recall(ranked, g));
  s.mrr.push(mrr(ranked, g));
  s.ndcgTopical.push(ndcg(ranked, t));
};
const add = (system: System, ranked: string[], id: string) => {
  score(systems[system], ranked, qrels.get(id) ?? new Map(), topical.get(id) ?? new Map());
  if (rubric)
    score(
      rubricSystems[system],
      ranked,
      rubric.qrels.get(id) ?? new Map(),
      rubric.topical.get(id) ?? new Map(),
    );
};

for (const s of scenarios) {
  if (!qrels.has(s.id)) continue;
  order.push(s.id);
  byHalf[half(s.id)].add(s.id);
  const started = performance.now();
  const m = await matchScenario(db, idOf.get(s.id) as string, { now: NOW, top: K });
  latencies.push(performance.now() - started);
  // Ours with the rules switched off (ranked list and near misses merged by score): what our text
  // relevance finds, to compare with BM25 on the topical labels.
  const all = await matchScenario(db, idOf.get(s.id) as string, {
    now: NOW,
    top: K,
    nearMisses: K,
    nearMissMinScore: 0,
  });
  add(
    'oursNoRules',
    [...(all?.results ?? []), ...(all?.nearMisses ?? [])]
      .sort((a, b) => b.score - a.score)
      .map((r) => extOf.get(r.firmId) ?? r.firmId),
    s.id,
  );
  add(
    'ours',
    (m?.results ?? []).map((r) => extOf.get(r.firmId) ?? r.firmId),
    s.id,
  );
  const hits = mini.search(`${s.title} ${s.description}`, { combineWith: 'OR' }).map((h) => String(h.id));
  add('bm25', hits.slice(0, K), s.id);
  if (process.env.BENCH_DUMP) {
    // Every candidate core ranked (eligible or not), with its feature values, and BM25's top 20.
    const every = await matchScenario(db, idOf.get(s.id) as string, {
      now: NOW,
      nearMisses: 1000,
      nearMissMinScore: 0,
    });
    const row = (r: { firmId: string; score: number; productId: string | null }, eligible: boolean) => {
      const b = every?.results.find((x) => x.firmId === r.firmId)?.breakdown;
      return [extOf.get(r.firmId) ?? r.firmId, r.score, eligible, b?.map((x) => x.value) ?? null];
    };
    dump.push(
      JSON.stringify({
        id: s.id,
        ours: [
          ...(every?.results ?? []).map((r) => row(r, true)),
          ...(every?.nearMisses ?? []).map((r) => row(r, false)),
        ],
        bm25: hits.slice(0, 20),
      }),
    );
  }
  if (process.env.BENCH_VERBOSE) {
    const g = qrels.get(s.id) ?? new Map();
    const oursIds = (m?.results ?? []).map((r) => extOf.get(r.firmId) ?? r.firmId);
    const mark = (ids: string[]) =>
      ids
        .slice(0, K)
        .map((id) => `${id}:${g.get(id) ?? 0}`)
        .join(' ');
    console.error(
      `${s.id} ours ${ndcg(oursIds, g).toFixed(2)} bm25 ${ndcg(hits, g).toFixed(2)} | ${s.title}\n  ours ${mark(oursIds)}\n  bm25 ${mark(hits)}\n  want ${[
        ...g,
      ]
        .sort((a, b) => b[1] - a[1])
        .map(([id, x]) => `${id}:${x}`)
        .join(' ')}`,
    );
  }
  add('bm25Rules', hits.filter((id) => eligible(s, firmById.get(id) as JsonlFirm)).slice(0, K), s.id);
}
client.close();
rmSync(dir, { recursive: true, force: true });

if (process.env.BENCH_DUMP) writeFileSync(process.env.BENCH_DUMP, `${dump.join('\n')}\n`);

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const f3 = (x: number) => x.toFixed(3);
/** The scores of the scenarios in `subset` (all when undefined). */
const pick = (s: Scores, subset?: Set<string>): Scores => {
  const keep = (xs: number[]) => xs.filter((_, i) => !subset || subset.has(order[i] as string));
  return { ndcg: keep(s.ndcg), recall: keep(s.recall), mrr: keep(s.mrr), ndcgTopical: keep(s.ndcgTopical) };
};
const row = (name: string, s: Scores) =>
  `| ${name} | ${f3(mean(s.ndcg))} | ${f3(mean(s.recall))} | ${f3(mean(s.mrr))} | ${f3(mean(s.ndcgTopical))} |`;
latencies.sort((a, b) => a - b);
const pct = (p: number) =>
  latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]?.toFixed(1);
const graded = [...qrels.values()].reduce((n, g) => n + g.size, 0);
const rubricGraded = [...(rubric?.qrels.values() ?? [])].reduce((n, g) => n + g.size, 0);

console.log(
  `\n### pnpm bench:match-quality${DEVSET === 'blind' ? '-blind' : ''} — ${new Date().toISOString().slice(0, 10)} — queries: ${QUERY === 'title' ? 'scenario titles only' : 'scenario title + description'}${DEVSET === 'blind' ? ' — blind firm and product texts' : ''}\n`,
);
console.log(
  `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}. ` +
    `Dev set${DEVSET === 'blind' ? ' (blind texts: bench/data/matching/blind/devset-blind.jsonl)' : ''}: ${scenarios.length} scenarios, ${firms.length} firms, ${products.length} products, ${graded} graded pairs ` +
    `${rubric ? `(${rubricGraded} with the rubric labels) ` : ''}(bench/data/matching/README.md). Index build ${Math.round(indexMs)} ms; ours per query p50 ${pct(0.5)} ms, p99 ${pct(0.99)} ms (in process).\n`,
);
const ratio = (a: number[], b: number[]) => `${((mean(a) / mean(b) - 1) * 100).toFixed(1)} %`;
for (const [label, subset] of [
  ['all scenarios', undefined],
  ['tuning half (odd-numbered scenarios)', byHalf.tuning],
  ['held-out half (even-numbered scenarios)', byHalf['held-out']],
] as const) {
  const n = subset ? subset.size : order.length;
  console.log(`**${label}** (${n})\n`);
  for (const [labels, scored] of rubric
    ? ([
        ['final labels (qrels.tsv, qrels-topical.tsv)', systems],
        ['rubric labels (blind/qrels-rubric.tsv, blind/qrels-rubric-topical.tsv)', rubricSystems],
      ] as const)
    : ([[null, systems]] as const)) {
    const ours = pick(scored.ours, subset);
    const bm25 = pick(scored.bm25, subset);
    const bm25Rules = pick(scored.bm25Rules, subset);
    const noRules = pick(scored.oursNoRules, subset);
    if (labels) console.log(`*${labels}*\n`);
    console.log('| system | nDCG@10 | recall@10 (grade ≥ 2) | MRR (grade ≥ 2) | nDCG@10, topical labels |');
    console.log('|---|---:|---:|---:|---:|');
    console.log(row('Scenario Exchange matcher (FTS5 + vectors + core re-rank + rules)', ours));
    console.log(row('the same with the rules off (ranked + near misses by score)', noRules));
    console.log(row('MiniSearch BM25 (baseline)', bm25));
    console.log(row('MiniSearch BM25 + our eligibility rules', bm25Rules));
    console.log(
      `\nnDCG@10 vs BM25: ${ratio(ours.ndcg, bm25.ndcg)}; vs BM25 + rules: ${ratio(ours.ndcg, bm25Rules.ndcg)}; ` +
        `topical labels, both without rules: ${ratio(noRules.ndcgTopical, bm25.ndcgTopical)}.\n`,
    );
  }
}
