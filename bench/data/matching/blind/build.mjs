#!/usr/bin/env node
// Builds the "blind" variant of the matching dev set (README in the parent folder, § Blind texts).
// Plain Node ESM, no dependencies:  node bench/data/matching/blind/build.mjs [--check]
//
// Writes, next to this script:
//   devset-blind.jsonl         ../devset.jsonl with every firm's description and case titles (case
//                              descriptions set to "") and every product's name and description replaced
//                              by the blind texts of firms.jsonl / products.jsonl; every other field and
//                              every scenario line is the original, byte for byte.
//   qrels-rubric.tsv           the rubric grade (`../check.mjs --rubric`: hidden tags only, before the hand
//                              review) of every pair the rubric grades ≥ 1 that is eligible — the rubric
//                              counterpart of ../qrels.tsv.
//   qrels-rubric-topical.tsv   the same ignoring eligibility — the counterpart of ../qrels-topical.tsv.
// --check: writes nothing; exits 1 if any of the three files differs from what would be written.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const PARENT = join(HERE, '..');
const check = process.argv.includes('--check');
const fail = (msg) => {
  console.error(`build.mjs: ${msg}`);
  process.exit(1);
};

const jsonl = (file) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l, i) => {
      try {
        return JSON.parse(l);
      } catch (e) {
        return fail(`${file}:${i + 1}: not JSON (${e.message})`);
      }
    });
const byId = (file) => {
  const m = new Map();
  for (const r of jsonl(file)) {
    if (typeof r.id !== 'string') fail(`${file}: a line without id`);
    if (m.has(r.id)) fail(`${file}: duplicate id ${r.id}`);
    m.set(r.id, r);
  }
  return m;
};
const text = (v, what) => {
  if (typeof v !== 'string' || v.trim() === '') fail(`${what} is missing or empty`);
  return v;
};

// ── devset-blind.jsonl ───────────────────────────────────────────────────────
const blindFirms = byId(join(HERE, 'firms.jsonl'));
const blindProducts = byId(join(HERE, 'products.jsonl'));
const used = new Set();
const lines = readFileSync(join(PARENT, 'devset.jsonl'), 'utf8').split('\n');
const out = lines.map((line, i) => {
  if (line.trim() === '') return line;
  const r = JSON.parse(line);
  if (JSON.stringify(r) !== line) fail(`devset.jsonl:${i + 1} does not round-trip through JSON.stringify`);
  if (r.type === 'firm') {
    const b = blindFirms.get(r.id) ?? fail(`firms.jsonl has no ${r.id}`);
    used.add(`firm ${r.id}`);
    if (!Array.isArray(b.cases) || b.cases.length !== r.cases.length)
      fail(
        `firms.jsonl ${r.id}: ${b.cases?.length ?? 0} case titles, devset.jsonl has ${r.cases.length} cases`,
      );
    r.description = text(b.description, `firms.jsonl ${r.id} description`);
    r.cases = r.cases.map((c, k) => ({
      ...c,
      title: text(b.cases[k].title, `firms.jsonl ${r.id} case ${k + 1} title`),
      description: '',
    }));
  } else if (r.type === 'product') {
    const b = blindProducts.get(r.id) ?? fail(`products.jsonl has no ${r.id}`);
    used.add(`product ${r.id}`);
    r.name = text(b.name, `products.jsonl ${r.id} name`);
    r.description = text(b.description, `products.jsonl ${r.id} description`);
  } else if (r.type !== 'scenario') fail(`devset.jsonl:${i + 1}: unknown type ${r.type}`);
  return JSON.stringify(r);
});
for (const id of blindFirms.keys())
  if (!used.has(`firm ${id}`)) fail(`firms.jsonl: ${id} is not a firm of devset.jsonl`);
for (const id of blindProducts.keys())
  if (!used.has(`product ${id}`)) fail(`products.jsonl: ${id} is not a product of devset.jsonl`);

