/**
 * A local libSQL server speaking Hrana v2 over HTTP (JSON) on an embedded database file, so the
 * `@libsql/client/web` client used by the Worker runs locally and in tests as it does against sqld/Turso.
 * For local development, tests and benchmarks only.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, resolve } from 'node:path';
import { WriteGate } from './gate.ts';
import { decodePipeline, HranaError, type PipelineResponse, ProtocolError } from './protocol.ts';
import { ConnectionPool, openConnection, Stream, toProtoError } from './stream.ts';

export interface LibsqlServerOptions {
  /** Database file; created (with its directory) if missing and switched to WAL mode. */
  file: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Loopback only: 127.0.0.1 (default), localhost or ::1. */
  host?: string;
  /** Larger pipeline bodies get HTTP 413. Default 8 MiB. */
  maxBodyBytes?: number;
  /** Open streams beyond this get HTTP 503. Default 64. */
  maxStreams?: number;
  /** A stream unused for this long is rolled back and closed. Default 10 s. */
  streamIdleMs?: number;
  /** How long a writer waits for another stream's write transaction. Default streamIdleMs + 5 s. */
  busyTimeoutMs?: number;
  /** If set, requests must carry `Authorization: Bearer <authToken>`. */
  authToken?: string;
  logger?: (msg: string) => void;
}

export interface LibsqlServer {
  /** e.g. http://127.0.0.1:8081 */
  url: string;
  port: number;
  close(): Promise<void>;
  stats(): { streams: number; requests: number };
}

const LOOPBACK = new Map([
  ['127.0.0.1', '127.0.0.1'],
  ['localhost', '127.0.0.1'],
  ['::1', '::1'],
]);
// Past the body limit we keep reading (so the client gets to see the 413) up to this much, then hang up.
const DRAIN_LIMIT_BYTES = 64 * 1024 * 1024;

type Reply = { status: number; body: string; type: string };

function json(status: number, value: unknown): Reply {
  // Exactly `application/json`: the client ignores error bodies with any other content type.
  return { status, body: JSON.stringify(value), type: 'application/json' };
}

function text(status: number, body: string): Reply {
  return { status, body, type: 'text/plain' };
}

function errorReply(status: number, code: string, message: string): Reply {
  return json(status, { message, code });
}

function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = Number(req.headers['content-length'] ?? 0) > limit;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      if (!tooLarge) chunks.push(chunk);
      else if (size > limit + DRAIN_LIMIT_BYTES) req.destroy();
    });
    req.on('end', () => resolveBody(tooLarge ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
    req.on('close', () => {
      if (!req.complete) reject(new HranaError('REQUEST_ABORTED', 'the client aborted the request'));
    });
  });
}

