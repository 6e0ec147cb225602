/**
 * Local libSQL HTTP server for development:
 *   tsx packages/libsql-server/src/cli.ts --file data/scx.db --port 8081
 * (or LIBSQL_SERVER_FILE / LIBSQL_SERVER_PORT / LIBSQL_SERVER_AUTH_TOKEN). Runs until SIGINT/SIGTERM.
 */
import { parseArgs } from 'node:util';
import { startLibsqlServer } from './index.ts';

const { values } = parseArgs({
  options: {
    file: { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string' },
    'auth-token': { type: 'string' },
    verbose: { type: 'boolean', default: false },
  },
});

const file = values.file ?? process.env.LIBSQL_SERVER_FILE;
const port = Number(values.port ?? process.env.LIBSQL_SERVER_PORT ?? 8081);
if (file === undefined || file === '' || !Number.isInteger(port) || port < 0 || port > 65535) {
  console.error('usage: cli.ts --file <db file> [--port 8081] [--host 127.0.0.1] [--auth-token <token>]');
  process.exit(2);
}

const server = await startLibsqlServer({
  file,
  port,
  host: values.host,
  authToken: values['auth-token'] ?? process.env.LIBSQL_SERVER_AUTH_TOKEN,
  logger: values.verbose ? (msg) => console.error(msg) : undefined,
});
console.log(`libsql http server on ${server.url} (file ${file})`);

let stopping = false;
const stop = (signal: string): void => {
  if (stopping) return;
  stopping = true;
  server.close().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(`error while closing on ${signal}:`, err);
      process.exit(1);
    },
  );
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
