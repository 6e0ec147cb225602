import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, expect, test } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'scx-score-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function scx(file: string) {
  const r = spawnSync('pnpm', ['scx', 'score', file], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env },
  });
  // pnpm prints its "> scenario-exchange@ scx" banner on stdout before the command's own output.
  const json = r.stdout.slice(Math.max(0, r.stdout.search(/^\{/m)));
  return { code: r.status, stdout: r.stdout, json, stderr: r.stderr };
}
function writeJson(name: string, value: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
  return path;
}

const tender = {
  priceWeight: 30,
  smeDeduction: 0.1,
  lowPriceThreshold: 0.2,
  criteria: [
    { id: 'tech', weight: 50 },
    { id: 'service', weight: 20 },
  ],
  bids: [
    {
      id: 'A',
      priceFen: 100_000_000,
      size: 'large',
      submittedAt: '2026-05-01T02:00:00Z',
      scores: { tech: [40, 42, 44], service: [15, 16, 17] },
    },
    {
      id: 'B',
      priceFen: 95_000_000,
      size: 'small',
      submittedAt: '2026-05-01T03:00:00Z',
      scores: { tech: [38, 40, 30], service: [18, 18, 18] },
    },
    {
      id: 'C',
      priceFen: 50_000_000,
      size: 'micro',
      submittedAt: '2026-05-01T01:00:00Z',
      scores: { tech: [30, 30, 30], service: [10, 10, 10] },
    },
    {
      id: 'D',
      priceFen: 105_000_000,
      size: 'large',
      consortiumSmallShare: 0.3,
      submittedAt: '2026-05-01T01:00:00Z',
      scores: { tech: [20, 45, 46], service: [10, 10, 10] },
    },
    {
      id: 'E',
      priceFen: 1_000,
      size: 'large',
      qualified: false,
      submittedAt: '2026-05-01T01:00:00Z',
      scores: {},
    },
  ],
};

test('scores a file: ranking with evaluated prices, 2-decimal scores and flags; exit 0', () => {
  const r = scx(writeJson('ok.json', tender));
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(r.json).toContain('\n  "ranking": [\n    {\n'); // 2-space indent
  const out = JSON.parse(r.json);
  // B: 95 000 000 × 0.9 = 85 500 000 (benchmark) → 30; tech 36, service 18 → 84
  // A: 85.5/100 × 30 = 25.65; 42 + 16 → 83.65
  // D: 105 000 000 × 0.95 = 99 750 000 → 25.7142857… ≈ 25.71; tech 37, service 10 → 72.71; expert 1 deviates on tech
  // C: 45 000 000 is more than 20 % below the others' mean → excluded (no explanation accepted); E unqualified
  expect(out.ranking).toEqual([
    {
      bid: 'B',
      evaluatedPriceFen: 85_500_000,
      priceScore: 30,
      criteria: { tech: 36, service: 18 },
      total: 84,
      rank: 1,
      flags: [],
    },
    {
      bid: 'A',
      evaluatedPriceFen: 100_000_000,
      priceScore: 25.65,
      criteria: { tech: 42, service: 16 },
      total: 83.65,
      rank: 2,
      flags: [],
    },
    {
      bid: 'D',
      evaluatedPriceFen: 99_750_000,
      priceScore: 25.71,
      criteria: { tech: 37, service: 10 },
      total: 72.71,
      rank: 3,
      flags: ['expert_deviation:tech:1'],
    },
  ]);
  expect(out.excluded).toEqual([
    {
      bid: 'C',
      evaluatedPriceFen: 45_000_000,
      reason: 'abnormally low price; the written explanation has not been accepted',
      flags: ['abnormally_low'],
    },
    { bid: 'E', evaluatedPriceFen: 1_000, reason: 'failed qualification review', flags: ['unqualified'] },
  ]);
});

test('a relative path is resolved against the directory pnpm was started in', () => {
  const file = writeJson('relative.json', tender);
  const r = scx(relative(ROOT, file));
  expect([r.code, r.stderr]).toEqual([0, '']);
  expect(JSON.parse(r.json).ranking).toHaveLength(3);
});

test('bad input: every problem with its JSON path on stderr, exit 2', () => {
  const bad = {
    ...tender,
    extra: true,
    bids: [{ ...tender.bids[0], priceFen: 1.5, size: 'huge', scores: { tech: [40, 'x'] } }],
  };
  const r = scx(writeJson('bad.json', bad));
  expect(r.code).toBe(2);
  expect(r.json).not.toContain('"ranking"');
  expect(r.stderr).toContain('$.bids[0].priceFen:');
  expect(r.stderr).toContain('$.bids[0].size:');
  expect(r.stderr).toContain('$.bids[0].scores.tech[1]:');
  expect(r.stderr).toContain('$.extra:');
});

test('rule violations: weights not summing to 100, points above the weight, SME rate out of range → exit 2', () => {
  const bad = {
    ...tender,
    priceWeight: 25,
    smeDeduction: 0.25,
    bids: [{ ...tender.bids[0], scores: { tech: [51, 40, 40], service: [15, 15, 15] } }],
  };
  const r = scx(writeJson('rules.json', bad));
  expect(r.code).toBe(2);
  expect(r.stderr).toContain(
    '$.criteria: priceWeight plus the criteria weights is 95, not 100 (weights_must_sum_to_100)',
  );
  expect(r.stderr).toContain('$.bids[0].scores.tech[0]: must be between 0 and 50 (point_out_of_range)');
  expect(r.stderr).toContain('$.smeDeduction: must be between 0.10 and 0.20 (sme_deduction_out_of_range)');
});

test('unreadable or malformed file → exit 2 with a clear message', () => {
  const missing = scx(join(dir, 'nope.json'));
  expect(missing.code).toBe(2);
  expect(missing.stderr).toMatch(/score: cannot read .*nope\.json: ENOENT/);
  const broken = scx(writeJson('broken.json', '{"priceWeight": 30,'));
  expect(broken.code).toBe(2);
  expect(broken.stderr).toMatch(/score: .*broken\.json is not valid JSON/);
  const none = spawnSync('pnpm', ['scx', 'score'], { cwd: ROOT, encoding: 'utf8' });
  expect(none.status).toBe(2);
  expect(none.stderr).toContain('usage: pnpm scx score FILE.json');
});
