// `pnpm scx match` and `pnpm scx recommend`: the API's two match directions, offline, on the database of
// --db (embedded file by default; an http URL takes the edge host's path through a libSQL server).
import { createLocalEmbedder, type MatchReason, type NearMiss, type UnmetRule } from '@scx/core';
import { type Db, drainAllMatchQueue, matchScenario, recommendScenarios } from '@scx/db';
import { openDatabase, parseFlags, positiveInt } from './options.ts';

type Direction = 'match' | 'recommend';
const FLAG: Record<Direction, 'scenario' | 'firm'> = { match: 'scenario', recommend: 'firm' };

const usage = (d: Direction) =>
  `usage: pnpm scx ${d} --${FLAG[d]} ID [--top K] [--json] [--near-misses] [--lang zh-CN|en] [--db URL]\n` +
  `  ID is the ${FLAG[d]}'s id in an imported file (external id) or its platform id.\n`;

async function resolveId(db: Db, direction: Direction, ref: string): Promise<string | null> {
  const rs = await db.$client.execute({
    sql:
      direction === 'match'
        ? 'SELECT id FROM scenarios WHERE external_id = ? OR id = ? LIMIT 1'
        : "SELECT id FROM organizations WHERE kind = 'firm' AND (external_id = ? OR id = ?) LIMIT 1",
    args: [ref, ref],
  });
  return rs.rows[0] ? String(rs.rows[0].id) : null;
}

export async function runMatchCommand(direction: Direction, args: string[]): Promise<number> {
  const flags = parseFlags(args, [FLAG[direction], 'top', 'lang', 'db']);
  const help = typeof flags !== 'string' && flags.switches.has('help');
  const ref = typeof flags === 'string' ? undefined : flags.values.get(FLAG[direction]);
  const top = typeof flags === 'string' ? null : positiveInt(flags.values.get('top'), 10);
  const lang = typeof flags === 'string' ? 'zh-CN' : (flags.values.get('lang') ?? 'zh-CN');
  if (
    help ||
    typeof flags === 'string' ||
    !ref ||
    top === null ||
    flags.positional.length > 0 ||
    !['zh-CN', 'en'].includes(lang)
  ) {
    if (typeof flags === 'string') process.stderr.write(`${flags}\n`);
    else if (top === null) process.stderr.write('--top needs a positive integer\n');
    (help ? process.stdout : process.stderr).write(usage(direction));
    return help ? 0 : 2;
  }
  const { db, client } = await openDatabase(flags.values.get('db'));
  try {
    const id = await resolveId(db, direction, ref);
    if (!id) {
      process.stderr.write(`no ${FLAG[direction]} "${ref}" in ${flags.values.get('db') ?? 'the database'}\n`);
      return 1;
    }
    await drainAllMatchQueue(db, createLocalEmbedder());
    const opts = { now: new Date().toISOString(), top, nearMisses: 10 };
    const text = (r: MatchReason | UnmetRule) => (lang === 'en' ? r.en : r.zh);
    let rows: Record<string, unknown>[];
    let misses: Record<string, unknown>[];
    if (direction === 'match') {
      const m = await matchScenario(db, id, opts);
      if (!m) return 1;
      const firmRef = (fid: string) => m.firms.get(fid)?.externalId ?? fid;
      const productRef = (pid: string | null) => (pid ? (m.products.get(pid)?.externalId ?? pid) : null);
      rows = m.results.map((r) => ({
        firm: firmRef(r.firmId),
        product: productRef(r.productId),
        score: r.score,
        reasons: r.reasons.map(text),
      }));
      misses = m.nearMisses.map((n: NearMiss) => ({
        firm: firmRef(n.firmId),
        product: productRef(n.productId),
        score: n.score,
        unmet: n.unmet.map(text),
      }));
    } else {
      const m = await recommendScenarios(db, id, opts);
      if (!m) return 1;
      const scenarioRef = (sid: string) => m.scenarios.get(sid)?.externalId ?? sid;
      const products = new Map(m.products.map((p) => [p.id, p.externalId ?? p.id]));
      const productRef = (pid: string | null) => (pid ? (products.get(pid) ?? pid) : null);
      rows = m.results.map((r) => ({
        scenario: scenarioRef(r.scenarioId),
        product: productRef(r.productId),
        score: r.score,
        reasons: r.reasons.map(text),
      }));
      misses = m.nearMisses.map((n: NearMiss) => ({
        scenario: scenarioRef(n.scenarioId),
        product: productRef(n.productId),
        score: n.score,
        unmet: n.unmet.map(text),
      }));
    }
    if (flags.switches.has('json')) {
      const out = flags.switches.has('near-misses') ? { results: rows, nearMisses: misses } : rows;
      process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
      return 0;
    }
    const key = direction === 'match' ? 'firm' : 'scenario';
    rows.forEach((r, i) => {
      const product = r.product ? ` (${r.product})` : '';
      process.stdout.write(
        `${String(i + 1).padStart(2)}. ${r[key]}${product}  ${r.score}\n     ${(r.reasons as string[]).join(' · ')}\n`,
      );
    });
    if (flags.switches.has('near-misses') && misses.length) {
      process.stdout.write(lang === 'en' ? '\nnear misses:\n' : '\n差一点（不满足硬性条件）:\n');
      for (const n of misses)
        process.stdout.write(`  - ${n[key]}  ${n.score}  ${(n.unmet as string[]).join('；')}\n`);
    }
    return 0;
  } finally {
    client.close();
  }
}
