#!/usr/bin/env node
// Validates the matching dev set in this folder and prints the statistics quoted in README.md.
// Plain Node ESM, no dependencies:  node bench/data/matching/check.mjs [--rubric] [--json]
//   --rubric  also print the rubric grade of every (scenario, firm) pair as TSV on stdout
//   --json    print the summary as JSON instead of text
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const DIR = process.env.DEVSET_DIR ?? dirname(fileURLToPath(import.meta.url));
const args = new Set(process.argv.slice(2));

// ── vocabularies (copied from packages/core/src/vocabulary.ts) ─────────────────
const SOFTWARE_DOMAINS = ['basic-software', 'industrial-software', 'cybersecurity', 'geospatial', 'internet-services',
  'industry-it', 'embedded', 'emerging-platforms', 'eda', 'automotive'];
const APPLICATION_AREAS = ['government', 'transport', 'healthcare', 'education', 'manufacturing', 'culture-tourism',
  'emergency', 'urban-governance', 'finance', 'energy', 'agriculture', 'logistics', 'community'];
const DISTRICTS = ['jiangan', 'jianghan', 'qiaokou', 'hanyang', 'wuchang', 'qingshan', 'hongshan', 'dongxihu', 'hannan',
  'caidian', 'jiangxia', 'huangpi', 'xinzhou', 'east-lake-hightech', 'wuhan-econ-dev', 'changjiang-new-area',
  'east-lake-scenic', 'citywide'];
const FIRM_SIZES = ['large', 'medium', 'small', 'micro'];
/** code → highest level (0 = not graded) */
const CERTIFICATIONS = { CSMM: 5, DCMM: 5, CMMI: 5, ISO27001: 0, ISO9001: 0, ISO20000: 0, ITSS: 4, XINCHUANG: 0, ZJTX: 0,
  'ZJTX-GIANT': 0, HNTE: 0, MLPS3: 0 };
const REQUIREMENT_KINDS = ['certification', 'size', 'district', 'local_tax', 'experience', 'technical', 'other'];
const SCENARIO_KINDS = ['scenario', 'challenge'];

// ── limits from the brief ────────────────────────────────────────────────────
const MIN = { scenarios: 64, firms: 170, products: 230, firmsPlusProducts: 400 };
const LEN = { scenario: [80, 400], firm: [60, 300], product: [40, 250] };
/** "近三年" for experience requirements: the set was written in Nov 2026, so cases from 2024 on count. */
const RECENT_FROM = 2024;

const errors = [];
const warnings = [];
const err = (m) => errors.push(m);
const warn = (m) => warnings.push(m);

// ── load ─────────────────────────────────────────────────────────────────────
const firms = new Map();
const products = new Map();
const scenarios = new Map();
const raw = readFileSync(join(DIR, 'devset.jsonl'), 'utf8');
raw.split('\n').forEach((line, i) => {
  if (line.trim() === '') return;
  let r;
  try {
    r = JSON.parse(line);
  } catch (e) {
    err(`devset.jsonl:${i + 1}: not JSON (${e.message})`);
    return;
  }
  const map = { firm: firms, product: products, scenario: scenarios }[r.type];
  if (!map) return err(`devset.jsonl:${i + 1}: unknown type ${r.type}`);
  const re = { firm: /^F\d{3}$/, product: /^P\d{3}$/, scenario: /^S\d{3}$/ }[r.type];
  if (!re.test(r.id ?? '')) err(`devset.jsonl:${i + 1}: bad ${r.type} id ${r.id}`);
  if (map.has(r.id)) err(`devset.jsonl:${i + 1}: duplicate ${r.type} id ${r.id}`);
  r.line = i + 1;
  map.set(r.id, r);
});

const inList = (list, v, where) => {
  if (!list.includes(v)) err(`${where}: "${v}" is not a known code`);
};
const textLen = (s) => [...(s ?? '')].length;
const checkLen = (kind, id, s) => {
  const n = textLen(s);
  const [lo, hi] = LEN[kind];
  if (n < lo || n > hi) err(`${id}: ${kind} description has ${n} characters (want ${lo}–${hi})`);
};

