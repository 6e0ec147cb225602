/** The reproducible scoring report: every input, each computation step, and a digest of the inputs. */
import { digestOf } from '../digest.ts';
import type { Result } from '../result.ts';
import { err, ok } from '../result.ts';
import { type BidResult, roundScore, type ScoringResult, scoreTender, type TenderInput } from './engine.ts';
import type { ScoringProblem } from './templates.ts';

export const SCORING_REPORT_VERSION = 'scx-scoring/1';

export interface ScoringStep {
  n: number;
  kind:
    | 'evaluated_price'
    | 'abnormally_low'
    | 'criterion_score'
    | 'benchmark'
    | 'price_score'
    | 'total'
    | 'rank'
    | 'excluded';
  bid?: string;
  criterion?: string;
  /** Human-readable formula with the numbers substituted. */
  formula: string;
  /** The value at full precision. */
  value: number | string | null;
}

export interface RankingRow {
  bid: string;
  evaluatedPriceFen: number;
  priceScore: number;
  criteria: Record<string, number>;
  total: number;
  rank: number;
  flags: string[];
}

export interface ExcludedRow {
  bid: string;
  evaluatedPriceFen: number;
  reason: string;
  flags: string[];
}

export interface ScoringReport {
  version: typeof SCORING_REPORT_VERSION;
  /** SHA-256 over the canonical JSON of `input`. */
  inputDigest: string;
  input: TenderInput;
  steps: ScoringStep[];
  /** Full-precision result. */
  result: ScoringResult;
  /** Published figures, scores rounded to 2 decimals. */
  ranking: RankingRow[];
  excluded: ExcludedRow[];
}

/** Ranked bids with scores rounded half up to 2 decimals (the only place rounding happens). */
export function rankingRows(result: ScoringResult): RankingRow[] {
  return result.ranking.map((r) => ({
    bid: r.bid,
    evaluatedPriceFen: r.evaluatedPriceFen,
    priceScore: roundScore(r.priceScore ?? 0),
    criteria: Object.fromEntries(Object.entries(r.criteria).map(([id, c]) => [id, roundScore(c.score)])),
    total: roundScore(r.total ?? 0),
    rank: r.rank ?? 0,
    flags: [...r.flags],
  }));
}

export function excludedRows(result: ScoringResult): ExcludedRow[] {
  return result.excluded.map((r) => ({
    bid: r.bid,
    evaluatedPriceFen: r.evaluatedPriceFen,
    reason: r.exclusionReason ?? '',
    flags: [...r.flags],
  }));
}

const pct = (rate: number) => `${+(rate * 100).toFixed(2)}%`;

function stepsFor(result: ScoringResult, bidsInInputOrder: BidResult[]): ScoringStep[] {
  const steps: Omit<ScoringStep, 'n'>[] = [];
  const o = result.options;
  for (const r of bidsInInputOrder) {
    const factors = r.deductions.map((d) => ` × (1 − ${pct(d.rate)} ${d.kind})`).join('');
    steps.push({
      kind: 'evaluated_price',
      bid: r.bid,
      formula: `${r.priceFen}${factors} = ${r.evaluatedPriceFen} fen (round half up)`,
      value: r.evaluatedPriceFen,
    });
    if (r.othersMeanFen !== null)
      steps.push({
        kind: 'abnormally_low',
        bid: r.bid,
        formula: `${r.evaluatedPriceFen} < ${r.othersMeanFen} × (1 − ${pct(o.lowPriceThreshold)}) ? ${r.abnormallyLow ? 'yes' : 'no'}${r.abnormallyLow ? (r.lowPriceAccepted ? ', explanation accepted' : ', explanation not accepted') : ''}`,
        value: r.abnormallyLow ? 'abnormally_low' : 'ok',
      });
    for (const c of Object.values(r.criteria))
      steps.push({
        kind: 'criterion_score',
        bid: r.bid,
        criterion: c.criterion,
        formula: `${c.trimmed ? 'trimmed mean' : 'mean'}(${c.used.join(', ')}) of [${c.points.join(', ')}] (max ${c.max}) = ${c.score}`,
        value: c.score,
      });
    if (r.status !== 'ranked')
      steps.push({ kind: 'excluded', bid: r.bid, formula: r.exclusionReason ?? '', value: r.status });
  }
  steps.push({
    kind: 'benchmark',
    formula: `lowest evaluated price among ranked bids = ${result.benchmarkFen ?? 'none'}`,
    value: result.benchmarkFen,
  });
  for (const r of result.ranking) {
    steps.push({
      kind: 'price_score',
      bid: r.bid,
      formula: `${result.benchmarkFen} / ${r.evaluatedPriceFen} × ${o.priceWeight} = ${r.priceScore}`,
      value: r.priceScore,
    });
    steps.push({
      kind: 'total',
      bid: r.bid,
      formula: `${r.priceScore} + ${Object.values(r.criteria)
        .map((c) => c.score)
        .join(' + ')} = ${r.total}`,
      value: r.total,
    });
  }
  for (const r of result.ranking)
    steps.push({
      kind: 'rank',
      bid: r.bid,
      formula:
        'higher total, then lower evaluated price, then higher technical score, then earlier submission',
      value: r.rank,
    });
  return steps.map((s, i) => ({ n: i + 1, ...s }));
}

/** Scores the input and wraps it in a report with a digest of the inputs. */
export async function buildScoringReport(
  input: TenderInput,
): Promise<Result<ScoringReport, ScoringProblem[]>> {
  const scored = scoreTender(input);
  if (!scored.ok) return err(scored.error);
  const result = scored.value;
  const byId = new Map([...result.ranking, ...result.excluded].map((r) => [r.bid, r]));
  const inOrder = input.bids.map((b) => byId.get(b.id) as BidResult);
  return ok({
    version: SCORING_REPORT_VERSION,
    inputDigest: await digestOf(input),
    input,
    steps: stepsFor(result, inOrder),
    result,
    ranking: rankingRows(result),
    excluded: excludedRows(result),
  });
}

/** A plain-text rendering of the report for printing or attaching to the 公示. */
export function renderScoringReport(report: ScoringReport): string {
  const lines = [
    `Scoring report ${report.version}`,
    `Input digest (SHA-256): ${report.inputDigest}`,
    '',
    'Rank  Bid  Evaluated price (fen)  Price score  Total  Flags',
    ...report.ranking.map(
      (r) =>
        `${r.rank}  ${r.bid}  ${r.evaluatedPriceFen}  ${r.priceScore.toFixed(2)}  ${r.total.toFixed(2)}  ${r.flags.join(',')}`,
    ),
  ];
  if (report.excluded.length > 0)
    lines.push('', 'Excluded:', ...report.excluded.map((r) => `${r.bid}: ${r.reason}`));
  lines.push(
    '',
    'Steps:',
    ...report.steps.map((s) => `${s.n}. [${s.kind}${s.bid ? ` ${s.bid}` : ''}] ${s.formula}`),
  );
  return `${lines.join('\n')}\n`;
}
