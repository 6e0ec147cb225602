// Shared by the data commands (import, match, recommend, reindex): flags and the database to open.
import { join } from 'node:path';
import type { Client } from '@libsql/client';
import { createDb, type Db, MIGRATIONS, migrate } from '@scx/db';
import { openEmbeddedClient, WORKSPACE_ROOT } from '../../node.ts';

export interface Flags {
  positional: string[];
  values: Map<string, string>;
  switches: Set<string>;
}

/** `--name value` for the names in `valued`, `--switch` for the rest; anything else is positional. */
export function parseFlags(args: string[], valued: readonly string[]): Flags | string {
  const out: Flags = { positional: [], values: new Map(), switches: new Set() };
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (!a.startsWith('--')) {
      out.positional.push(a);
      continue;
    }
    const [name, inline] = a.slice(2).split('=', 2) as [string, string | undefined];
    if (valued.includes(name)) {
      const value = inline ?? args[++i];
      if (value === undefined || value.startsWith('--')) return `--${name} needs a value`;
      out.values.set(name, value);
    } else if (inline !== undefined) {
      return `--${name} takes no value`;
    } else out.switches.add(name);
  }
  return out;
}

/**
 * The database of `--db URL` (or LIBSQL_URL), default the embedded file `pnpm start` serves
 * (data/scx.db). A file: URL opens embedded; http(s)/libsql URLs speak Hrana to sqld, Turso or the
 * local libSQL server — the edge host's path. Migrations are applied first.
 */
export async function openDatabase(url?: string): Promise<{ db: Db; client: Client; url: string }> {
  const target = url ?? process.env.LIBSQL_URL ?? `file:${join(WORKSPACE_ROOT, 'data/scx.db')}`;
  const client = await openEmbeddedClient(target, process.env.LIBSQL_AUTH_TOKEN);
  await migrate(client, MIGRATIONS);
  return { db: createDb(client), client, url: target };
}

export const positiveInt = (s: string | undefined, fallback: number): number | null => {
  if (s === undefined) return fallback;
  return /^\d+$/.test(s) && Number(s) > 0 ? Number(s) : null;
};