export async function startLibsqlServer(opts: LibsqlServerOptions): Promise<LibsqlServer> {
  const host = LOOPBACK.get(opts.host ?? '127.0.0.1');
  if (host === undefined) {
    throw new Error(`libsql-server listens on loopback only (127.0.0.1, localhost, ::1), not ${opts.host}`);
  }
  const file = resolve(opts.file);
  const maxBodyBytes = opts.maxBodyBytes ?? 8 * 1024 * 1024;
  const maxStreams = opts.maxStreams ?? 64;
  const streamIdleMs = opts.streamIdleMs ?? 10_000;
  const busyTimeoutMs = opts.busyTimeoutMs ?? streamIdleMs + 5_000;
  const log = opts.logger ?? (() => {});
  const expectedAuth = opts.authToken === undefined ? null : Buffer.from(`Bearer ${opts.authToken}`);

  mkdirSync(dirname(file), { recursive: true });
  // Held open for the server's lifetime: sets WAL once, and as long as one connection stays open SQLite
  // does not checkpoint and delete the WAL every time the last stream closes.
  const keeper = openConnection(file);
  const [mode] = (keeper.prepare('PRAGMA journal_mode = WAL').raw(true).get() as unknown[] | undefined) ?? [];
  if (mode !== 'wal') {
    keeper.close();
    throw new Error(`could not switch ${file} to WAL mode (got ${String(mode)})`);
  }

  const gate = new WriteGate();
  const pool = new ConnectionPool(file);
  const streams = new Set<Stream>();
  const batons = new Map<string, Stream>();
  let requests = 0;
  let closing = false;

  const dropStream = (stream: Stream): void => {
    streams.delete(stream);
    stream.close();
  };

  const parkStream = (stream: Stream): string => {
    const baton = randomBytes(18).toString('base64url');
    batons.set(baton, stream);
    stream.idleTimer = setTimeout(() => {
      if (batons.get(baton) !== stream) return;
      batons.delete(baton);
      log(
        `stream expired after ${streamIdleMs} ms idle${stream.holdsWriteLock ? ' (released write lock)' : ''}`,
      );
      dropStream(stream);
    }, streamIdleMs);
    stream.idleTimer.unref();
    return baton;
  };

  const pipeline = async (req: IncomingMessage): Promise<Reply> => {
    const body = await readBody(req, maxBodyBytes);
    if (body === null) {
      return errorReply(413, 'PAYLOAD_TOO_LARGE', `request body exceeds ${maxBodyBytes} bytes`);
    }
    const request = decodePipeline(body);
    let stream: Stream;
    if (request.baton !== null) {
      const found = batons.get(request.baton);
      if (found === undefined) {
        return errorReply(400, 'STREAM_EXPIRED', 'invalid baton: the stream is closed, expired or in use');
      }
      // Taken away while the pipeline runs, so a replayed or concurrent baton is rejected.
      batons.delete(request.baton);
      stream = found;
      if (stream.idleTimer !== null) clearTimeout(stream.idleTimer);
      stream.idleTimer = null;
    } else {
      if (streams.size >= maxStreams) {
        return errorReply(503, 'STREAMS_EXHAUSTED', `too many open streams (limit ${maxStreams})`);
      }
      stream = new Stream(pool, gate, busyTimeoutMs);
      streams.add(stream);
    }
    let response: PipelineResponse;
    try {
      const results = await stream.runPipeline(request.requests);
      response = { baton: null, base_url: null, results };
    } catch (err) {
      dropStream(stream);
      throw err;
    }
    if (stream.closed || closing) dropStream(stream);
    else response.baton = parkStream(stream);
    return json(200, response);
  };

  const route = async (req: IncomingMessage): Promise<Reply> => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname.replace(/(.)\/+$/, '$1');
    if (req.method === 'GET' && (path === '/' || path === '/health')) return text(200, 'ok');
    if (expectedAuth !== null) {
      const got = Buffer.from(req.headers.authorization ?? '');
      if (got.length !== expectedAuth.length || !timingSafeEqual(got, expectedAuth)) {
        return errorReply(401, 'UNAUTHORIZED', 'missing or invalid bearer token');
      }
    }
    // Only v2 exists here: the client's probe of /v3-protobuf gets a 404 and it falls back to v2.
    if (path === '/v2') return req.method === 'GET' ? text(200, '') : text(405, 'method not allowed');
    if (path === '/v2/pipeline') {
      return req.method === 'POST' ? await pipeline(req) : text(405, 'method not allowed');
    }
    return text(404, 'not found');
  };

  const server = createServer((req, res: ServerResponse) => {
    requests++;
    route(req)
      .catch((err: unknown): Reply => {
        if (err instanceof ProtocolError) return errorReply(400, err.code, err.message);
        if (err instanceof HranaError) return errorReply(500, err.code, err.message);
        log(`internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
        return errorReply(500, 'INTERNAL_ERROR', toProtoError(err).message);
      })
      .then((reply) => {
        if (res.headersSent || res.destroyed) return;
        res.writeHead(reply.status, {
          'content-type': reply.type,
          'content-length': Buffer.byteLength(reply.body),
        });
        res.end(reply.body);
      })
      .catch((err: unknown) => log(`failed to send a response: ${String(err)}`));
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolveListen();
    });
  }).catch((err: unknown) => {
    keeper.close();
    throw err;
  });
  const port = (server.address() as AddressInfo).port;
  const url = host === '::1' ? `http://[::1]:${port}` : `http://127.0.0.1:${port}`;
  log(`libsql http server on ${url} (file ${file})`);

  let closed: Promise<void> | null = null;
  return {
    url,
    port,
    stats: () => ({ streams: streams.size, requests }),
    close() {
      closed ??= (async () => {
        closing = true;
        gate.abort(new HranaError('SERVER_SHUTDOWN', 'the server is shutting down'));
        for (const stream of streams) dropStream(stream);
        batons.clear();
        await new Promise<void>((resolveClose) => {
          server.close(() => resolveClose());
          server.closeAllConnections();
        });
        pool.close();
        keeper.close();
      })();
      return closed;
    },
  };
}
