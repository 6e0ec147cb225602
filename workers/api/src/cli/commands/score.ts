// `pnpm scx score FILE.json` — score a tender offline from a JSON file and print the ranking.
// Exit codes: 0 scored, 2 unreadable or invalid input (each problem on stderr with its JSON path).
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { excludedRows, rankingRows, scoreTender, type TenderInput } from '@scx/core';
import * as v from 'valibot';

const finite = v.pipe(v.number(), v.finite());

const ScoreFile = v.strictObject({
  priceWeight: finite,
  category: v.optional(v.picklist(['goods', 'services', 'challenge'])),
  smeDeduction: v.optional(finite),
  consortiumDeduction: v.optional(finite),
  domesticPreference: v.optional(v.boolean()),
  catalogPreference: v.optional(finite),
  lowPriceThreshold: v.optional(finite),
  deviationThreshold: v.optional(finite),
  trimmedMean: v.optional(v.boolean()),
  criteria: v.array(
    v.object({
      id: v.pipe(v.string(), v.minLength(1)),
      weight: finite,
    }),
  ),
  bids: v.array(
    v.strictObject({
      id: v.pipe(v.string(), v.minLength(1)),
      priceFen: v.pipe(v.number(), v.safeInteger(), v.minValue(1)),
      size: v.picklist(['large', 'medium', 'small', 'micro']),
      consortiumSmallShare: v.optional(v.pipe(finite, v.minValue(0), v.maxValue(1))),
      submittedAt: v.pipe(v.string(), v.isoTimestamp()),
      qualified: v.optional(v.boolean()),
      disqualificationReason: v.optional(v.string()),
      lowPriceAccepted: v.optional(v.boolean()),
      domesticProduct: v.optional(v.boolean()),
      inRecommendedCatalog: v.optional(v.boolean()),
      scores: v.record(v.string(), v.array(finite)),
    }),
  ),
});

const USAGE = 'usage: pnpm scx score FILE.json\n';

/** `$.bids[0].scores.tech[2]` from a valibot issue path. */
function jsonPath(issue: v.BaseIssue<unknown>): string {
  let out = '$';
  for (const item of issue.path ?? []) {
    const key = (item as { key: unknown }).key;
    out +=
      typeof key === 'number'
        ? `[${key}]`
        : /^[A-Za-z_$][\w$]*$/.test(String(key))
          ? `.${String(key)}`
          : `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

export async function run(args: string[]): Promise<number> {
  const [file, ...rest] = args;
  if (!file || file === '--help' || rest.length > 0) {
    (file === '--help' ? process.stdout : process.stderr).write(USAGE);
    return file === '--help' ? 0 : 2;
  }
  const path = resolve(process.env.INIT_CWD ?? process.cwd(), file);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    process.stderr.write(
      `score: cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`,
    );
    return 2;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    process.stderr.write(`score: ${path} is not valid JSON: ${(e as Error).message}\n`);
    return 2;
  }
  const parsed = v.safeParse(ScoreFile, json);
  if (!parsed.success) {
    for (const issue of parsed.issues) process.stderr.write(`${jsonPath(issue)}: ${issue.message}\n`);
    return 2;
  }
  const scored = scoreTender(parsed.output as TenderInput);
  if (!scored.ok) {
    for (const p of scored.error) process.stderr.write(`${p.path}: ${p.message} (${p.code})\n`);
    return 2;
  }
  const out = { ranking: rankingRows(scored.value), excluded: excludedRows(scored.value) };
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  return 0;
}