// ── rubric qrels ─────────────────────────────────────────────────────────────
// The rubric grades come from check.mjs itself (tags and structured fields only, so they are the same for
// the original and the blind texts). Eligibility is the mechanical rule of the README (§ Eligibility),
// restated here and verified against the pairs of ../qrels-topical.tsv and ../qrels.tsv.
const RECENT_FROM = 2024;
const records = jsonl(join(PARENT, 'devset.jsonl'));
const firms = new Map(records.filter((r) => r.type === 'firm').map((r) => [r.id, r]));
const scenarios = new Map(records.filter((r) => r.type === 'scenario').map((r) => [r.id, r]));
function eligible(s, f) {
  for (const r of s.requirements ?? []) {
    if (!r.mandatory) continue;
    if (r.kind === 'certification') {
      const c = (f.certifications ?? []).find((x) => x.code === r.code);
      if (!c || (r.level != null && (c.level ?? 0) < r.level)) return false;
    } else if (r.kind === 'local_tax') {
      if (!f.localTax) return false;
    } else if (r.kind === 'size') {
      if (!String(r.value).split(',').includes(f.size)) return false;
    } else if (r.kind === 'district') {
      if (
        !String(r.value)
          .split(',')
          .some((d) => (f.districts ?? []).includes(d))
      )
        return false;
    } else if (r.kind === 'experience') {
      const n = (f.cases ?? []).filter((c) => c.domain === r.code && (c.year ?? 0) >= RECENT_FROM).length;
      if (n < r.level) return false;
    }
  }
  return true;
}
const readQrels = (file) =>
  new Map(
    readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => {
        const [s, f, g] = l.split('\t');
        return [`${s}\t${f}`, Number(g)];
      }),
  );
const qrels = readQrels(join(PARENT, 'qrels.tsv'));
for (const k of readQrels(join(PARENT, 'qrels-topical.tsv')).keys()) {
  const [sid, fid] = k.split('\t');
  const s = scenarios.get(sid) ?? fail(`qrels-topical.tsv: unknown scenario ${sid}`);
  const f = firms.get(fid) ?? fail(`qrels-topical.tsv: unknown firm ${fid}`);
  if (eligible(s, f) !== qrels.has(k))
    fail(
      `eligibility of ${sid}/${fid} here (${eligible(s, f)}) disagrees with qrels.tsv — update this script`,
    );
}

const rubricTsv = execFileSync(process.execPath, [join(PARENT, 'check.mjs'), '--rubric'], {
  encoding: 'utf8',
  env: { ...process.env, DEVSET_DIR: PARENT },
  maxBuffer: 64 * 2 ** 20,
});
const rubric = [];
for (const line of rubricTsv.split('\n')) {
  const [sid, fid, g] = line.split('\t');
  if (!/^S\d{3}$/.test(sid ?? '') || !/^\d$/.test(g ?? '')) continue;
  const s = scenarios.get(sid) ?? fail(`check.mjs --rubric: unknown scenario ${sid}`);
  const f = firms.get(fid) ?? fail(`check.mjs --rubric: unknown firm ${fid}`);
  if (Number(g) >= 1) rubric.push({ sid, fid, g: Number(g), eligible: eligible(s, f) });
}
if (rubric.length === 0) fail('check.mjs --rubric printed no graded pair');
rubric.sort((a, b) => a.sid.localeCompare(b.sid) || b.g - a.g || a.fid.localeCompare(b.fid));
const tsv = (rows) => rows.map((r) => `${r.sid}\t${r.fid}\t${r.g}\n`).join('');

// ── write or compare ─────────────────────────────────────────────────────────
const files = {
  'devset-blind.jsonl': out.join('\n'),
  'qrels-rubric.tsv': tsv(rubric.filter((r) => r.eligible)),
  'qrels-rubric-topical.tsv': tsv(rubric),
};
let stale = 0;
for (const [name, content] of Object.entries(files)) {
  const path = join(HERE, name);
  if (check) {
    let current = null;
    try {
      current = readFileSync(path, 'utf8');
    } catch {
      // missing counts as stale
    }
    if (current !== content) {
      console.error(
        `build.mjs --check: ${name} is out of date (run node bench/data/matching/blind/build.mjs)`,
      );
      stale++;
    }
  } else {
    writeFileSync(path, content);
  }
}
const count = (rows) => rows.length;
const summary =
  `${blindFirms.size} firms, ${blindProducts.size} products replaced; rubric pairs: ` +
  `${count(rubric.filter((r) => r.eligible))} eligible, ${count(rubric)} topical`;
if (check) {
  if (stale) process.exit(1);
  console.log(`build.mjs --check: up to date (${summary})`);
} else console.log(`build.mjs: wrote ${Object.keys(files).join(', ')} (${summary})`);