// ── firms ────────────────────────────────────────────────────────────────────
for (const f of firms.values()) {
  const at = `${f.id} (line ${f.line})`;
  if (!f.name) err(`${at}: no name`);
  inList(FIRM_SIZES, f.size, `${at} size`);
  if (!Array.isArray(f.districts)) err(`${at}: districts must be a list`);
  for (const d of f.districts ?? []) inList(DISTRICTS, d, `${at} district`);
  if ((f.districts ?? []).includes('citywide')) err(`${at}: a firm is registered in a district, not citywide`);
  if (f.localTax !== (f.districts ?? []).length > 0)
    err(`${at}: localTax must be true exactly when the firm has a (Wuhan) registered district`);
  if (!(f.domains ?? []).length) err(`${at}: no domains`);
  for (const d of f.domains ?? []) inList(SOFTWARE_DOMAINS, d, `${at} domain`);
  for (const c of f.certifications ?? []) {
    if (!(c.code in CERTIFICATIONS)) err(`${at}: unknown certification ${c.code}`);
    else if (CERTIFICATIONS[c.code] > 0 && !(c.level >= 1 && c.level <= CERTIFICATIONS[c.code]))
      err(`${at}: ${c.code} needs a level 1–${CERTIFICATIONS[c.code]}`);
    else if (CERTIFICATIONS[c.code] === 0 && c.level != null) err(`${at}: ${c.code} is not graded`);
  }
  for (const c of f.cases ?? []) {
    if (!c.title) err(`${at}: case without title`);
    if (c.domain != null) inList(SOFTWARE_DOMAINS, c.domain, `${at} case domain`);
    if (c.area != null) inList(APPLICATION_AREAS, c.area, `${at} case area`);
    if (c.year != null && !(c.year >= 1990 && c.year <= 2026)) err(`${at}: case year ${c.year}`);
  }
  checkLen('firm', at, f.description);
}

// ── products ─────────────────────────────────────────────────────────────────
for (const p of products.values()) {
  const at = `${p.id} (line ${p.line})`;
  if (!firms.has(p.firm)) err(`${at}: firm ${p.firm} does not exist`);
  if (!p.name) err(`${at}: no name`);
  if (!(p.domains ?? []).length) err(`${at}: no domains`);
  for (const d of p.domains ?? []) inList(SOFTWARE_DOMAINS, d, `${at} domain`);
  for (const a of p.areas ?? []) inList(APPLICATION_AREAS, a, `${at} area`);
  for (const k of ['recommendedCatalog', 'firstEdition', 'xinchuang'])
    if (typeof p[k] !== 'boolean') err(`${at}: ${k} must be boolean`);
  checkLen('product', at, p.description);
}
const productsOf = new Map([...firms.keys()].map((id) => [id, []]));
for (const p of products.values()) productsOf.get(p.firm)?.push(p);

// ── scenarios ────────────────────────────────────────────────────────────────
for (const s of scenarios.values()) {
  const at = `${s.id} (line ${s.line})`;
  inList(SCENARIO_KINDS, s.kind, `${at} kind`);
  if (!s.title) err(`${at}: no title`);
  if (!(s.domains ?? []).length) err(`${at}: no domains`);
  for (const d of s.domains ?? []) inList(SOFTWARE_DOMAINS, d, `${at} domain`);
  inList(APPLICATION_AREAS, s.area, `${at} area`);
  inList(DISTRICTS, s.district, `${at} district`);
  if (!(s.budgetYuan > 0)) err(`${at}: budgetYuan must be positive`);
  for (const r of s.requirements ?? []) {
    inList(REQUIREMENT_KINDS, r.kind, `${at} requirement kind`);
    if (typeof r.mandatory !== 'boolean') err(`${at}: requirement.mandatory must be boolean`);
    if (!r.description) err(`${at}: requirement without description`);
    if (r.kind === 'certification') {
      if (!(r.code in CERTIFICATIONS)) err(`${at}: requirement certification ${r.code} unknown`);
      else if (r.level != null && !(CERTIFICATIONS[r.code] >= r.level)) err(`${at}: ${r.code} has no level ${r.level}`);
    }
    if (r.kind === 'size') for (const v of String(r.value ?? '').split(',')) inList(FIRM_SIZES, v, `${at} size requirement`);
    if (r.kind === 'district') for (const v of String(r.value ?? '').split(',')) inList(DISTRICTS, v, `${at} district requirement`);
    if (r.kind === 'experience') {
      inList(SOFTWARE_DOMAINS, r.code, `${at} experience domain`);
      if (!(r.level >= 1)) err(`${at}: experience requirement needs a count (level ≥ 1)`);
    }
    if (r.mandatory && (r.kind === 'technical' || r.kind === 'other'))
      err(`${at}: technical/other requirements must not be mandatory (eligibility is kept to structured rules)`);
  }
  if (s.kind === 'challenge' && !(s.requirements ?? []).some((r) => r.kind === 'local_tax' && r.mandatory))
    err(`${at}: challenges require registration and tax in Wuhan`);
  checkLen('scenario', at, s.description);
}

