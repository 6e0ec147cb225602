// `pnpm dev:edge`: the Worker in workerd (wrangler dev) on the embedded file, exactly as deployed,
// with the local libSQL HTTP server standing in for Turso/sqld.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { MIGRATIONS, migrate } from '@scx/db';
import { startLibsqlServer } from '@scx/libsql-server';
import { ROOT as root, wranglerEnv } from './wrangler.ts';

const file = process.env.LIBSQL_SERVER_FILE ?? join(root, 'data/scx.db');
const dbPort = Number(process.env.LIBSQL_SERVER_PORT ?? 8081);
const port = Number(process.env.PORT ?? 8788);

const server = await startLibsqlServer({ file, port: dbPort });
const client = createClient({ url: server.url });
const applied = await migrate(client, MIGRATIONS);
client.close();
console.log(
  `libSQL HTTP server on ${server.url} (${file})${applied.length ? `, applied ${applied.join(', ')}` : ''}`,
);
writeFileSync(join(root, '.dev.vars'), `LIBSQL_URL=${server.url}\nLIBSQL_AUTH_TOKEN=\n`);

const run = (cmd: string, args: string[]) =>
  spawn(cmd, args, {
    cwd: root,
    stdio: 'inherit',
    env: wranglerEnv(),
  });

await new Promise<void>((ok, fail) =>
  run('pnpm', ['-s', 'db:seed', '--if-empty', '--url', server.url]).on('exit', (c) =>
    c === 0 ? ok() : fail(new Error(`seed exited ${c}`)),
  ),
);
await new Promise<void>((ok) => run('pnpm', ['-s', 'build:web']).on('exit', () => ok()));
const wrangler = run('pnpm', [
  'exec',
  'wrangler',
  'dev',
  '--ip',
  '127.0.0.1',
  '--port',
  String(port),
  '--show-interactive-dev-session=false',
]);
const stop = async () => {
  wrangler.kill('SIGTERM');
  await server.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
wrangler.on('exit', async (code) => {
  await server.close();
  process.exit(code ?? 0);
});
