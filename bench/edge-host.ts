// The edge host for benches: the wrangler-bundled Worker in workerd (Miniflare) on 127.0.0.1, in front
// of the local libSQL HTTP server on the bench's database file.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startLibsqlServer } from '@scx/libsql-server';
import { Miniflare } from 'miniflare';
import { bundleWorker } from '../scripts/wrangler.ts';

export async function startEdgeHost(file: string, dir: string, opts: { maxStreams?: number } = {}) {
  const workerScript = bundleWorker(join(dir, 'worker'));
  const server = await startLibsqlServer({ file, maxStreams: opts.maxStreams ?? 64 });
  const mf = new Miniflare({
    modules: [{ type: 'ESModule', path: 'worker.js', contents: readFileSync(workerScript, 'utf8') }],
    compatibilityDate: '2026-04-20',
    bindings: { LIBSQL_URL: server.url, APP_VERSION: 'bench' },
    host: '127.0.0.1',
    port: 0,
  });
  const url = (await mf.ready).toString().replace(/\/$/, '');
  return {
    url,
    async close() {
      await mf.dispose();
      await server.close();
    },
  };
}
