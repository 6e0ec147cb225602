import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Client, type Config, createClient } from '@libsql/client/web';
import { onTestFinished } from 'vitest';
import { type LibsqlServer, type LibsqlServerOptions, startLibsqlServer } from '../src/index.ts';

export interface TestServer {
  server: LibsqlServer;
  dir: string;
  file: string;
  /** An official web client for this server, closed when the test ends. */
  client(config?: Partial<Config>): Client;
}

/** A server on an ephemeral port over a fresh temp file, torn down when the current test finishes. */
export async function startTestServer(opts: Partial<LibsqlServerOptions> = {}): Promise<TestServer> {
  const dir = await mkdtemp(join(tmpdir(), 'libsql-server-test-'));
  const file = join(dir, 'test.db');
  const server = await startLibsqlServer({ port: 0, ...opts, file });
  const clients: Client[] = [];
  onTestFinished(async () => {
    for (const c of clients) c.close();
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });
  return {
    server,
    dir,
    file,
    client(config = {}) {
      const c = createClient({ url: server.url, ...config });
      clients.push(c);
      return c;
    },
  };
}

export interface RawReply {
  status: number;
  contentType: string | null;
  body: unknown;
}

/** POSTs a raw Hrana v2 pipeline body. */
export async function postPipeline(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<RawReply> {
  const res = await fetch(new URL('v2/pipeline', url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const contentType = res.headers.get('content-type');
  const raw = await res.text();
  return {
    status: res.status,
    contentType,
    body: contentType === 'application/json' ? JSON.parse(raw) : raw,
  };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