// ── eligibility (the mandatory requirements, mechanically) ───────────────────
function unmet(s, f, recentFrom = RECENT_FROM) {
  const out = [];
  for (const r of s.requirements ?? []) {
    if (!r.mandatory) continue;
    if (r.kind === 'certification') {
      const c = (f.certifications ?? []).find((x) => x.code === r.code);
      if (!c || (r.level != null && (c.level ?? 0) < r.level)) out.push(`${r.code}${r.level ? `≥${r.level}` : ''}`);
    } else if (r.kind === 'local_tax') {
      if (!f.localTax) out.push('local_tax');
    } else if (r.kind === 'size') {
      if (!String(r.value).split(',').includes(f.size)) out.push(`size∈{${r.value}}`);
    } else if (r.kind === 'district') {
      if (!String(r.value).split(',').some((d) => (f.districts ?? []).includes(d))) out.push(`district∈{${r.value}}`);
    } else if (r.kind === 'experience') {
      const n = (f.cases ?? []).filter((c) => c.domain === r.code && (c.year ?? 0) >= recentFrom).length;
      if (n < r.level) out.push(`cases(${r.code})≥${r.level}`);
    }
  }
  return out;
}

// ── tags and rubric ──────────────────────────────────────────────────────────
const tags = JSON.parse(readFileSync(join(DIR, 'tags.json'), 'utf8'));
const SUB = tags.subtopics;
for (const [kind, map] of [['firms', firms], ['products', products]]) {
  for (const id of map.keys()) if (!tags[kind][id]?.length) err(`tags.json: ${kind}.${id} missing or empty`);
  for (const [id, list] of Object.entries(tags[kind])) {
    if (!map.has(id)) err(`tags.json: ${kind}.${id} is not in devset.jsonl`);
    for (const t of list) if (!SUB[t]) err(`tags.json: ${kind}.${id}: unknown subtopic ${t}`);
  }
}
for (const id of scenarios.keys()) {
  const t = tags.scenarios[id];
  if (!t?.primary?.length) err(`tags.json: scenarios.${id} has no primary subtopic`);
  for (const x of [...(t?.primary ?? []), ...(t?.secondary ?? [])]) if (!SUB[x]) err(`tags.json: ${id}: unknown subtopic ${x}`);
}
for (const id of Object.keys(tags.scenarios)) if (!scenarios.has(id)) err(`tags.json: scenarios.${id} not in devset.jsonl`);

const capsOf = (fid) => new Set([...(tags.firms[fid] ?? []), ...productsOf.get(fid).flatMap((p) => tags.products[p.id] ?? [])]);
const famOf = (t) => SUB[t]?.family;
const areaTrack = (f, s) =>
  (f.cases ?? []).some((c) => c.area === s.area) || productsOf.get(f.id).some((p) => (p.areas ?? []).includes(s.area));

/** The written rubric (README § Labels): a first topical grade from the hidden tags. */
function rubric(s, f) {
  const caps = capsOf(f.id);
  const P = tags.scenarios[s.id].primary;
  // secondary needs of the "general" family (IoT platform, generic devices, app development…) never count
  const S = (tags.scenarios[s.id].secondary ?? []).filter((t) => SUB[t]?.family !== 'general');
  const has = (t) => caps.has(t);
  if (P.every(has)) return { g: 3, why: 'covers every primary need' };
  if (P.some(has)) return { g: 2, why: 'covers part of the primary need' };
  if (S.length && S.every(has) && areaTrack(f, s)) return { g: 2, why: 'covers all secondary needs, track record in area' };
  if (P.some((p) => (SUB[p].related ?? []).some(has))) return { g: 1, why: 'has a subtopic related to the primary need' };
  if (S.some(has) && areaTrack(f, s)) return { g: 1, why: 'covers a secondary need, track record in area' };
  if (has('system-integration') && s.domains.includes('industry-it') && areaTrack(f, s))
    return { g: 1, why: 'integrator with track record in area (industry-IT scenario)' };
  return { g: 0, why: '' };
}

