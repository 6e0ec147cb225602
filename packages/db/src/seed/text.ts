import type { Rng } from './rng.ts';

/** Fills `{a-b}` with an integer in [a, b]. */
export function fillNumbers(rng: Rng, template: string): string {
  return template.replace(/\{(\d+)-(\d+)\}/g, (_, a: string, b: string) =>
    String(rng.int(Number(a), Number(b))),
  );
}

const UNIT =
  /\d(?:\.\d+)?(个百分点|个工作日|万人次|万公里|万吨|万件|万点|平方公里|毫秒|毫米|分钟|秒|天|个|项|所|家|户|人|节|单|台|%)/;

/** The unit of a rendered KPI target ("下降15%" → "%", "不少于30个" → "个"), if it has one. */
export function unitOf(target: string): string | undefined {
  return UNIT.exec(target)?.[1];
}

/** "甲、乙和丙" */
export function joinZh(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join('、')}和${items[items.length - 1]}`;
}

/** Strips a trailing 系统/平台 noun so "…平台" does not become "…平台平台". */
export function endsWithNoun(title: string): boolean {
  return /(平台|系统|中心|中台|服务|应用|工具|体系|监测|管理|调度|预警|防护|示范|替代|验证|仿真|一张图)$/.test(
    title,
  );
}

/** Character bigrams of a Chinese/ASCII text, for cheap relevance between phrases. */
export function bigrams(text: string): Set<string> {
  const chars = [...text.replace(/[\s，。、；：“”（）()]/g, '')];
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) out.add(`${chars[i]}${chars[i + 1]}`);
  return out;
}

/** How many of `phrase`'s bigrams occur in `context`. */
export function overlap(phrase: string, context: Set<string>): number {
  let n = 0;
  for (const b of bigrams(phrase)) if (context.has(b)) n++;
  return n;
}

/**
 * The `n` phrases most relevant to `context` (ties broken by `jitter`, a random number per call),
 * so a topic about 学位预测 gets GIS analysis rather than InSAR, and pain points that fit it.
 */
export function mostRelevant(
  phrases: readonly string[],
  context: Set<string>,
  n: number,
  jitter: () => number,
): { phrase: string; score: number }[] {
  return phrases
    .map((phrase) => ({ phrase, score: overlap(phrase, context), j: jitter() }))
    .sort((a, b) => b.score - a.score || a.j - b.j)
    .slice(0, n)
    .map(({ phrase, score }) => ({ phrase, score }));
}
