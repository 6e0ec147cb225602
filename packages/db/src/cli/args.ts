/** Tiny `--flag value` / `--switch` parser for the db scripts (no dependency for four flags). */
export function parseArgs(argv: string[]): Map<string, string | true> {
  const out = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a?.startsWith('--')) continue;
    const next = argv[i + 1];
    if (next !== undefined && !next.startsWith('--')) {
      out.set(a.slice(2), next);
      i++;
    } else out.set(a.slice(2), true);
  }
  return out;
}

/** The database URL for scripts: --url, else LIBSQL_URL, else the embedded default file. */
export function databaseUrl(args: Map<string, string | true>): string {
  const flag = args.get('url');
  return typeof flag === 'string' ? flag : (process.env.LIBSQL_URL ?? `file:${defaultDbFile()}`);
}

/** data/scx.db at the workspace root, whichever package directory pnpm runs the script from. */
export function defaultDbFile(): string {
  const root = process.env.INIT_CWD ?? process.cwd();
  return `${root}/data/scx.db`;
}