// ── qrels ────────────────────────────────────────────────────────────────────
function readQrels(file) {
  const m = new Map();
  readFileSync(join(DIR, file), 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (line.trim() === '' || line.startsWith('#')) return;
      const [sid, fid, g, extra] = line.split('\t');
      const at = `${file}:${i + 1}`;
      if (extra !== undefined) err(`${at}: expected 3 tab-separated columns`);
      if (!scenarios.has(sid)) err(`${at}: unknown scenario ${sid}`);
      if (!firms.has(fid)) err(`${at}: unknown firm ${fid}`);
      if (!['1', '2', '3'].includes(g)) err(`${at}: grade must be 1, 2 or 3 (got ${g})`);
      const k = `${sid}\t${fid}`;
      if (m.has(k)) err(`${at}: duplicate pair`);
      m.set(k, Number(g));
    });
  return m;
}
const qrels = readQrels('qrels.tsv');
const topical = readQrels('qrels-topical.tsv');
let ineligibleTopical = 0;
const unmetCount = {};
for (const [k, g] of topical) {
  const [sid, fid] = k.split('\t');
  const s = scenarios.get(sid);
  const f = firms.get(fid);
  if (!s || !f) continue;
  const u = unmet(s, f);
  const u2 = unmet(s, f, 0);
  if (u.join() !== u2.join()) err(`${sid}/${fid}: eligibility depends on the "近三年" window (${u} vs ${u2})`);
  const e = qrels.get(k);
  if (u.length === 0 && e !== g) err(`${k}: eligible pair must have the same grade in qrels.tsv (${e ?? 0}) and qrels-topical.tsv (${g})`);
  if (u.length > 0) {
    ineligibleTopical++;
    for (const x of u) unmetCount[x.replace(/[≥∈].*/, '')] = (unmetCount[x.replace(/[≥∈].*/, '')] ?? 0) + 1;
    if (e) err(`${k}: ineligible (${u}) but listed in qrels.tsv`);
  }
}
for (const k of qrels.keys()) if (!topical.has(k)) err(`${k}: in qrels.tsv but not in qrels-topical.tsv`);

// hand adjustments vs rubric
let changed = 0;
let changedUp = 0;
let changedDown = 0;
const rubricRows = [];
let rubricPairs = 0;
for (const s of scenarios.values()) {
  for (const f of firms.values()) {
    const r = rubric(s, f);
    const final = topical.get(`${s.id}\t${f.id}`) ?? 0;
    if (r.g > 0) rubricPairs++;
    if (r.g !== final) {
      changed++;
      if (final > r.g) changedUp++;
      else changedDown++;
    }
    if (args.has('--rubric') && (r.g > 0 || final > 0)) rubricRows.push([s.id, f.id, r.g, final, r.why].join('\t'));
  }
}
let adjustments = [];
try {
  adjustments = readFileSync(join(DIR, 'adjustments.tsv'), 'utf8').split('\n').filter((l) => l && !l.startsWith('#') && !l.startsWith('scenario'));
} catch {
  warn('adjustments.tsv not found');
}
if (adjustments.length && adjustments.length !== changed)
  err(`adjustments.tsv lists ${adjustments.length} hand changes but ${changed} topical grades differ from the rubric`);
for (const line of adjustments) {
  const [sid, fid, rg, fg] = line.split('\t');
  const s = scenarios.get(sid);
  const f = firms.get(fid);
  if (!s || !f) { err(`adjustments.tsv: unknown ids in "${line}"`); continue; }
  if (rubric(s, f).g !== Number(rg)) err(`adjustments.tsv: ${sid}/${fid} rubric grade is ${rubric(s, f).g}, not ${rg}`);
  if ((topical.get(`${sid}\t${fid}`) ?? 0) !== Number(fg)) err(`adjustments.tsv: ${sid}/${fid} final grade mismatch`);
}

// ── summary ──────────────────────────────────────────────────────────────────
const count = (xs) => xs.reduce((m, x) => ((m[x] = (m[x] ?? 0) + 1), m), {});
const dist = (m) => count([...m.values()]);
const perScenario = (m, min = 1) =>
  [...scenarios.keys()].map((sid) => [...m].filter(([k, g]) => k.startsWith(`${sid}\t`) && g >= min).length);
const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { min: s[0], median: s[Math.floor(s.length / 2)], mean: +(s.reduce((a, b) => a + b, 0) / s.length).toFixed(1), max: s.at(-1) };
};
const lens = (xs) => stats(xs.map(textLen));
const S = [...scenarios.values()];
const Fs = [...firms.values()];
const Ps = [...products.values()];

