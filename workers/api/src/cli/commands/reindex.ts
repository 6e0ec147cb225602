// `pnpm scx reindex [--all] [--db URL]` — rebuild match documents: those queued, those embedded by
// another model, or (--all) every one. Exit codes: 0 done, 2 bad usage.
import { createLocalEmbedder } from '@scx/core';
import { drainAllMatchQueue, queueReindex } from '@scx/db';
import { openDatabase, parseFlags } from '../lib/options.ts';

const USAGE = 'usage: pnpm scx reindex [--all] [--db URL]\n';

export async function run(args: string[]): Promise<number> {
  const flags = parseFlags(args, ['db']);
  if (typeof flags === 'string' || flags.positional.length > 0 || flags.switches.has('help')) {
    const help = typeof flags !== 'string' && flags.switches.has('help');
    (help ? process.stdout : process.stderr).write(USAGE);
    return help ? 0 : 2;
  }
  const { db, client } = await openDatabase(flags.values.get('db'));
  try {
    const embedder = createLocalEmbedder();
    const started = performance.now();
    const queued = await queueReindex(db, embedder, { all: flags.switches.has('all') });
    const r = await drainAllMatchQueue(db, embedder);
    process.stdout.write(
      `model ${embedder.model}: ${queued} queued, ${r.indexed} indexed, ${r.unchanged} unchanged, ${r.removed} removed ` +
        `in ${Math.round(performance.now() - started)} ms\n`,
    );
    return 0;
  } finally {
    client.close();
  }
}
