// `pnpm scx import FILE.jsonl [--db URL] [--json]` — load a data set of firms, products and scenarios
// (one JSON record per line; README has the format). Ids in the file become external ids; importing
// the same ids again updates those records. Every bad line is reported with its number and nothing is
// written; otherwise one transaction writes everything and the match index is built.
// Exit codes: 0 imported, 1 the file has problems (nothing written), 2 bad usage or unreadable file.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createLocalEmbedder, parseJsonLines } from '@scx/core';
import { drainAllMatchQueue, importDataset, knownFirmExternalIds, uniqueViolation } from '@scx/db';
import { openDatabase, parseFlags } from '../lib/options.ts';

const USAGE = 'usage: pnpm scx import FILE.jsonl [--db URL] [--json]\n';

export async function run(args: string[]): Promise<number> {
  const flags = parseFlags(args, ['db']);
  if (typeof flags === 'string' || flags.switches.has('help') || flags.positional.length !== 1) {
    if (typeof flags === 'string') process.stderr.write(`${flags}\n`);
    (typeof flags !== 'string' && flags.switches.has('help') ? process.stdout : process.stderr).write(USAGE);
    return typeof flags !== 'string' && flags.switches.has('help') ? 0 : 2;
  }
  const path = resolve(process.env.INIT_CWD ?? process.cwd(), flags.positional[0] as string);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    process.stderr.write(
      `cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`,
    );
    return 2;
  }
  const { db, client } = await openDatabase(flags.values.get('db'));
  try {
    const parsed = parseJsonLines(text, await knownFirmExternalIds(db));
    if (parsed.problems.length > 0) {
      for (const p of parsed.problems)
        process.stderr.write(`line ${p.line}${p.path ? `: ${p.path}` : ''}: ${p.message}\n`);
      process.stderr.write(`${parsed.problems.length} problem(s); nothing was imported.\n`);
      return 1;
    }
    let result: Awaited<ReturnType<typeof importDataset>>;
    try {
      result = await importDataset(
        db,
        parsed.records.map((r) => r.record),
        { now: new Date() },
      );
    } catch (e) {
      const u = uniqueViolation(e);
      if (!u) throw e;
      process.stderr.write(
        `a record conflicts with one already in the database (${u}); nothing was imported.\n`,
      );
      return 1;
    }
    const started = performance.now();
    const index = await drainAllMatchQueue(db, createLocalEmbedder(), {
      onProgress: (r) => {
        if (process.stderr.isTTY)
          process.stderr.write(`\rindexing… ${r.indexed + r.unchanged} done, ${r.remaining} left`);
      },
    });
    if (process.stderr.isTTY) process.stderr.write('\n');
    const summary = { ...result, indexed: index.indexed, indexMs: Math.round(performance.now() - started) };
    if (flags.switches.has('json')) process.stdout.write(`${JSON.stringify(summary)}\n`);
    else {
      const line = (k: keyof typeof result) => `${result[k].created} created, ${result[k].updated} updated`;
      process.stdout.write(
        `firms: ${line('firms')}\nproducts: ${line('products')}\nscenarios: ${line('scenarios')}\n` +
          `match index: ${index.indexed} document(s) in ${summary.indexMs} ms\n`,
      );
    }
    return 0;
  } finally {
    client.close();
  }
}