const summary = {
  records: {
    scenarios: S.length,
    challenges: S.filter((s) => s.kind === 'challenge').length,
    firms: Fs.length,
    firmsOutsideWuhan: Fs.filter((f) => !f.localTax).length,
    products: Ps.length,
    firmsPlusProducts: Fs.length + Ps.length,
  },
  firmSizes: count(Fs.map((f) => f.size)),
  scenariosPerArea: Object.fromEntries(APPLICATION_AREAS.map((a) => [a, S.filter((s) => s.area === a).length])),
  scenariosPerDomain: Object.fromEntries(SOFTWARE_DOMAINS.map((d) => [d, S.filter((s) => s.domains.includes(d)).length])),
  firmsPerDomain: Object.fromEntries(SOFTWARE_DOMAINS.map((d) => [d, Fs.filter((f) => f.domains.includes(d)).length])),
  productsPerDomain: Object.fromEntries(SOFTWARE_DOMAINS.map((d) => [d, Ps.filter((p) => p.domains.includes(d)).length])),
  productsPerArea: Object.fromEntries(APPLICATION_AREAS.map((a) => [a, Ps.filter((p) => (p.areas ?? []).includes(a)).length])),
  mandatoryRequirements: count(S.flatMap((s) => (s.requirements ?? []).filter((r) => r.mandatory).map((r) => (r.kind === 'certification' ? r.code : r.kind)))),
  textLength: {
    scenario: lens(S.map((s) => s.description)),
    firm: lens(Fs.map((f) => f.description)),
    product: lens(Ps.map((p) => p.description)),
  },
  subtopics: Object.keys(SUB).length,
  grades: { qrels: dist(qrels), topical: dist(topical) },
  pairs: { qrels: qrels.size, topical: topical.size, topicalButIneligible: ineligibleTopical, unmetRules: unmetCount },
  relevantFirmsPerScenario: {
    'grade≥1 (qrels)': stats(perScenario(qrels, 1)),
    'grade≥2 (qrels)': stats(perScenario(qrels, 2)),
    'grade=3 (qrels)': stats(perScenario(qrels, 3)),
    'grade≥1 (topical)': stats(perScenario(topical, 1)),
    scenariosWith1or2GoodFits: perScenario(qrels, 2).filter((n) => n >= 1 && n <= 2).length,
    scenariosWithNoGrade3: perScenario(qrels, 3).filter((n) => n === 0).length,
  },
  firmsNeverRelevant: Fs.filter((f) => ![...topical.keys()].some((k) => k.endsWith(`\t${f.id}`))).length,
  rubric: { pairsWithRubricGrade: rubricPairs, handChanged: changed, raised: changedUp, lowered: changedDown },
};

// minimums and coverage
if (S.length < MIN.scenarios) err(`only ${S.length} scenarios (min ${MIN.scenarios})`);
if (Fs.length < MIN.firms) err(`only ${Fs.length} firms (min ${MIN.firms})`);
if (Ps.length < MIN.products) err(`only ${Ps.length} products (min ${MIN.products})`);
if (Fs.length + Ps.length < MIN.firmsPlusProducts) err(`firms+products ${Fs.length + Ps.length} < ${MIN.firmsPlusProducts}`);
for (const [k, v] of Object.entries(summary.scenariosPerArea)) if (!v) err(`no scenario in area ${k}`);
for (const [k, v] of Object.entries(summary.scenariosPerDomain)) if (!v) err(`no scenario in domain ${k}`);
for (const [k, v] of Object.entries(summary.firmsPerDomain)) if (!v) err(`no firm in domain ${k}`);
const ratio = summary.records.challenges / S.length;
if (ratio < 0.2 || ratio > 0.33) warn(`challenge share ${(ratio * 100).toFixed(0)} % (aim ~25 %)`);
perScenario(qrels, 1).forEach((n, i) => {
  if (n === 0) err(`${S[i].id}: no relevant firm at all`);
});

if (args.has('--rubric')) {
  console.log('scenario\tfirm\trubric\tfinal\twhy');
  for (const r of rubricRows) console.log(r);
} else if (args.has('--json')) {
  console.log(JSON.stringify({ summary, errors, warnings }, null, 2));
} else {
  const print = (title, o) => console.log(`${title}: ${Object.entries(o).map(([k, v]) => `${k} ${typeof v === 'object' ? JSON.stringify(v) : v}`).join(' · ')}`);
  for (const [k, v] of Object.entries(summary)) {
    if (v && typeof v === 'object' && !Array.isArray(v)) print(k, v);
    else console.log(`${k}: ${v}`);
  }
  for (const w of warnings) console.log(`warning: ${w}`);
  for (const e of errors) console.log(`ERROR: ${e}`);
  console.log(errors.length ? `${errors.length} error(s)` : 'OK');
}
process.exitCode = errors.length ? 1 : 0;
