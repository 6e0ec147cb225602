// pnpm bench:scoring — 综合评分法 for 500 bids × 7 experts × 10 criteria (issue 5): scoreTender and the full
// reproducible report (every step + SHA-256 digest of the inputs), median of 20 runs after a warm-up, against
// the floor of merely copying the input (JSON round trip) in the same run. Prints Markdown.
import { cpus, totalmem } from 'node:os';
import { buildScoringReport, scoreTender, type TenderInput } from '@scx/core';

function tender(bids: number, experts: number, criteria: number, seed = 42): TenderInput {
  let x = seed;
  const rnd = () => {
    x = (Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) + 0x9e3779b9) >>> 0;
    return x / 2 ** 32;
  };
  const priceWeight = 30;
  const weight = (100 - priceWeight) / criteria;
  const crit = Array.from({ length: criteria }, (_, i) => ({ id: `c${i + 1}`, weight }));
  const sizes = ['large', 'medium', 'small', 'micro'] as const;
  return {
    priceWeight,
    category: 'services',
    smeDeduction: 0.1,
    lowPriceThreshold: 0.2,
    criteria: crit,
    bids: Array.from({ length: bids }, (_, b) => ({
      id: `b${b + 1}`,
      priceFen: Math.round((800_000 + rnd() * 400_000) * 100),
      size: sizes[Math.floor(rnd() * 4)] ?? 'small',
      consortiumSmallShare: rnd() < 0.2 ? 0.3 + rnd() * 0.3 : undefined,
      submittedAt: new Date(Date.UTC(2026, 10, 1) + b * 60_000).toISOString(),
      lowPriceAccepted: true,
      scores: Object.fromEntries(
        crit.map((c) => [
          c.id,
          Array.from({ length: experts }, () => Math.round(rnd() * c.weight * 100) / 100),
        ]),
      ),
    })),
  };
}

const median = async (runs: number, f: () => unknown | Promise<unknown>) => {
  for (let i = 0; i < 3; i++) await f();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await f();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  return ms[Math.floor(runs / 2)] as number;
};

const input = tender(500, 7, 10);
const check = scoreTender(input);
if (!check.ok) throw new Error(`invalid bench input: ${JSON.stringify(check.error).slice(0, 300)}`);
const floor = await median(20, () => JSON.parse(JSON.stringify(input)));
const score = await median(20, () => scoreTender(input));
const report = await median(20, () => buildScoringReport(input));
console.log(`\n### pnpm bench:scoring — ${new Date().toISOString().slice(0, 10)}\n`);
console.log(
  `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}. ` +
    `500 bids × 7 experts × 10 criteria (35,000 expert points), SME and consortium deductions, low-price check; median of 20 runs.\n`,
);
console.log('| step | median ms | vs copying the input |');
console.log('|---|---:|---:|');
console.log(`| copy the input (JSON round trip, the floor) | ${floor.toFixed(2)} | 1.0× |`);
console.log(
  `| scoreTender (ranking with every score) | ${score.toFixed(2)} | ${(score / floor).toFixed(1)}× |`,
);
console.log(
  `| buildScoringReport (+ every step and the SHA-256 input digest) | ${report.toFixed(2)} | ${(report / floor).toFixed(1)}× |`,
);
