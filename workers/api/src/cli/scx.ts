// `pnpm scx <command> …` — the stable command-line interface (README documents each command).
// Each command lives in commands/<name>.ts and exports `run(args): Promise<number>` (the exit code).
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const available = readdirSync(join(here, 'commands'))
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.slice(0, -3))
  .sort();

const [name, ...args] = process.argv.slice(2);
if (!name || name === '--help' || !available.includes(name)) {
  const out = name && name !== '--help' ? process.stderr : process.stdout;
  out.write(`usage: pnpm scx <command> [args]\ncommands: ${available.join(', ') || '(none yet)'}\n`);
  process.exit(name && name !== '--help' ? 2 : 0);
}
const mod = (await import(join(here, 'commands', `${name}.ts`))) as { run(args: string[]): Promise<number> };
process.exitCode = await mod.run(args);
